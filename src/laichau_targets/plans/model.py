"""What a plan says: its indicators, each with the plan's target for it, and every plan of a folder.

Hand-written `Value` classes, not dataclasses (values.py says why). Which keys an indicator
table holds is fields.py's to say; how a plan file is read and checked, reader.py's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal, get_args

from ..errors import NoTargetError, UnknownIndicatorError, UnknownPlanError
from ..values import Value

Comparison = Literal["at_least", "at_most", "about", "range"]
Kind = Literal["level", "growth_rate", "accumulating"]
Status = Literal[
    "exceeded",
    "met",
    "basically_met",
    "not_met",
    "on_track",
    "at_risk",
    "off_track",
    "no_data",
    "in_progress",
    "no_target",
    "not_judged",
]
TermRule = Literal[
    "average_annual_rate", "level_by_end", "amount_each_year", "average_reduction", "amount_over_term"
]
PlanStatus = Literal["draft", "adopted"]  # dự kiến, or adopted by a resolution
COMPARISONS: tuple[str, ...] = get_args(Comparison)
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)
TERM_RULES: tuple[str, ...] = get_args(TermRule)
PLAN_STATUSES: tuple[str, ...] = get_args(PlanStatus)
MEASURES = ("plan", "budget_estimate")  # what a target is measured against
GROUPS = ("economic", "social", "environment")  # the annex's groups, in its order (I, II, III)
# Units that count whole people or things: their paces and projections are whole numbers.
COUNT_UNITS = (
    "lao động",
    "người",
    "xã",
    "hộ",
    "trường",
    "học sinh",
    "doanh nghiệp",
    "dự án",
    "thôn",
    "bản",
    "lượt",
)


class Settings(Value):
    """Thresholds of the standing rules, each in % of the target."""

    def __init__(
        self,
        exceed_margin: Decimal = Decimal("1"),
        about_tolerance: Decimal = Decimal("1"),
        at_risk_band: Decimal = Decimal("5"),
        basically_met_band: Decimal | None = None,
    ) -> None:
        self.exceed_margin = exceed_margin
        self.about_tolerance = about_tolerance
        self.at_risk_band = at_risk_band
        # Cơ bản đạt: a full-year figure short of the target by no more than this share of it (for
        # a rate, of the target in points); a plan that states none has no such verdict.
        self.basically_met_band = basically_met_band


class Override(Value):
    """A verdict a person set by hand, with the reason they gave."""

    def __init__(self, status: Status, reason: str) -> None:
        self.status = status
        self.reason = reason


class Baseline(Value):
    """A further value the figure is measured against, like the central government's budget estimate."""

    def __init__(self, name_vi: str, name_en: str, target: Decimal, source: str | None = None) -> None:
        self.name_vi = name_vi
        self.name_en = name_en
        self.target = target
        self.source = source


class SeriesBreak(Value):
    """Where a series changes meaning (a new poverty standard, communes merged): figures on either
    side of it are not compared, year on year or over a term. `unit_gone`: what the indicator
    counts in no longer exists after it ("in poor districts"), so plans after it cannot judge it."""

    def __init__(
        self,
        codes: tuple[str, ...],
        year: int,
        month: int,
        day: int,
        reason: str,
        reason_en: str | None = None,
        source: str | None = None,
        unit_gone: bool = False,
    ) -> None:
        self.codes = codes
        self.year = year  # the first day of the new series (a date: marshal stores no date)
        self.month = month
        self.day = day
        self.reason = reason
        self.reason_en = reason_en
        self.source = source
        self.unit_gone = unit_gone

    @property
    def starts(self) -> date:
        return date(self.year, self.month, self.day)

    def splits(self, earlier: tuple[int, int], later: tuple[int, int]) -> bool:
        """Whether the break lies between two periods, each (year, months to date): the earlier one
        ends before it and the later one after it starts."""
        return _ends_before(earlier, self.starts) and not _ends_before(later, self.starts)

    def applies_to(self, code: str) -> bool:
        return code.upper() in (c.upper() for c in self.codes)


def unit_gone(breaks: Iterable[SeriesBreak], code: str, first_year: int) -> SeriesBreak | None:
    """The break after which `code` counts in a unit that no longer exists ("in poor districts"),
    for a plan whose years start in `first_year`: such a plan can neither judge nor set it."""
    starts = date(first_year, 1, 1)
    return next((b for b in breaks if b.unit_gone and b.starts <= starts and b.applies_to(code)), None)


