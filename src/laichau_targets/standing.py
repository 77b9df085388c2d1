"""How far each indicator stands from its target: the rules of PRODUCT.md."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from .formatting import rounded
from .pace import Pace, pace_of
from .periods import Period
from .plans import (
    STATUSES,
    Baseline,
    Indicator,
    Override,
    Plan,
    SeriesBreak,
    Settings,
    Status,
    TermRule,
    unit_gone,
)
from .records import CurrentFigures, Figure
from .values import Value

HUNDRED = Decimal(100)
MET_OR_EXCEEDED: tuple[Status, ...] = ("exceeded", "met")
# A term still in progress is no verdict either way, so it fails no gate.
FINE: tuple[Status, ...] = ("exceeded", "met", "on_track", "in_progress")
ProjectionMethod = Literal["seasonal", "straight_line"]
ChangeUnit = Literal["percent", "points"]


class TermFigure(Value):
    """What the annual figures of a term give for one target, by its term rule."""

    def __init__(
        self,
        rule: TermRule,
        value: Decimal | None,
        years_used: tuple[int, ...],
        missing_years: tuple[int, ...],
        figures: tuple[Figure, ...] = (),
        first_reached: int | None = None,
        met_early: int | None = None,
        years_met: tuple[int, ...] | None = None,
        total: Decimal | None = None,
        pace: Pace | None = None,
    ) -> None:
        self.rule = rule
        self.value = value
        self.years_used = years_used
        self.missing_years = missing_years
        self.figures = figures  # the full-year figures used, earliest year first
        self.first_reached = first_reached  # level_by_end: the first year the level was reached
        self.met_early = met_early  # ... when that was before the last year ("về đích sớm")
        self.years_met = years_met  # amount_each_year: the years that met the amount
        self.total = total  # amount_each_year, amount_over_term: the term's total so far
        self.pace = pace  # while the term runs: what the remaining years need (pace.py)


class Standing(Value):
    """An indicator's current figure and how it compares with the target."""

    def __init__(
        self,
        indicator: Indicator,
        record: Figure | None,
        status: Status,
        computed_status: Status,
        gap: Decimal | None = None,
        gap_percent: Decimal | None = None,
        progress: Decimal | None = None,
        projected: Decimal | None = None,
        pace_so_far: Decimal | None = None,
        pace_needed: Decimal | None = None,
        projection_method: ProjectionMethod | None = None,
        previous: Figure | None = None,
        change: Decimal | None = None,
        previous_ratio: Decimal | None = None,
        checkpoints: tuple[Figure, ...] = (),
        previous_checkpoints: tuple[Figure, ...] = (),
        baseline_progress: tuple[tuple[Baseline, Decimal | None], ...] = (),
        term: TermFigure | None = None,
        exceeded_beyond: Decimal | None = None,
        scenario_target: Decimal | None = None,
        series_break: SeriesBreak | None = None,
    ) -> None:
        self.indicator = indicator
        self.record = record
        self.status = status
        self.computed_status = computed_status
        self.gap = gap
        self.gap_percent = gap_percent
        self.progress = progress
        self.projected = projected
        self.pace_so_far = pace_so_far
        self.pace_needed = pace_needed
        self.projection_method = projection_method
        self.previous = previous  # the figure for the same period of the previous year
        self.change = change  # "so với cùng kỳ" as a change: % for quantities, points for levels in %
        self.previous_ratio = previous_ratio  # ... as reviews give it: TH / TH cùng kỳ x 100
        self.checkpoints = checkpoints  # this year's figure at each checkpoint so far
        self.previous_checkpoints = previous_checkpoints  # last year's
        self.baseline_progress = baseline_progress
        self.term = term
        self.exceeded_beyond = exceeded_beyond  # a met figure past its target: where Exceeded would begin
        self.scenario_target = (
            scenario_target  # the checkpoint's growth scenario the figure was judged against
        )
        self.series_break = series_break  # what kept a comparison (or a judgement) from being made

    @property
    def actual(self) -> Decimal | None:
        if self.term is not None:
            return self.term.value
        return self.record.value if self.record else None

    @property
    def change_unit(self) -> ChangeUnit | None:
        if self.change is None:
            return None
        return "points" if in_points(self.indicator) else "percent"

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


