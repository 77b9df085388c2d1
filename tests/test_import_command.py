"""Spreadsheets in: the template, filled by the library as a department would, then `import`, all or nothing."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.importing import cell_number

from .conftest import ALL_CODES as CODES
from .conftest import snapshot
from .helpers import en


def figures_in_log(targets) -> list[tuple[str, Decimal, str, str, str | None, str | None]]:
    """What `history --format json` holds: code, value, period, basis, source, note of every figure."""
    result = targets("history", "--format", "json")
    assert result.exit_code == 0
    return [
        (r["code"], Decimal(r["value"]), r["period"], r["basis"], r["source"], r["note"])
        for r in json.loads(result.stdout)
        if r["kind"] == "figure"
    ]


def header_row(sheet) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value in ("Mã", "Code"))


def test_a_template_filled_by_a_department_imports_exactly_its_figures(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "mau-bieu.xlsx"
    made = targets("--lang", "vi", "template", "--output", str(path), "--period", "2024-09")
    assert (made.exit_code, made.stdout) == (0, f"Biểu mẫu cho 17 chỉ tiêu: {path}\n")
    book = load_workbook(path)
    sheet = book.active
    top = header_row(sheet)
    assert [c.value for c in sheet[top]] == [
        "Mã",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch",
        "Thực hiện",
        "Kỳ",
        "Ước / Chính thức",
        "Nguồn",
        "Ghi chú",
    ]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=top + 1)}
    assert list(rows) == CODES
    assert {row[5].value for row in rows.values()} == {"9 tháng/2024"}  # the period given, on every row
    # A department fills three rows: a number cell, a text cell the Vietnamese way, an official figure.
    rows["GRDP"][4].value = 8.7
    rows["BUDGET"][4].value = "1.850,5"
    rows["BUDGET"][7].value = "Sở Tài chính"
    rows["FOREST"][4].value = 53
    rows["FOREST"][5].value = "2024"
    rows["FOREST"][6].value = "chính thức"
    rows["FOREST"][8].value = "kiểm kê rừng"
    book.save(path)

    result = targets("import", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Recorded 3 figure(s) from mau-bieu.xlsx.\n",
        "",
    )
    grdp, budget, forest = (top + 1 + CODES.index(code) for code in ("GRDP", "BUDGET", "FOREST"))
    assert figures_in_log(targets) == [  # in the order of the rows
        ("GRDP", Decimal("8.7"), "2024-09", "estimate", f"mau-bieu.xlsx, Số liệu row {grdp}", None),
        ("FOREST", Decimal("53"), "2024", "official", f"mau-bieu.xlsx, Số liệu row {forest}", "kiểm kê rừng"),
        (
            "BUDGET",
            Decimal("1850.5"),
            "2024-09",
            "estimate",
            f"Sở Tài chính; mau-bieu.xlsx, Số liệu row {budget}",
            None,
        ),
    ]
    assert str(figures_in_log(targets)[0][1]) == "8.7"  # the float cell, without float noise


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_header_the_template_writes_is_one_import_recognises(
    targets, data_dir: Path, tmp_path: Path, lang: str
) -> None:
    """Both come from sheets.TEMPLATE_COLUMNS: the headers of the template in either language
    name, to `import`, exactly the columns it reads, where the template put them."""
    from laichau_targets.sheets import TEMPLATE_COLUMNS, _columns_of

    path = tmp_path / f"template-{lang}.xlsx"
    assert targets("--lang", lang, "template", "-o", str(path)).exit_code == 0
    sheet = load_workbook(path).active
    headers = [cell.value for cell in sheet[header_row(sheet)]]
    assert len(headers) == len(TEMPLATE_COLUMNS)
    read = {index: field for index, (_, field, _) in enumerate(TEMPLATE_COLUMNS) if field is not None}
    assert _columns_of(headers) == read
    assert set(read.values()) == {"code", "value", "period", "basis", "source", "note"}


def test_the_template_offers_the_periods_and_bases_as_lists(targets, data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert targets("template", "-o", str(path)).exit_code == 0
    sheet = load_workbook(path).active
    top = header_row(sheet)
    rules = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert rules == {
        f"F{top + 1}:F{top + 17}": ("list", '"Q1 2024,H1 2024,Jan–Sep 2024,2024"'),
        f"G{top + 1}:G{top + 17}": ("list", '"estimate,official"'),
    }
    assert [c.value for c in sheet[top]][4:7] == ["Value", "Period", "Estimate / official"]
    assert sheet.cell(top + 1, 6).number_format == "@"  # a typed 2024-09 stays text, not a date


BAD_LINES = [
    "{where} 12: " + en("error.unknown_code_suggest", code="GRPD", suggestion="GRDP"),
    "{where} 30: cell {column}30: '2.236' is 2236 if its dot separates thousands, or 2 point 236 if it is the decimal mark, and the file's other figures do not show which; --locale vi reads 2236, --locale en reads 2 point 236",
    "{where} 45: 120 is above the largest plausible FOREST value, 100 (max in the plan)",
]


def _rows_50() -> list[list[object]]:
    """50 good rows: every code at three checkpoints (and GRDP at a fourth), as a department sends them."""
    rows: list[list[object]] = []
    for period in ("2024-Q1", "2024-H1", "2024-09"):
        for code in CODES:
            rows.append([code, 10 + len(rows), period, "ước"])
    return rows[:50]


BAD = {
    12: ["GRPD", 5, "2024-Q1", "ước"],  # no such code
    30: ["BUDGET", "2.236", "2024-H1", "ước"],  # 2,236 or 2.236?
    45: ["FOREST", 120, "2024-09", "ước"],  # forest cover above 100%
}


def _with_bad_rows() -> list[list[object]]:
    rows = _rows_50()
    for number, row in BAD.items():
        rows[number - 2] = row  # row 1 is the header
    return rows


def test_fifty_rows_with_three_bad_ones_record_nothing_and_name_all_three(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sở KH&ĐT"
    sheet.append(["Mã", "Chỉ tiêu", "Thực hiện", "Kỳ", "Ước / Chính thức"])
    for code, value, period, basis in _with_bad_rows():
        sheet.append([code, "", value, period, basis])
    book.save(tmp_path / "so-lieu.xlsx")
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    before = snapshot(data_dir)
    result = targets("import", str(tmp_path / "so-lieu.xlsx"))
    assert result.exit_code == EXIT_ERROR
    where = "so-lieu.xlsx: Sở KH&ĐT, row"
    assert result.stderr.splitlines() == [
        *(line.format(where=where, column="C") for line in BAD_LINES),
        "Error: so-lieu.xlsx: 3 bad row(s); nothing was recorded",
    ]
    assert result.stdout == ""
    assert snapshot(data_dir) == before


def write_csv(path: Path, rows: list[list[object]], delimiter: str) -> None:
    """The rows under Vietnamese headers, as Excel saves "CSV UTF-8"."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["Mã", "Chỉ tiêu", "Giá trị", "Kỳ", "Ước / Chính thức", "Nguồn", "Ghi chú"])
    for code, value, period, basis in rows:
        writer.writerow([code, "", value, period, basis, "", ""])
    path.write_text(out.getvalue(), encoding="utf-8-sig")


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_csv_with_vietnamese_headers_is_all_or_nothing_too(
    targets, data_dir: Path, tmp_path: Path, delimiter: str
) -> None:
    path = tmp_path / "so-lieu.csv"
    write_csv(path, _with_bad_rows(), delimiter)
    before = snapshot(data_dir)
    result = targets("--lang", "en", "import", str(path))
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.splitlines() == [
        *(line.format(where="so-lieu.csv: row", column="C") for line in BAD_LINES),
        "Error: so-lieu.csv: 3 bad row(s); nothing was recorded",
    ]
    assert snapshot(data_dir) == before
    # Mended, the file records all fifty at once.
    write_csv(path, _rows_50(), delimiter)
    result = targets("import", str(path))
    assert (result.exit_code, result.stdout) == (0, "Recorded 50 figure(s) from so-lieu.csv.\n")
    assert len(figures_in_log(targets)) == 50


