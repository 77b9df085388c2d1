"""`targets import`: figures from a filled template, any sheet or a CSV file, all or nothing.

A sheet is read from the row that names its columns (Vietnamese or English headers, any
case); the columns it does not know (name, unit, target) are left alone. A cell typed as a
number is that number; a text cell is read by the rules of a typed number. Every bad row is
named with its sheet and its row number as the spreadsheet shows it; one bad row and
nothing is recorded.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import BadRowsError, SheetError, TargetsError
from .formatting import Locale
from .messages import CATALOGUE, LANGS, Lang, Message
from .numbers import parse_number
from .periods import Period, parse_period
from .plans import Indicator
from .records import BASES, Basis, Figure
from .values import Value

# The template's columns, in its order (render/xlsx.template writes them): the catalogue message
# that heads each, the field `import` reads it into (None: written for the reader, left alone
# when read), and the other headers people give that column. A column is known by its header
# in either language or by one of those, compared as `header_key` gives them.
TEMPLATE_COLUMNS: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("col.code", "code", ("mã chỉ tiêu", "mã số")),
    ("col.indicator", None, ()),
    ("col.unit_full", None, ()),
    ("col.target", None, ()),
    ("template.col.value", "value", ("giá trị", "số liệu", "figure", "actual")),
    ("template.col.period", "period", ("kỳ số liệu", "kỳ báo cáo")),
    ("template.col.basis", "basis", ("ước hay chính thức", "basis")),
    ("template.col.source", "source", ("nguồn số liệu",)),
    ("col.note", "note", ()),
)
REQUIRED = ("code", "value")
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
HEADER_SEARCH_ROWS = 30  # the header row is looked for among the first rows of a sheet

Progress = Callable[[int, int | None], None]  # rows read so far, rows in all (when known)


def header_key(text: str) -> str:
    """A header as compared: one Unicode form, any case, single spaces, spaces around `/`."""
    text = unicodedata.normalize("NFC", text).casefold().replace("*", "")
    text = " ".join(text.split())
    return text.replace(" / ", "/").replace("/", " / ")


def headers_of(field: str) -> tuple[str, ...]:
    """Every header `import` knows the template's column `field` by: the template's own in each
    language, then the others people write."""
    for key, read_as, others in TEMPLATE_COLUMNS:
        if read_as == field:
            return (*(CATALOGUE[key][lang] for lang in LANGS), *others)
    raise KeyError(field)


def template_column(field: str) -> int:
    """The template's column (1-based, as a spreadsheet counts) that holds `field`."""
    return next(n for n, (_, read_as, _) in enumerate(TEMPLATE_COLUMNS, 1) if read_as == field)


_KNOWN = {
    header_key(name): field
    for _, field, _ in TEMPLATE_COLUMNS
    if field is not None
    for name in headers_of(field)
}


class SheetRow(Value):
    """A row of a sheet as the spreadsheet shows it: where it is, and its cells by column."""

    def __init__(
        self, sheet: str | None, number: int, cells: dict[str, Any], percent: frozenset[str] = frozenset()
    ) -> None:
        self.sheet = sheet  # None for a CSV file
        self.number = number
        self.cells = cells
        self.percent = percent  # columns whose number is formatted as a percentage


class FileRows(Value):
    """The rows of a file that carry the known columns; `sheets` names the sheets read."""

    def __init__(self, rows: list[SheetRow], sheets: list[str]) -> None:
        self.rows = rows
        self.sheets = sheets


def where(row: SheetRow) -> Message:
    if row.sheet is None:
        return Message("import.where.csv", {"row": row.number})
    return Message("import.where.sheet", {"sheet": row.sheet, "row": row.number})


def _columns_of(cells: list[Any]) -> dict[int, str] | None:
    """The known columns of a header row by position, if it names at least the required ones."""
    found: dict[int, str] = {}
    for index, value in enumerate(cells):
        if isinstance(value, str):
            column = _KNOWN.get(header_key(value))
            if column is not None and column not in found.values():
                found[index] = column
    return found if all(c in found.values() for c in REQUIRED) else None


