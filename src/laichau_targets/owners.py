"""Owners: the department that reports an indicator (`owner = "Sở Y tế"` in the plan)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .errors import UnknownOwnerError
from .plans import Indicator
from .report import Report
from .standing import summarize


def _key(owner: str) -> str:
    """Owners compare as people read them: any case, any Unicode form, outer spaces ignored."""
    return unicodedata.normalize("NFC", owner).strip().casefold()


def owners_of(indicators: Iterable[Indicator]) -> list[str]:
    """Every owner named, once each, in plan order."""
    seen: dict[str, str] = {}
    for indicator in indicators:
        if indicator.owner:
            seen.setdefault(_key(indicator.owner), indicator.owner)
    return list(seen.values())


def owned_by(indicators: Iterable[Indicator], owner: str) -> list[Indicator]:
    """The indicators `owner` reports; an owner the plan does not name is an error that lists those it does."""
    every = list(indicators)
    wanted = _key(owner)
    chosen = [i for i in every if i.owner and _key(i.owner) == wanted]
    if chosen:
        return chosen
    known = owners_of(every)
    if not known:
        raise UnknownOwnerError("error.no_owners", owner=owner)
    raise UnknownOwnerError("error.unknown_owner", owner=owner, known="; ".join(known))


def for_owner(report: Report, owner: str) -> Report:
    """The report narrowed to the indicators `owner` reports, its headline counted again."""
    codes = {i.code for i in owned_by((s.indicator for s in report.standings), owner)}
    rows = [s for s in report.standings if s.indicator.code in codes]
    return report.replace(standings=rows, summary=summarize(rows))
