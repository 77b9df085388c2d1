"""A spreadsheet or a CSV file read into rows, as `targets import` reads it: the row that names
the columns found (Vietnamese or English headers, any case), each row's cells by field.

A file comes from anyone, so what it costs is bounded before it is read: an .xlsx by the sizes
its zip directory declares for its parts (a part that unpacks to more than it declares fails its
check, and is unreadable), a CSV by its size on disk. Hidden sheets and rows are left out unless
asked for, and named either way. importing.py makes figures of the rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import SheetError
from .formatting import spans
from .messages import CATALOGUE, LANGS, Lang, Message
from .values import Value

# The template's columns, in its order (render/template.py writes them): the catalogue message
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
HEADER_SEARCH_ROWS = 30  # the header row is looked for among the first rows of a sheet
# The most a file may make `import` read (help.import states them). A department's workbook of
# 10,000 rows unpacks to ~2 MB, so these leave room for any real one, while a "zip bomb" (a 1 MB
# file whose sheet unpacks to 1 GB) is refused from its zip directory, before openpyxl parses a byte.
MB = 1_000_000
XLSX_MAX_UNPACKED = 200 * MB  # all the parts of an .xlsx, as its zip directory declares them
XLSX_MAX_PART = 100 * MB  # one part: a sheet, its shared strings, its styles
TEXT_MAX_BYTES = 200 * MB  # a CSV or text file, as it is on disk
TEXT_SUFFIXES = (".csv", ".txt")  # .txt: Excel's "Unicode text", UTF-16 and tab-separated

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
        self,
        sheet: str | None,
        number: int,
        cells: dict[str, Any],
        percent: frozenset[str] = frozenset(),
        positions: dict[str, int] | None = None,
        language: Lang | None = None,
    ) -> None:
        self.sheet = sheet  # None for a CSV file
        self.number = number
        self.cells = cells
        self.percent = percent  # columns whose number is formatted as a percentage
        self.positions = positions or {}  # each column's place in the sheet (0 for A), to name a cell
        self.language = language  # the language of the template the workbook was made as, if it was one


class Hidden(Value):
    """What a workbook hides that holds figures: sheets, and rows by sheet; `read` if imported all the same."""

    def __init__(
        self,
        sheets: list[str],
        rows: dict[str, list[int]],
        read: bool,
        columns: dict[str, list[str]] | None = None,
    ) -> None:
        self.sheets = sheets
        self.rows = rows
        self.read = read
        self.columns = columns if columns is not None else {}  # by sheet: the letters of known columns hidden

    def __bool__(self) -> bool:
        return bool(self.sheets or self.rows or self.columns)


def hidden_words(hidden: Hidden) -> list[Message]:
    """The hidden sheets and rows, as the dry run and the summary name them: rows as spans (5–9, 12)."""
    said = [Message("import.hidden.sheet", {"sheet": sheet}) for sheet in hidden.sheets]
    for sheet, numbers in hidden.rows.items():
        said.append(Message("import.hidden.rows", {"sheet": sheet, "rows": spans(numbers)}))
    for sheet, letters in hidden.columns.items():
        said.append(Message("import.hidden.columns", {"sheet": sheet, "columns": ", ".join(letters)}))
    return said


class FileRows(Value):
    """The rows of a file that carry the known columns; `sheets` names the sheets read, `hidden`
    what was hidden (left out of `rows` unless `hidden.read`)."""

    def __init__(self, rows: list[SheetRow], sheets: list[str], hidden: Hidden | None = None) -> None:
        self.rows = rows
        self.sheets = sheets
        self.hidden = hidden or Hidden([], {}, False)


def where(row: SheetRow) -> Message:
    if row.sheet is None:
        return Message("import.where.csv", {"row": row.number})
    return Message("import.where.sheet", {"sheet": row.sheet, "row": row.number})


# What `targets template` writes in its workbook's keywords, with its language: a workbook that
# says it was made as a template in Vietnamese asks for figures in Vietnamese notation.
TEMPLATE_MARK = "laichau-targets template"


def template_language(keywords: str | None) -> Lang | None:
    """The language of a template the workbook's keywords say it is, else None."""
    words = (keywords or "").split(";")
    for word in words:
        mark, _, lang = word.strip().rpartition(" ")
        if mark == TEMPLATE_MARK and lang in LANGS:
            return "vi" if lang == "vi" else "en"
    return None