class Summary(Value):
    """The headline: how many indicators have each status."""

    def __init__(self, counts: dict[str, int], total: int) -> None:
        self.counts = counts
        self.total = total

    @property
    def met_or_exceeded(self) -> int:
        return sum(self.counts[s] for s in MET_OR_EXCEEDED)


def standing_of(
    plan: Plan,
    indicator: Indicator,
    current: CurrentFigures,
    breaks: tuple[SeriesBreak, ...] = (),
    today: date | None = None,
) -> Standing:
    """One indicator's standing in `plan`, from its code's figures for the plan's year or years;
    `breaks`, the folder's series breaks; `today`, to tell a term that runs from one that ended."""
    breaks = tuple(b for b in breaks if b.applies_to(indicator.code))
    gone = unit_gone(breaks, indicator.code, plan.first_year)
    if gone is not None:  # what it counts in no longer exists
        return Standing(indicator, None, "not_judged", "not_judged", series_break=gone)
    if not indicator.has_target:
        return no_target(plan, indicator, current)
    if plan.is_term:
        return term_standing(plan, indicator, current, breaks, today)
    this_year = figures_of_year(current, indicator.code, plan.year)
    last_year = figures_of_year(current, indicator.code, plan.year - 1)
    record = this_year[-1] if this_year else None
    return judge(indicator, record, plan.settings, tuple(this_year), tuple(last_year), breaks)


def no_target(plan: Plan, indicator: Indicator, current: CurrentFigures) -> Standing:
    """An indicator listed with no target yet: its latest figure of the plan's years, judged by nothing."""
    found = [f for year in plan.years for f in figures_of_year(current, indicator.code, year)]
    return Standing(indicator, found[-1] if found else None, "no_target", "no_target")


def standings(
    plan: Plan, current: CurrentFigures, breaks: tuple[SeriesBreak, ...] = (), today: date | None = None
) -> list[Standing]:
    """Every indicator's standing in plan order, from each code's current figure."""
    return [standing_of(plan, indicator, current, breaks, today) for indicator in plan.indicators]


def summarize(all_standings: Iterable[Standing]) -> Summary:
    counts = {status: 0 for status in STATUSES}
    total = 0
    for standing in all_standings:
        counts[standing.status] += 1
        total += 1
    return Summary(counts=counts, total=total)


def judge(
    indicator: Indicator,
    record: Figure | None,
    settings: Settings,
    checkpoints: tuple[Figure, ...] = (),
    previous_checkpoints: tuple[Figure, ...] = (),
    breaks: tuple[SeriesBreak, ...] = (),
) -> Standing:
    """The standing of one indicator whose current figure is `record`.

    `previous_checkpoints`, last year's figures, give "so với cùng kỳ" and the seasonal projection.
    """
    if record is None or record.value is None or record.period is None:
        status: Status = "no_data"
        return Standing(
            indicator,
            None,
            _overridden(indicator, status),
            status,
            checkpoints=checkpoints,
            previous_checkpoints=previous_checkpoints,
        )
    value, period = record.value, record.period
    scenario = None if period.is_full_year else indicator.scenario_target(period.months)
    if scenario is not None:
        return against_scenario(
            indicator, record, scenario, settings, checkpoints, previous_checkpoints, breaks
        )
    last_year = {r.period: r.value for r in previous_checkpoints if r.period is not None}
    projected = pace_so_far = pace_needed = None
    method: ProjectionMethod | None = None
    if period.is_full_year:
        status = full_year_status(indicator, value, settings)
    elif indicator.kind == "accumulating":
        share = seasonal_share(
            last_year.get(period.a_year_earlier()), last_year.get(Period(period.year - 1, 12))
        )
        method = "straight_line" if share is None else "seasonal"
        projected = value * 12 / period.months if share is None else value / share
        pace_so_far = value / period.months
        if value < indicator.goal:
            pace_needed = (indicator.goal - value) / (12 - period.months)
        status = accumulating_status(indicator, value, projected, settings)
    else:
        status = in_year_status(indicator, value, settings)
    # A rate divided by a rate means nothing: a growth rate is compared in points, never as a share.
    rate = indicator.kind == "growth_rate"
    return _standing(
        indicator,
        value,
        status,
        record=record,
        progress=None if rate else progress_of(indicator, value),
        projected=_round(projected),
        pace_so_far=_round(pace_so_far),
        pace_needed=_round(pace_needed),
        projection_method=method,
        exceeded_beyond=_exceeded_beyond(indicator, value, status, settings, period.is_full_year),
        **_same_period_last_year(indicator, record, checkpoints, previous_checkpoints, breaks),
        baseline_progress=tuple(
            (b, progress_of(indicator.replace(target=b.target, target_high=None), value))
            for b in indicator.other_baselines
            if not rate
        ),
    )


