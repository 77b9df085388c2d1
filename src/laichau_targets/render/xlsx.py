"""The report as an Excel workbook laid out as a review annex, and the template departments fill in.

openpyxl is imported only here, and only when a workbook is written (it costs ~170 ms).
Numbers are stored as numbers with number formats, so that each reader's spreadsheet shows
them in its own locale (2.236 and 51,5 in Vietnamese, 2,236 and 51.5 in English).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..formatting import human
from ..messages import Texts
from ..plans import Indicator
from ..records import Figure
from ..report import Report
from ..standing import Standing
from . import words
from .annex import Amount, Annex
from .document import Document, build_document
from .table import STATUS_STYLE

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


# show's colours (STATUS_STYLE), as a fill and a font colour that a printer keeps.
_COLOURS = {
    "green": ("C6EFCE", "006100"),
    "cyan": ("DDEBF7", "1F4E78"),
    "yellow": ("FFEB9C", "7F4F00"),
    "red": ("FFC7CE", "9C0006"),
    "magenta": ("E4DFEC", "5B2C6F"),
    "blue": ("DDEBF7", "1F4E78"),
    "dim": (None, "7F7F7F"),
}
_HEADER_FILL = "D9E1F2"
MAX_TEXT_WIDTH = 48
_FONT_NAME = "Times New Roman"  # the face of Vietnamese administrative documents (Decree 30/2020)


def number_format(
    value: Decimal,
    prefix: str = "",
    suffix: str = "",
    signed: bool = False,
    places: int | None = None,
    as_typed: bool = False,
) -> str:
    """A format that shows `value` with its own decimals (at most `places`), grouped, in the reader's locale.

    `prefix` and `suffix` are shown as text around the number (≥, %, a term rule); `signed`
    writes + before a rise, as "so với cùng kỳ" does; `as_typed` keeps the decimals a figure was
    typed with (9,0 stays 9,0).
    """
    exponent = (value if as_typed else value.normalize()).as_tuple().exponent
    own = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    decimals = own if places is None else min(own, places)
    body = "#,##0" + ("." + "0" * decimals if decimals else "")
    before = f'"{prefix}"' if prefix else ""
    after = f'"{suffix}"' if suffix else ""
    if signed:
        return f"+{before}{body}{after};-{before}{body}{after};{before}{body}{after}"
    return f"{before}{body}{after}"


def as_cell(value: Decimal) -> int | float:
    """What a spreadsheet can hold: an integer, else the nearest double (a cell holds no more)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _status_look(status: str) -> tuple[str | None, str, bool]:
    style = STATUS_STYLE[status].split()
    fill, font = _COLOURS.get(style[-1], (None, "000000"))
    return fill, font, "bold" in style


def figures_of(s: Standing) -> tuple[Figure, ...]:
    """The figures a standing rests on: a term's figure per year, else the latest figure."""
    if s.term is not None:
        return s.term.figures
    return () if s.record is None else (s.record,)


def figures_date(report: Report) -> datetime | None:
    """When the latest of the report's figures was recorded."""
    times = [record.recorded_at for s in report.standings for record in figures_of(s)]
    return max(times) if times else None


