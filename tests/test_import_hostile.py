"""Imports that cannot hurt (issue 21): a file from anyone is read correctly or refused naming
where, at a cost bounded before it is read, and the data folder is left as it was."""

from __future__ import annotations

import codecs
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from laichau_targets import sheets
from laichau_targets.cli import EXIT_ERROR

from .conftest import snapshot
from .helpers import en, vi


def logged(targets) -> list[tuple[str, Decimal, str, str | None]]:
    """Code, value, period and source of every figure in the log, in its order."""
    result = targets("history", "--format", "json")
    assert result.exit_code == 0
    return [
        (r["code"], Decimal(r["value"]), r["period"], r["source"])
        for r in json.loads(result.stdout)
        if r["kind"] == "figure"
    ]


def refused(targets, data_dir: Path, *args: str) -> tuple[str, str]:
    """Run `import` expecting a refusal: status 2, nothing on stdout, the folder byte-identical;
    what it said on stderr."""
    before = snapshot(data_dir)
    result = targets("import", *args)
    assert (result.exit_code, result.stdout) == (EXIT_ERROR, "")
    assert snapshot(data_dir) == before
    assert "Traceback" not in result.stderr
    return result.stderr, result.output


def small_workbook(path: Path) -> None:
    book = Workbook()
    book.active.title = "Số liệu"
    book.active.append(["Mã", "Thực hiện", "Kỳ"])
    book.active.append(["GRDP", 8.7, "2024"])
    book.save(path)


# An .xlsx whose parts unpack to more than the limits: refused from the zip directory.