def test_every_kind_of_bad_row_is_named(targets, data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "Code,Value,Period,Estimate / official,Source,Note\n"
        "GRDP,8.7,2024,estimate,,\n"  # 2: fine
        ",8.7,2024,,,\n"  # 3: no code
        "GRDP,abc,2024,,,\n"  # 4: not a number
        "GRDP,8.7,2024-13,,,\n"  # 5: bad period
        "GRDP,8.7,2024-H2,,,\n"  # 6: a second half
        "GRDP,8.7,2024,maybe,,\n"  # 7: bad basis
        "GRDP,9.1,2024,ước,,\n"  # 8: GRDP 2024 estimate twice
        "NRD_SHARE,-1,2024,,,\n"  # 9: below min
        "GRDP,1e400,2024,,,\n"  # 10: not a number as typed
        "JOBS,,2024,,,\n"  # 11: no value: a row nobody filled, left out
        "GRDP,8.7,,,,\n",  # 12: no period
        encoding="utf-8",
    )
    before = snapshot(data_dir)
    result = targets("import", str(path))
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.splitlines() == [
        "rows.csv: row 3: a figure without a code",
        "rows.csv: row 4: " + en("error.not_a_number", text="abc"),
        "rows.csv: row 5: " + en("error.period_unparsable", text="2024-13"),
        "rows.csv: row 6: period '2024-H2': periods are year-to-date, so the second half is the full year; use 2024",
        "rows.csv: row 7: 'maybe' is neither an estimate nor official; write one of ước, chính thức, estimate, official",
        "rows.csv: row 8: GRDP 2024 (estimate) is already in row 2",
        "rows.csv: row 9: -1 is below the smallest plausible NRD_SHARE value, 0 (min in the plan)",
        "rows.csv: row 10: " + en("error.not_a_number", text="1e400"),
        "rows.csv: row 12: no period (fill the Period column, or give --period)",
        "Error: rows.csv: 9 bad row(s); nothing was recorded",
    ]
    assert snapshot(data_dir) == before


