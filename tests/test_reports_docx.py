"""The annex as a Word document, read back the way its readers open it: python-docx, then
LibreOffice to PDF and PNG. The 2026 plan with 2025 figures and a draft 2027 plan, in December."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from .helpers import run_process
from .test_reports_xlsx import PDFINFO, SOFFICE, _soffice


@pytest.fixture
def december(targets, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The office's December: 2025 and 2026 figures, the 2027 plan drafted with two targets."""
    monkeypatch.setenv("LAICHAU_TARGETS_TODAY", "2026-12-07")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796601600")  # 2026-12-07 00:00 UTC
    for code, value, period in [
        ("GRDP", "7.52", "2025"),
        ("GRDP", "9.0", "2026"),
        ("BUDGET", "3573", "2025"),
        ("BUDGET", "2850", "2026"),
        ("POOR", "3.9", "2026"),
    ]:
        assert targets("record", "--period", period, code, value).exit_code == 0
    assert targets("plan", "new", "2027").exit_code == 0
    assert targets("target", "set", "GRDP", "10", "--plan", "2027").exit_code == 0
    assert targets("target", "set", "BUDGET", "3000", "--plan", "2027").exit_code == 0
    return data_dir


def annex(targets, path: Path, lang: str, *extra: str) -> Document:
    result = targets("--lang", lang, "report", "--plan", "2026", "-o", str(path), *extra)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert path.read_bytes().startswith(b"PK\x03\x04")
    return Document(str(path))


def texts_of(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def test_the_page_is_set_up_by_decree_30(targets, december: Path, tmp_path: Path) -> None:
    document = annex(targets, tmp_path / "bieu.docx", "vi")
    (section,) = document.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)  # A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    # Page numbers centred at the top, none on the first page.
    assert section.different_first_page_header_footer is True
    header = section.header.paragraphs[0]
    assert header.alignment == 1 and "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 13)
    assert {run.font.name for p in document.paragraphs for run in p.runs} == {"Times New Roman"}
    table = document.tables[1]
    styled = {(p.style.name, run.font.name) for c in table._cells for p in c.paragraphs for run in p.runs}
    assert styled == {("Annex Table", None)}  # the face and size of the table's paragraph style:
    annex_style = document.styles["Annex Table"]
    assert (annex_style.base_style.name, annex_style.font.size.pt) == ("Normal", 11)  # Times New Roman, 11 pt


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        (
            "vi",
            [
                "Biểu số 05",
                "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLai Châu, ngày 07 tháng 12 năm 2026",
                "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2026 "
                "VÀ DỰ KIẾN KẾ HOẠCH NĂM 2027 TỈNH LAI CHÂU",
                "(Kèm theo Báo cáo số 512/BC-UBND ngày 10/12/2026 của UBND tỉnh Lai Châu)",
            ],
        ),
        (
            "en",
            [
                "Table 05",
                "PEOPLE'S COMMITTEE\nOF LAI CHÂU PROVINCE",
                "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness\nLai Châu, 2026-12-07",
                "MAIN SOCIO-ECONOMIC INDICATORS OF LAI CHÂU PROVINCE: PERFORMANCE IN 2026 "
                "AND THE PROPOSED PLAN FOR 2027",
                "(Attached to Báo cáo số 512/BC-UBND ngày 10/12/2026 của UBND tỉnh Lai Châu)",
            ],
        ),
    ],
)
def test_the_heading_is_the_administrative_one(
    targets, december: Path, tmp_path: Path, lang: str, heading: list[str]
) -> None:
    attached = "Báo cáo số 512/BC-UBND ngày 10/12/2026 của UBND tỉnh Lai Châu"
    document = annex(targets, tmp_path / "bieu.docx", lang, "--annex-number", "05", "--attached-to", attached)
    number, title, attached_line = (p.text for p in document.paragraphs[:3] if p.text)
    left, right = document.tables[0].rows[0].cells
    assert [number, texts_of(left), texts_of(right), title, attached_line] == heading
    assert document.paragraphs[0].alignment == 2  # the number at the right
    bold = [run.bold for run in left.paragraphs[1].runs + right.paragraphs[0].runs]
    assert bold == [True, True]


def test_the_table_holds_the_annex_as_typed(targets, december: Path, tmp_path: Path) -> None:
    document = annex(targets, tmp_path / "bieu.docx", "vi")
    table = document.tables[1]
    first, second = ([texts_of(c) for c in row.cells] for row in table.rows[:2])
    assert first == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Thực hiện năm 2025",
        "Kế hoạch năm 2026",
        "Ước thực hiện năm 2026",
        "So sánh (%)",
        "So sánh (%)",  # one cell merged over its two columns, as python-docx reads it
        "Dự kiến kế hoạch năm 2027",
        "Ghi chú",
    ]
    assert second[6:8] == ["Với kế hoạch", "Với cùng kỳ"]
    for row in table.rows[:2]:  # both header rows repeat on every page
        assert row._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    rows = [[texts_of(c) for c in row.cells] for row in table.rows[2:]]
    assert [row[:2] for row in rows if row[0] in ("I", "II", "III")] == [
        ["I", "CHỈ TIÊU KINH TẾ"],
        ["II", "CHỈ TIÊU XÃ HỘI"],
    ]
    by_name = {row[1]: row for row in rows}
    # 9,0 as typed; a rate: no "So sánh (%)", its difference from ≥ 10 in points in the note.
    assert by_name["Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)"][3:] == [
        "7,52",
        "≥ 10",
        "9,0",
        "",
        "",
        "≥ 10",
        "Thấp hơn kế hoạch 1 điểm %",
    ]
    # 2,850 / 2,727 = 104.5 %; 2,850 / 3,573 = 79.8 %.
    assert by_name["Thu ngân sách trên địa bàn"][2:] == [
        "tỷ đồng",
        "3.573",
        "≥ 2.727",
        "2.850",
        "104,5",
        "79,8",
        "≥ 3.000",
        "So với dự toán",  # the plan's figure for the budget is the dự toán
    ]
    assert by_name["Mức giảm tỷ lệ hộ nghèo"][3:9] == ["", "≥ 3,88", "3,9", "", "", ""]
    widths = [column.width.mm for column in table.columns]
    assert round(sum(widths)) == 252 and widths[1] == max(widths)  # the page's width; the names widest


