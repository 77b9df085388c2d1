"""The annex as a Word document laid out by Decree 30/2020/NĐ-CP: A4 landscape for the table,
margins top and bottom 20 mm, left 30, right 15; Times New Roman; the issuing body beside the
national motto; page numbers centred at the top, none on the first page.

python-docx is imported only here, and only when a document is written.
"""

from __future__ import annotations

import io
from typing import Any

from ..messages import Texts
from ..report import Report
from .annex import Amount, Annex, build_annex

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
TABLE_STYLE = "Annex Table"  # a paragraph style: Normal's face at the table's size
TABLE_STYLE_ID = "AnnexTable"
# Decree 30/2020/NĐ-CP, appendix I: margins in mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
A4_MM = (297, 210)  # landscape: width, height


def render(report: Report, texts: Texts) -> bytes:
    from docx import Document

    annex = build_annex(report, texts, report.made_at.date())
    document = Document()
    _page(document)
    _styles(document)
    _heading(document, annex)
    _table(document, annex, texts)
    # A fixed creation time and author: the same report gives the same document content.
    from datetime import datetime

    properties = document.core_properties
    properties.created = properties.modified = datetime(2000, 1, 1)
    properties.author = properties.last_modified_by = "targets"
    properties.title = annex.title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # no number on page 1
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = 1  # centred
    _field(paragraph, "PAGE")


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (the page number) that every reader computes when it lays the pages out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    _font(run, TABLE_PT)


def _styles(document: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.rPr.rFonts
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)
    from docx.enum.style import WD_STYLE_TYPE

    table_text = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = style
    table_text.font.size = Pt(TABLE_PT)


def _font(run: Any, size: int, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _line(
    cell_or_doc: Any, text: str, size: int, bold: bool = False, italic: bool = False, align: int = 1
) -> Any:
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _heading(document: Any, annex: Annex) -> None:
    """The annex's number; the issuing body beside the motto; place and date; title; attachment."""
    from docx.shared import Mm, Pt

    body = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    body.alignment = 2  # right
    _font(body.add_run(annex.number), BODY_PT, bold=True)
    header = document.add_table(rows=1, cols=2)
    header.autofit = False
    widths = (Mm(95), Mm(157))
    for cell, width in zip(header.rows[0].cells, widths, strict=True):
        cell.width = width
    left, right = header.rows[0].cells
    left.paragraphs[0].alignment = 1
    for n, line in enumerate(annex.issuer):
        paragraph = left.paragraphs[0] if n == 0 else left.add_paragraph()
        paragraph.alignment = 1
        _font(paragraph.add_run(line), 12, bold=n > 0 or len(annex.issuer) == 1)
    right.paragraphs[0].alignment = 1
    _font(right.paragraphs[0].add_run(annex.motto[0]), 12, bold=True)
    _line(right, annex.motto[1], BODY_PT, bold=True)
    _line(right, annex.place_date, BODY_PT, italic=True).paragraph_format.space_before = Pt(6)
    title = _line(document, annex.title, BODY_PT, bold=True)
    title.paragraph_format.space_before = Pt(12)
    _line(document, annex.attached, BODY_PT, italic=True).paragraph_format.space_after = Pt(6)


def _table(document: Any, annex: Annex, texts: Texts) -> None:
    """Two header rows repeated on every page, "So sánh (%)" over its two columns; groups in bold."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    columns = len(annex.headers)
    table = document.add_table(rows=2, cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    assert annex.compare is not None
    low, high = annex.compare
    first, second = table.rows
    for n, label in enumerate(annex.headers):
        if low <= n <= high:
            _cell(second.cells[n], label, bold=True, align=1)
        else:
            merged = first.cells[n].merge(second.cells[n])
            _cell(merged, label, bold=True, align=1)
    compare = first.cells[low].merge(first.cells[high])
    _cell(compare, annex.compare_title(texts), bold=True, align=1)
    for row in (first, second):
        properties = row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
    widths = [Mm(width) for width in _widths(columns)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice lays the table out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    # A fixed layout: Word, like LibreOffice, then takes every row's widths from the grid, and the
    # rows below need none of their own (setting them cost a tenth of the annex's time).
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for annex_row in annex.rows:
        cells = table.add_row().cells
        for n, (value, cell) in enumerate(zip(annex_row.cells, cells, strict=True)):
            if value is None:
                continue
            number = isinstance(value, Amount)
            text = value.text(texts) if isinstance(value, Amount) else value
            align = 2 if number else 1 if n in (0, 2) else 0
            _cell(cell, text, bold=annex_row.group is not None, align=align)


def _widths(columns: int) -> list[float]:
    """Column widths in mm filling the 252 mm between the margins: the indicator's name widest."""
    usable = A4_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    fixed = {0: 10.0, 2: 20.0}
    name, note = 62.0, 36.0
    others = (usable - sum(fixed.values()) - name - note) / (columns - 4)
    return [fixed.get(n, name if n == 1 else note if n == columns - 1 else others) for n in range(columns)]


def _cell(cell: Any, text: str, bold: bool = False, align: int = 0) -> None:
    """Text in a table cell; its size and face from the table's paragraph style."""
    paragraph = cell.paragraphs[0]
    paragraph._p.style = TABLE_STYLE_ID  # by its id: python-docx looks a style's name up in every style
    paragraph.alignment = align
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    cell.vertical_alignment = 1  # centred