def test_a_dry_run_prints_what_would_be_recorded_and_writes_nothing(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "two.csv"
    path.write_text("Mã;Thực hiện;Kỳ;Nguồn\nGRDP;8,7;;Cục Thống kê\nJOBS;9.500;;\n", encoding="utf-8")
    before = snapshot(data_dir)
    result = targets("import", str(path), "--period", "2024-H1", "--dry-run", "--locale", "vi")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "GRDP  8.7%           H1 2024  estimate  Cục Thống kê; two.csv row 2\n"
        "JOBS  9,500 workers  H1 2024  estimate  two.csv row 3\n"
        "2 figure(s) from two.csv would be recorded; nothing was written (--dry-run).\n"
    )
    assert snapshot(data_dir) == before


def test_cells_a_spreadsheet_typed_are_read_as_shown(targets, data_dir: Path, tmp_path: Path) -> None:
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(["Instructions above the table are skipped"])
    sheet.append([])
    sheet.append(["CODE", "Figure", "period", "BASIS"])  # English headers, any case
    sheet.append(["grdp", 0.087, datetime(2024, 9, 1), "Official"])  # 8.7% typed in a percent cell
    sheet["B4"].number_format = "0.0%"
    sheet.append(["BUDGET", 2236.0, 2024, None])  # a whole number held as a double
    book.create_sheet("Notes").append(["No table here"])
    book.save(tmp_path / "typed.xlsx")
    assert targets("import", str(tmp_path / "typed.xlsx")).exit_code == 0
    assert [row[:4] for row in figures_in_log(targets)] == [
        ("GRDP", Decimal("8.7"), "2024-09", "official"),
        ("BUDGET", Decimal("2236"), "2024", "estimate"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.pdf", b"%PDF", "Error: {path}: cannot import a '.pdf' file; use .xlsx, .csv or .txt"),
        ("a.xlsx", b"not a zip", "Error: {path}: cannot be read as a workbook (File is not a zip file)"),
        (
            "a.csv",
            b"x,y\n1,2\n",
            "Error: {path}: no sheet has a header row naming the columns Mã (Code) and Thực hiện (Value)",
        ),
        ("a.csv", "Mã,Thực hiện\nGRDP,\n".encode(), "Error: a.csv: no row has a figure; nothing to record"),
    ],
)
def test_files_that_cannot_be_imported_are_one_error_line(
    targets, data_dir: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(data_dir)
    result = targets("import", str(path))
    assert (result.exit_code, result.stderr) == (EXIT_ERROR, message.format(path=path) + "\n")
    assert snapshot(data_dir) == before


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_cell_is_the_double_it_holds_in_its_shortest_form(value: float) -> None:
    number = cell_number(value, False, None)
    assert float(number) == value
    assert len(number.as_tuple().digits) <= 17
    assert number.as_tuple() == Decimal(repr(value).removesuffix(".0")).as_tuple()  # digit for digit


def test_a_csv_saved_by_a_vietnamese_windows_excel_is_read_in_its_code_page(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    # "CSV (Comma delimited)" on a Vietnamese Windows: code page 1258, tones as combining marks.
    text = "Ma\u0303;Th\u01b0\u0323c hi\u00ea\u0323n;Ky\u0300;Ngu\u00f4\u0300n\nGRDP;8,7;2024;C\u1ee5c Th\u1ed1ng k\u00ea\n"
    text = text.replace("\u1ee5", "u\u0323").replace("\u1ed1", "\u00f4\u0301")
    path = tmp_path / "windows.csv"
    path.write_bytes(text.encode("cp1258"))
    result = targets("import", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert figures_in_log(targets)[0][:2] == ("GRDP", Decimal("8.7"))
    assert figures_in_log(targets)[0][4] == "Cục Thống kê; windows.csv row 2"


def test_a_damaged_workbook_is_one_error_line(targets, data_dir: Path, tmp_path: Path) -> None:
    import zipfile

    good = tmp_path / "good.xlsx"
    book = Workbook()
    book.active.append(["Mã", "Thực hiện", "Kỳ"])
    book.active.append(["GRDP", 8.7, "2024"])
    book.save(good)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    before = snapshot(data_dir)
    result = targets("import", str(damaged))
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.startswith(f"Error: {damaged}: cannot be read as a workbook (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert snapshot(data_dir) == before


_CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(),
    st.booleans(),
    st.datetimes(),
)


@settings(deadline=None)  # the first example loads the plan and the catalogue
@given(st.lists(st.tuples(st.sampled_from([*CODES, "x", ""]), _CELL, _CELL, _CELL), max_size=8))
def test_any_cells_give_figures_or_one_error_naming_rows_never_a_crash(rows) -> None:
    from datetime import UTC, datetime

    from laichau_targets.errors import TargetsError
    from laichau_targets.importing import figures_from
    from laichau_targets.plans import PLAN_FILE, bundled_data_path, load_plans
    from laichau_targets.sheets import FileRows, SheetRow
    from laichau_targets.tracker import check_value

    plan = load_plans(bundled_data_path() / PLAN_FILE).choose()
    table = FileRows(
        [
            SheetRow("S", n, {"code": code, "value": value, "period": period, "basis": basis})
            for n, (code, value, period, basis) in enumerate(rows, 2)
        ],
        ["S"],
    )
    try:
        figures = figures_from(table, "f.xlsx", plan.indicator, check_value, datetime.now(UTC), "me")
    except TargetsError as exc:
        assert exc.text("en") and exc.text("vi")
        for problem in getattr(exc, "problems", []):
            assert problem.text("en").startswith("S, row ")
    else:
        assert all(f.code in CODES for f in figures)


def test_the_row_a_figure_came_from_is_kept_in_the_importers_language(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    """The source is kept in the log as the person importing reads it: "dòng", not "row"."""
    path = tmp_path / "số liệu.csv"
    path.write_text("Mã;Thực hiện;Kỳ\nGRDP;8,7;Năm 2024\nJOBS;6000;9T/2024\n", encoding="utf-8")
    result = targets("--lang", "vi", "import", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert [figure[4] for figure in figures_in_log(targets)] == ["số liệu.csv dòng 2", "số liệu.csv dòng 3"]


def test_a_formula_no_spreadsheet_has_computed_is_a_bad_row_not_an_empty_one(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    """A workbook written by a program holds formulas without values: once silently skipped."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(["Mã", "Thực hiện", "Kỳ"])
    sheet.append(["GRDP", "=4+4.7", "2024"])
    sheet.append(["JOBS", 6000, "2024-09"])
    sheet.append(["FOREST", None, "2024"])  # not filled in: skipped, as before
    path = tmp_path / "computed-by-a-script.xlsx"
    book.save(path)
    before = snapshot(data_dir)
    result = targets("import", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "computed-by-a-script.xlsx: Số liệu, row 2: the figure is a formula (=4+4.7) whose value was never "
        "computed; open the file in a spreadsheet program and save it\n"
        "Error: computed-by-a-script.xlsx: 1 bad row(s); nothing was recorded\n"
    )
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("delimiter", "forest", "budget", "read"),
    [
        (";", "47,6", "2.850", "2850"),  # 47,6 is Vietnamese: the dot groups thousands
        (",", "47.6", '"2,850"', "2850"),  # 47.6 is English: the comma does
        (",", "47.6", "2.850", "2.850"),  # and the dot is a decimal point (its digits kept as typed)
        (";", "52,9", "2,850", "2.850"),  # the comma is a decimal comma
    ],
)
def test_a_file_says_its_notation_by_the_figures_that_read_one_way_only(
    targets, data_dir: Path, tmp_path: Path, delimiter: str, forest: str, budget: str, read: str
) -> None:
    path = tmp_path / "so-lieu.csv"
    path.write_text(
        f"Mã{delimiter}Thực hiện{delimiter}Kỳ\nFOREST{delimiter}{forest}{delimiter}2024\n"
        f"BUDGET{delimiter}{budget}{delimiter}2024\n",
        encoding="utf-8",
    )
    result = targets("import", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Recorded 2 figure(s) from so-lieu.csv.\n",
        "",
    )
    assert [str(row[1]) for row in figures_in_log(targets)][1] == read


def test_a_figure_that_reads_two_ways_in_a_file_that_does_not_say_names_the_cell_and_both_readings(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(["Mã", "Chỉ tiêu", "Thực hiện", "Kỳ"])
    sheet.append(["FOREST", "", 47.6, "2024"])  # a number cell: no notation to learn from
    sheet.append(["BUDGET", "", "2.850", "2024"])
    path = tmp_path / "so-lieu.xlsx"
    book.save(path)
    before = snapshot(data_dir)
    result = targets("import", str(path))
    assert (result.exit_code, result.stdout) == (EXIT_ERROR, "")
    assert result.stderr == (
        "so-lieu.xlsx: Số liệu, row 3: cell C3: '2.850' is 2850 if its dot separates thousands, or 2 point 850 "
        "if it is the decimal mark, and the file's other figures do not show which; --locale vi reads 2850, "
        "--locale en reads 2 point 850\n"
        "Error: so-lieu.xlsx: 1 bad row(s); nothing was recorded\n"
    )
    result = targets("--lang", "vi", "import", str(path))
    assert result.stderr == (
        "so-lieu.xlsx: Số liệu, dòng 3: ô C3: '2.850' là 2850 nếu dấu chấm phân cách hàng nghìn, hoặc 2 phẩy 850 "
        "nếu đó là dấu thập phân, và các số liệu khác trong tệp không cho biết cách viết; --locale vi đọc là 2850, "
        "--locale en đọc là 2 phẩy 850\n"
        "Lỗi: so-lieu.xlsx: 1 dòng sai; chưa ghi số liệu nào\n"
    )
    assert snapshot(data_dir) == before
    # A file whose figures are written both ways does not say either.
    sheet["C2"] = "47,6"
    sheet.append(["GRAIN", "", "210.5", "2024"])
    book.save(path)
    result = targets("import", str(path))
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.splitlines()[0].startswith(
        "so-lieu.xlsx: Số liệu, row 3: cell C3: '2.850' is 2850 if"
    )
    assert snapshot(data_dir) == before
    # --locale settles it.
    result = targets("import", str(path), "--locale", "vi")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [(row[0], str(row[1])) for row in figures_in_log(targets)] == [
        ("FOREST", "47.6"),
        ("BUDGET", "2850"),
        ("GRAIN", "210.5"),
    ]


TEMPLATE_WORDS = {
    "vi": (
        ["Quý I/2026", "6 tháng/2026", "9 tháng/2026", "Năm 2026"],
        "Điền vào các ô tô màu của mỗi chỉ tiêu đơn vị báo cáo: số liệu thực hiện bằng số, viết theo cách "
        "Việt Nam (2.850,5: dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân); kỳ số liệu, một "
        "trong Quý I/2026, 6 tháng/2026, 9 tháng/2026, Năm 2026; ước hay chính thức; nguồn số liệu. Giữ "
        "nguyên cột Mã; dòng không có số liệu được bỏ qua. Điền xong, gửi lại tệp cho {recipient}.",
        "cơ quan đã gửi biểu mẫu này",
    ),
    "en": (
        ["Q1 2026", "H1 2026", "Jan–Sep 2026", "2026"],
        "Fill in the shaded cells of each indicator you report: the figure as a number, in English notation "
        "(2,850.5: a comma between thousands, a point before the decimals); its period, one of Q1 2026, "
        "H1 2026, Jan–Sep 2026, 2026; estimate or official; its source. Leave the codes as they are; rows "
        "without a figure are left out. Then send the file back to {recipient}.",
        "the office that sent you this template",
    ),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_template_speaks_as_departments_do_and_import_reads_every_period_it_offers(
    targets, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Its own year (2026, not 2024), the officers' spellings, the notation of its language, whom
    to send it to; no command line. Each spelling offered reads back as the period it names."""
    monkeypatch.setenv("LAICHAU_TARGETS_TODAY", "2026-05-10")
    choices, how, recipient = TEMPLATE_WORDS[lang]
    path = tmp_path / "mau-bieu.xlsx"
    assert targets("--lang", lang, "--plan", "2026", "template", "-o", str(path)).exit_code == 0
    sheet = load_workbook(path).active
    top = header_row(sheet)
    texts = [cell.value for row in sheet.iter_rows(max_row=top - 1) for cell in row if cell.value]
    assert texts[1] == how.format(recipient=recipient)
    assert not any("targets" in text or "2024" in text for text in texts)
    rules = {str(v.sqref)[:1]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert rules["F"] == '"' + ",".join(choices) + '"'
    sent = tmp_path / "gui.xlsx"
    made = targets(
        "--lang",
        lang,
        "--plan",
        "2026",
        "template",
        "-o",
        str(sent),
        "--send-to",
        "Sở Tài chính\n(phòng Tổng hợp)",
    )
    assert made.exit_code == 0
    sheet = load_workbook(sent).active
    assert sheet.cell(2, 1).value == how.format(recipient="Sở Tài chính (phòng Tổng hợp)")
    # A department fills one indicator at each checkpoint, choosing the period from the list.
    book = load_workbook(path)
    sheet = book.active
    code = sheet.cell(top + 1, 1).value
    for n, choice in enumerate(choices):
        row = top + 1 + n
        sheet.cell(row, 1).value = code
        sheet.cell(row, 5).value = 8 + n
        sheet.cell(row, 6).value = choice
    book.save(path)
    result = targets("--plan", "2026", "import", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert [(row[0], row[2]) for row in figures_in_log(targets)] == [
        (code, period) for period in ("2026-Q1", "2026-H1", "2026-09", "2026")
    ]


@pytest.mark.parametrize(("lang", "typed"), [("vi", "2.950"), ("en", "2,950")])
def test_the_programs_own_template_is_read_in_the_notation_it_asked_for(
    targets, data_dir: Path, tmp_path: Path, lang: str, typed: str
) -> None:
    """A tryout: a Vietnamese template filled with '2.950', as its instructions say, was refused as
    ambiguous (no other figure in the file typed as text to tell the notation)."""
    from openpyxl import load_workbook

    template = tmp_path / f"mau-{lang}.xlsx"
    assert targets("--lang", lang, "template", "-o", str(template)).exit_code == 0
    book = load_workbook(template)
    sheet = book.worksheets[0]
    header = next(row for row in sheet.iter_rows() if row[0].value in ("Mã", "Code"))
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[0].value == "BUDGET":
            row[4].value = typed  # typed as text, as a department's officer types it
            row[5].value = "2024"
    book.save(template)
    shown = targets("--lang", "en", "import", str(template), "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert "BUDGET  2,950 billion VND" in shown.stdout
