"""`targets import`: figures from a filled template, any sheet or a CSV file, all or nothing.

A sheet is read from the row that names its columns (Vietnamese or English headers, any
case); the columns it does not know (name, unit, target) are left alone. A cell typed as a
number is that number; a text cell is read by the rules of a typed number. Every bad row is
named with its sheet and its row number as the spreadsheet shows it; one bad row and
nothing is recorded.

The file is read into rows by sheets.py, which bounds what it costs and leaves hidden sheets
and rows out; here the rows become figures.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .errors import BadRowsError, NumberError, SheetError, TargetsError
from .formatting import Locale
from .messages import Lang, Message
from .numbers import notation_of, parse_number
from .periods import Period, parse_period
from .plans import Indicator
from .records import BASES, Basis, Figure
from .sheets import FileRows, SheetRow, Uncomputed, blank, column_letters, where

# How an estimate or an official figure may be written in the basis column.
BASIS_WORDS: dict[str, Basis] = {
    "ước": "estimate",
    "ước tính": "estimate",
    "estimate": "estimate",
    "est.": "estimate",
    "chính thức": "official",
    "c.thức": "official",
    "official": "official",
    "off.": "official",
}


def cell_number(
    value: Any, as_percent: bool, locale: Locale | None, reading: Locale | None = None
) -> Decimal:
    """A cell's number: a numeric cell as it is stored (8.7 stays 8.7, not 8.699999...), text as
    typed; what text reads differently in the two notations is read by `locale`, else `reading`."""
    if isinstance(value, (bool, datetime, date)):
        raise SheetError("error.import_not_a_number", text=str(value))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # repr gives the shortest text that reads back as the same double: what the person typed.
        text = repr(value)
        number = Decimal(text[:-2] if text.endswith(".0") else text)
    elif isinstance(value, Decimal):
        number = value
    else:
        return parse_number(str(value), locale, reading)
    # A cell formatted as a percentage holds 0.087 and shows 8.7%; the figure is what it shows.
    return (number * 100).normalize() if as_percent else number


def file_notation(rows: Iterable[SheetRow]) -> Locale | None:
    """The notation the figures typed as text in a file say it is written in: that of every one
    written in only one (47,6 and 1.850,5 say Vietnamese), None when they disagree; when none
    is, that of the template the workbook was made as (a template in Vietnamese asks for 2.850,5)."""
    said: set[Locale] = set()
    languages: set[str | None] = set()
    rows = list(rows)
    for row in rows:
        languages.add(row.language)
        value = row.cells.get("value")
        if isinstance(value, str) and not isinstance(value, Uncomputed):
            notation = notation_of(value)
            if notation is not None:
                said.add(notation)
                if len(said) > 1:
                    return None
    if said:
        return said.pop()
    language = languages.pop() if len(languages) == 1 else None
    return "vi" if language == "vi" else "en" if language == "en" else None


def _ambiguous(text: str, row: SheetRow) -> SheetError:
    """A figure that reads as two numbers, in words: the cell, and what each reading makes of it."""
    body = text.strip().replace("\u2212", "-")
    sign = "-" if body.startswith("-") else ""
    mark = "." if "." in body else ","
    integer, _, fraction = body.lstrip("+-").strip().removesuffix("%").rstrip().partition(mark)
    column = row.positions.get("value")
    return SheetError(
        "error.import_ambiguous",
        text=text,
        cell=f"{column_letters(column)}{row.number}" if column is not None else str(row.number),
        grouped=f"{sign}{integer}{fraction}",
        integer=f"{sign}{integer}",
        fraction=fraction,
        mark=Message(f"import.mark.{'dot' if mark == '.' else 'comma'}"),
        grouping="vi" if mark == "." else "en",
        decimal="en" if mark == "." else "vi",
    )


def cell_period(value: Any, default: Period | None, plan_year: int | None = None) -> Period:
    """A period cell: text as `record --period` reads it; a year typed as a number; a month Excel made a date."""
    if blank(value):
        if default is None:
            raise SheetError("error.import_no_period")
        return default
    if isinstance(value, datetime | date) and value.day == 1:
        text = f"{value.year}-{value.month:02d}"  # Excel turns a typed 2024-09 into 1 September 2024
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return parse_period(text, plan_year)


def cell_basis(value: Any) -> Basis:
    if blank(value):
        return "estimate"  # as `record` without --official
    basis = BASIS_WORDS.get(" ".join(str(value).casefold().split()))
    if basis is None:
        raise SheetError(
            "error.import_bad_basis", text=str(value), choices="ước, chính thức, estimate, official"
        )
    assert basis in BASES
    return basis


def _text(value: Any) -> str | None:
    if blank(value):
        return None
    return unicodedata.normalize("NFC", str(value).strip())


class _Rows:
    """How `figures_from` reads one row: codes looked up once each (an unknown one too: its
    suggestion searches every code), numbers in the file's notation, each figure's key once."""

    def __init__(
        self,
        find: Callable[[str], Indicator],
        check: Callable[[Indicator, Decimal], None],
        locale: Locale | None,
        reading: Locale | None,
        default_period: Period | None,
        plan_year: int | None,
    ) -> None:
        self.find = find
        self.check = check
        self.locale = locale
        self.reading = reading
        self.default_period = default_period
        self.plan_year = plan_year
        self.found: dict[str, Indicator | TargetsError] = {}
        self.first: dict[tuple[str, Period, Basis], SheetRow] = {}

    def indicator(self, code: str) -> Indicator:
        key = code.strip().upper()
        if key not in self.found:
            try:
                self.found[key] = self.find(code)
            except TargetsError as exc:
                self.found[key] = exc
        known = self.found[key]
        if isinstance(known, TargetsError):
            raise known
        return known

    def number(self, row: SheetRow) -> Decimal:
        value = row.cells["value"]
        try:
            return cell_number(value, "value" in row.percent, self.locale, self.reading)
        except NumberError as exc:
            if exc.key == "error.ambiguous_number":
                raise _ambiguous(str(value), row) from None
            raise

    def read(self, row: SheetRow) -> tuple[Indicator, Decimal, Period, Basis] | None:
        """The row's figure; None for a row nobody filled in; a TargetsError for a bad one."""
        cells = row.cells
        if isinstance(cells.get("value"), Uncomputed):
            raise SheetError("error.import_uncomputed", formula=cells["value"])
        if blank(cells.get("value")):
            return None  # a row of the template nobody filled in
        if blank(cells.get("code")):
            raise SheetError("error.import_no_code")
        indicator = self.indicator(str(cells["code"]))
        value = self.number(row)
        self.check(indicator, value)
        period = cell_period(cells.get("period"), self.default_period, self.plan_year)
        basis = cell_basis(cells.get("basis"))
        key = (indicator.code, period, basis)
        if key in self.first:
            raise SheetError(
                "error.import_duplicate",
                code=indicator.code,
                period=period.label,
                basis=Message(f"basis.{basis}"),
                first=where(self.first[key]),
            )
        self.first[key] = row
        return indicator, value, period, basis


