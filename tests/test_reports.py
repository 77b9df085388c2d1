"""Every report format, checked the way the program that opens it would read it."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from laichau_targets.cli import EXIT_CHECK_FAILED, EXIT_ERROR

from .conftest import ALL_CODES, markdown_rows, snapshot
from .helpers import run_process

HOSTILE = '<script>alert(1)</script> a|b\nnext =HYPERLINK("x") [red]x[/red] \x1b[31mred\x1b[0m'
FORMULA = '=HYPERLINK("x")'


def schema() -> dict:
    return json.loads((resources.files("laichau_targets") / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def figures(targets, data_dir: Path) -> Path:
    """A year of figures that gives every status."""
    for args in [
        ("GRDP", "8.7", "--period", "2024"),  # not met
        ("FOREST", "53", "--period", "2024", "--official"),  # met
        ("JOBS", "9.500", "--period", "2024", "--locale", "vi"),  # exceeded
        ("BUDGET", "1.850,5", "--period", "2024-09", "--source", "Sở Tài chính"),  # on track
        ("GRAIN", "163", "--period", "2024-09"),  # at risk: 217.33 by December
        ("TRAINING", "3000", "--period", "2024-H1"),  # off track
    ]:
        assert targets("record", *args).exit_code == 0
    return data_dir


def test_the_fixture_gives_every_status(targets, figures: Path) -> None:
    summary = json.loads(targets("report", "--format", "json").stdout)["summary"]
    assert summary == {
        "exceeded": 1,
        "met": 1,
        "not_met": 1,
        "on_track": 1,
        "at_risk": 1,
        "off_track": 1,
        "no_data": 11,
        "in_progress": 0,
        "met_or_exceeded": 2,
        "total": 17,
    }


def test_json_validates_against_the_shipped_schema(targets, figures: Path) -> None:
    for args in [(), ("--as-of", "2024-H1"), ("--as-of", "2024-Q1")]:
        data = json.loads(targets("report", "--format", "json", *args).stdout)
        jsonschema.validate(data, schema(), format_checker=jsonschema.FormatChecker())
        assert undocumented(data, schema()) == set()
    assert data["as_of"] == "2024-Q1" and data["summary"]["no_data"] == 17


def undocumented(data: object, node: dict, where: str = "") -> set[str]:
    """Fields the output has and the schema does not describe: open for consumers, closed for us."""
    if "$ref" in node:
        node = schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
    found: set[str] = set()
    if isinstance(data, dict) and "properties" in node:
        for key, value in data.items():
            if key not in node["properties"]:
                found.add(where + key)
            else:
                found |= undocumented(value, node["properties"][key], f"{where}{key}.")
    elif isinstance(data, list) and "items" in node:
        for item in data:
            found |= undocumented(item, node["items"], where + "[].")
    return found


def test_targets_schema_prints_the_shipped_schema(targets) -> None:
    result = targets("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema()


def test_the_schema_is_open_to_added_fields_and_says_the_consumers_rule(targets, figures: Path) -> None:
    data = json.loads(targets("report", "--format", "json").stdout)
    data["indicators"][0]["added_in_a_later_release"] = 1
    data["added_too"] = {"x": 1}
    jsonschema.validate(data, schema())
    assert undocumented(data, schema()) == {"indicators.[].added_in_a_later_release", "added_too"}
    assert "a consumer reads the fields it knows and ignores the others" in schema()["description"]


def test_json_of_an_empty_log_validates(targets, data_dir: Path) -> None:
    data = json.loads(targets("report", "--format", "json").stdout)
    jsonschema.validate(data, schema())
    assert all(i["actual"] is None and i["gap"] is None for i in data["indicators"])


def test_as_of_uses_only_records_up_to_that_checkpoint(targets, figures: Path) -> None:
    targets("record", "GRDP", "7.9", "--period", "2024-H1")
    data = json.loads(targets("report", "--format", "json", "--as-of", "2024-H1").stdout)
    grdp = data["indicators"][0]
    assert (grdp["actual"], grdp["period"], grdp["status"]) == (7.9, "2024-H1", "off_track")
    assert data["indicators"][8]["actual"] is None  # BUDGET was for 2024-09


def test_csv_reads_back_to_the_same_numbers_as_json(targets, figures: Path) -> None:
    data = json.loads(targets("report", "--format", "json").stdout)
    raw = targets("report", "--format", "csv").stdout_bytes
    assert raw.startswith("\ufeff".encode())  # spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 17
    for row, indicator in zip(rows, data["indicators"], strict=True):
        assert row["code"] == indicator["code"]
        assert row["name"] == indicator["name"]  # Vietnamese intact
        for field in ("target", "actual", "gap", "gap_percent", "progress", "projected", "pace_needed"):
            expected = indicator[field]
            assert (float(row[field]) if row[field] else None) == expected, (row["code"], field)
    jobs = rows[14]
    assert (jobs["actual"], jobs["gap"], jobs["status"]) == ("9500", "-580", "exceeded")


def _render_inline(cell: str) -> str:
    return MarkdownIt("commonmark").renderInline(cell)


def _hostile_plan(data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    text = (
        plan.read_text(encoding="utf-8")
        .replace('name_en = "Forest cover"', "name_en = " + json.dumps(HOSTILE))
        .replace('name_vi = "Tỷ lệ che phủ rừng"', "name_vi = " + json.dumps(HOSTILE))
        .replace('code = "FOREST"\n', 'code = "FOREST"\nnote = ' + json.dumps(HOSTILE) + "\n")
    )
    plan.write_text(text, encoding="utf-8")


@pytest.mark.reliability("terminal payloads")
def test_markdown_parses_to_the_right_table_even_with_pipes_and_newlines(targets, figures: Path) -> None:
    _hostile_plan(figures)
    targets(
        "record", "FOREST", "53.5", "--period", "2024", "--official", "--note", HOSTILE, "--source", FORMULA
    )
    text = targets("report", "--format", "md").stdout
    rows = markdown_rows(text)
    assert len(rows) == 18 and all(len(r) == 9 for r in rows)
    forest = rows[8]
    assert forest[0] == "FOREST"
    html = _render_inline(forest[1])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "|" in html and "\n" not in html and "\x1b" not in html
    assert forest[3:] == [
        "at least 52.9%",
        "53.5% (2024, official)",
        "101.1%",
        "+0.6 pt",
        "–",  # no 2023 figure to compare with
        "Exceeded",
    ]
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in rendered and "\x1b" not in rendered


@pytest.mark.reliability("terminal payloads")
def test_hostile_text_stays_inert_in_every_format(targets, figures: Path) -> None:
    _hostile_plan(figures)
    targets(
        "record", "FOREST", "53.5", "--period", "2024", "--official", "--note", HOSTILE, "--source", FORMULA
    )
    outputs = {
        fmt: targets("--lang", "en", "report", "--format", fmt).stdout
        for fmt in ("md", "json", "csv", "html", "text")
    }
    outputs["show"] = targets("show").stdout
    outputs["wide show"] = targets("show", env={"COLUMNS": "200"}).stdout
    for fmt, text in outputs.items():
        assert "\x1b" not in text, fmt  # no terminal control sequence
        assert "\x9b" not in text, fmt
    assert "<script>" not in outputs["html"] and "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs["html"]
    assert "[red]x[/red]" in outputs["wide show"] and "[red]x[/red]" in outputs["text"]  # shown, not obeyed
    assert (
        "FOREST: " + "<script>alert(1)</script> a|b next" in outputs["text"]
    )  # the plan's note, on one line
    data = json.loads(outputs["json"])
    assert data["indicators"][7]["note"] == HOSTILE  # JSON keeps the exact text, escaped
    assert data["indicators"][7]["name_en"] == HOSTILE
    rows = list(csv.reader(io.StringIO(outputs["csv"].lstrip("\ufeff"), newline="")))
    forest = dict(zip(rows[0], rows[8], strict=True))
    assert forest["source"] == "'" + FORMULA  # never a formula
    assert forest["note"].startswith("<script>") and "\n" not in forest["note"]
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_output_file_extension_picks_the_format_and_is_written_whole(
    targets, figures: Path, tmp_path: Path
) -> None:
    for name, check in [
        ("r.json", lambda t: json.loads(t)["summary"]["total"] == 17),
        ("r.csv", lambda t: t.startswith("\ufeffcode,name,")),
        ("r.html", lambda t: t.startswith("<!doctype html>")),
        ("r.md", lambda t: t.startswith("# Lai Châu 2024")),
        ("r.txt", lambda t: t.startswith("Lai Châu 2024")),
        ("r", lambda t: t.startswith("# Lai Châu 2024")),  # no extension names no format
    ]:
        result = targets("report", "--output", str(tmp_path / name))
        assert (result.exit_code, result.stdout) == (0, "")
        assert check((tmp_path / name).read_text(encoding="utf-8")), name
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".r")) == []


def test_an_unknown_output_extension_is_refused_not_answered_with_markdown(
    targets, figures: Path, tmp_path: Path
) -> None:
    before = snapshot(tmp_path)
    result = targets("report", "-o", str(tmp_path / "report.pdf"))
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == (
        f"Error: {tmp_path / 'report.pdf'}: no report format has the extension '.pdf' "
        "(known: .md, .markdown, .json, .csv, .html, .htm, .txt, .xlsx); name one with --format\n"
    )
    assert snapshot(tmp_path) == before
    forced = targets("report", "-o", str(tmp_path / "report.pdf"), "--format", "md")
    assert forced.exit_code == 0
    assert (tmp_path / "report.pdf").read_text(encoding="utf-8").startswith("# Lai Châu 2024")


@pytest.mark.reliability("special output targets")
def test_output_into_a_missing_folder_is_an_error(targets, figures: Path, tmp_path: Path) -> None:
    result = targets("report", "--output", str(tmp_path / "nowhere" / "r.md"))
    assert result.exit_code == EXIT_ERROR
    assert (
        result.stderr
        == f"Error: {tmp_path / 'nowhere' / 'r.md'}: cannot be written (No such file or directory)\n"
    )


def test_text_report_fits_100_columns(targets, figures: Path) -> None:
    text = targets("report", "--format", "text").stdout
    assert max(len(line) for line in text.splitlines()) <= 100
    rows = text.split("\nCode ", 1)[1].splitlines()
    doctors = next(n for n, line in enumerate(rows) if line.startswith("DOCTORS"))
    assert "(doctors per 10,000 people)" not in " ".join(rows[doctors : doctors + 3])  # the name says it
    # no unit column: the unit after the name (which may wrap, beside the year-on-year column)
    grain = next(n for n, line in enumerate(rows) if line.startswith("GRAIN"))
    assert "(thousand tonnes)" in " ".join(line[11:28].strip() for line in rows[grain : grain + 3])
    assert (
        "2/17 indicators met or exceeded; 1 on track; 1 at risk; 1 off track; 1 not met; 11 no data" in text
    )


def test_what_remains_gives_the_pace_still_needed(targets, figures: Path) -> None:
    md = targets("report", "--format", "md").stdout
    remains = md.split("## What remains\n\n")[1].split("\n\n")[0].splitlines()
    assert remains == [
        "- GRDP – GRDP growth: 0.3 points below target",
        "- GRAIN – Grain output: 72.3% of plan (62.5 thousand tonnes to go); needs 20.83 thousand tonnes a month for the rest of the year, against 18.11 thousand tonnes a month so far",
        "- BUDGET – Budget revenue in the province: 82.8% of the budget estimate (385.5 billion VND to go); needs 128.5 billion VND a month for the rest of the year, against 205.61 billion VND a month so far",
        # whole workers: 5,000 over six months is 833.33, so 834 a month are needed
        "- TRAINING – Workers trained: 37.5% of plan (5,000 workers to go); needs 834 workers a month for the rest of the year, against 500 workers a month so far",
    ]


def test_check_lists_what_fails(targets, figures: Path) -> None:
    result = targets("check")
    assert result.exit_code == EXIT_CHECK_FAILED
    assert result.stdout.splitlines()[2:] == ["GRDP: Not met", "GRAIN: At risk", "TRAINING: Off track"]
    assert len(targets("check", "--strict").stdout.splitlines()) == 2 + 3 + 11


def test_show_wide_adds_the_pace_columns(targets, figures: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    lines = targets("show", "--wide").stdout.splitlines()
    assert lines[0].split()[-7:] == ["Projected", "Pace/month", "Needed/month", "Year", "on", "year", "Trend"]
    budget = next(line for line in lines if line.startswith("BUDGET"))
    # No 2023 figures: a straight-line projection, nothing to compare with, one figure in the trend.
    assert budget.split()[-5:] == ["2,467.33", "205.61", "128.5", "–", "▅"]
    training = next(line for line in lines if line.startswith("TRAINING"))
    assert training.split()[-5:] == ["6,000", "500", "834", "–", "▅"]  # whole workers


@pytest.mark.parametrize("columns", ["80", "100", "160"])
def test_show_adapts_to_the_terminal_width(targets, figures: Path, monkeypatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    lines = targets("show").stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    assert [line.split()[0] for line in lines if line[:1].strip()][1:18] == ALL_CODES


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`; .ci/run installs it)"
)
@pytest.mark.parametrize("size", ["1200,1600", "390,844"])
@pytest.mark.browser
def test_html_opens_in_headless_chromium(targets, figures: Path, tmp_path: Path, size: str) -> None:
    _hostile_plan(figures)
    page = tmp_path / "report.html"
    assert targets("--lang", "vi", "report", "--output", str(page)).exit_code == 0
    shot = tmp_path / "shot.png"
    common = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    run_process(
        [*common, f"--screenshot={shot}", f"--window-size={size}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    dom = run_process(
        [*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert "<script" not in dom  # the hostile name stayed text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert dom.count('<tr class="') == 17
    assert "2/17 chỉ tiêu đạt và vượt kế hoạch" in dom
    assert re.search(
        r"Số liệu mới nhất: năm 2024, nhập lần cuối ngày \d\d/\d\d/\d{4}\. Báo cáo lập lúc ", dom
    )


@pytest.mark.parametrize(
    "name",
    ["records.jsonl", "targets.toml", "plans/2025.toml", "plans/../records.jsonl", "link", "hard link"],
)
def test_a_report_is_never_written_over_the_folders_own_files(
    targets, figures: Path, tmp_path: Path, name: str
) -> None:
    """A report over the log (or the plan) would have replaced every record with a report."""
    if name == "link":
        output = tmp_path / "link.md"
        output.symlink_to(figures / "records.jsonl")
    elif name == "hard link":
        output = tmp_path / "hard.md"
        output.hardlink_to(figures / "records.jsonl")
    else:
        output = figures / name
    before = snapshot(figures)
    for lang, says in [
        ("en", "is a file of the data folder (its plan or its record log); not writing a report over it"),
        ("vi", "là tệp của thư mục dữ liệu (kế hoạch hoặc sổ ghi số liệu); không ghi báo cáo đè lên"),
    ]:
        refused = targets("--lang", lang, "report", "-o", str(output), "--format", "md")
        assert (refused.exit_code, refused.stdout, refused.stderr) == (
            EXIT_ERROR,
            "",
            f"Error: {output}: {says}\n",
        )
    assert snapshot(figures) == before
    assert targets("history").stdout.count("\n") == 6  # every record still there


def test_an_indicators_note_is_in_the_readers_language(targets, data_dir: Path) -> None:
    """The bundled term plan's notes were English only, in the Vietnamese report too."""
    english = targets("--plan", "2021-2025", "report", "-f", "md").stdout
    vietnamese = targets("--plan", "2021-2025", "--lang", "vi", "report", "-f", "md").stdout
    assert (
        "- GRAIN: 226.000 tấn in the source is 226 thousand tonnes, the unit GRAIN is recorded in.\n"
        in english
    )
    assert "- GRAIN: 226.000 tấn trong nguồn là 226 nghìn tấn, đơn vị ghi số liệu của GRAIN.\n" in vietnamese
    assert "Source B" not in vietnamese and "Nguồn B" not in english
