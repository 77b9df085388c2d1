"""The fields that JSON and CSV both carry, with numbers still exact."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..report import Report
from ..standing import Standing

Field = str | int | Decimal | None


def indicator_fields(s: Standing) -> dict[str, Field]:
    """One indicator's row: the contract documented in report.schema.json."""
    indicator, record = s.indicator, s.record
    return {
        "code": indicator.code,
        "name": indicator.name_vi,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "target": indicator.target,
        "target_high": indicator.target_high,
        "comparison": indicator.comparison,
        "kind": indicator.kind,
        "actual": s.actual,
        "period": record.period.label if record and record.period else None,
        "basis": record.basis if record else None,
        "status": s.status,
        "computed_status": s.computed_status,
        "override_reason": indicator.override.reason if indicator.override else None,
        "gap": s.gap,
        "gap_percent": s.gap_percent,
        "progress": s.progress,
        "projected": s.projected,
        "pace_so_far": s.pace_so_far,
        "pace_needed": s.pace_needed,
        "record_id": record.id if record else None,
        "recorded_at": record.recorded_at.isoformat() if record else None,
        "source": record.source if record else None,
        "note": record.note if record else None,
        "target_source": indicator.source,
        "previous_year_figure": s.previous.value if s.previous else None,
        "previous_year_period": s.previous.period.label if s.previous and s.previous.period else None,
        "change_from_previous_year": s.change,
        "change_unit": s.change_unit,
        "projection_method": s.projection_method,
        "term_rule": indicator.term_rule,
    }


def term_fields(s: Standing) -> dict[str, Any] | None:
    """What a term plan's annual figures give for one target (JSON only: it holds lists)."""
    term = s.term
    if term is None:
        return None
    return {
        "rule": term.rule,
        "figure": term.value,
        "years_used": list(term.years_used),
        "missing_years": list(term.missing_years),
        "first_reached": term.first_reached,
        "met_early": term.met_early,
        "years_met": None if term.years_met is None else list(term.years_met),
        "total": term.total,
    }


def baseline_fields(s: Standing) -> list[dict[str, Any]]:
    """Each further baseline and the figure's share of it (JSON only)."""
    return [
        {"name": b.name_vi, "name_en": b.name_en, "target": b.target, "progress": progress}
        for b, progress in s.baseline_progress
    ]


def report_fields(report: Report) -> dict[str, Any]:
    plan = report.plan
    summary: dict[str, int] = dict(report.summary.counts)
    summary["met_or_exceeded"] = report.summary.met_or_exceeded
    summary["total"] = report.summary.total
    return {
        "schema_version": 2,
        "plan": {
            "province": plan.province,
            "year": plan.year,
            "title": plan.title,
            "site": plan.site,
            "author": plan.author,
            "url": plan.url,
            "name": plan.name,
            "kind": "term" if plan.is_term else "annual",
            "first_year": plan.first_year,
            "last_year": plan.year,
            "complete": plan.complete,
            "note": plan.note,
            "note_en": plan.note_en,
        },
        "as_of": report.as_of.label if report.as_of else None,
        "summary": summary,
        "indicators": [
            {
                **indicator_fields(s),
                "term": term_fields(s),
                "baseline_name": s.indicator.baseline_vi,
                "baseline_name_en": s.indicator.baseline_en,
                "other_baselines": baseline_fields(s),
            }
            for s in report.standings
        ],
    }