def _ends_before(period: tuple[int, int], day: date) -> bool:
    """Whether a period of `months` months of `year` ends before `day`."""
    year, months = period
    return (year, months) < (day.year, day.month)


class Indicator(Value):
    """An indicator with one plan's target for it."""

    def __init__(
        self,
        code: str,
        name_vi: str,
        name_en: str,
        unit: str,
        target: Decimal | None,
        comparison: Comparison,
        kind: Kind,
        source: str,
        target_high: Decimal | None = None,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        override: Override | None = None,
        note: str | None = None,
        note_en: str | None = None,
        unit_en: str | None = None,
        term_rule: TermRule | None = None,
        baseline_vi: str | None = None,
        baseline_en: str | None = None,
        other_baselines: tuple[Baseline, ...] = (),
        display_vi: str | None = None,
        measured_against: str = "plan",
        owner: str | None = None,
        proposal: Decimal | None = None,
        scenario: tuple[tuple[int, Decimal], ...] = (),
        group: str | None = None,
    ) -> None:
        self.code = code
        self.name_vi = name_vi
        self.name_en = name_en
        self.unit = unit
        self.target = target
        self.comparison = comparison
        self.kind = kind
        self.source = source
        self.target_high = target_high
        self.minimum = minimum
        self.maximum = maximum
        self.override = override
        self.note = note  # note_en in English output, when the plan gives one
        self.note_en = note_en
        self.unit_en = unit_en
        self.term_rule = term_rule
        self.baseline_vi = baseline_vi
        self.baseline_en = baseline_en
        self.other_baselines = other_baselines
        self.display_vi = (
            display_vi  # the name in Vietnamese output, when the source's wording reads oddly there
        )
        self.measured_against = measured_against  # what "đạt 105,8% …" names: the plan (kế hoạch) or the budget estimate (dự toán)
        self.owner = owner  # the department that reports it, e.g. "Sở Y tế"
        self.proposal = proposal  # a draft's proposed target (the pace a term needs): no target yet
        self.scenario = scenario  # (months into the year, target) of each checkpoint's growth scenario
        self.group = group  # the annex's group of rows (GROUPS): chỉ tiêu kinh tế, xã hội, môi trường

    @property
    def has_target(self) -> bool:
        return self.target is not None

    @property
    def goal(self) -> Decimal:
        """The target, asked only of an indicator that has one (the standing rules, the gap)."""
        if self.target is None:
            raise NoTargetError("error.no_target_yet", code=self.code)
        return self.target

    def scenario_target(self, months: int) -> Decimal | None:
        """The scenario's target for the checkpoint `months` into the year (kịch bản tăng trưởng)."""
        return next((value for at, value in self.scenario if at == months), None)

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == "%"

    @property
    def counts_whole(self) -> bool:
        """Whether the unit counts people or things (workers, communes), never fractions of them."""
        unit = self.unit.strip().lower()
        return "/" not in unit and any(unit == u or unit.startswith(u + " ") for u in COUNT_UNITS)


class Plan(Value):
    """A province's plan for one year, or for a term of years (then `year` is its last year)."""

    def __init__(
        self,
        province: str,
        year: int,
        title: str,
        site: str | None,
        author: str | None,
        indicators: tuple[Indicator, ...],
        settings: Settings | None = None,
        url: str | None = None,
        path: Path | None = None,
        name: str = "",
        first_year: int = 0,
        complete: bool = True,
        note: str | None = None,
        note_en: str | None = None,
        status: PlanStatus = "adopted",
        adopted_by: str | None = None,
    ) -> None:
        self.province = province
        self.year = year
        self.title = title
        self.site = site
        self.author = author
        self.indicators = indicators
        self.settings = Settings() if settings is None else settings
        self.url = url
        self.path = path
        self.name = name
        self.first_year = first_year
        self.complete = complete
        self.note = note  # on the plan's source or completeness; note_en in English output
        self.note_en = note_en
        self.status = status  # a plan that says nothing of it is adopted
        self.adopted_by = adopted_by  # the resolution that adopted it ("Nghị quyết số …/NQ-HĐND")
        self.__post_init__()

    def __post_init__(self) -> None:
        if not self.first_year:
            self.first_year = self.year
        if not self.name:
            self.name = str(self.year) if self.first_year == self.year else f"{self.first_year}-{self.year}"

    @property
    def is_term(self) -> bool:
        return self.first_year < self.year

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def years(self) -> range:
        return range(self.first_year, self.year + 1)

    def indicator(self, code: str) -> Indicator:
        """The indicator with `code`, case-insensitive; suggests a near code when unknown."""
        return _find(self.indicators, code, self.codes)

    @property
    def codes(self) -> list[str]:
        return [indicator.code for indicator in self.indicators]