def test_an_annual_plan_without_next_years_plan_has_no_such_column(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    assert targets("report", "-o", str(tmp_path / "bieu.docx")).exit_code == 0
    first = [texts_of(c) for c in Document(str(tmp_path / "bieu.docx")).tables[1].rows[0].cells]
    # The bundled folder's 2024 plan: the 2025 plan is adopted, so its column says "Plan 2025".
    assert first[-2:] == ["Plan 2025", "Notes"]
    assert targets("report", "--plan", "2026", "-o", str(tmp_path / "b.docx")).exit_code == 0
    assert [texts_of(c) for c in Document(str(tmp_path / "b.docx")).tables[1].rows[0].cells][-2:] == [
        "Comparison (%)",
        "Notes",
    ]


LIBREOFFICE = pytest.mark.skipif(
    SOFFICE is None or PDFINFO is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice or poppler is not installed (Debian libreoffice-writer-nogui, poppler-utils; .ci/run installs them)",
)


@LIBREOFFICE
@pytest.mark.office
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_libreoffice_prints_the_annex_on_a4_landscape(
    targets, december: Path, tmp_path: Path, lang: str
) -> None:
    annex(targets, tmp_path / "bieu.docx", lang)
    _soffice(["--convert-to", "pdf", "--outdir", str(tmp_path / "out"), "bieu.docx"], tmp_path)
    pdf = tmp_path / "out" / "bieu.pdf"
    info = run_process([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Page size"].split()[:3] == ["841.89", "x", "595.3"] or fields[
        "Page size"
    ].strip().startswith("841.89 x 595.")
    assert int(fields["Pages"]) == 1
    text = run_process(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert ("Biểu số 01" if lang == "vi" else "Table 01") in text
    assert ("Thu ngân sách trên địa bàn" if lang == "vi" else "Budget revenue in the province") in text
    run_process(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (  # v0.3 beta: an annual annex of the term's last year, its figure columns empty
            ["--plan", "2021-2025", "report", "-o", "t.docx"],
            "the Word annex is an annual plan's; for the term plan 2021-2025, write xlsx (its review table), md or html",
        ),
        (
            ["--plan", "2021-2025", "report", "-o", "t.xlsx", "--annex-number", "07"],
            "--annex-number, --attached-to and --issuer head an annual plan's annex; plan 2021-2025 is a term plan",
        ),
        (
            ["report", "-o", "e.docx", "--annex-number", " "],
            "--annex-number is the annex's number, such as 01: not empty, at most 10 characters",
        ),
        (  # a spreadsheet cell stops at 32,767 characters: the xlsx cut it where the docx did not
            ["report", "-o", "l.xlsx", "--attached-to", "Báo cáo " * 100],
            "--attached-to is 799 characters long; an annex's heading takes at most 500",
        ),
        (
            ["report", "-o", "m.xlsx", "-f", "docx"],
            "m.xlsx: the extension .xlsx names another format than --format docx; change one of them",
        ),
    ],
)
def test_what_cannot_head_an_annex_is_refused(
    targets, december: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    refused = targets(*args)
    assert (refused.exit_code, refused.stdout, refused.stderr) == (2, "", f"Error: {said}\n")
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".docx", ".xlsx")]


def test_a_blank_issuer_is_the_default_and_the_number_stays(targets, december: Path, tmp_path: Path) -> None:
    """A tryout: --issuer " " left the sheet without its "Biểu số 05"."""
    for suffix in ("xlsx", "docx"):
        path = tmp_path / f"b.{suffix}"
        assert (
            targets(
                "--lang",
                "vi",
                "report",
                "--plan",
                "2026",
                "-o",
                str(path),
                "--issuer",
                " ",
                "--annex-number",
                "05",
            ).exit_code
            == 0
        )
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "b.xlsx").worksheets[0]
    assert [sheet.cell(1, 1).value, sheet.cell(2, 1).value, sheet.cell(1, 8).value] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LAI CHÂU",
        "Biểu số 05",
    ]
    document = Document(str(tmp_path / "b.docx"))
    assert document.paragraphs[0].text == "Biểu số 05"
    assert texts_of(document.tables[0].rows[0].cells[0]) == "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU"