class Sheet:
    """A worksheet being filled row by row, with the styles the whole workbook shares."""

    def __init__(self, sheet: Worksheet, columns: int) -> None:
        from openpyxl.styles import Alignment, Border, Side

        self.sheet = sheet
        self.columns = columns
        self.row = 0
        self.widths = [0] * columns
        self.wrapped: list[tuple[int, int, int]] = []  # (row, column, length) of text that may wrap
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = self.font_of()
        self.bold = self.font_of(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.middle = Alignment(horizontal="center", vertical="top", wrap_text=True)
        self.header_fill = self.fill_of(_HEADER_FILL)

    @staticmethod
    def font_of(size: int = 11, bold: bool = False, colour: str | None = None, italic: bool = False) -> Any:
        from openpyxl.styles import Font

        return Font(name=_FONT_NAME, size=size, bold=bold, color=colour, italic=italic)

    @staticmethod
    def fill_of(colour: str) -> Any:
        from openpyxl.styles import PatternFill

        return PatternFill("solid", fgColor=colour)

    def line(self, text: str, size: int = 11, bold: bool = False, height_chars: int | None = None) -> None:
        """A line of text across the whole table width (merged, wrapped)."""
        self.row += 1
        cell = self.sheet.cell(self.row, 1)
        set_text(cell, text)
        cell.font = self.font_of(size, bold)
        cell.alignment = self.wrap
        if self.columns > 1:
            self.sheet.merge_cells(
                start_row=self.row, end_row=self.row, start_column=1, end_column=self.columns
            )
        if height_chars:
            lines = max(1, -(-len(text) // height_chars))
            self.sheet.row_dimensions[self.row].height = lines * (size + 5)

    def blank(self) -> None:
        self.row += 1

    def header(self, labels: Sequence[str]) -> int:
        self.row += 1
        for n, label in enumerate(labels, 1):
            cell = self.sheet.cell(self.row, n)
            set_text(cell, label)
            cell.font, cell.alignment, cell.border, cell.fill = (
                self.bold,
                self.centre,
                self.border,
                self.header_fill,
            )
            longest = max(len(word) for word in label.split())
            self.widths[n - 1] = max(self.widths[n - 1], longest + 2, min(len(label), 14))
        longest_label = max(len(label) / max(1, self.widths[n]) for n, label in enumerate(labels))
        self.sheet.row_dimensions[self.row].height = 15 * max(2, int(longest_label) + 1)
        return self.row

    def cells(self, values: Sequence[Any], formats: Sequence[str | None] | None = None) -> int:
        """A row of the table: text cells as text (never a formula), numbers with their formats."""
        self.row += 1
        for n, value in enumerate(values, 1):
            cell = self.sheet.cell(self.row, n)
            fmt = formats[n - 1] if formats else None
            if isinstance(value, Decimal):
                cell.value = as_cell(value)
                cell.number_format = fmt or number_format(value)
                shown = len(human(value)) + (2 if fmt and fmt.startswith('"') else 0)
            elif isinstance(value, int):
                cell.value = value
                shown = len(str(value))
            elif value is None or value == "":
                shown = 0
            else:
                set_text(cell, str(value))
                shown = min(len(str(value)), MAX_TEXT_WIDTH)
                self.wrapped.append((self.row, n, len(str(value))))
            cell.font, cell.border = self.font, self.border
            cell.alignment = self.wrap
            self.widths[n - 1] = max(self.widths[n - 1], shown + 2)
        return self.row

    def fit_columns(self) -> None:
        from openpyxl.utils import get_column_letter

        for n, width in enumerate(self.widths, 1):
            self.sheet.column_dimensions[get_column_letter(n)].width = max(width, 5)
        # Spreadsheets do not grow a row for wrapped text on opening a file: say how high.
        lines: dict[int, int] = {}
        for row, column, length in self.wrapped:
            needed = -(-length * 4 // max(4, self.widths[column - 1] * 5))
            lines[row] = max(lines.get(row, 1), needed)
        for row, count in lines.items():
            if count > 1:
                self.sheet.row_dimensions[row].height = 14 * count

    def page(self, header_row: int, landscape: bool = True) -> None:
        """Frozen header, header repeated on every printed page, fitted to the page width."""
        sheet = self.sheet
        sheet.freeze_panes = sheet.cell(header_row + 1, 1)
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def set_text(cell: Any, text: str) -> None:
    """Text stays text: a name starting with `=` is never taken for a formula."""
    cell.value = text
    cell.data_type = "s"


def new_workbook() -> Any:
    from openpyxl import Workbook

    book = Workbook()
    # A fixed creation time: the same report gives the same workbook content.
    book.properties.created = book.properties.modified = datetime(2000, 1, 1)
    book.properties.creator = "targets"
    return book


def save_book(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(report: Report, texts: Texts) -> bytes:
    """An annual plan: the annex as the office attaches it (Biểu số 01), then the sources; a term
    plan: the term's table, then the sources."""
    book = new_workbook()
    doc = build_document(report, texts)
    if report.plan.is_term:
        _term_sheet(book.active, report, texts, doc)
    else:
        from .annex import build_annex

        _annex_sheet(book.active, build_annex(report, texts, report.made_at.date()), texts)
    _sources(book.create_sheet(), report, texts, doc)
    return save_book(book)


def _annex_sheet(ws: Worksheet, annex: Annex, texts: Texts) -> None:
    """The annex sheet: issuer and number, the centred title in capitals, the attachment line, a
    two-row header with "So sánh (%)" over its two columns, groups in bold; A4 landscape."""
    ws.title = texts("xlsx.sheet.report")
    sheet = Sheet(ws, len(annex.headers))
    _annex_heading(sheet, annex)
    first, second = _annex_header(sheet, annex)
    for annex_row in annex.rows:
        values = [cell.value if isinstance(cell, Amount) else cell for cell in annex_row.cells]
        formats = [
            number_format(cell.value, cell.prefix, as_typed=True) if isinstance(cell, Amount) else None
            for cell in annex_row.cells
        ]
        row = sheet.cells(values, formats)
        for column in (1, 3):
            ws.cell(row, column).alignment = sheet.middle
        if annex_row.group is not None:
            for column in range(1, sheet.columns + 1):
                ws.cell(row, column).font = sheet.bold
    sheet.widths[1] = min(max(sheet.widths[1], 34), MAX_TEXT_WIDTH)
    sheet.widths[0] = 5
    sheet.widths[-1] = min(max(sheet.widths[-1], 18), 30)
    sheet.fit_columns()
    sheet.page(second)
    ws.print_title_rows = f"{first}:{second}"


def _annex_heading(sheet: Sheet, annex: Annex) -> None:
    """The issuer on the left, the annex's number on the right; the title and the attachment line centred."""
    ws, columns = sheet.sheet, sheet.columns
    side = min(3, columns // 3)
    for n, issuer_line in enumerate(annex.issuer):
        sheet.row += 1
        cell = ws.cell(sheet.row, 1)
        set_text(cell, issuer_line)
        cell.font, cell.alignment = sheet.font_of(12, bold=n > 0 or len(annex.issuer) == 1), sheet.centre
        ws.merge_cells(start_row=sheet.row, end_row=sheet.row, start_column=1, end_column=side)
        if n == 0:
            number = ws.cell(sheet.row, columns - side + 1)
            set_text(number, annex.number)
            number.font, number.alignment = sheet.font_of(12, bold=True), sheet.centre
            ws.merge_cells(
                start_row=sheet.row, end_row=sheet.row, start_column=columns - side + 1, end_column=columns
            )
    sheet.blank()
    for text, italic in [(annex.title, False), (annex.attached, True)]:
        sheet.row += 1
        cell = ws.cell(sheet.row, 1)
        set_text(cell, text)
        cell.font = sheet.font_of(12, bold=not italic, italic=italic)
        cell.alignment = sheet.centre
        ws.merge_cells(start_row=sheet.row, end_row=sheet.row, start_column=1, end_column=columns)
        ws.row_dimensions[sheet.row].height = 17 * max(1, -(-len(text) // (columns * 11)))
    sheet.blank()


def _annex_header(sheet: Sheet, annex: Annex) -> tuple[int, int]:
    """Two header rows: every column's label over both, but "So sánh (%)" over its two columns."""
    ws = sheet.sheet
    first, second = sheet.row + 1, sheet.row + 2
    low, high = annex.compare
    for n, label in enumerate(annex.headers):
        compared = low <= n <= high
        set_text(ws.cell(second if compared else first, n + 1), label)
        if not compared:
            ws.merge_cells(start_row=first, end_row=second, start_column=n + 1, end_column=n + 1)
        longest = max(len(word) for word in label.split())
        sheet.widths[n] = max(sheet.widths[n], longest + 2, min(len(label), 12))
    set_text(ws.cell(first, low + 1), annex.compare_title)
    ws.merge_cells(start_row=first, end_row=first, start_column=low + 1, end_column=high + 1)
    for row in (first, second):
        for column in range(1, sheet.columns + 1):
            cell = ws.cell(row, column)
            cell.font, cell.alignment, cell.border = sheet.bold, sheet.centre, sheet.border
        ws.row_dimensions[row].height = 32
    sheet.row = second
    return first, second


def _term_sheet(ws: Worksheet, report: Report, texts: Texts, doc: Document) -> None:
    """A term plan's review: title, source, date and headline above its table of years."""
    ws.title = texts("xlsx.sheet.report")
    headers, rows = _term_table(report, texts)
    sheet = Sheet(ws, len(headers))
    sheet.line(doc.title, size=14, bold=True)
    for line in doc.intro:  # the plan's source, which plan, its checkpoint
        sheet.line(line, height_chars=150)
    when = figures_date(report)
    sheet.line(
        texts("xlsx.figures_date", date=when.strftime(texts("date.format")))
        if when
        else texts("report.sources.none")
    )
    sheet.line(doc.headline, bold=True)
    sheet.blank()
    header_row = sheet.header(headers)
    for s, (values, formats) in zip(report.standings, rows, strict=True):
        row = sheet.cells(values, formats)
        fill, colour, bold = _status_look(s.status)
        status = ws.cell(row, len(headers))
        status.font = sheet.font_of(bold=bold, colour=colour)
        if fill:
            status.fill = sheet.fill_of(fill)
        for column in (1, 3):  # TT and the unit
            ws.cell(row, column).alignment = sheet.middle
    overrides = words.overrides(report, texts)
    if overrides:
        sheet.blank()
        for line in overrides:
            sheet.line(line)
    sheet.widths[1] = min(max(sheet.widths[1], 30), MAX_TEXT_WIDTH)
    sheet.fit_columns()
    sheet.page(header_row)


TableRow = tuple[list[Any], list[str | None]]  # a table row's values and their number formats


def _term_table(report: Report, texts: Texts) -> tuple[list[str], list[TableRow]]:
    """A term plan: the term target, each year's full-year figure as a column, the term figure, the verdict."""
    plan = report.plan
    years = list(plan.years)
    headers = [
        texts("col.no"),
        texts("col.indicator"),
        texts("col.unit_full"),
        texts("col.term_target"),
        *(str(year) for year in years),
        texts("col.term_figure"),
        texts("col.vs_plan"),
        texts("col.status"),
    ]
    rows = []
    for number, s in enumerate(report.standings, 1):
        indicator = s.indicator
        target, target_format = target_cell(indicator, texts, plan.year)
        term = s.term
        by_year = {
            r.period.year: r.value
            for r in (term.figures if term else ())
            if r.period is not None and r.value is not None
        }
        figure = term.value if term else None
        values: list[Any] = [
            number,
            words.name(indicator, texts),
            words.unit(indicator, texts),
            target,
            *(by_year.get(year) for year in years),
            figure,
            s.progress,
            words.status(s, texts),
        ]
        formats: list[str | None] = [
            None,
            None,
            None,
            target_format,
            *(None for _ in years),
            None if figure is None else number_format(figure, places=2),
            "#,##0.0",
            None,
        ]
        rows.append((values, formats))
    return headers, rows


def target_cell(
    indicator: Indicator, texts: Texts, last_year: int | None = None
) -> tuple[Decimal | str, str | None]:
    """The target as a number, its qualifier (≥ ≤ ≈) and a term's rule in its format; a range as text."""
    if indicator.target is None:
        return words.target(indicator, texts), None
    if indicator.comparison == "range":
        if last_year is not None:
            return words.term_target(indicator, texts, last_year, compact=True), None
        return words.target(indicator, texts, compact=True, with_unit=False), None
    rule = ""
    if last_year is not None and indicator.term_rule is not None:
        rule = " " + texts(f"term_rule.{indicator.term_rule}", year=last_year)
    return indicator.target, number_format(indicator.target, words.sign_before(indicator.comparison), rule)


SOURCE_COLUMNS = (
    "col.no",
    "col.code",
    "col.indicator",
    "col.target_source",
    "col.latest",
    "col.period_basis",
    "col.record",
    "col.recorded",
    "col.reported_on",
    "col.user",
    "col.source",
    "col.note",
)


def _sources(ws: Worksheet, report: Report, texts: Texts, doc: Document) -> None:
    """The rules used, then where every figure of the annex comes from: target and figure."""
    ws.title = texts("xlsx.sheet.sources")
    sheet = Sheet(ws, len(SOURCE_COLUMNS))
    rules = next(section for section in doc.sections if section.title == texts("report.rules"))
    sheet.line(rules.title, size=13, bold=True)
    for paragraph in rules.paragraphs:
        sheet.line(paragraph, height_chars=180)
    for item in rules.items:
        sheet.line(item)
    sheet.blank()
    sheet.line(texts("report.sources"), size=13, bold=True)
    header_row = sheet.header([texts(key) for key in SOURCE_COLUMNS])
    for number, s in enumerate(report.standings, 1):
        figures = figures_of(s)
        described = [number, words.inert(s.indicator.code), words.name(s.indicator, texts)]
        described.append(words.inert(s.indicator.source))
        if not figures:
            sheet.cells([*described, None, "", "", "", "", "", "", ""])
        for record in figures:
            sheet.cells(
                [
                    *described,
                    record.value,
                    words.period_of(record, texts),
                    f"#{report.short(record.id)}",  # as history shows it
                    record.recorded_at.strftime(texts("date.format") + " %H:%M"),
                    record.reported_on.strftime(texts("date.format")) if record.reported_on else "",
                    words.inert(record.user),
                    words.inert(record.source or ""),
                    words.inert(record.note or ""),
                ]
            )
            described = [None, "", "", ""]  # said once per indicator
    sheet.widths[2] = min(max(sheet.widths[2], 30), MAX_TEXT_WIDTH)
    sheet.widths[3] = MAX_TEXT_WIDTH
    sheet.fit_columns()
    sheet.page(header_row)