def figures_from(
    read: FileRows,
    file_name: str,
    find: Callable[[str], Indicator],
    check: Callable[[Indicator, Decimal], None],
    recorded_at: datetime,
    user: str,
    locale: Locale | None = None,
    default_period: Period | None = None,
    plan_year: int | None = None,
    lang: Lang = "en",
) -> list[Figure]:
    """Every row with a figure as a new figure, or one BadRowsError naming every bad row.

    `find` gives the indicator of a code as `record` finds it (an unknown one raises, with a
    suggestion); `check` is the rule every figure passes before the log takes it
    (tracker.check_value); with `plan_year`, a period of another year is refused, as `record`
    refuses it. Without `locale`, a number that reads differently in the two notations (2.850)
    is read in the notation the file's other figures are written in (47,6: Vietnamese), and
    refused, naming the cell and both readings, when they do not say. Each figure's source
    names the file and the row, after the row's own source, in `lang`, the language of the
    person importing: it is kept in the log as they read it.
    """
    figures: list[Figure] = []
    problems: list[Message] = []
    reading = None if locale is not None else file_notation(read.rows)
    rows = _Rows(find, check, locale, reading, default_period, plan_year)
    for row in read.rows:
        try:
            got = rows.read(row)
        except TargetsError as exc:
            problems.append(Message("import.problem", {"where": where(row), "problem": exc.message}))
            continue
        if got is None:
            continue
        indicator, value, period, basis = got
        place = {"file": file_name, "sheet": row.sheet, "row": row.number}
        origin = Message("import.origin.sheet" if row.sheet else "import.origin.csv", place).text(lang)
        own = _text(row.cells.get("source"))
        figures.append(
            Figure(
                id="",
                code=indicator.code,
                value=value,
                period=period,
                basis=basis,
                recorded_at=recorded_at,
                user=user,
                source=f"{own}; {origin}" if own else origin,
                note=_text(row.cells.get("note")),
            )
        )
    if problems:
        raise BadRowsError(file_name, problems)
    if not figures:
        raise SheetError("error.import_nothing", path=file_name)
    return figures
