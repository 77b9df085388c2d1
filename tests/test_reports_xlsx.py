"""The xlsx report, read back the way its readers open it: openpyxl, then LibreOffice; of a year,
with "so với cùng kỳ", and of a term, with its years as columns."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.messages import Texts
from laichau_targets.plans import load_plans
from laichau_targets.render import words

from .conftest import snapshot
from .helpers import run_process


def header_row(sheet) -> int:
    """The first of the annex's two header rows: below the issuer, the title and the attachment line."""
    return next(row[0].row for row in sheet.iter_rows() if row[0].value in ("TT", "No."))


def table_rows(sheet) -> list:
    """The indicators' rows of the annex (numbered 1, 2, …), without the groups' rows."""
    top = header_row(sheet)
    return [row for row in sheet.iter_rows(min_row=top + 1) if str(row[0].value or "").isdigit()]


HEADERS = {
    "en": (
        [
            "No.",
            "Indicator",
            "Unit",
            "Actual 2023",
            "Plan 2024",
            "Estimated 2024",
            "Comparison (%)",
            None,
            "Plan 2025",
            "Notes",
        ],
        [None] * 6 + ["Against the plan", "Against last year", None, None],
    ),
    "vi": (
        [
            *(
                "TT",
                "Chỉ tiêu",
                "Đơn vị tính",
                "Thực hiện năm 2023",
                "Kế hoạch năm 2024",
                "Ước thực hiện năm 2024",
            ),
            *("So sánh (%)", None, "Kế hoạch năm 2025", "Ghi chú"),
        ],
        [None] * 6 + ["Với kế hoạch", "Với cùng kỳ", None, None],
    ),
}
GROUPS = {
    "en": ["ECONOMIC INDICATORS", "SOCIAL INDICATORS", "ENVIRONMENTAL INDICATORS"],
    "vi": ["CHỈ TIÊU KINH TẾ", "CHỈ TIÊU XÃ HỘI", "CHỈ TIÊU MÔI TRƯỜNG"],
}