def against_scenario(
    indicator: Indicator,
    record: Figure,
    scenario: Decimal,
    settings: Settings,
    checkpoints: tuple[Figure, ...],
    previous_checkpoints: tuple[Figure, ...],
    breaks: tuple[SeriesBreak, ...] = (),
) -> Standing:
    """A checkpoint's figure judged against the plan's growth scenario for it (so với kịch bản):
    met or exceeded as a full year is, else at risk or off track by the plan's band."""
    assert record.value is not None and record.period is not None
    value = record.value
    comparison = "at_least" if indicator.comparison == "range" else indicator.comparison
    goal = indicator.replace(target=scenario, target_high=None, comparison=comparison)
    status = full_year_status(goal, value, settings)
    if status not in MET_OR_EXCEEDED:
        status = (
            "at_risk" if _shortfall_percent(goal, value, settings) <= settings.at_risk_band else "off_track"
        )
    gap = gap_of(goal, value)
    return Standing(
        indicator,
        record,
        _overridden(indicator, status),
        status,
        gap=gap,
        gap_percent=None if in_points(indicator) else _share(gap, abs(scenario)),
        progress=None if indicator.kind == "growth_rate" else progress_of(goal, value),
        **_same_period_last_year(indicator, record, checkpoints, previous_checkpoints, breaks),
        scenario_target=scenario,
    )


def _same_period_last_year(
    indicator: Indicator,
    record: Figure,
    checkpoints: tuple[Figure, ...],
    previous_checkpoints: tuple[Figure, ...],
    breaks: tuple[SeriesBreak, ...] = (),
) -> dict[str, Any]:
    """So với cùng kỳ: last year's figure for the same period and the change from it, with the
    checkpoints of both years; none across a series break, which is named instead."""
    assert record.value is not None and record.period is not None
    earlier = record.period.a_year_earlier()
    previous = next((r for r in previous_checkpoints if r.period == earlier), None)
    now = (record.period.year, record.period.months)
    split = next((b for b in breaks if b.splits((earlier.year, earlier.months), now)), None)
    change = ratio = None
    if split is None and previous is not None and previous.value is not None:
        change = change_of(indicator, record.value, previous.value)
        ratio = ratio_of(indicator, record.value, previous.value)
    return {
        "previous": previous,
        "change": change,
        "previous_ratio": ratio,
        "checkpoints": checkpoints,
        "previous_checkpoints": previous_checkpoints,
        "series_break": split,
    }


def in_points(indicator: Indicator) -> bool:
    """Rates and shares are compared in percentage points; levels and quantities in %."""
    return indicator.is_percent or indicator.kind == "growth_rate"


def change_of(indicator: Indicator, value: Decimal, previous: Decimal) -> Decimal | None:
    """So với cùng kỳ: the change from the same period of last year, in points for a level in %,
    else in %; none for a rate, which is a comparison with the year before already."""
    if indicator.kind == "growth_rate":
        return None
    if indicator.is_percent:
        return value - previous
    if previous <= 0:
        return None
    return rounded((value / previous - 1) * HUNDRED, 2)


def ratio_of(indicator: Indicator, value: Decimal, previous: Decimal) -> Decimal | None:
    """So với cùng kỳ as review tables give it: TH / TH cùng kỳ x 100 ("bằng 79,8%"); none for a rate."""
    if indicator.kind == "growth_rate" or previous <= 0:
        return None
    return rounded(value / previous * HUNDRED, 2)


def seasonal_share(checkpoint: Decimal | None, full_year: Decimal | None) -> Decimal | None:
    """Last year's share of the full year reached by the same checkpoint, when both are known."""
    if checkpoint is None or full_year is None or checkpoint <= 0 or full_year <= 0 or checkpoint > full_year:
        return None
    return checkpoint / full_year


