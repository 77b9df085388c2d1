"""What the commands do, as plain calls: record, undo, history, report, check, list, template.

`paths` and `validate`, which must work when no plan loads, are plain functions of inspection.py."""

from __future__ import annotations

import math
import os
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from .datafolder import DataFolder
from .errors import PlanEditError, SheetError, ValueRuleError
from .formatting import Locale
from .log import RecordLog
from .logindex import Entry
from .messages import Lang, Message
from .numbers import checked_figure, parse_number
from .periods import Period, default_period, parse_period
from .plans import Indicator, Plan, load_plans, unit_gone
from .records import Basis, CurrentFigures, Figure, Record, Retraction
from .standing import FINE, Standing, standing_of
from .values import Value

if TYPE_CHECKING:
    from pathlib import Path

    from .plans.editing import Edited, Target
    from .report import Heading, Report
    from .sheets import Hidden, Progress


class Recorded(Value):
    """The outcome of `record`: the new record, the standing it gives, and what to tell.

    `standing` is None when no annual plan of the folder judges the figure's year and code:
    the figure is kept all the same, for "so với cùng kỳ" and term reviews. `outranked_by`
    holds the figures that count over the new one for its code and period, highest first.
    """

    def __init__(
        self,
        record: Figure,
        standing: Standing | None,
        period_defaulted: bool,
        likely_intended: Decimal | None,
        indicator: Indicator,
        outranked_by: list[Figure],
        shorts: dict[str, str],
        repeats: Figure | None = None,
    ) -> None:
        self.record = record
        self.standing = standing
        self.period_defaulted = period_defaulted
        self.likely_intended = likely_intended
        self.indicator = indicator
        self.outranked_by = outranked_by
        self.shorts = shorts  # the display id of each record named
        self.repeats = repeats  # the figure that counted before and said the same


class Undone(Value):
    """The outcome of `undo`."""

    def __init__(
        self, retraction: Retraction, retracted: Figure, standing: Standing | None, shorts: dict[str, str]
    ) -> None:
        self.retraction = retraction
        self.retracted = retracted
        self.standing = standing
        self.shorts = shorts


class Imported(Value):
    """The outcome of `import`: the figures read, and as recorded (none on a dry run)."""

    def __init__(
        self,
        figures: list[Figure],
        records: list[Figure],
        sheets: list[str],
        outranked: dict[str, list[Figure]] | None = None,
        shorts: dict[str, str] | None = None,
        hidden: Hidden | None = None,
    ) -> None:
        self.figures = figures
        self.records = records
        self.sheets = sheets
        self.hidden = hidden  # hidden sheets and rows that hold figures, left out or read
        self.outranked = outranked or {}  # for a figure recorded that does not count: those that do
        self.shorts = shorts or {}


class History(Value):
    """The records `history` lists, with the display id of each record they name."""

    def __init__(
        self, entries: list[Entry], shorts: dict[str, str], indicators: dict[str, Indicator] | None = None
    ) -> None:
        self.entries = entries
        self.shorts = shorts
        self.indicators = indicators or {}  # by code in capitals: the unit each figure is in


class ForTemplate(Value):
    """What a template is made of: the plan, the indicators a department reports, and the
    period its Period column is filled with (None: left empty)."""

    def __init__(self, plan: Plan, indicators: list[Indicator], period: Period | None) -> None:
        self.plan = plan
        self.indicators = indicators
        self.period = period


def current_user() -> str:
    """The login name, as getpass.getuser() finds it, without importing getpass (and termios)."""
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if os.environ.get(name):
            # bytes that are not UTF-8 could not be stored: they become U+FFFD
            return os.environ[name].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    import pwd  # deferred: start-up (the environment usually names the user)

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return str(os.getuid())


def now() -> datetime:
    return datetime.now(UTC).astimezone()


def _nfc(text: str | None) -> str | None:
    """Text typed on any system (macOS types decomposed) stored in one form."""
    return None if text is None else unicodedata.normalize("NFC", text)


