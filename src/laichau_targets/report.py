"""A report: the plan, every indicator's standing and the headline counts."""

from __future__ import annotations

from dataclasses import dataclass

from .periods import Period
from .plan import Plan
from .records import Record
from .standing import Standing, Summary, standings, summarize


@dataclass(frozen=True)
class Report:
    """What every output format renders."""

    plan: Plan
    as_of: Period | None
    standings: list[Standing]
    summary: Summary


def build_report(plan: Plan, records: list[Record], as_of: Period | None = None) -> Report:
    """The standing of every indicator, using only records up to `as_of` when given."""
    rows = standings(plan, records, as_of)
    return Report(plan=plan, as_of=as_of, standings=rows, summary=summarize(rows))