def term_standing(
    plan: Plan,
    indicator: Indicator,
    current: CurrentFigures,
    breaks: tuple[SeriesBreak, ...] = (),
    today: date | None = None,
) -> Standing:
    """A term target judged from the full-year figures of the term's years (none for a year: missing);
    none across a series break; once the term has ended, none from some of its years only."""
    rule = indicator.term_rule
    assert rule is not None, "a term plan gives every target a term_rule"
    found = [current.get((indicator.code.upper(), Period(year, 12))) for year in plan.years]
    figures = tuple(r for r in found if r is not None and r.value is not None)
    used = tuple(r.period.year for r in figures if r.period is not None)
    missing = tuple(year for year in plan.years if year not in used)
    if not figures:
        term = TermFigure(rule, None, used, missing)
        return Standing(indicator, None, _overridden(indicator, "no_data"), "no_data", term=term)
    values = [r.value for r in figures if r.value is not None]
    settings = plan.settings
    complete = not missing
    term = TermFigure(rule, None, used, missing, figures)
    across = rule != "level_by_end"  # a level is judged by its last year alone
    split = next((b for b in breaks if across and b.splits((used[0], 12), (used[-1], 12))), None)
    if split is not None:
        return Standing(indicator, None, "not_judged", "not_judged", term=term, series_break=split)
    if rule == "average_annual_rate":
        term.value = compounded_rate(values)
    elif rule == "level_by_end":
        term.value = values[-1]
        complete = plan.year in used
        reached = [
            r.period.year
            for r in figures
            if r.value is not None
            and r.period is not None
            and full_year_status(indicator, r.value, settings) in MET_OR_EXCEEDED
        ]
        term.first_reached = reached[0] if reached else None
        term.met_early = reached[0] if reached and reached[0] < plan.year else None
    elif rule == "amount_each_year":
        term.total = sum(values, Decimal(0))
        term.value = rounded(term.total / len(values), 2)
        term.years_met = tuple(
            year
            for year, value in zip(used, values, strict=True)
            if full_year_status(indicator, value, settings) in MET_OR_EXCEEDED
        )
    elif rule == "amount_over_term":
        term.total = term.value = sum(values, Decimal(0))
    else:  # average_reduction
        term.value = rounded(sum(values, Decimal(0)) / len(values), 2)
    ended = today is not None and today.year > plan.year
    if not complete and ended:  # the term is over: some of its years are no term figure
        term.value = term.total = None
        return Standing(indicator, None, _overridden(indicator, "not_judged"), "not_judged", term=term)
    ahead = next((b for b in breaks if across and b.splits((used[-1], 12), (plan.year, 12))), None)
    if not ended and ahead is None:
        term.pace = _paced(plan, indicator, dict(zip(used, values, strict=True)))
    value = term.value
    assert value is not None
    status: Status = full_year_status(indicator, value, settings) if complete else "in_progress"
    progress = None if indicator.kind == "growth_rate" else progress_of(indicator, value)
    beyond = _exceeded_beyond(indicator, value, status, settings, complete)
    return _standing(
        indicator, value, status, record=None, progress=progress, term=term, exceeded_beyond=beyond
    )


def _paced(plan: Plan, indicator: Indicator, figures: dict[int, Decimal]) -> Pace | None:
    """The pace the rest of the term needs, to the hundredth as every figure a report shows."""
    assert indicator.term_rule is not None
    at_most = indicator.comparison == "at_most"
    span = (plan.first_year, plan.year)
    pace = pace_of(indicator.term_rule, span, indicator.goal, indicator.target_high, figures, at_most)
    if pace is None:
        return None
    return pace.replace(
        needed=_round(pace.needed), needed_high=_round(pace.needed_high), as_rate=_round(pace.as_rate)
    )


def _exceeded_beyond(
    indicator: Indicator, value: Decimal, status: Status, settings: Settings, full_year: bool
) -> Decimal | None:
    """For a met figure past its target, yet short of Exceeded: where Exceeded would begin."""
    if status == "met" and full_year and gap_of(indicator, value) < 0:
        return exceed_threshold(indicator, settings)
    return None