def check_value(indicator: Indicator, value: Decimal) -> None:
    """Refuse a value outside the range of a figure or outside the indicator's min/max.

    Every way a figure enters the log passes here, before anything is written.
    """
    checked_figure(value)
    if indicator.minimum is not None and value < indicator.minimum:
        raise ValueRuleError(
            "error.value_below_min", value=value, code=indicator.code, limit=indicator.minimum
        )
    if indicator.maximum is not None and value > indicator.maximum:
        raise ValueRuleError(
            "error.value_above_max", value=value, code=indicator.code, limit=indicator.maximum
        )


def likely_intended(indicator: Indicator, value: Decimal) -> Decimal | None:
    """For a value more than 10 times away from the target: the power-of-ten shift that lands nearest."""
    target = indicator.target
    if target is None or value <= 0 or target <= 0 or target / 10 <= value <= target * 10:
        return None
    shift = round(math.log10(target / value))
    return (value.scaleb(shift)).normalize()


class Tracker:
    """A data folder's plans and record log, and the plan a command looks at."""

    def __init__(self, folder: DataFolder, plan_name: str | None = None, today: date | None = None) -> None:
        self.folder = folder
        self.today = today or date.today()  # what defaults follow; a record's time is the clock's
        self.plans = load_plans(folder.plan_path, folder.cache_dir)
        self.plan: Plan = self.plans.choose(plan_name, self.today)
        self.chosen = plan_name is None  # the folder's choice, not the person's
        self.log = RecordLog(folder.path, folder.cache_dir)

    def reloaded(self) -> Tracker:
        """The same folder read again: after an edit of its plans."""
        return Tracker(self.folder, self.plan.name, self.today)

    def plan_notice(self) -> Message | None:
        """What to say when the folder's choice is a plan of another year than today's: which plan
        this is, and the one of this year (or that the folder has none)."""
        year = self.today.year
        if not self.chosen or year in self.plan.years:
            return None
        if self.plans.annual(year) is not None:
            return Message("notice.plan_other_year", {"plan": self.plan.name, "year": year})
        return Message("notice.plan_other_year_none", {"plan": self.plan.name, "year": year})

    def period_year(self) -> int:
        """The year a figure without a period is filed under: the plan's, when a person or the
        folder chose it; today's, when the folder follows the date."""
        if self.chosen and self.plans.current is None:
            return self.today.year
        return self.plan.year

    def terms_judging(self, code: str, year: int) -> list[str]:
        """The term plans whose review counts `code`'s full-year figure for `year`."""
        wanted = code.upper()
        return [
            plan.name
            for plan in self.plans.plans
            if plan.is_term and year in plan.years and any(i.code.upper() == wanted for i in plan.indicators)
        ]

    def judging(self, code: str, year: int) -> tuple[Plan, Indicator] | None:
        """The annual plan that judges `code`'s figures for `year`, with its target, if there is one."""
        plan = self.plans.annual(year)
        if plan is None:
            return None
        wanted = code.upper()
        indicator = next((i for i in plan.indicators if i.code.upper() == wanted), None)
        return None if indicator is None else (plan, indicator)

    def standing_for(self, code: str, year: int, current: CurrentFigures) -> Standing | None:
        found = self.judging(code, year)
        if found is None:
            return None
        return standing_of(found[0], found[1], current, self.plans.breaks, self.today)

    def records(self) -> list[Record]:
        return self.log.records()

    def record(
        self,
        code: str,
        value_text: str,
        period_text: str | None = None,
        basis: Basis = "estimate",
        source: str | None = None,
        note: str | None = None,
        locale: Locale | None = None,
        today: date | None = None,
        reading: Locale | None = None,
        reported_on: str | None = None,
    ) -> Recorded:
        """Append a figure; `locale` insists on a notation, `reading` settles only what reads two ways.
        `reported_on`: the day the figure was reported (default: today)."""
        from .periods import day_of

        indicator = self.plans.indicator(code)
        reported = day_of(reported_on, self.today) if reported_on else (today or self.today)
        value = parse_number(value_text, locale, reading)
        if period_text is None:
            period = default_period(self.period_year(), today or self.today)
        else:
            period = parse_period(period_text)
        check_value(indicator, value)
        figure = Figure(
            "",
            indicator.code,
            value,
            period,
            basis,
            now(),
            current_user(),
            _nfc(source),
            _nfc(note),
            reported,
        )
        written = self.log.append([figure])
        record = written.records[0]
        assert isinstance(record, Figure)
        return Recorded(
            record=record,
            standing=self.standing_for(indicator.code, period.year, written.current),
            period_defaulted=period_text is None,
            likely_intended=likely_intended(self._judged(indicator, period.year), value),
            indicator=indicator,
            outranked_by=written.outranked.get(record.id, []),
            shorts=written.shorts,
            repeats=written.repeats.get(record.id),
        )

    def import_file(
        self,
        path: Path,
        locale: Locale | None = None,
        period_text: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
        lang: Lang = "en",
        include_hidden: bool = False,
    ) -> Imported:
        """Record every figure of a spreadsheet or CSV file in one append, or none if any row is bad;
        hidden sheets and rows only with `include_hidden`."""
        from .importing import figures_from
        from .sheets import hidden_words, read_rows

        read = read_rows(path, progress, include_hidden)
        default = parse_period(period_text) if period_text else None
        known = self.plans.index()

        def find(code: str) -> Indicator:  # a dictionary's look-up: 20,000 rows of 20,000 codes stay linear
            found = known.get(code.strip().upper())
            return found if found is not None else self.plans.indicator(code)

        try:
            figures = figures_from(
                read, path.name, find, check_value, now(), current_user(), locale, default, lang=lang
            )
        except SheetError as exc:
            if exc.key == "error.import_nothing" and read.hidden and not read.hidden.read:
                raise SheetError(
                    "error.import_nothing_hidden", path=path.name, hidden=hidden_words(read.hidden)
                ) from None
            raise
        if dry_run:
            return Imported(figures, [], read.sheets, hidden=read.hidden)
        written = self.log.append(figures)
        records = [r for r in written.records if isinstance(r, Figure)]
        return Imported(figures, records, read.sheets, written.outranked, written.shorts, read.hidden)

    def _judged(self, indicator: Indicator, year: int) -> Indicator:
        """The indicator with the target of the plan that judges `year`, else as described."""
        found = self.judging(indicator.code, year)
        return indicator if found is None else found[1]

    def undo(self, record_id: str | None = None, note: str | None = None) -> Undone:
        """Retract the figure whose id starts with `record_id`, or the last one standing."""
        written = self.log.retract(record_id, now(), current_user(), _nfc(note))
        retraction, retracted = written.records
        assert isinstance(retraction, Retraction) and isinstance(retracted, Figure)
        standing = self.standing_for(retracted.code, retracted.period.year, written.current)
        return Undone(retraction, retracted, standing, written.shorts)

    def history(self, code: str | None = None, limit: int | None = None) -> History:
        """The records in the log's order (of one indicator), the last `limit` of them."""
        wanted = self.plans.indicator(code).code if code else None
        contents = self.log.contents()
        entries = contents.history(wanted, limit)
        named = [
            one.id for e in entries for one in (e.record, e.retracted_by, e.retracted) if one is not None
        ]
        codes = {e.record.code.upper() for e in entries}
        known = {
            code.upper(): self.plans.indicator(code) for code in self.plans.codes if code.upper() in codes
        }
        return History(
            entries,
            contents.shorts(
                [*named, *(e.record.retracts for e in entries if isinstance(e.record, Retraction))]
            ),
            known,
        )

    def report(
        self,
        as_of_text: str | None = None,
        owner: str | None = None,
        made_at: datetime | None = None,
        heading: Heading | None = None,
    ) -> Report:
        """Every indicator's standing (of those `owner` reports); with a checkpoint, as it stood then.
        `made_at` is when the report says it was made (default: now); `heading`, the annex's."""
        from .report import build_report  # deferred: start-up (record and undo need no report)

        contents = self.log.current(self.plan.codes)
        current = contents.current_figures(self.plan.codes)
        as_of = None
        if as_of_text:
            as_of = parse_period(as_of_text, None if self.plan.is_term else self.plan.year)
            current = {key: figure for key, figure in current.items() if key[1] <= as_of}
        report = build_report(
            self.plan,
            current,
            made_at or now(),
            as_of,
            lambda one: contents.shorts([one])[one],
            self.plans.breaks,
            self.today,
            {p.year: p for p in self.plans.plans if not p.is_term and p.year in self.plan.years},
            self._next_plan(),
            heading,
        )
        if owner is None:
            return report
        from .owners import for_owner

        return for_owner(report, owner)

    def _next_plan(self) -> Plan | None:
        """Next year's annual plan, draft or adopted, for an annual plan's annex."""
        if self.plan.is_term:
            return None
        return next((p for p in self.plans.plans if not p.is_term and p.year == self.plan.year + 1), None)

    def draft_plan(self, name: str, source_name: str | None = None) -> Edited:
        """Next year's plan (or the next term's), drafted from `source_name` (default: the plan
        before it), each growth target proposed at the pace a running term plan needs."""
        from .plans.editing import draft_plan, parse_span

        first, last = parse_span(name)
        term = first < last
        if any((p.first_year, p.year) == (first, last) for p in self.plans.plans):
            raise PlanEditError("error.edit_plan_exists", name=name)
        source = self.plans.named(source_name) if source_name else self._draft_source(first, term)
        if source.is_term != term:
            raise PlanEditError("error.edit_source_kind", name=name, source=source.name)
        proposals = {} if term else self.proposals(first, source)
        return draft_plan(self.plans, name, source, proposals, self.today)

    def _draft_source(self, first: int, term: bool) -> Plan:
        """The plan a draft starting in `first` is made from: the latest of its kind before it."""
        before = [p for p in self.plans.plans if p.is_term == term and p.year < first]
        if not before:
            raise PlanEditError("error.edit_no_source", year=first)
        return max(before, key=lambda plan: (plan.year, plan.first_year))

    def proposals(self, year: int, source: Plan) -> dict[str, Decimal]:
        """For each growth target of `source`: the yearly rate a term plan running in `year`
        still needs (pace.py), from the figures recorded so far."""
        from .report import build_report

        running = [p for p in self.plans.plans if p.is_term and p.first_year <= year <= p.year]
        codes = {i.code.upper() for i in source.indicators if i.kind == "growth_rate"}
        found: dict[str, Decimal] = {}
        for term_plan in running:
            current = self.log.current(term_plan.codes).current_figures(term_plan.codes)
            for s in build_report(term_plan, current, now(), breaks=self.plans.breaks).standings:
                pace = s.term.pace if s.term is not None else None
                code = s.indicator.code
                if (
                    code.upper() in codes
                    and pace is not None
                    and not pace.reached
                    and pace.needed is not None
                ):
                    found.setdefault(code, pace.needed)
        return found

    def set_target(self, code: str, target: Target) -> Edited:
        """Set or change one target of the plan this tracker looks at."""
        from .plans.editing import set_target

        gone = unit_gone(self.plans.breaks, code, self.plan.first_year)
        if gone is not None:  # a target nobody could judge: "in poor districts" once districts are gone
            raise PlanEditError(
                "error.edit_unit_gone", code=code.upper(), name=self.plan.name, day=gone.starts.isoformat()
            )
        return set_target(self.plans, self.plan, code, target)

    def adopt_plan(self, name: str, adopted_by: str) -> Edited:
        """Mark the draft `name` adopted by the resolution `adopted_by`."""
        from .plans.editing import adopt_plan

        return adopt_plan(self.plans, self.plans.named(name), adopted_by)

    def indicators(self, owner: str | None = None) -> list[Indicator]:
        """The plan's indicators, or those `owner` reports (an owner the plan does not name is an error)."""
        if owner is None:
            return list(self.plan.indicators)
        from .owners import owned_by

        return owned_by(self.plan.indicators, owner)

    def for_template(self, owner: str | None = None, period_text: str | None = None) -> ForTemplate:
        """The indicators a department's template lists, and the period it is filled with."""
        period = parse_period(period_text, self.plan.year) if period_text else None
        return ForTemplate(self.plan, self.indicators(owner), period)


def failing(report: Report, strict: bool = False) -> list[Standing]:
    """The indicators that fail `check`: with data and not met, exceeded or on track; with
    `strict`, those without a figure or a target too. One the plan does not judge never fails:
    nobody can act on it."""
    waiting = ("no_data", "no_target")
    return [
        s
        for s in report.standings
        if s.status not in FINE and s.status != "not_judged" and (strict or s.status not in waiting)
    ]
