"""The template a department fills in and sends back to `targets import`: its indicators, the
period in the officers' spelling, the notation of the template's language, and whom to send it to.

openpyxl is imported only when a template is written; the sheet's styles are the report's
(xlsx.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ..formatting import human
from ..messages import Texts
from ..plans import Indicator, Plan
from . import words
from .xlsx import MAX_TEXT_WIDTH, Sheet, new_workbook, save_book, target_cell

if TYPE_CHECKING:
    from ..periods import Period

TEMPLATE_MONTHS = (3, 6, 9, 12)  # the checkpoints departments report: quý I, 6 tháng, 9 tháng, năm


def period_choices(year: int, texts: Texts) -> list[str]:
    """The periods a template offers, as officers of its language write them: "Quý I/2026",
    "6 tháng/2026", "9 tháng/2026", "Năm 2026"; "Q1 2026", "H1 2026", "Jan–Sep 2026", "2026".
    `import` reads each back (periods.parse_period)."""
    from ..messages import period_words
    from ..periods import Period

    return [period_words(Period(year, months), texts.lang, capital=True) for months in TEMPLATE_MONTHS]


def template(
    plan: Plan,
    indicators: Sequence[Indicator],
    texts: Texts,
    period: Period | None,
    owner: str | None,
    send_to: str | None = None,
) -> bytes:
    """A sheet for a department to fill in: one row per indicator, empty cells for the figure.

    Its columns and their headers are `sheets.TEMPLATE_COLUMNS`, which `import` reads back.
    Its instructions say what to fill in, in the notation of its language, and whom to send it
    to (`send_to`, else the office that sent it), with the plan's own year.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..messages import period_words
    from ..sheets import TEMPLATE_COLUMNS, template_column

    # the columns a department fills in (1-based)
    value_at, period_at, basis_at = (template_column(field) for field in ("value", "period", "basis"))

    book = new_workbook()
    from ..sheets import TEMPLATE_MARK

    book.properties.keywords = f"{TEMPLATE_MARK} {texts.lang}"  # import reads its notation from it
    ws = book.active
    ws.title = texts("template.sheet")
    sheet = Sheet(ws, len(TEMPLATE_COLUMNS))
    sheet.line(
        texts("template.title", province=words.inert(plan.province), year=plan.year), size=14, bold=True
    )
    periods = period_choices(plan.year, texts)
    how = texts(
        "template.how",
        example=human(Decimal("2850.5"), texts.lang),
        choices=", ".join(periods),
        recipient=words.inert(send_to) if send_to else texts("template.recipient"),
    )
    sheet.line(how, height_chars=150)
    sheet.line(texts("template.owner", owner=words.inert(owner)) if owner else "")
    sheet.blank()
    header_row = sheet.header([texts(key) for key, _, _ in TEMPLATE_COLUMNS])
    fill_in = sheet.fill_of("FFF2CC")  # the cells to fill, as forms shade them
    for indicator in indicators:
        target, target_format = target_cell(indicator, texts)
        given = {
            "col.code": words.inert(indicator.code),
            "col.indicator": words.name(indicator, texts),
            "col.unit_full": words.unit(indicator, texts),
            "col.target": target,
            "template.col.period": period_words(period, texts.lang, capital=True) if period else None,
        }
        row = sheet.cells(
            [given.get(key) for key, _, _ in TEMPLATE_COLUMNS],
            [target_format if key == "col.target" else None for key, _, _ in TEMPLATE_COLUMNS],
        )
        for column in range(value_at, len(TEMPLATE_COLUMNS) + 1):
            ws.cell(row, column).fill = fill_in
        ws.cell(row, period_at).number_format = "@"  # text: Excel would turn a typed 2024-09 into a date
    first, last = header_row + 1, max(header_row + 1, sheet.row)
    bases = [texts("basis.estimate"), texts("basis.official")]
    for column, choices, prompt in (
        (period_at, periods, "template.prompt.period"),
        (basis_at, bases, "template.prompt.basis"),
    ):
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorTitle=texts(TEMPLATE_COLUMNS[column - 1][0]),
            error=texts(prompt, choices=", ".join(choices)),
            promptTitle=texts(TEMPLATE_COLUMNS[column - 1][0]),
            prompt=texts(prompt, choices=", ".join(choices)),
        )
        letter = ws.cell(first, column).column_letter
        validation.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(validation)
    sheet.widths[1] = min(max(sheet.widths[1], 30), MAX_TEXT_WIDTH)
    sheet.widths[value_at - 1] = max(sheet.widths[value_at - 1], 14)
    sheet.widths[period_at - 1] = max(sheet.widths[period_at - 1], 10)
    sheet.widths[basis_at - 1] = max(sheet.widths[basis_at - 1], 14)
    sheet.widths[basis_at] = max(sheet.widths[basis_at], 24)
    sheet.widths[basis_at + 1] = max(sheet.widths[basis_at + 1], 24)
    sheet.fit_columns()
    sheet.page(header_row)
    return save_book(book)
