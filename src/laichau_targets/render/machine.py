"""The fields that JSON and CSV both carry, with numbers still exact."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..pace import Pace
from ..periods import Period
from ..plans import Override
from ..plans.fields import COLUMNS
from ..report import Report
from ..standing import Standing

Field = str | int | Decimal | None
SCHEMA_VERSION = 3  # CHANGELOG.md says what each version changed

# A row's columns in order, as CSV has written them since v0.1 (fields are only ever added): the
# plan's, which plans.fields names and shows, among the standing's.
ROW = (
    "code",
    "name",
    "name_en",
    "unit",
    "target",
    "target_high",
    "comparison",
    "kind",
    "actual",
    "period",
    "basis",
    "status",
    "computed_status",
    "override_reason",
    "gap",
    "gap_percent",
    "progress",
    "projected",
    "pace_so_far",
    "pace_needed",
    "record_id",
    "recorded_at",
    "source",
    "note",
    "target_source",
    "previous_year_figure",
    "previous_year_period",
    "change_from_previous_year",
    "change_unit",
    "projection_method",
    "term_rule",
)


def indicator_fields(s: Standing) -> dict[str, Field]:
    """One indicator's row: the contract documented in report.schema.json."""
    row = {**plan_fields(s, json_only=False), **standing_fields(s)}
    return {column: row[column] for column in ROW}


def plan_fields(s: Standing, json_only: bool, year: int = 0) -> dict[str, Any]:
    """The columns of the plan's own fields (plans.fields), those of CSV or those only JSON has."""
    return {
        column: _shown(attr, getattr(s.indicator, attr), s, year)
        for column, attr, only_json in COLUMNS
        if only_json == json_only
    }


def _shown(attr: str, value: object, s: Standing, year: int) -> Any:
    if isinstance(value, Override):
        return value.reason
    if attr == "other_baselines":
        return baseline_fields(s)
    if attr == "scenario":  # by the checkpoint's period, as record --period takes it
        return {Period(year, months).label: target for months, target in s.indicator.scenario}
    return value


def standing_fields(s: Standing) -> dict[str, Field]:
    """What the standing gives the row: the figure and what it makes of the target."""
    record = s.record
    return {
        "actual": s.actual,
        "period": record.period.label if record and record.period else None,
        "basis": record.basis if record else None,
        "status": s.status,
        "computed_status": s.computed_status,
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
        "previous_year_figure": s.previous.value if s.previous else None,
        "previous_year_period": s.previous.period.label if s.previous and s.previous.period else None,
        "change_from_previous_year": s.change,
        "change_unit": s.change_unit,
        "projection_method": s.projection_method,
    }


def json_standing_fields(s: Standing) -> dict[str, Any]:
    """What only JSON gives of a standing (added in schema_version 3)."""
    record = s.record
    return {
        "scenario_target": s.scenario_target,
        "ratio_to_previous_year": s.previous_ratio,
        "series_break": None
        if s.series_break is None
        else {
            "starts": s.series_break.starts.isoformat(),
            "reason": s.series_break.reason,
            "reason_en": s.series_break.reason_en,
            "source": s.series_break.source,
            "unit_gone": s.series_break.unit_gone,
        },
        "reported_on": record.reported_on.isoformat() if record and record.reported_on else None,
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
        "pace": pace_fields(term.pace),
    }


def pace_fields(pace: Pace | None) -> dict[str, Any] | None:
    """What each remaining year of the term needs (pace.py); null once the term is over or when
    the years recorded so far cannot tell."""
    if pace is None:
        return None
    return {
        "first_year": pace.first,
        "last_year": pace.last,
        "reached": pace.reached,
        "per_year": pace.needed,
        "per_year_to_high": pace.needed_high,
        "as_rate": pace.as_rate,
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
        "schema_version": SCHEMA_VERSION,
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
            "status": plan.status,
            "adopted_by": plan.adopted_by,
        },
        "as_of": report.as_of.label if report.as_of else None,
        "summary": summary,
        "indicators": [
            {
                **indicator_fields(s),
                "term": term_fields(s),
                **plan_fields(s, json_only=True, year=plan.year),
                **json_standing_fields(s),
            }
            for s in report.standings
        ],
    }
