"""`targets report`: the report of a year in every format, chosen by --format or the file's
extension, as of a checkpoint; the Markdown checked the way a Markdown parser reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from laichau_targets.cli import EXIT_ERROR

from .conftest import ALL_CODES, markdown_rows, snapshot
from .helpers import FORMULA, HOSTILE, en, headline, hostile_plan


def test_the_fixture_gives_every_status(targets, figures: Path) -> None:
    summary = json.loads(targets("report", "--format", "json").stdout)["summary"]
    assert summary == {
        "exceeded": 1,
        "met": 1,
        "basically_met": 0,  # the bundled plans state no band for it
        "not_met": 1,
        "on_track": 1,
        "at_risk": 1,
        "off_track": 1,
        "no_data": 11,
        "in_progress": 0,
        "no_target": 0,
        "not_judged": 0,
        "met_or_exceeded": 2,
        "total": 17,
    }


def test_as_of_uses_only_records_up_to_that_checkpoint(targets, figures: Path) -> None:
    targets("record", "GRDP", "7.9", "--period", "2024-H1")
    data = json.loads(targets("report", "--format", "json", "--as-of", "2024-H1").stdout)
    grdp = data["indicators"][0]
    assert (grdp["actual"], grdp["period"], grdp["status"]) == (7.9, "2024-H1", "off_track")
    assert data["indicators"][8]["actual"] is None  # BUDGET was for 2024-09


def _render_inline(cell: str) -> str:
    return MarkdownIt("commonmark").renderInline(cell)


@pytest.mark.reliability("terminal payloads")
def test_markdown_parses_to_the_right_table_even_with_pipes_and_newlines(targets, figures: Path) -> None:
    hostile_plan(figures)
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
        "(known: .md, .markdown, .json, .csv, .html, .htm, .txt, .xlsx, .docx); name one with --format\n"
    )
    assert snapshot(tmp_path) == before
    forced = targets("report", "-o", str(tmp_path / "report.pdf"), "--format", "md")
    assert forced.exit_code == 0
    assert (tmp_path / "report.pdf").read_text(encoding="utf-8").startswith("# Lai Châu 2024")


def test_text_report_fits_100_columns(targets, figures: Path) -> None:
    text = targets("report", "--format", "text").stdout
    assert max(len(line) for line in text.splitlines()) <= 100
    rows = text.split("\nCode ", 1)[1].splitlines()
    doctors = next(n for n, line in enumerate(rows) if line.startswith("DOCTORS"))
    assert "(doctors per 10,000 people)" not in " ".join(rows[doctors : doctors + 3])  # the name says it
    # no unit column: the unit after the name (which may wrap, beside the year-on-year column)
    grain = next(n for n, line in enumerate(rows) if line.startswith("GRAIN"))
    name = slice(11, rows[0].index("Target"))  # the name column: from the code's end to the target's start
    assert "(thousand tonnes)" in " ".join(line[name].strip() for line in rows[grain : grain + 3])
    assert headline(en, 2, 17, not_met=1, on_track=1, at_risk=1, off_track=1, no_data=11) in text


def test_what_remains_gives_the_pace_still_needed(targets, figures: Path) -> None:
    md = targets("report", "--format", "md").stdout
    remains = md.split("## What remains\n\n")[1].split("\n\n")[0].splitlines()
    assert remains == [
        "- GRDP – GRDP growth: " + en("gap.points_below", gap="0.3"),
        "- GRAIN – Grain output: 72.3% of plan (62.5 thousand tonnes to go); needs 20.8 thousand tonnes a month for the rest of the year, against 18.1 thousand tonnes a month so far",
        "- BUDGET – Budget revenue in the province: 82.8% of the budget estimate (386 billion VND to go); needs 129 billion VND a month for the rest of the year, against 206 billion VND a month so far",
        # whole workers: 5,000 over six months is 833.33, so 834 a month are needed
        "- TRAINING – Workers trained: 37.5% of plan (5,000 workers to go); needs 834 workers a month for the rest of the year, against 500 workers a month so far",
    ]


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


def test_markdown_report_is_a_github_table_with_one_row_per_indicator(targets, data_dir: Path) -> None:
    targets("record", "BUDGET", "1.850,5", "--period", "2024-09")
    result = targets("report", "--format", "md")
    assert result.exit_code == 0
    rows = markdown_rows(result.stdout)
    header, body = rows[0], rows[1:]
    assert header == [
        "Code",
        "Indicator",
        "Unit",
        "Target",
        "Latest",
        "Progress",
        "Gap",
        "Of last year (%)",
        "Status",
    ]
    assert [r[0].replace("\\_", "_") for r in body] == ALL_CODES
    budget = body[ALL_CODES.index("BUDGET")]
    # the unit stands once, in its column; the gap is figure − target, as review tables sign it
    assert budget[2:] == [
        "billion VND",
        "at least 2,236",
        "1,850.5 (Jan–Sep 2024, estimate)",
        "82.8% of est.",  # the budget is measured against the dự toán
        "-385.5",
        "–",
        "On track",
    ]


def test_an_override_shows_as_set_by_hand_in_every_output(targets, data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    text = plan.read_text(encoding="utf-8").replace(
        'code = "EHR"\n', 'code = "EHR"\noverride = { status = "met", reason = "Sở Y tế xác nhận đạt" }\n'
    )
    plan.write_text(text, encoding="utf-8")
    targets("record", "EHR", "58", "--period", "2024")
    data = json.loads(targets("report", "--format", "json").stdout)
    ehr = next(i for i in data["indicators"] if i["code"] == "EHR")
    assert (ehr["status"], ehr["computed_status"], ehr["override_reason"]) == (
        "met",
        "not_met",
        "Sở Y tế xác nhận đạt",
    )
    md = targets("report", "--format", "md").stdout
    assert (
        "| EHR | Population with an electronic health record | % | at least 60% | 58% (2024, estimate) | 96.7% | -2 pt | – | Met \\* |"
        in md
    )
    assert "- EHR \\*: set by hand: Sở Y tế xác nhận đạt" in md
    show = targets("show").stdout
    assert show.splitlines()[-2:] == [
        "EHR *: set by hand: Sở Y tế xác nhận đạt",
        en("show.shortened"),
    ]