def read_rows(path: Path, progress: Progress | None = None) -> FileRows:
    """The known columns of every sheet (or of the CSV file) that has a header row naming them."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        read = _read_xlsx(path, progress)
    elif suffix == ".csv":
        read = _read_csv(path, progress)
    else:
        raise SheetError("error.import_kind", path=path, suffix=path.suffix or "''")
    if not read.sheets:
        raise SheetError("error.import_no_header", path=path)
    return read


def _read_xlsx(path: Path, progress: Progress | None) -> FileRows:
    from openpyxl import load_workbook  # deferred: start-up (~170 ms), only here and in render/xlsx

    if not path.exists():
        raise SheetError("error.import_missing", path=path)
    try:
        read = _xlsx_rows(load_workbook(path, read_only=True, data_only=True), progress)
        unfilled = {
            (row.sheet, row.number): row
            for row in read.rows
            if _blank(row.cells.get("value")) and not _blank(row.cells.get("code"))
        }
        if unfilled:  # a formula no spreadsheet has computed reads as empty: look at the formulas
            for row in _xlsx_rows(load_workbook(path, read_only=True), None).rows:
                formula = row.cells.get("value")
                if (row.sheet, row.number) in unfilled and isinstance(formula, str) and formula[:1] == "=":
                    unfilled[row.sheet, row.number].cells["value"] = Uncomputed(formula)
        return read
    except (
        Exception
    ) as exc:  # a file from anyone: a broken zip, XML or style is one error line, whatever it raises
        raise SheetError(
            "error.import_unreadable", path=path, reason=str(exc) or type(exc).__name__
        ) from None


def _xlsx_rows(book: Any, progress: Progress | None) -> FileRows:
    """The rows of every sheet of an open workbook that has a header row; the workbook closed."""
    try:
        rows: list[SheetRow] = []
        sheets: list[str] = []
        for sheet in book.worksheets:
            total = sheet.max_row if isinstance(sheet.max_row, int) else None
            sheet.reset_dimensions()  # some writers record wrong dimensions; read what is there
            found = _sheet_rows(sheet.title, _xlsx_cells(sheet), progress, total)
            if found is not None:
                sheets.append(sheet.title)
                rows.extend(found)
        return FileRows(rows, sheets)
    finally:
        book.close()


class Uncomputed(str):
    """A formula whose value no spreadsheet program has computed: the file was written by a program."""


def _xlsx_cells(sheet: Any) -> Iterator[tuple[list[Any], set[int]]]:
    """Each row's values, and which of them show as a percentage."""
    for cells in sheet.iter_rows(min_row=1):
        values = []
        percent = set()
        for index, cell in enumerate(cells):
            value = getattr(cell, "value", None)
            values.append(value)
            if isinstance(value, (int, float)) and str(getattr(cell, "number_format", "")).endswith("%"):
                percent.add(index)
        yield values, percent


def _read_csv(path: Path, progress: Progress | None) -> FileRows:
    import csv
    import io

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SheetError("error.import_missing", path=path) from None
    except OSError as exc:
        raise SheetError("error.import_unreadable", path=path, reason=exc.strerror) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # "CSV (Comma delimited)" from Excel on a Vietnamese Windows is in its ANSI code page.
        text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    # The delimiter is the one under which a header row appears: Excel writes `;` where the
    # decimal mark is a comma, as in Vietnamese.
    for delimiter in (",", ";", "\t"):
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        if any(_columns_of(line) for line in lines[:HEADER_SEARCH_ROWS]):
            found = _sheet_rows(None, ((line, set()) for line in lines), progress, len(lines))
            return FileRows(found or [], [path.name])
    return FileRows([], [])