def padded(good: Path, path: Path, spaces: dict[str, int]) -> None:
    """`good` written again as `path`, with whitespace in the sheet data of the parts named in
    `spaces`: a workbook that any spreadsheet program opens, as large unpacked as one likes."""
    chunk = b" " * (1 << 20)
    with (
        zipfile.ZipFile(good) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename not in spaces:
                out.writestr(item, data)
                continue
            head, _, tail = data.partition(b"<sheetData>")
            with out.open(item.filename, "w", force_zip64=True) as part:
                part.write(head + b"<sheetData>")
                left = spaces[item.filename]
                while left:
                    part.write(chunk[:left])
                    left -= min(left, len(chunk))
                part.write(tail)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1 MiB workbook whose sheet is 1 GiB of whitespace."""
    where = tmp_path_factory.mktemp("bomb")
    small_workbook(where / "good.xlsx")
    padded(where / "good.xlsx", where / "bomb.xlsx", {"xl/worksheets/sheet1.xml": 1 << 30})
    return where / "bomb.xlsx"


def test_a_workbook_whose_sheet_unpacks_to_a_gigabyte_is_refused_before_it_is_parsed(
    targets, data_dir: Path, bomb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to read the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    assert bomb.stat().st_size < 1.1 * (1 << 20)
    size = zipfile.ZipFile(bomb).getinfo("xl/worksheets/sheet1.xml").file_size
    assert size > 1 << 30
    for dry_run in ([], ["--dry-run"]):
        stderr, _ = refused(targets, data_dir, str(bomb), *dry_run)
        assert stderr == (
            f"Error: {bomb}: its part xl/worksheets/sheet1.xml unpacks to 1,073.8 MB, more than the 100 MB "
            "import reads of one part; nothing was read\n"
        )
    result = targets("--lang", "vi", "import", str(bomb))
    assert (result.exit_code, result.stderr) == (
        EXIT_ERROR,
        "Lỗi: "
        + vi(
            "error.import_part_too_big",
            path=bomb,
            part="xl/worksheets/sheet1.xml",
            size=Decimal("1073.8"),
            limit=Decimal(100),
        )
        + "\n",
    )
    assert "1.073,8 MB" in result.stderr


def test_a_workbook_whose_parts_together_unpack_past_the_limit_is_refused(
    targets, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three sheets of 0.9 MB each, under a limit of 1 MB a part and 2 MB in all."""
    book = Workbook()
    for n in range(3):
        sheet = book.active if n == 0 else book.create_sheet(f"S{n}")
        sheet.append(["Mã", "Thực hiện", "Kỳ"])
        sheet.append(["GRDP", 8.7, f"2024-0{n + 1}"])
    book.save(tmp_path / "good.xlsx")
    path = tmp_path / "three.xlsx"
    padded(tmp_path / "good.xlsx", path, {f"xl/worksheets/sheet{n}.xml": 900_000 for n in (1, 2, 3)})
    monkeypatch.setattr(sheets, "XLSX_MAX_PART", 1 * sheets.MB)
    monkeypatch.setattr(sheets, "XLSX_MAX_UNPACKED", 2 * sheets.MB)
    stderr, _ = refused(targets, data_dir, str(path))
    assert stderr == (
        f"Error: {path}: its parts unpack to 2.8 MB, more than the 2 MB import reads from one workbook; "
        "nothing was read\n"
    )
    monkeypatch.setattr(sheets, "XLSX_MAX_UNPACKED", 3 * sheets.MB)
    result = targets("import", str(path))
    assert (result.exit_code, result.stdout) == (0, "Recorded 3 figure(s) from three.xlsx.\n")


def test_the_help_of_import_states_the_limits(targets) -> None:
    for lang in ("en", "vi"):
        shown = " ".join(targets("--lang", lang, "import", "--help").stdout.split())
        assert f"{sheets.XLSX_MAX_UNPACKED // sheets.MB} MB" in shown
        assert f"{sheets.XLSX_MAX_PART // sheets.MB} MB" in shown
        assert f"{sheets.TEXT_MAX_BYTES // sheets.MB} MB" in shown
        assert "--include-hidden" in shown


def test_a_text_file_past_the_limit_is_refused_before_it_is_read(
    targets, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.csv"
    head = "Mã,Thực hiện,Kỳ,Ghi chú\nGRDP,8.7,2024,".encode()
    path.write_bytes(head + b"x" * (1_500_000 - len(head)))
    monkeypatch.setattr(sheets, "TEXT_MAX_BYTES", 1 * sheets.MB)
    stderr, _ = refused(targets, data_dir, str(path))
    assert (
        stderr
        == f"Error: {path}: 1.5 MB, more than the 1 MB import reads from a text file; nothing was read\n"
    )


# CSV files as careless programs and people leave them: read correctly, or refused naming the row.

HEADER = "Mã,Thực hiện,Kỳ,Ghi chú\n"


@pytest.mark.parametrize(
    "rows",
    [
        'GRDP,8.7,2024,"ước tính sơ bộ\nJOBS,9500,2024,\nFOREST,53,2024,\n',  # never closed
        'GRDP,8.7,2024,"ước tính sơ bộ\nJOBS,9500,2024,\nFOREST,53,2024,"kiểm kê"\n',  # closed rows later
    ],
    ids=["never closed", "closed rows later"],
)
def test_a_quote_that_swallows_the_rows_after_it_is_refused_naming_its_row(
    targets, data_dir: Path, tmp_path: Path, rows: str
) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    for args in ([str(path)], [str(path), "--dry-run"]):
        stderr, _ = refused(targets, data_dir, *args)
        assert stderr == (
            f'Error: {path}: row 2: a cell opens a quote (") that does not close where the cell ends, so the '
            "rows after it would be read into that cell; close the quote or remove it\n"
        )


def test_a_quoted_cell_over_several_lines_is_still_one_cell(targets, data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "note.csv"
    path.write_text(HEADER + 'GRDP,8.7,2024,"first line\nsecond line"\nJOBS,9500,2024,\n', encoding="utf-8")
    result = targets("import", str(path))
    assert (result.exit_code, result.stdout) == (0, "Recorded 2 figure(s) from note.csv.\n")
    assert [row[:3] for row in logged(targets)] == [
        ("GRDP", Decimal("8.7"), "2024"),
        ("JOBS", Decimal("9500"), "2024"),
    ]


def test_a_cell_over_the_csv_field_limit_is_refused_naming_its_row(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(HEADER + "GRDP,8.7,2024,\nJOBS,9500,2024," + "x" * 200_000 + "\n", encoding="utf-8")
    stderr, _ = refused(targets, data_dir, str(path))
    assert stderr == (
        f"Error: {path}: row 3: a cell is longer than 131,072 characters, the most a CSV cell may hold\n"
    )
    result = targets("--lang", "vi", "import", str(path))
    assert result.stderr == (f"Lỗi: {path}: dòng 3: có ô dài quá 131.072 ký tự, mức tối đa của một ô CSV\n")


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_excels_unicode_text_utf16_with_a_bom_and_tabs_is_read(
    targets, data_dir: Path, tmp_path: Path, suffix: str, encoding: str
) -> None:
    text = "Mã\tChỉ tiêu\tThực hiện\tKỳ\r\nFOREST\tTỷ lệ che phủ rừng\t47,6\t6 tháng/2024\r\nJOBS\tLao động\t9.500\tNăm 2024\r\n"
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""
    path = tmp_path / f"unicode-text{suffix}"
    path.write_bytes(bom + text.encode(encoding))  # Python's utf-16 writes its BOM itself
    assert path.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    result = targets("import", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"Recorded 2 figure(s) from unicode-text{suffix}.\n",
        "",
    )
    assert logged(targets) == [
        ("FOREST", Decimal("47.6"), "2024-H1", f"unicode-text{suffix} row 2"),
        ("JOBS", Decimal("9500"), "2024", f"unicode-text{suffix} row 3"),  # 47,6 says the file is Vietnamese
    ]


def test_a_nul_byte_is_refused_naming_its_row(targets, data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(
        b"M\xc3\xa3,Th\xe1\xbb\xb1c hi\xe1\xbb\x87n,K\xe1\xbb\xb3\nGRDP,8.7,2024\nJO\x00BS,9500,2024\n"
    )
    stderr, _ = refused(targets, data_dir, str(path))
    assert stderr == (
        f"Error: {path}: row 3: holds a NUL character (\\x00), which no text saved by a spreadsheet has; "
        "save the file again as CSV UTF-8\n"
    )


def test_utf16_without_its_bom_is_refused_naming_the_first_row(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "no-bom.csv"
    path.write_bytes("Mã,Thực hiện,Kỳ\nGRDP,8.7,2024\n".encode("utf-16-le"))
    stderr, _ = refused(targets, data_dir, str(path))
    assert stderr == "Error: " + en("error.import_nul", path=path, row=1) + "\n"


# Hidden sheets and rows: left out unless asked for, and named either way.


def hiding_workbook(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(["Mã", "Thực hiện", "Kỳ"])
    sheet.append(["GRDP", 8.7, "2024"])  # 2
    sheet.append(["JOBS", 9500, "2024"])  # 3: hidden
    sheet.append(["FOREST", 53, "2024"])  # 4
    sheet.append(["GRAIN", 210, "2024"])  # 5: hidden
    sheet.append(["SCHOOLS", 60, "2024"])  # 6: hidden
    for row in (3, 5, 6):
        sheet.row_dimensions[row].hidden = True
    old = book.create_sheet("Cũ")
    old.append(["Mã", "Thực hiện", "Kỳ"])
    old.append(["BUDGET", 2000, "2024"])
    old.sheet_state = "hidden"
    lists = book.create_sheet("Danh sách")  # what a template's drop-downs read: no figures, never named
    lists.append(["ước"])
    lists.append(["chính thức"])
    lists.sheet_state = "veryHidden"
    book.save(path)


def test_hidden_sheets_and_rows_are_left_out_and_named(targets, data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "hidden.xlsx"
    hiding_workbook(path)
    result = targets("import", str(path), "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "GRDP    8.7%  2024  estimate  hidden.xlsx, Số liệu row 2\n"
        "FOREST  53%   2024  estimate  hidden.xlsx, Số liệu row 4\n"
        "2 figure(s) from hidden.xlsx would be recorded; nothing was written (--dry-run). "
        "Left out as hidden: sheet Cũ; Số liệu row(s) 3, 5–6 (--include-hidden reads them).\n"
    )
    result = targets("--lang", "vi", "import", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Đã ghi 2 số liệu từ hidden.xlsx. "
        "Bỏ qua vì đang ẩn: trang Cũ; Số liệu dòng 3, 5–6 (dùng --include-hidden để đọc cả chúng).\n"
    )
    assert [row[0] for row in logged(targets)] == ["GRDP", "FOREST"]


def test_include_hidden_reads_them_and_names_them(targets, data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "hidden.xlsx"
    hiding_workbook(path)
    result = targets("import", str(path), "--include-hidden")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Recorded 6 figure(s) from hidden.xlsx. "
        "Read although hidden (--include-hidden): sheet Cũ; Số liệu row(s) 3, 5–6.\n"
    )
    assert [row[0] for row in logged(targets)] == ["GRDP", "JOBS", "FOREST", "GRAIN", "SCHOOLS", "BUDGET"]


def test_a_file_whose_figures_are_all_hidden_says_so(targets, data_dir: Path, tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Số liệu"
    book.active.append(["Mã", "Thực hiện", "Kỳ"])
    book.active.append(["GRDP", 8.7, "2024"])
    book.active.row_dimensions[2].hidden = True
    rows = tmp_path / "rows.xlsx"
    book.save(rows)
    stderr, _ = refused(targets, data_dir, str(rows))
    assert stderr == (
        "Error: rows.xlsx: no row has a figure but the hidden ones (Số liệu row(s) 2); --include-hidden reads them\n"
    )
    book.active.row_dimensions[2].hidden = False
    book.active.sheet_state = "hidden"
    book.create_sheet("Ghi chú").append(["Không có bảng"])
    sheets = tmp_path / "sheets.xlsx"
    book.save(sheets)
    stderr, _ = refused(targets, data_dir, str(sheets))
    assert stderr == (
        f"Error: {sheets}: only hidden sheets have a header row naming the columns Mã (Code) and "
        "Thực hiện (Value): Số liệu; --include-hidden reads them\n"
    )


# A file's name is shown inert.


@pytest.mark.reliability("terminal payloads")
def test_a_newline_in_the_files_name_cannot_print_a_line_of_its_own(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    name = "so-lieu\nError: everything was deleted\x1b[2J.csv"
    shown = "so-lieu Error: everything was deleted\\x1b[2J.csv"
    path = tmp_path / name
    path.write_text("Mã,Thực hiện,Kỳ\nGRDP,8.7,2024\nJOBS,abc,2024\n", encoding="utf-8")
    stderr, _ = refused(targets, data_dir, str(path))
    assert stderr.splitlines() == [
        f"{shown}: row 3: " + en("error.not_a_number", text="abc"),
        f"Error: {shown}: 1 bad row(s); nothing was recorded",
    ]
    path.write_text("Mã,Thực hiện,Kỳ\nGRDP,8.7,2024\n", encoding="utf-8")
    result = targets("import", str(path), "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"GRDP  8.7%  2024  estimate  {shown} row 2",
        f"1 figure(s) from {shown} would be recorded; nothing was written (--dry-run).",
    ]
    result = targets("import", str(path))
    assert (result.exit_code, result.stdout) == (0, f"Recorded 1 figure(s) from {shown}.\n")
    history = targets("history")
    assert history.exit_code == 0 and "\x1b" not in history.stdout
    assert not any(line.startswith("Error:") for line in history.stdout.splitlines())


# Matching rows to indicators is linear: one look-up per code, whatever the rows.


def test_each_code_is_looked_up_once_whatever_the_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from laichau_targets.errors import BadRowsError
    from laichau_targets.importing import figures_from
    from laichau_targets.plans import PLAN_FILE, bundled_data_path, load_plans
    from laichau_targets.sheets import FileRows, SheetRow
    from laichau_targets.tracker import check_value

    plan = load_plans(bundled_data_path() / PLAN_FILE).choose()
    asked: list[str] = []

    def find(code: str):
        asked.append(code)
        return plan.indicator(code)

    periods = [f"2024-{m:02d}" for m in range(1, 12)]
    rows = [
        SheetRow("S", n, {"code": code, "value": 5, "period": period})
        for n, (code, period) in enumerate(((c, p) for p in periods for c in ("JOBS", "jobs ", "GRAIN")), 2)
    ]
    rows += [SheetRow("S", 100 + n, {"code": "NOPE", "value": 5, "period": "2024"}) for n in range(50)]
    with pytest.raises(BadRowsError) as refused_rows:
        figures_from(FileRows(rows, ["S"]), "f.xlsx", find, check_value, datetime.now(UTC), "me")
    assert len(refused_rows.value.problems) == 50 + 11  # each NOPE row, each JOBS twice in a period
    assert sorted(asked) == ["GRAIN", "JOBS", "NOPE"]  # an unknown code's suggestion is looked for once


@pytest.mark.reliability("bad values")
def test_a_hidden_column_is_left_out_and_named(targets, data_dir: Path, tmp_path: Path) -> None:
    """A tryout: with column B (an old 'Giá trị') hidden and the visible 'Thực hiện' beside it,
    `import` recorded the hidden old value, and said nothing."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(["Mã", "Giá trị", "Kỳ", "Thực hiện"])
    sheet.append(["GRDP", "5,0", "Năm 2024", "9,4"])
    sheet.column_dimensions["B"].hidden = True
    path = tmp_path / "cot-an.xlsx"
    book.save(path)
    before = snapshot(data_dir)
    shown = targets("--lang", "vi", "import", str(path), "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split()[:2] == ["GRDP", "9,4%"]  # the visible column, read as the value
    assert lines[-1].endswith("Bỏ qua vì đang ẩn: Số liệu cột B (dùng --include-hidden để đọc cả chúng).")
    assert snapshot(data_dir) == before
    everything = targets("--lang", "vi", "import", str(path), "--dry-run", "--include-hidden")
    assert everything.stdout.splitlines()[0].split()[:2] == [
        "GRDP",
        "5,0%",
    ]  # the first known column, as before
