"""Text from files, arguments and names reaches a terminal inert: control sequences, bidirectional
controls and bytes that are not UTF-8 are shown, never obeyed."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.cli import EXIT_ERROR

from .conftest import Targets, snapshot
from .helpers import FORMULA, HOSTILE, TARGETS, en, hostile_plan, run_process, write_plan

PAYLOAD = "Lai\x1b]0;pwned\x07 Châu\x1b[2J\x9b31m\r\u202eusoH\u2066x\u2069\u200f"


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if c in "\x1b\x07\x9b\r\u202e\u2066\u2069\u200f"]


@pytest.mark.reliability("terminal payloads")
def test_file_names_and_notes_reach_no_terminal_raw(
    folder: Path, tmp_path: Path, targets: Targets, cases_run
) -> None:
    """A helper found import and template echoing a hostile file name, and history's JSON
    leaving C1 and bidirectional controls raw, as report --format json does not."""
    name = "x\x1b]0;pwned\x07\u202e"
    sheet = tmp_path / f"{name}.csv"
    sheet.write_text("code,value,period\nSUM,100,2024\n", encoding="utf-8")
    workbook = tmp_path / f"{name}.xlsx"
    for args in (
        ["import", "--dry-run", str(sheet)],
        ["import", str(sheet)],
        ["template", "-o", str(workbook)],
        ["record", "SUM", "5", "--period", "2024", "--note", PAYLOAD],
        ["history", "--format", "json"],
    ):
        cases_run()
        result = targets(*args)
        assert result.exit_code == 0, result.output
        assert _raw_controls(result.stdout) == [], args
    notes = [row["note"] for row in json.loads(targets("history", "--format", "json").stdout)]
    assert notes[-1] == PAYLOAD  # escaped in the text, the same string to a JSON reader


SHOWN = "Lai\\x1b]0;pwned\\x07 Châu\\x1b[2J\\x9b31m \\u202eusoH\\u2066x\\u2069\\u200f"


@pytest.mark.reliability("terminal payloads")
def test_validate_prints_a_hostile_province_inert(targets: Targets, tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path / "p",
        province=PAYLOAD.replace("\x1b", "\\u001b")
        .replace("\x07", "\\u0007")
        .replace("\x9b", "\\u009b")
        .replace("\r", "\\r"),
    )
    result = targets("validate", str(plan))
    assert result.exit_code == 0
    assert result.stdout == (  # v0.1: raw OSC, CSI
        en("validate.ok", path=plan, province=SHOWN, year=2024, count=2) + "\n"
    )


@pytest.mark.reliability("terminal payloads")
def test_paths_and_init_print_hostile_folder_names_inert(
    targets: Targets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = tmp_path / "a\x1b[31mb\u202ec"
    result = targets("init", str(hostile))
    assert result.exit_code == 0
    shown = str(tmp_path) + "/a\\x1b[31mb\\u202ec"
    assert result.stdout == (
        f"Plan: {shown}/targets.toml\nEdit the plan to suit, then: targets --data {shown} show\n"
    )
    monkeypatch.setenv("LAICHAU_TARGETS_DATA", str(hostile))
    paths = targets("paths")
    assert paths.stdout.splitlines()[0] == f"Data folder: {shown} (chosen by LAICHAU_TARGETS_DATA)"
    assert _raw_controls(paths.stdout) == []


@pytest.mark.reliability("terminal payloads")
def test_bidirectional_controls_are_shown_not_obeyed_in_every_output(targets: Targets, folder: Path) -> None:
    plan = folder / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('"Rate"', '"Rate \u202eetaR\u2066"'), encoding="utf-8"
    )
    targets("record", "RATE", "8", "--period", "2024", "--note", "n\u202eote", "--source", "s\u200forg")
    outputs = [targets(*args).stdout for args in (["show"], ["list"], ["history"])]
    outputs += [targets("report", "-f", fmt).stdout for fmt in ("md", "html", "text", "csv", "json")]
    for text in outputs:
        assert "\u202e" not in text and "\u2066" not in text and "\u200f" not in text
    data = json.loads(targets("report", "-f", "json").stdout)
    assert data["indicators"][0]["name_en"] == "Rate \u202eetaR\u2066"  # JSON escapes, the data stays exact
    assert data["indicators"][0]["note"] == "n\u202eote"


@pytest.mark.reliability("terminal payloads")
@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["record", "SUM", "100", "--note", "\udcff"], "\\xff"),  # what Python makes of the byte 0xff
        (["record", "SUM", "100", "--source", "S\udce1"], "S\\xe1"),
        (["--data", "/tmp/d\udcff", "show"], "/tmp/d\\xff"),
        (["history", "\udcff"], "\\xff"),
    ],
)
def test_undecodable_arguments_get_an_error_line(
    targets: Targets, folder: Path, args: list[str], shown: str
) -> None:
    before = snapshot(folder)
    result = targets(*args)
    assert (result.exit_code, result.stdout) == (EXIT_ERROR, "")
    assert result.stderr == f"Error: the argument '{shown}' is not valid UTF-8 text\n"
    assert snapshot(folder) == before


@pytest.mark.reliability("terminal payloads")
def test_bytes_that_are_not_utf8_in_real_arguments_and_folder_names(tmp_path: Path, folder: Path) -> None:
    note = run_process(
        [*TARGETS, "record", "SUM", "100", b"--note", b"\xff"], capture_output=True, timeout=60
    )
    assert (note.returncode, note.stderr) == (
        EXIT_ERROR,
        b"Error: the argument '\\xff' is not valid UTF-8 text\n",
    )
    odd = os.fsencode(tmp_path) + b"/data\xff"
    write_plan(Path(os.fsdecode(odd)))
    env = {**os.environ, "LAICHAU_TARGETS_DATA": os.fsdecode(odd), "LOGNAME": os.fsdecode(b"clerk\xfe")}
    recorded = run_process([*TARGETS, "record", "SUM", "100"], env=env, capture_output=True, timeout=60)
    assert recorded.returncode == 0, recorded.stderr  # v0.1: UnicodeEncodeError traceback
    paths = run_process([*TARGETS, "paths"], env=env, capture_output=True, timeout=60)
    assert paths.stdout.splitlines()[0] == b"Data folder: " + os.fsencode(tmp_path) + (
        b"/data\\xff (chosen by LAICHAU_TARGETS_DATA)"
    )
    history = run_process([*TARGETS, "history"], env=env, capture_output=True, timeout=60)
    assert "clerk\ufffd" in history.stdout.decode("utf-8")


@pytest.mark.reliability("terminal payloads")
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("utf-8", "surrogateescape"))))
def test_inert_text_is_one_line_of_printable_utf8(text: str) -> None:
    from laichau_targets.inert import inert, unsafe

    shown = inert(text)
    assert "\n" not in shown and "\r" not in shown and not unsafe().search(shown)
    shown.encode("utf-8")  # never a UnicodeEncodeError, whatever bytes the text held
    if not unsafe().search(text) and not any(c in text for c in "\n\r\t"):
        assert shown == text  # ordinary text, Vietnamese included, is left alone


@pytest.mark.reliability("terminal payloads")
def test_an_error_about_hostile_text_cannot_steer_the_terminal(targets, data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('code = "GRDP"\n', 'code = "GRDP"\n"\\u001b[2J" = 1\n'),
        encoding="utf-8",
    )
    result = targets("show")
    assert result.exit_code == EXIT_ERROR
    assert "\x1b" not in result.stderr and "has an unknown key '\\x1b[2J'" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.reliability("terminal payloads")
def test_hostile_text_stays_inert_in_every_format(targets, figures: Path) -> None:
    hostile_plan(figures)
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