def _sheet_rows(
    sheet: str | None,
    cells: Iterator[tuple[list[Any], set[int]]],
    progress: Progress | None,
    total: int | None,
) -> list[SheetRow] | None:
    """The rows below the header row, by known column; None when no header row is found."""
    columns: dict[int, str] | None = None
    rows: list[SheetRow] = []
    for number, (values, percent) in enumerate(cells, 1):
        if progress is not None and number % 500 == 0:
            progress(number, total)
        if columns is None:
            if number > HEADER_SEARCH_ROWS:
                return None
            columns = _columns_of(values)
            continue
        row = {column: values[index] for index, column in columns.items() if index < len(values)}
        if not all(_blank(v) for v in row.values()):
            shown = frozenset(columns[i] for i in percent if i in columns)
            rows.append(SheetRow(sheet, number, row, shown))
    if progress is not None and columns is not None:
        progress(total or 0, total)
    return rows if columns is not None else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_number(value: Any, as_percent: bool, locale: Locale | None) -> Decimal:
    """A cell's number: a numeric cell as it is stored (8.7 stays 8.7, not 8.699999...), text as typed."""
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
        return parse_number(str(value), locale)
    # A cell formatted as a percentage holds 0.087 and shows 8.7%; the figure is what it shows.
    return (number * 100).normalize() if as_percent else number


def cell_period(value: Any, default: Period | None, plan_year: int | None = None) -> Period:
    """A period cell: text as `record --period` reads it; a year typed as a number; a month Excel made a date."""
    if _blank(value):
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
    if _blank(value):
        return "estimate"  # as `record` without --official
    basis = BASIS_WORDS.get(" ".join(str(value).casefold().split()))
    if basis is None:
        raise SheetError(
            "error.import_bad_basis", text=str(value), choices="ước, chính thức, estimate, official"
        )
    assert basis in BASES
    return basis


def _text(value: Any) -> str | None:
    if _blank(value):
        return None
    return unicodedata.normalize("NFC", str(value).strip())


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
    refuses it. Each figure's source names the file and the row, after the row's own source,
    in `lang`, the language of the person importing: it is kept in the log as they read it.
    """
    figures: list[Figure] = []
    problems: list[Message] = []
    first: dict[tuple[str, Period, Basis], SheetRow] = {}
    found: dict[str, Indicator] = {}  # codes looked up once, not once per row

    def indicator_of(code: str) -> Indicator:
        key = code.strip().upper()
        if key not in found:
            found[key] = find(code)
        return found[key]

    for row in read.rows:
        cells = row.cells
        try:
            if isinstance(cells.get("value"), Uncomputed):
                raise SheetError("error.import_uncomputed", formula=cells["value"])
            if _blank(cells.get("value")):
                continue  # a row of the template nobody filled in
            if _blank(cells.get("code")):
                raise SheetError("error.import_no_code")
            indicator = indicator_of(str(cells["code"]))
            value = cell_number(cells["value"], "value" in row.percent, locale)
            check(indicator, value)
            period = cell_period(cells.get("period"), default_period, plan_year)
            basis = cell_basis(cells.get("basis"))
            key = (indicator.code, period, basis)
            if key in first:
                raise SheetError(
                    "error.import_duplicate",
                    code=indicator.code,
                    period=period.label,
                    basis=Message(f"basis.{basis}"),
                    first=where(first[key]),
                )
            first[key] = row
        except TargetsError as exc:
            problems.append(Message("import.problem", {"where": where(row), "problem": exc.message}))
            continue
        place = {"file": file_name, "sheet": row.sheet, "row": row.number}
        origin = Message("import.origin.sheet" if row.sheet else "import.origin.csv", place).text(lang)
        own = _text(cells.get("source"))
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
                note=_text(cells.get("note")),
            )
        )
    if problems:
        raise BadRowsError(file_name, problems)
    if not figures:
        raise SheetError("error.import_nothing", path=file_name)
    return figures