def workbook(targets, path: Path, lang: str):
    result = targets("--lang", lang, "report", "--output", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    return load_workbook(path)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.usefixtures("figures")
def test_the_annex_holds_the_json_reports_numbers_as_numbers_under_their_groups(
    targets, data_dir: Path, tmp_path: Path, lang: str
) -> None:
    data = json.loads(targets("report", "--format", "json").stdout)
    plan = load_plans(data_dir / "targets.toml").choose()
    names = {i.code: words.name(i, Texts(lang)) for i in plan.indicators}
    groups = {i.code: i.group for i in plan.indicators}
    sheet = workbook(targets, tmp_path / "r.xlsx", lang).worksheets[0]
    top = header_row(sheet)
    assert [[c.value for c in sheet[row]] for row in (top, top + 1)] == list(HEADERS[lang])
    assert sheet.cell(1, 8).value == ("Table 01" if lang == "en" else "Biểu số 01")
    assert [
        row[1].value for row in sheet.iter_rows(min_row=top + 2) if row[0].value in ("I", "II", "III")
    ] == (GROUPS[lang])
    # The groups' order: economic, social, environment, each in the plan's order within.
    order = sorted(
        data["indicators"], key=lambda i: ("economic", "social", "environment").index(groups[i["code"]])
    )
    rows = table_rows(sheet)
    assert len(rows) == 17
    for number, (row, indicator) in enumerate(zip(rows, order, strict=True), 1):
        no, name, _unit, previous, target, actual, vs_plan, last_year, _upcoming, note = row
        assert no.value == str(number)
        assert name.value == names[indicator["code"]]
        assert (target.value, target.data_type) == (indicator["target"], "n")
        assert previous.value is None and last_year.value is None  # no 2023 figures
        full_year = indicator["period"] == "2024"
        assert actual.value == (indicator["actual"] if full_year else None)
        if full_year and indicator["progress"] is not None:
            assert vs_plan.value == float(Decimal(str(indicator["progress"])).quantize(Decimal("0.1")))
        else:
            assert vs_plan.value is None  # a rate, or no figure of the whole year
        if not full_year and indicator["actual"] is not None:
            assert note.value.endswith(f": {words.figure(Decimal(str(indicator['actual'])), Texts(lang))}")
    texts_of_sheet = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("Chưa có số liệu" in t or "No data" in t or "Incomplete" in t for t in texts_of_sheet)


@pytest.mark.usefixtures("figures")
def test_numbers_carry_formats_that_show_them_as_typed_in_any_locale(targets, tmp_path: Path) -> None:
    assert targets("record", "DOCTORS", "9,0", "--period", "2024", "--locale", "vi").exit_code == 0
    sheet = workbook(targets, tmp_path / "r.xlsx", "vi").worksheets[0]
    by_name = {row[1].value: row for row in table_rows(sheet)}
    budget = by_name["Thu ngân sách trên địa bàn"]
    assert (budget[4].value, budget[4].number_format) == (2236, '"≥ "#,##0')
    assert budget[5].value is None and budget[9].value == "9 tháng/2024, ước: 1.850,5"
    grdp_pc = by_name["GRDP bình quân đầu người"]
    assert (grdp_pc[4].value, grdp_pc[4].number_format) == (51.5, '"≈ "#,##0.0')
    grdp = by_name["Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)"]
    assert grdp[6].value is None and grdp[7].value is None  # a rate: no "So sánh (%)"...
    assert grdp[9].value == "Thấp hơn kế hoạch 0,3 điểm %"  # ... its difference in points, in the note
    assert (grdp[8].value, grdp[8].number_format) == (8, '"≥ "#,##0')  # the 2025 plan: at least 8
    forest = by_name["Tỷ lệ che phủ rừng"]
    assert (forest[6].value, forest[6].number_format) == (100.2, "#,##0.0")  # 53 / 52.9
    doctors = by_name["Bác sỹ/1 vạn dân"]
    assert (doctors[5].value, doctors[5].number_format) == (9, "#,##0.0")  # typed 9,0: shown 9,0


@pytest.mark.usefixtures("figures")
def test_the_groups_rows_are_bold_and_the_issuer_and_title_head_the_sheet(targets, tmp_path: Path) -> None:
    sheet = workbook(targets, tmp_path / "r.xlsx", "vi").worksheets[0]
    assert [sheet.cell(row, 1).value for row in (1, 2)] == ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"]
    title = sheet.cell(4, 1)
    assert title.value == (
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024 "
        "VÀ KẾ HOẠCH NĂM 2025 TỈNH LAI CHÂU"
    )
    assert (title.font.b, title.alignment.horizontal, title.value == title.value.upper()) == (
        True,
        "center",
        True,
    )
    attached = sheet.cell(5, 1)
    assert attached.value.startswith("(Kèm theo Báo cáo số …/BC-UBND ngày …") and attached.font.i
    groups = [row for row in sheet.iter_rows() if row[0].value in ("I", "II", "III")]
    assert all(row[1].font.b for row in groups) and not table_rows(sheet)[0][1].font.b


@pytest.mark.usefixtures("figures")
def test_the_page_is_set_up_for_printing(targets, tmp_path: Path) -> None:
    book = workbook(targets, tmp_path / "r.xlsx", "vi")
    assert book.sheetnames == ["Báo cáo", "Quy tắc và nguồn"]
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    annex = book.worksheets[0]
    top = header_row(annex)
    assert annex.freeze_panes == f"A{top + 2}"
    assert annex.print_title_rows == f"${top}:${top + 1}"  # both header rows on every page
    widths = {key: dim.width for key, dim in annex.column_dimensions.items()}
    assert widths["B"] >= len("Tổng sản lượng lương thực có hạt")  # the names fit (or wrap past 48)
    assert widths["A"] < widths["B"]
    heights = [annex.row_dimensions[row[0].row].height for row in table_rows(annex)]
    assert max(h or 15 for h in heights) <= 30  # no row twice as tall as its text needs


def by_code(data: dict) -> dict:
    return {i["code"]: i for i in data["indicators"]}


@pytest.mark.usefixtures("figures")
def test_the_second_sheet_gives_the_rules_and_the_source_of_every_figure(targets, tmp_path: Path) -> None:
    assert targets("record", "EHR", "55", "--period", "2024-H1", "--note", "=1+1").exit_code == 0
    sheet = workbook(targets, tmp_path / "r.xlsx", "en").worksheets[1]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts[0] == "Rules used"
    assert texts[1].startswith("A full-year figure is Exceeded when it passes the target by more than 1%")
    header = next(r for r in sheet.iter_rows() if r[1].value == "Code")
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=header[0].row + 1)}
    assert len(rows) == 17
    budget = rows["BUDGET"]
    assert [c.value for c in budget[4:6]] == [1850.5, "Jan–Sep 2024, estimate"]
    record_id = by_code(json.loads(targets("report", "--format", "json").stdout))["BUDGET"]["record_id"]
    shown = budget[6].value  # the record's id as history shows it: its shortest unique beginning
    assert shown.startswith("#") and len(shown) >= 7 and record_id.startswith(shown[1:])
    assert budget[8].value == "2024-12-20"  # reported on: LAICHAU_TARGETS_TODAY, the day it defaults to
    assert budget[10].value == "Sở Tài chính"
    assert (rows["EHR"][11].value, rows["EHR"][11].data_type) == ("=1+1", "s")  # text, never a formula
    assert rows["GRDP"][3].value.startswith("Đây chính là những điều kiện thuận lợi")  # the target's source
    assert rows["DOCTORS"][4].value is None  # no figure, no source of one