def _columns_of(cells: list[Any]) -> dict[int, str] | None:
    """The known columns of a header row by position, if it names at least the required ones."""
    found: dict[int, str] = {}
    for index, value in enumerate(cells):
        if isinstance(value, str):
            column = _KNOWN.get(header_key(value))
            if column is not None and column not in found.values():
                found[index] = column
    return found if all(c in found.values() for c in REQUIRED) else None


def read_rows(path: Path, progress: Progress | None = None, include_hidden: bool = False) -> FileRows:
    """The known columns of every sheet (or of the CSV file) that has a header row naming them;
    hidden sheets and rows only with `include_hidden`."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        read = _read_xlsx(path, progress, include_hidden)
    elif suffix in TEXT_SUFFIXES:
        read = _read_text(path, progress)
    else:
        raise SheetError("error.import_kind", path=path, suffix=path.suffix or "''")
    if not read.sheets:
        if read.hidden.sheets:
            raise SheetError("error.import_only_hidden", path=path, sheets=", ".join(read.hidden.sheets))
        raise SheetError("error.import_no_header", path=path)
    return read


def _megabytes(size: int) -> Decimal:
    """A size in MB to a tenth, rounded up: 100.01 MB is shown over 100 MB."""
    tenths = -(-size * 10 // MB)
    return Decimal(tenths // 10) if tenths % 10 == 0 else Decimal(tenths) / 10


def _check_unpacked(path: Path, archive: Any) -> None:
    """Refuse a workbook whose parts, as its zip directory declares them, unpack to more than the limits."""
    total = 0
    for part in archive.infolist():
        if part.file_size > XLSX_MAX_PART:
            raise SheetError(
                "error.import_part_too_big",
                path=path,
                part=part.filename,
                size=_megabytes(part.file_size),
                limit=_megabytes(XLSX_MAX_PART),
            )
        total += part.file_size
    if total > XLSX_MAX_UNPACKED:
        raise SheetError(
            "error.import_too_big", path=path, size=_megabytes(total), limit=_megabytes(XLSX_MAX_UNPACKED)
        )


def _read_xlsx(path: Path, progress: Progress | None, include_hidden: bool) -> FileRows:
    import zipfile

    from openpyxl import load_workbook  # deferred: start-up (~170 ms), only here and in render/xlsx

    if not path.exists():
        raise SheetError("error.import_missing", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_unpacked(path, archive)
            read = _xlsx_rows(
                load_workbook(path, read_only=True, data_only=True), archive, progress, include_hidden
            )
            unfilled = {
                (row.sheet, row.number): row
                for row in read.rows
                if blank(row.cells.get("value")) and not blank(row.cells.get("code"))
            }
            if unfilled:  # a formula no spreadsheet has computed reads as empty: look at the formulas
                formulas = _xlsx_rows(load_workbook(path, read_only=True), archive, None, include_hidden)
                for row in formulas.rows:
                    formula = row.cells.get("value")
                    if (
                        (row.sheet, row.number) in unfilled
                        and isinstance(formula, str)
                        and formula[:1] == "="
                    ):
                        unfilled[row.sheet, row.number].cells["value"] = Uncomputed(formula)
        return read
    except SheetError:
        raise
    except (
        Exception
    ) as exc:  # a file from anyone: a broken zip, XML or style is one error line, whatever it raises
        raise SheetError(
            "error.import_unreadable", path=path, reason=str(exc) or type(exc).__name__
        ) from None


def _xlsx_rows(book: Any, archive: Any, progress: Progress | None, include_hidden: bool) -> FileRows:
    """The rows of every sheet of an open workbook that has a header row; the workbook closed.

    A hidden sheet, or a hidden row, that holds figures is named in `hidden`, and read only with
    `include_hidden`."""
    try:
        rows: list[SheetRow] = []
        sheets: list[str] = []
        hidden = Hidden([], {}, include_hidden)
        language = template_language(getattr(book.properties, "keywords", None))
        for sheet in book.worksheets:
            total = sheet.max_row if isinstance(sheet.max_row, int) else None
            sheet.reset_dimensions()  # some writers record wrong dimensions; read what is there
            # the sheet's part: openpyxl's read-only sheet keeps it under a private name
            part = getattr(sheet, "_worksheet_path", None)
            hidden_rows, hidden_columns = _hidden_parts(archive, part)
            cells = _visible_cells(sheet, hidden_columns, hidden)
            found = _sheet_rows(sheet.title, cells, progress, total)
            if found is None:
                hidden.columns.pop(sheet.title, None)
                continue
            if hidden_rows:
                shown_rows = [row for row in found if row.number not in hidden_rows]
                left = [row.number for row in found if row.number in hidden_rows]
                if left:
                    hidden.rows[sheet.title] = left
                if not include_hidden:
                    found = shown_rows
            if sheet.sheet_state != "visible":
                if not found:
                    continue  # hides nothing that counts: the lists a template's drop-downs read
                hidden.sheets.append(sheet.title)
                hidden.rows.pop(sheet.title, None)  # the sheet says it
                if not include_hidden:
                    continue
            sheets.append(sheet.title)
            if language is not None:
                for row in found:
                    row.language = language
            rows.extend(found)
        return FileRows(rows, sheets, hidden)
    finally:
        book.close()


# A row element of a sheet's XML, with or without a namespace prefix; its number and whether it is
# hidden. Text and attribute values cannot hold a raw `<`, so no cell's text can look like one.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])([^>]*)>")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["']\s*(\d+)""")
_ROW_HIDDEN = re.compile(rb"""\shidden\s*=\s*["']\s*(?:1|true)\s*["']""")