class Plans(Value):
    """Every plan of a data folder, and which one is the folder's own choice."""

    def __init__(
        self, plans: tuple[Plan, ...], current: str | None, path: Path, breaks: tuple[SeriesBreak, ...] = ()
    ) -> None:
        self.plans = plans
        self.current = current
        self.path = path
        self.breaks = breaks  # the folder's series breaks, whichever file declares them

    def named(self, name: str) -> Plan:
        """The plan called `name` (2025, 2021-2025; an en dash counts as a hyphen)."""
        wanted = plan_key(name)
        for plan in self.plans:
            if plan_key(plan.name) == wanted:
                return plan
        raise UnknownPlanError("error.unknown_plan", name=name, names=", ".join(self.names))

    @property
    def names(self) -> list[str]:
        return [plan.name for plan in self.plans]

    @property
    def files(self) -> list[Path]:
        """The entry point and every plan file these plans were read from."""
        return [self.path, *(plan.path for plan in self.plans if plan.path is not None)]

    def choose(self, name: str | None = None, today: date | None = None) -> Plan:
        """`name`, else the plan the folder pins, else this year's annual plan, else the latest annual
        one before this year, else the earliest after it."""
        if name:
            return self.named(name)
        if self.current:
            return self.named(self.current)
        this_year = (today or date.today()).year
        annual = sorted((plan for plan in self.plans if not plan.is_term), key=lambda plan: plan.year)
        before = [plan for plan in annual if plan.year <= this_year]
        if before:
            return before[-1]
        return annual[0] if annual else max(self.plans, key=lambda plan: (plan.year, -plan.first_year))

    def annual(self, year: int) -> Plan | None:
        """The annual plan of `year`, if the folder has one."""
        return next((p for p in self.plans if not p.is_term and p.year == year), None)

    def indicator(self, code: str) -> Indicator:
        """The indicator with `code` in any plan of the folder, as the first plan that has it gives it."""
        return _find((i for plan in self.plans for i in plan.indicators), code, self.codes)

    def index(self) -> dict[str, Indicator]:
        """Every indicator of the folder by its code in capitals, as `indicator` finds it: to look up
        many codes, each in constant time (`indicator` searches the plans for one)."""
        found: dict[str, Indicator] = {}
        for plan in self.plans:
            for indicator in plan.indicators:
                found.setdefault(indicator.code.upper(), indicator)
        return found

    @property
    def codes(self) -> list[str]:
        seen: dict[str, str] = {}
        for plan in self.plans:
            for indicator in plan.indicators:
                seen.setdefault(indicator.code.upper(), indicator.code)
        return list(seen.values())


# What a cache of the plans may hold (cache.py).
CACHED_CLASSES = (Settings, Override, Baseline, SeriesBreak, Indicator, Plan, Plans)


def plan_key(name: str) -> str:
    """A plan's name as --plan matches it: any case, an en dash as a hyphen."""
    return name.strip().replace("\u2013", "-").casefold()


def _find(indicators: Iterable[Indicator], code: str, codes: list[str]) -> Indicator:
    wanted = code.strip().upper()
    for indicator in indicators:
        if indicator.code.upper() == wanted:
            return indicator
    raise _unknown_code(code, codes)


def _unknown_code(code: str, codes: list[str]) -> UnknownIndicatorError:
    import difflib  # deferred: start-up (only an unknown code needs it)

    upper = {c.upper(): c for c in codes}
    near = difflib.get_close_matches(code.strip().upper(), list(upper), n=1, cutoff=0.5)
    if near:
        return UnknownIndicatorError("error.unknown_code_suggest", code=code, suggestion=upper[near[0]])
    return UnknownIndicatorError("error.unknown_code", code=code)