@pytest.mark.usefixtures("figures")
def test_xlsx_is_chosen_by_extension_and_never_written_to_a_terminal(data_dir: Path, tmp_path: Path) -> None:
    import pty

    env = {**os.environ, "LAICHAU_TARGETS_DATA": str(data_dir)}
    command = [sys.executable, "-m", "laichau_targets", "report", "--format", "xlsx"]
    piped = run_process(command, capture_output=True, env=env, cwd=tmp_path)
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK\x03\x04")  # a zip: the workbook
    assert load_workbook(io.BytesIO(piped.stdout)).sheetnames == ["Report", "Rules and sources"]
    before = snapshot(tmp_path)
    leader, follower = pty.openpty()
    try:
        shown = run_process(command, stdout=follower, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    finally:
        os.close(follower)
        os.close(leader)
    assert shown.returncode == EXIT_ERROR
    assert shown.stderr == (
        b"Error: a xlsx file is not for a terminal; write it with --output FILE or pipe it\n"
    )
    assert snapshot(tmp_path) == before


SOFFICE = shutil.which("soffice")


_PROFILE_LOCALE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">\
<value>{locale}</value></prop></item>
</oor:items>
"""


def _soffice(args: list[str], cwd: Path, locale: str = "en-US") -> None:
    """LibreOffice headless with a fresh profile set to `locale`, as a reader's own spreadsheet."""
    profile = cwd / f"profile-{locale}"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        _PROFILE_LOCALE.format(locale=locale), encoding="utf-8"
    )
    run_process(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=180,
    )


def _as_shown(cwd: Path, name: str, locale: str) -> list[list[str]]:
    """The workbook's first sheet as LibreOffice shows it in `locale`, through its CSV export."""
    out = cwd / f"out-{locale}"
    # CSV filter options: comma, double quote, UTF-8 (76), from line 1.
    _soffice(
        ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), name],
        cwd,
        locale,
    )
    text = (out / name.replace(".xlsx", ".csv")).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


PDFINFO = shutil.which("pdfinfo")


LIBREOFFICE = pytest.mark.skipif(
    SOFFICE is None or PDFINFO is None,
    reason="LibreOffice or pdfinfo is not installed (Debian packages libreoffice-calc-nogui and "
    "poppler-utils; .ci/run installs them)",
)


@LIBREOFFICE
@pytest.mark.office
@pytest.mark.usefixtures("figures")
def test_libreoffice_shows_the_values_in_the_readers_own_locale(targets, tmp_path: Path) -> None:
    workbook(targets, tmp_path / "bao-cao.xlsx", "vi")
    english = _as_shown(tmp_path, "bao-cao.xlsx", "en-US")
    rows = {row[1]: row for row in english if row and row[0].isdigit()}
    assert rows["Thu ngân sách trên địa bàn"][4] == "≥ 2,236"
    assert rows["Giải quyết việc làm"][4:6] == ["≥ 8,920", "9,500"]
    vietnamese = _as_shown(tmp_path, "bao-cao.xlsx", "vi-VN")
    rows = {row[1]: row for row in vietnamese if row and row[0].isdigit()}
    assert rows["Thu ngân sách trên địa bàn"][4] == "≥ 2.236"
    assert rows["Giải quyết việc làm"][4:7] == ["≥ 8.920", "9.500", "106,5"]
    assert rows["GRDP bình quân đầu người"][4] == "≈ 51,5"
    assert rows["Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)"][5] == "8,7"


