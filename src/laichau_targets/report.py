"""A report: the plan, every indicator's standing and the headline counts."""

from __future__ import annotations

from dataclasses import dataclass

from .periods import Period
from .plan import Plan
from .records import CurrentFigures
from .standing import Standing, Summary, standings, summarize


@dataclass
class Report:
    """What every output format renders."""

    plan: Plan
    as_of: Period | None
    standings: list[Standing]
    summary: Summary


def build_report(plan: Plan, current: CurrentFigures, as_of: Period | None = None) -> Report:
    """The standing of every indicator from each code's current figure (chosen up to `as_of`)."""
    rows = standings(plan, current)
    return Report(plan=plan, as_of=as_of, standings=rows, summary=summarize(rows))
