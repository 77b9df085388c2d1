"""The report as JSON: the documented contract for scripts (schema: report.schema.json)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from ..report import Report
from .machine import report_fields

_C1 = re.compile(r"[\x7f-\x9f]")


def json_number(value: object) -> int | float:
    """A Decimal as a JSON number without float noise: 0.3 stays 0.3."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{value!r} is not JSON")
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def render(report: Report) -> str:
    text = json.dumps(report_fields(report), ensure_ascii=False, indent=2, default=json_number)
    # json escapes C0 controls but not DEL and C1, which some terminals obey when the file is shown.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