@LIBREOFFICE
@pytest.mark.office
@pytest.mark.usefixtures("figures")
def test_libreoffice_prints_the_workbook_one_landscape_page_wide(targets, tmp_path: Path) -> None:
    workbook(targets, tmp_path / "bao-cao.xlsx", "vi")
    _soffice(["--convert-to", "pdf", "--outdir", str(tmp_path / "out"), "bao-cao.xlsx"], tmp_path)
    pdf = tmp_path / "out" / "bao-cao.pdf"
    info = run_process([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    width, height = (float(v) for v in fields["Page size"].split()[0:3:2])
    assert width > height  # landscape
    # One page for the annex and one for the sources: no sheet is cut into page-wide strips.
    assert int(fields["Pages"]) == 2
    first = run_process(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert "TT" in first and "Ghi chú" in first and "Đào tạo lao động" in first and "Biểu số 01" in first


@pytest.mark.usefixtures("figures")
def test_every_colour_show_gives_a_status_has_a_fill_for_print() -> None:
    from laichau_targets.render.table import STATUS_STYLE
    from laichau_targets.render.xlsx import _COLOURS

    assert {style.split()[-1] for style in STATUS_STYLE.values()} <= set(_COLOURS)


def record(targets, *figures: tuple[str, str, str]) -> None:
    for code, value, period in figures:
        assert targets("record", code, value, "--period", period, "--official").exit_code == 0


def test_the_annex_gives_the_change_on_the_same_period_last_year(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    record(targets, ("BUDGET", "2000", "2023"), ("BUDGET", "2600", "2024"))
    record(targets, ("GRDP", "8.2", "2023"), ("GRDP", "8.7", "2024"))
    data = by_code(json.loads(targets("report", "--plan", "2024", "--format", "json").stdout))
    assert targets("--lang", "vi", "report", "--plan", "2024", "-o", str(tmp_path / "r.xlsx")).exit_code == 0
    rows = {row[1].value: row for row in table_rows(load_workbook(tmp_path / "r.xlsx").active)}
    assert rows["Thu ngân sách trên địa bàn"][3].value == 2000  # Thực hiện năm 2023
    budget = rows["Thu ngân sách trên địa bàn"][7]
    grdp = rows["Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)"][7]
    # 2600 against 2000: "bằng 130% so với cùng kỳ", the ratio; JSON keeps the change beside it
    assert budget.value == data["BUDGET"]["ratio_to_previous_year"] == 130
    assert data["BUDGET"]["change_from_previous_year"] == 30
    assert budget.number_format == "#,##0.0"
    assert grdp.value is None and data["GRDP"]["change_from_previous_year"] is None  # a rate: none
    assert rows["Tỷ lệ che phủ rừng"][7].value is None  # no figure a year earlier


def test_a_term_plan_has_its_years_as_columns(targets, data_dir: Path, tmp_path: Path) -> None:
    rates = {"2021": "6.0", "2022": "9.5", "2023": "11.0", "2024": "8.9"}
    record(targets, *(("GRDP", rate, year) for year, rate in rates.items()))
    data = by_code(json.loads(targets("report", "--plan", "2021-2025", "--format", "json").stdout))
    assert targets("report", "--plan", "2021-2025", "-o", str(tmp_path / "term.xlsx")).exit_code == 0
    sheet = load_workbook(tmp_path / "term.xlsx").active
    assert [c.value for c in sheet[header_row(sheet)]] == [
        "No.",
        "Indicator",
        "Unit",
        "Term target",
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
        "Term figure",
        "Against target (%)",
        "Status",
    ]
    grdp = next(row for row in table_rows(sheet) if row[1].value == "GRDP growth")
    assert [c.value for c in grdp[4:9]] == [6, 9.5, 11, 8.9, None]
    assert grdp[9].value == data["GRDP"]["term"]["figure"]
    assert grdp[9].number_format == "#,##0.00"
    assert grdp[3].value == "9–10% a year on average"  # a range: text
    assert grdp[11].value == "In progress"
    gdp_per_head = next(row for row in table_rows(sheet) if row[1].value == "GRDP per capita")
    assert (gdp_per_head[3].value, gdp_per_head[3].number_format) == (65, '"≥ "#,##0" by 2025"')
