"""How far each indicator stands from its target: the rules of PRODUCT.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .formatting import rounded
from .periods import Period
from .plan import STATUSES, Indicator, Override, Plan, Settings, Status
from .records import CurrentFigures, Figure

HUNDRED = Decimal(100)
MET_OR_EXCEEDED: tuple[Status, ...] = ("exceeded", "met")
FINE: tuple[Status, ...] = ("exceeded", "met", "on_track")


@dataclass
class Standing:
    """An indicator's current figure and how it compares with the target."""

    indicator: Indicator
    record: Figure | None
    status: Status
    computed_status: Status
    gap: Decimal | None = None
    gap_percent: Decimal | None = None
    progress: Decimal | None = None
    projected: Decimal | None = None
    pace_so_far: Decimal | None = None
    pace_needed: Decimal | None = None
    exceeded_beyond: Decimal | None = None  # a met figure past its target: where Exceeded would begin

    @property
    def actual(self) -> Decimal | None:
        return self.record.value if self.record else None

    @property
    def difference(self) -> Decimal | None:
        """Figure − target (TH − KH), as review tables sign it: positive above the target."""
        if self.gap is None:
            return None
        return self.gap if self.indicator.comparison == "at_most" else -self.gap

    @property
    def period(self) -> Period | None:
        return self.record.period if self.record else None

    @property
    def override(self) -> Override | None:
        return self.indicator.override

    @property
    def overridden(self) -> bool:
        return self.indicator.override is not None


@dataclass
class Summary:
    """The headline: how many indicators have each status."""

    counts: dict[str, int]
    total: int

    @property
    def met_or_exceeded(self) -> int:
        return sum(self.counts[s] for s in MET_OR_EXCEEDED)


def standing_of(plan: Plan, indicator: Indicator, current: CurrentFigures) -> Standing:
    """One indicator's standing, from its code's current figure for the plan year."""
    return judge(indicator, current.get((indicator.code.upper(), plan.year)), plan.settings)


def standings(plan: Plan, current: CurrentFigures) -> list[Standing]:
    """Every indicator's standing in plan order, from each code's current figure."""
    return [standing_of(plan, indicator, current) for indicator in plan.indicators]


def summarize(all_standings: Iterable[Standing]) -> Summary:
    counts = {status: 0 for status in STATUSES}
    total = 0
    for standing in all_standings:
        counts[standing.status] += 1
        total += 1
    return Summary(counts=counts, total=total)


def judge(indicator: Indicator, record: Figure | None, settings: Settings) -> Standing:
    """The standing of one indicator whose current figure is `record`."""
    if record is None:
        status: Status = "no_data"
        return Standing(indicator, None, _overridden(indicator, status), status)
    value, period = record.value, record.period
    projected = pace_so_far = pace_needed = None
    if period.is_full_year:
        status = full_year_status(indicator, value, settings)
    elif indicator.kind == "accumulating":
        projected = value * 12 / period.months
        pace_so_far = value / period.months
        if value < indicator.target:
            pace_needed = (indicator.target - value) / (12 - period.months)
        status = accumulating_status(indicator, value, projected, settings)
    else:
        status = in_year_status(indicator, value, settings)
    gap = gap_of(indicator, value)
    exceeded_beyond = None
    if status == "met" and period.is_full_year and gap < 0:  # past the target, yet short of Exceeded
        exceeded_beyond = exceed_threshold(indicator, settings)
    return Standing(
        indicator=indicator,
        record=record,
        status=_overridden(indicator, status),
        computed_status=status,
        gap=gap,
        gap_percent=None if indicator.is_percent else _share(gap, abs(indicator.target)),
        progress=progress_of(indicator, value),
        projected=_round(projected),
        pace_so_far=_round(pace_so_far),
        pace_needed=_round(pace_needed),
        exceeded_beyond=exceeded_beyond,
    )


def _overridden(indicator: Indicator, status: Status) -> Status:
    return indicator.override.status if indicator.override else status


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else rounded(value, 2)


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return rounded(part / whole * HUNDRED, 2)


def _fraction(setting: Decimal) -> Decimal:
    return setting / HUNDRED


def met_threshold(indicator: Indicator, settings: Settings) -> Decimal:
    """The figure from which the target counts as met (for at-most: up to which)."""
    target = indicator.target
    if indicator.comparison == "about":
        return target - abs(target) * _fraction(settings.about_tolerance)
    return target


def exceed_threshold(indicator: Indicator, settings: Settings) -> Decimal:
    """The figure beyond which the target counts as exceeded (for at-most: below which)."""
    margin = _fraction(settings.exceed_margin)
    if indicator.comparison == "at_most":
        return indicator.target - abs(indicator.target) * margin
    top = indicator.target_high if indicator.comparison == "range" else indicator.target
    assert top is not None
    return top + abs(top) * margin


def full_year_status(indicator: Indicator, value: Decimal, settings: Settings) -> Status:
    """Vượt / Đạt / Không đạt for a figure that covers the whole year."""
    beyond = exceed_threshold(indicator, settings)
    if indicator.comparison == "at_most":
        if value < beyond:
            return "exceeded"
        return "met" if value <= indicator.target else "not_met"
    if value > beyond:
        return "exceeded"
    return "met" if value >= met_threshold(indicator, settings) else "not_met"


def _shortfall_percent(indicator: Indicator, value: Decimal, settings: Settings) -> Decimal:
    """How far `value` falls short of being met, in % of the target (0 when met)."""
    threshold = met_threshold(indicator, settings)
    short = value - threshold if indicator.comparison == "at_most" else threshold - value
    base = abs(indicator.target)
    if short <= 0:
        return Decimal(0)
    if base == 0:
        return Decimal("Infinity")
    return short / base * HUNDRED


def in_year_status(indicator: Indicator, value: Decimal, settings: Settings) -> Status:
    """On track, at risk or off track for a figure judged as it stands."""
    if full_year_status(indicator, value, settings) in MET_OR_EXCEEDED:
        return "on_track"
    if _shortfall_percent(indicator, value, settings) <= settings.at_risk_band:
        return "at_risk"
    return "off_track"


def accumulating_status(
    indicator: Indicator, value: Decimal, projected: Decimal, settings: Settings
) -> Status:
    """A year-to-date quantity: met early once reached, else judged by its pace."""
    if indicator.comparison == "at_most":
        if value > indicator.target:
            return "off_track"
        return in_year_status(indicator, projected, settings)
    early = full_year_status(indicator, value, settings)
    if early in MET_OR_EXCEEDED and value >= indicator.target:
        return early
    return in_year_status(indicator, projected, settings)


def gap_of(indicator: Indicator, value: Decimal) -> Decimal:
    """How far the figure is from the target, positive while short of it."""
    if indicator.comparison == "at_most":
        return value - indicator.target
    if indicator.comparison == "range":
        assert indicator.target_high is not None
        if value < indicator.target:
            return indicator.target - value
        if value > indicator.target_high:
            return indicator.target_high - value
        return Decimal(0)
    return indicator.target - value


def progress_of(indicator: Indicator, value: Decimal) -> Decimal | None:
    """The figure as a share of the target in %, inverted for at-most targets."""
    if indicator.target <= 0:
        return None
    if indicator.comparison == "at_most":
        return _share(indicator.target, value) if value > 0 else None
    if indicator.comparison == "range":
        assert indicator.target_high is not None
        if indicator.target <= value <= indicator.target_high:
            return HUNDRED
        base = indicator.target if value < indicator.target else indicator.target_high
        return _share(value, base)
    return _share(value, indicator.target)