_COL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?col(?=[\s/>])([^>]*)>")
_COL_RANGE = re.compile(rb"""\smin\s*=\s*["']\s*(\d+)\s*["'][^>]*?\smax\s*=\s*["']\s*(\d+)""")
_MAX_COLUMNS = 16_384  # a sheet's widest: a `max` beyond it is not believed


def _hidden_parts(archive: Any, part: str | None) -> tuple[set[int], set[int]]:
    """The rows and the columns (0 for A) a sheet's part marks hidden, which openpyxl's read-only
    sheets do not say, in one pass over it: rows numbered as openpyxl numbers them (by `r`, else one
    after the row before), columns from the <col> elements before the rows."""
    rows: set[int] = set()
    columns: set[int] = set()
    if part is None or part not in archive.namelist():
        return rows, columns
    number = 0
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            cut = data.rfind(b"<")
            data, tail = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
            for match in _COL_TAG.finditer(data):
                bounds = _COL_RANGE.search(match.group(1))
                if bounds and _ROW_HIDDEN.search(match.group(1)):
                    low, high = int(bounds.group(1)), min(int(bounds.group(2)), _MAX_COLUMNS)
                    columns.update(range(low - 1, high))
            for match in _ROW_TAG.finditer(data):
                attributes = match.group(1)
                given = _ROW_NUMBER.search(attributes)
                number = int(given.group(1)) if given else number + 1
                if _ROW_HIDDEN.search(attributes):
                    rows.add(number)
    return rows, columns


def _visible_cells(sheet: Any, columns: set[int], hidden: Hidden) -> Iterator[tuple[list[Any], set[int]]]:
    """A sheet's rows without its hidden `columns` (unless `hidden.read`), the known ones named in `hidden`."""
    if not columns:
        return _xlsx_cells(sheet)
    known = _header_cells(_xlsx_cells(sheet), columns)
    if known:
        hidden.columns[sheet.title] = known
    return _xlsx_cells(sheet) if hidden.read else _without(_xlsx_cells(sheet), columns)


def _header_cells(cells: Iterator[tuple[list[Any], set[int]]], hidden: set[int]) -> list[str]:
    """The letters of the hidden columns whose header is one `import` knows (in the first rows)."""
    for number, (values, _) in enumerate(cells, 1):
        if number > HEADER_SEARCH_ROWS:
            break
        if _columns_of(values) is not None:
            return [
                column_letters(i)
                for i in sorted(hidden)
                if i < len(values) and isinstance(values[i], str) and header_key(values[i]) in _KNOWN
            ]
    return []


