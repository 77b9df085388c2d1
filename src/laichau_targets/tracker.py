"""What the commands do, as plain calls: record, undo, history, report, check."""

from __future__ import annotations

import math
import os
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from .datafolder import DataFolder
from .errors import ValueRuleError
from .logstate import append_figure, append_figures, append_retraction, load_state, read_records
from .numbers import Locale, parse_number
from .periods import default_period, parse_period
from .plan import Indicator, load_plan
from .records import Basis, NewFigure, Record, current_figures
from .standing import FINE, Standing, standing_of

if TYPE_CHECKING:
    from pathlib import Path

    from .importing import Progress
    from .report import Report


@dataclass
class Recorded:
    """The outcome of `record`: the new record, the standing it gives, and what to tell."""

    record: Record
    standing: Standing
    period_defaulted: bool
    likely_intended: Decimal | None


@dataclass
class Undone:
    """The outcome of `undo`."""

    retraction: Record
    retracted: Record
    standing: Standing


@dataclass
class Imported:
    """The outcome of `import`: the figures read, and as recorded (none on a dry run)."""

    figures: list[NewFigure]
    records: list[Record]
    sheets: list[str]


@dataclass
class HistoryEntry:
    """A record with what later records did to it."""

    record: Record
    retracted_by: int | None


def current_user() -> str:
    """The login name, as getpass.getuser() finds it, without importing getpass (and termios)."""
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if os.environ.get(name):
            return os.environ[name]
    import pwd

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
    """Refuse a value outside the indicator's min/max."""
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
    if value <= 0 or target <= 0 or target / 10 <= value <= target * 10:
        return None
    shift = round(math.log10(target / value))
    return (value.scaleb(shift)).normalize()


class Tracker:
    """A data folder's plan and record log."""

    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self.plan = load_plan(folder.plan_path, folder.cache_dir)

    def records(self) -> list[Record]:
        return read_records(self.folder.log_path)

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
    ) -> Recorded:
        indicator = self.plan.indicator(code)
        value = parse_number(value_text, locale)
        if period_text is None:
            period = default_period(self.plan.year, today or date.today())
        else:
            period = parse_period(period_text, self.plan.year)
        check_value(indicator, value)
        figure = NewFigure(
            code=indicator.code,
            value=value,
            period=period,
            basis=basis,
            recorded_at=now(),
            user=current_user(),
            source=_nfc(source),
            note=_nfc(note),
        )
        record, state = append_figure(self.folder.log_path, figure, self.folder.cache_dir)
        return Recorded(
            record=record,
            standing=standing_of(self.plan, indicator, state.current),
            period_defaulted=period_text is None,
            likely_intended=likely_intended(indicator, value),
        )

    def import_file(
        self,
        path: Path,
        locale: Locale | None = None,
        period_text: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> Imported:
        """Record every figure of a spreadsheet or CSV file in one append, or none if any row is bad."""
        from .importing import figures_from, read_table

        table = read_table(path, progress)
        default = parse_period(period_text, self.plan.year) if period_text else None
        figures = figures_from(
            table,
            path.name,
            self.plan.indicator,
            check_value,
            now(),
            current_user(),
            locale,
            default,
            self.plan.year,
        )
        if dry_run:
            return Imported(figures, [], table.sheets)
        records, _ = append_figures(self.folder.log_path, figures, self.folder.cache_dir)
        return Imported(figures, records, table.sheets)

    def undo(self, record_id: int | None = None, note: str | None = None) -> Undone:
        records = append_retraction(
            self.folder.log_path, record_id, now(), current_user(), _nfc(note), self.folder.cache_dir
        )
        retraction = records[-1]
        retracted = next(r for r in records if r.id == retraction.retracts)
        indicator = self.plan.indicator(retracted.code)
        return Undone(retraction, retracted, standing_of(self.plan, indicator, current_figures(records)))

    def history(self, code: str | None = None) -> list[HistoryEntry]:
        records = self.records()
        wanted = self.plan.indicator(code).code.upper() if code else None
        by = {r.retracts: r.id for r in records if r.retracts is not None}
        return [HistoryEntry(r, by.get(r.id)) for r in records if wanted is None or r.code.upper() == wanted]

    def report(self, as_of_text: str | None = None) -> Report:
        """Every indicator's standing; with a checkpoint, as it stood then."""
        from .report import build_report

        if as_of_text:
            as_of = parse_period(as_of_text, self.plan.year)
            return build_report(self.plan, current_figures(self.records(), as_of), as_of)
        state = load_state(self.folder.log_path, self.folder.cache_dir)
        return build_report(self.plan, state.current)


def failing(report: Report, strict: bool = False) -> list[Standing]:
    """The indicators that fail `check`: with data and not met, exceeded or on track."""
    return [s for s in report.standings if s.status not in FINE and (strict or s.status != "no_data")]
