"""The report as JSON: the documented contract for scripts (schema: report.schema.json)."""

from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal

from ..formatting import plain
from ..inert import inert_json
from ..report import Report
from .machine import report_fields


def render(report: Report) -> str:
    """The report as JSON text; every number exact, as the log holds it (no float rounding)."""
    # json writes a Decimal only through `default`, as a string: mark it with a token no text
    # of the report can hold, then unquote it, so that 12345678901234567.5 keeps every digit.
    token = secrets.token_hex(8)

    def number(value: object) -> str:
        if not isinstance(value, Decimal):
            raise TypeError(f"{value!r} is not JSON")
        return f"{token}{plain(value)}{token}"

    text = json.dumps(report_fields(report), ensure_ascii=False, indent=2, default=number)
    text = re.sub(f'"{token}(-?[0-9.]+){token}"', r"\1", text)
    return inert_json(text) + "\n"