def _without(
    cells: Iterator[tuple[list[Any], set[int]]], hidden: set[int]
) -> Iterator[tuple[list[Any], set[int]]]:
    for values, percent in cells:
        yield [None if i in hidden else value for i, value in enumerate(values)], percent - hidden


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


def _read_text(path: Path, progress: Progress | None) -> FileRows:
    """A CSV file (or Excel's "Unicode text"), every record of it or a refusal naming the row."""
    try:
        size = path.stat().st_size
        if size > TEXT_MAX_BYTES:
            raise SheetError(
                "error.import_too_big_text",
                path=path,
                size=_megabytes(size),
                limit=_megabytes(TEXT_MAX_BYTES),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise SheetError("error.import_missing", path=path) from None
    except OSError as exc:
        raise SheetError("error.import_unreadable", path=path, reason=exc.strerror) from None
    text = _decoded(path, data)
    delimiter = _delimiter(text)
    if delimiter is None:
        if "\x00" in text:  # UTF-16 without its BOM, or no text at all: name where it starts
            raise SheetError("error.import_nul", path=path, row=text.count("\n", 0, text.index("\x00")) + 1)
        return FileRows([], [])
    records = _records(path, text, delimiter)
    found = _sheet_rows(None, ((line, set()) for line in records), progress, len(records))
    return FileRows(found or [], [path.name])


def _decoded(path: Path, data: bytes) -> str:
    import codecs

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            return unicodedata.normalize("NFC", data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise SheetError("error.import_unreadable", path=path, reason=exc.reason) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # "CSV (Comma delimited)" from Excel on a Vietnamese Windows is in its ANSI code page.
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


def _delimiter(text: str) -> str | None:
    """The delimiter under which a header row appears among the first records: Excel writes `;`
    where the decimal mark is a comma, as in Vietnamese, and a tab in "Unicode text"."""
    import csv
    import io

    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for number, line in enumerate(reader, 1):
                if _columns_of(line):
                    return delimiter
                if number >= HEADER_SEARCH_ROWS:
                    break
        except csv.Error:  # a broken record before any header row: not under this delimiter
            continue
    return None


def _records(path: Path, text: str, delimiter: str) -> list[list[str]]:
    """Every record of the file, or a refusal naming the row (the record, as a spreadsheet numbers
    them) where it cannot be read: a quote never closed would take in every row after it."""
    import csv
    import io

    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for record in reader:
            if any("\x00" in cell for cell in record):
                raise SheetError("error.import_nul", path=path, row=len(records) + 1)
            records.append(record)
    except csv.Error as exc:
        reason = str(exc)
        row = len(records) + 1
        if reason.startswith("field larger than field limit"):
            raise SheetError(
                "error.import_cell_too_long", path=path, row=row, limit=Decimal(csv.field_size_limit())
            ) from None
        if "end of data" in reason or "expected after" in reason:
            raise SheetError("error.import_open_quote", path=path, row=row) from None
        raise SheetError("error.import_bad_record", path=path, row=row, reason=reason) from None
    return records


def _sheet_rows(
    sheet: str | None,
    cells: Iterator[tuple[list[Any], set[int]]],
    progress: Progress | None,
    total: int | None,
) -> list[SheetRow] | None:
    """The rows below the header row, by known column; None when no header row is found."""
    columns: dict[int, str] | None = None
    positions: dict[str, int] = {}
    rows: list[SheetRow] = []
    for number, (values, percent) in enumerate(cells, 1):
        if progress is not None and number % 500 == 0:
            progress(number, total)
        if columns is None:
            if number > HEADER_SEARCH_ROWS:
                return None
            columns = _columns_of(values)
            positions = {column: index for index, column in (columns or {}).items()}
            continue
        row = {column: values[index] for index, column in columns.items() if index < len(values)}
        if not all(blank(v) for v in row.values()):
            shown = frozenset(columns[i] for i in percent if i in columns)
            rows.append(SheetRow(sheet, number, row, shown, positions))
    if progress is not None and columns is not None:
        progress(total or 0, total)
    return rows if columns is not None else None


def column_letters(index: int) -> str:
    """A column as a spreadsheet names it: 0 is A, 25 Z, 26 AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
