"""`targets history` and `targets undo`: provenance, retractions, and ids however they are typed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.log import RecordLog

from .conftest import log_ids, snapshot
from .helpers import en, error_line

STAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


def shorts(folder: Path) -> list[str]:
    """The short ids of the log's records, in the log's order, as the log gives them now."""
    contents = RecordLog(folder).contents()
    ids = [r.id for r in contents.records(contents.rest().order)]
    found = contents.shorts(ids)
    return [found[one] for one in ids]


def test_history_shows_provenance_and_retractions(targets, data_dir: Path) -> None:
    targets(
        "record", "GRDP", "8.5", "--period", "2024-09", "--source", "Cục Thống kê", "--note", "ước tính",
        "--reported-on", "15/10/2024",
    )  # fmt: skip
    targets("record", "GRDP", "8.7", "--period", "2024-09")  # a correction: supersedes the first
    targets("record", "BUDGET", "2.300", "--period", "2024", "--official", "--locale", "vi")
    undone = targets("undo")
    assert undone.exit_code == 0
    a, b, c, d = shorts(data_dir)
    assert (
        undone.stdout == f"Retracted #{c} (BUDGET = 2,300 for 2024) with record #{d}.\nBUDGET: now no data\n"
    )
    result = targets("history")
    user = RecordLog(data_dir).records()[0].user
    cells = [re.split(r"  +", line) for line in STAMP.sub("<when>", result.stdout).splitlines()]
    assert cells == [
        ["Record", "Recorded", "By", "Code", "Figure", "Period, basis", "Details"],
        [
            f"#{a}",
            "<when>",
            user,
            "GRDP",
            "8.5%",
            "Jan–Sep 2024, estimate",
            "reported 2024-10-15",
            "source: Cục Thống kê",
            "note: ước tính",
        ],
        # reported on "today", the day LAICHAU_TARGETS_TODAY fixes: not the day it was typed
        [f"#{b}", "<when>", user, "GRDP", "8.7%", "Jan–Sep 2024, estimate", "reported 2024-12-20"],
        [
            f"#{c}",
            "<when>",
            user,
            "BUDGET",
            "2,300 billion VND",
            "2024, official",
            f"[retracted by #{d}]",
            "reported 2024-12-20",
        ],
        [f"#{d}", "<when>", user, "BUDGET", f"retracts #{c}"],
    ]
    only = targets("history", "grdp").stdout.splitlines(True)
    assert len(only) == 1 + 2
    assert targets("history", "--code", "GRDP", "--limit", "1").stdout == "".join([only[0], only[2]])
    assert targets("history", "JOBS").stdout == "No records for JOBS.\n"
    assert targets("--lang", "vi", "history", "jobs").stdout == "Chưa có bản ghi nào cho JOBS.\n"
    report = json.loads(targets("report", "--format", "json").stdout)
    grdp = report["indicators"][0]
    assert (grdp["actual"], grdp["record_id"], grdp["status"]) == (8.7, log_ids(data_dir)[1], "at_risk")


def test_history_of_an_empty_log(targets, data_dir: Path) -> None:
    assert targets("history").stdout == "No records yet.\n"
    assert targets("history", "GRDP").stdout == "No records yet.\n"
    assert targets("history", "--format", "json").stdout == "[]\n"
    unknown = targets("history", "GRPD")
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        error_line(en("error.unknown_code_suggest", code="GRPD", suggestion="GRDP")),
    )


def test_history_as_json_holds_every_field_of_every_record(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.5", "--period", "2024-09", "--source", "Cục Thống kê", "--note", "ước tính")
    targets("undo", "--note", "sai kỳ")
    rows = json.loads(targets("history", "--format", "json").stdout)
    first, *lines = [
        json.loads(line) for line in (data_dir / "records.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert first == {"format": 3, "log": "laichau-targets record log"}  # declares the format: no record
    assert len(rows) == 2
    for row, line in zip(rows, lines, strict=True):
        assert {
            k: v for k, v in row.items() if k in line
        } == line  # every field the log holds, as it holds it
    assert (rows[0]["kind"], rows[0]["retracted_by"], rows[1]["kind"]) == (
        "figure",
        lines[1]["id"],
        "retraction",
    )
    assert json.loads(targets("history", "--format", "json", "--limit", "0").stdout) == []


def test_record_undo_round_trip_restores_the_standing(targets, data_dir: Path) -> None:
    targets("record", "JOBS", "6000", "--period", "2024-09")
    before = targets("report", "--format", "json").stdout
    assert targets("record", "JOBS", "9000", "--period", "2024", "--official").exit_code == 0
    assert targets("report", "--format", "json").stdout != before
    assert targets("undo").exit_code == 0
    assert targets("report", "--format", "json").stdout == before


def test_undo_by_id_and_its_mistakes(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.1", "--period", "2024-Q1")
    targets("record", "GRDP", "8.3", "--period", "2024-H1")
    first = RecordLog(data_dir).records()[0].id
    result = targets("undo", first[:12].lower(), "--note", "wrong indicator")
    one, _, three = shorts(data_dir)
    assert result.stdout.splitlines()[0] == f"Retracted #{one} (GRDP = 8.1 for Q1 2024) with record #{three}."
    log = data_dir / "records.jsonl"
    before = log.read_bytes()
    for args, message in [
        (["undo", one], error_line(en("error.undo_already", id=one))),
        (["undo", three], f"Error: record {three} is itself a retraction; record the figure again instead\n"),
        (["undo", "7ZZZZZ"], error_line(en("error.undo_no_record", id="7ZZZZZ"))),
        (["undo", "01-J9"], error_line(en("error.undo_no_record", id="01-J9"))),
        (["undo", "0"], error_line(en("error.undo_no_record", id="0"))),
    ]:
        bad = targets(*args)
        assert (bad.exit_code, bad.stderr) == (EXIT_ERROR, message)
    assert log.read_bytes() == before


@pytest.mark.parametrize("typed", ["²", "#²", "①", "٣"])
def test_undo_of_a_number_in_other_digits_is_no_v01_number(targets, data_dir: Path, typed: str) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    before = snapshot(data_dir)
    done = targets("undo", typed)
    assert (done.exit_code, done.stderr) == (2, error_line(en("error.undo_no_record", id=typed)))
    assert snapshot(data_dir) == before
