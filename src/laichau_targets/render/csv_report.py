"""The report as CSV: one row per indicator, plain numbers, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from ..formatting import plain
from ..inert import inert
from ..report import Report
from .machine import indicator_fields

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """Numbers as `8.7`; text on one line, and never a formula."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, int):
        return str(value)
    text = inert(str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def render(report: Report) -> str:
    # Each row names its plan: a CSV has no header of its own to say which plan it shows.
    rows = [{**indicator_fields(s), "plan": report.plan.name} for s in report.standings]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(rows[0]) if rows else [])
    for row in rows:
        writer.writerow([cell(v) for v in row.values()])
    # The byte-order mark makes spreadsheets read the file as UTF-8, keeping Vietnamese intact.
    return "\ufeff" + out.getvalue()
