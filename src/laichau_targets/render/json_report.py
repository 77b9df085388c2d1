"""The report as JSON: the documented contract for scripts (schema: report.schema.json)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..report import Report
from ..standing import Standing

SCHEMA_VERSION = 1


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number without float noise: 0.3 stays 0.3."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def indicator_data(s: Standing) -> dict[str, Any]:
    indicator, record = s.indicator, s.record
    return {
        "code": indicator.code,
        "name": indicator.name_vi,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "target": json_number(indicator.target),
        "target_high": json_number(indicator.target_high),
        "comparison": indicator.comparison,
        "kind": indicator.kind,
        "actual": json_number(s.actual),
        "period": record.period.label if record and record.period else None,
        "basis": record.basis if record else None,
        "status": s.status,
        "computed_status": s.computed_status,
        "override_reason": indicator.override.reason if indicator.override else None,
        "gap": json_number(s.gap),
        "gap_percent": json_number(s.gap_percent),
        "progress": json_number(s.progress),
        "projected": json_number(s.projected),
        "pace_so_far": json_number(s.pace_so_far),
        "pace_needed": json_number(s.pace_needed),
        "record_id": record.id if record else None,
        "recorded_at": record.recorded_at.isoformat() if record else None,
        "source": record.source if record else None,
        "note": record.note if record else None,
        "target_source": indicator.source,
    }


def report_data(report: Report) -> dict[str, Any]:
    plan = report.plan
    summary = dict(report.summary.counts)
    summary["met_or_exceeded"] = report.summary.met_or_exceeded
    summary["total"] = report.summary.total
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {
            "province": plan.province,
            "year": plan.year,
            "title": plan.title,
            "site": plan.site,
            "author": plan.author,
            "url": plan.url,
        },
        "as_of": report.as_of.label if report.as_of else None,
        "summary": summary,
        "indicators": [indicator_data(s) for s in report.standings],
    }


def render(report: Report) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
