"""Numbers, targets, gaps and statuses as a person reads them, in either language."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ..messages import Texts
from ..numbers import human
from ..plan import Indicator
from ..records import Figure
from ..standing import HUNDRED, Standing

if TYPE_CHECKING:
    from ..report import Report

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAK = re.compile(r"\s*[\r\n\t]+\s*")


def inert(text: str) -> str:
    """Text from a data file, on one line, with control characters shown as escapes."""
    text = _LINE_BREAK.sub(" ", text)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def name(indicator: Indicator, texts: Texts) -> str:
    return inert(indicator.name_vi if texts.lang == "vi" else indicator.name_en)


def unit(indicator: Indicator, texts: Texts) -> str:
    if texts.lang == "en" and indicator.unit_en:
        return inert(indicator.unit_en)
    return inert(indicator.unit)


def number(value: Decimal, texts: Texts, places: int | None = 2) -> str:
    return human(value, texts.lang, places)


def percent(value: Decimal, texts: Texts, places: int | None = 2) -> str:
    """`8.7%` in English, `8,7 %` in Vietnamese."""
    return number(value, texts, places) + (" %" if texts.lang == "vi" else "%")


def quantity(value: Decimal, indicator: Indicator, texts: Texts, places: int | None = 2) -> str:
    """A value with its unit: `8,7 %`, `2.236 tỷ đồng`."""
    if indicator.is_percent:
        return percent(value, texts, places)
    return f"{number(value, texts, places)} {unit(indicator, texts)}".rstrip()


_SIGNS = {"at_least": "≥", "at_most": "≤", "about": "≈"}


def target(indicator: Indicator, texts: Texts, compact: bool = False, with_unit: bool = True) -> str:
    """The target with its qualifier: `about 9%` (compact: `≈ 9%`), `6.5–7%`."""

    def value(v: Decimal) -> str:
        return quantity(v, indicator, texts) if with_unit or indicator.is_percent else number(v, texts)

    if indicator.comparison == "range":
        assert indicator.target_high is not None
        return f"{number(indicator.target, texts)}–{value(indicator.target_high)}"
    if compact:
        qualifier = _SIGNS[indicator.comparison]
    else:
        qualifier = texts(f"comparison.{indicator.comparison}")
    return f"{qualifier} {value(indicator.target)}"


def period_of(record: Figure, texts: Texts, short: bool = True) -> str:
    key = f"basis.{record.basis}" + (".short" if short else "")
    return f"{record.period.label} {texts(key)}"


def latest(standing: Standing, texts: Texts) -> str:
    if standing.record is None or standing.actual is None:
        return "–"
    return f"{quantity(standing.actual, standing.indicator, texts)} ({period_of(standing.record, texts)})"


def progress(standing: Standing, texts: Texts) -> str:
    if standing.progress is None:
        return "–"
    return percent(standing.progress, texts, 1)


def gap(standing: Standing, texts: Texts) -> str:
    """The gap as the reports phrase it: points for rates, share of plan for quantities."""
    if standing.gap is None:
        return "–"
    indicator = standing.indicator
    if indicator.is_percent:
        if standing.gap == 0:
            return texts("gap.on_target")
        key = "gap.points_below" if standing.gap > 0 else "gap.points_above"
        if indicator.comparison == "at_most":
            key = "gap.points_above" if standing.gap > 0 else "gap.points_below"
        return texts(key, gap=number(abs(standing.gap), texts))
    if standing.progress is None:
        return number(standing.gap, texts)
    if standing.progress > HUNDRED:
        return texts("gap.beyond_plan", excess=percent(standing.progress - HUNDRED, texts, 1))
    return texts("gap.share_of_plan", progress=percent(standing.progress, texts, 1))


def gap_short(standing: Standing, texts: Texts) -> str:
    """The gap as a bare number: points for rates, the unit for quantities."""
    if standing.gap is None:
        return "–"
    if standing.indicator.is_percent:
        return texts("gap.points_short", gap=number(standing.gap, texts))
    return number(standing.gap, texts)


def status(standing: Standing, texts: Texts) -> str:
    label = texts.status(standing.status)
    return label + " *" if standing.overridden else label


def headline(report: Report, texts: Texts) -> str:
    """ "9/17 indicators met or exceeded; 2 at risk; ..." with only the counts that are not zero."""
    counts = report.summary.counts
    parts = [texts("headline.met", met=report.summary.met_or_exceeded, total=report.summary.total)]
    for key in ("on_track", "at_risk", "off_track", "not_met", "no_data"):
        if counts[key]:
            parts.append(texts(f"headline.{key}", n=counts[key]))
    return "; ".join(parts)


def overrides(report: Report, texts: Texts) -> list[str]:
    """One line per verdict set by hand."""
    return [
        f"{inert(s.indicator.code)} *: {texts('report.override', reason=inert(s.override.reason))}"
        for s in report.standings
        if s.override is not None
    ]