def _standing(indicator: Indicator, value: Decimal, status: Status, **more: Any) -> Standing:
    """A standing with a figure: the gap from it, and the verdict as overridden by hand."""
    gap = gap_of(indicator, value)
    return Standing(
        indicator=indicator,
        status=_overridden(indicator, status),
        computed_status=status,
        gap=gap,
        gap_percent=None if indicator.is_percent else _share(gap, abs(indicator.goal)),
        **more,
    )


def compounded_rate(rates: Sequence[Decimal]) -> Decimal:
    """The average annual rate, in %, that compounds to the same growth as the years' rates."""
    growth = Decimal(1)
    for rate in rates:
        growth *= 1 + rate / HUNDRED
    if growth <= 0:
        return Decimal(-100)
    return rounded((growth ** (Decimal(1) / len(rates)) - 1) * HUNDRED, 2)


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
    target = indicator.goal
    if indicator.comparison == "about":
        return target - abs(target) * _fraction(settings.about_tolerance)
    return target


def exceed_threshold(indicator: Indicator, settings: Settings) -> Decimal:
    """The figure beyond which the target counts as exceeded (for at-most: below which)."""
    margin = _fraction(settings.exceed_margin)
    if indicator.comparison == "at_most":
        return indicator.goal - abs(indicator.goal) * margin
    top = indicator.target_high if indicator.comparison == "range" else indicator.goal
    assert top is not None
    return top + abs(top) * margin


def full_year_status(indicator: Indicator, value: Decimal, settings: Settings) -> Status:
    """Vượt / Đạt / Không đạt for a figure that covers the whole year."""
    beyond = exceed_threshold(indicator, settings)
    if indicator.comparison == "at_most":
        if value < beyond:
            return "exceeded"
        return "met" if value <= indicator.goal else _short_of_met(indicator, value, settings)
    if value > beyond:
        return "exceeded"
    if value >= met_threshold(indicator, settings):
        return "met"
    return _short_of_met(indicator, value, settings)


def _short_of_met(indicator: Indicator, value: Decimal, settings: Settings) -> Status:
    """Cơ bản đạt within the plan's band, else không đạt."""
    band = settings.basically_met_band
    if band is not None and _shortfall_percent(indicator, value, settings) <= band:
        return "basically_met"
    return "not_met"


def _shortfall_percent(indicator: Indicator, value: Decimal, settings: Settings) -> Decimal:
    """How far `value` falls short of being met, in % of the target (0 when met)."""
    threshold = met_threshold(indicator, settings)
    short = value - threshold if indicator.comparison == "at_most" else threshold - value
    base = abs(indicator.goal)
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
        if value > indicator.goal:
            return "off_track"
        return in_year_status(indicator, projected, settings)
    early = full_year_status(indicator, value, settings)
    if early in MET_OR_EXCEEDED and value >= indicator.goal:
        return early
    return in_year_status(indicator, projected, settings)


def gap_of(indicator: Indicator, value: Decimal) -> Decimal:
    """How far the figure is from the target, positive while short of it."""
    if indicator.comparison == "at_most":
        return value - indicator.goal
    if indicator.comparison == "range":
        assert indicator.target_high is not None
        if value < indicator.goal:
            return indicator.goal - value
        if value > indicator.target_high:
            return indicator.target_high - value
        return Decimal(0)
    return indicator.goal - value


def progress_of(indicator: Indicator, value: Decimal) -> Decimal | None:
    """The figure as a share of the target in %, inverted for at-most targets."""
    if indicator.goal <= 0:
        return None
    if indicator.comparison == "at_most":
        return _share(indicator.goal, value) if value > 0 else None
    if indicator.comparison == "range":
        assert indicator.target_high is not None
        if indicator.goal <= value <= indicator.target_high:
            return HUNDRED
        base = indicator.goal if value < indicator.goal else indicator.target_high
        return _share(value, base)
    return _share(value, indicator.goal)


def figures_of_year(current: CurrentFigures, code: str, year: int) -> list[Figure]:
    """The code's figure for each checkpoint of `year`, earliest period first."""
    wanted = code.upper()
    return sorted(
        (f for (c, p), f in current.items() if c == wanted and p.year == year), key=lambda f: f.period
    )
