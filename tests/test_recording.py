"""Recording you can trust: provenance, history, undo, plausibility, bad input, concurrency, crashes."""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.datafolder import DataFolder
from laichau_targets.log import RecordLog
from laichau_targets.periods import default_period
from laichau_targets.tracker import Tracker

from .conftest import log_ids, snapshot
from .helpers import TARGETS, run, start_process, without_root_powers

STAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


def shorts(folder: Path) -> list[str]:
    """The short ids of the log's records, in the log's order, as the log gives them now."""
    contents = RecordLog(folder).contents()
    ids = [r.id for r in contents.records(contents.rest().order)]
    found = contents.shorts(ids)
    return [found[one] for one in ids]


def test_history_shows_provenance_and_retractions(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.5", "--period", "2024-09", "--source", "Cục Thống kê", "--note", "ước tính")
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
        [
            f"#{a}",
            "<when>",
            user,
            "GRDP",
            "8.5",
            "Jan–Sep 2024, estimate",
            "source: Cục Thống kê",
            "note: ước tính",
        ],
        [f"#{b}", "<when>", user, "GRDP", "8.7", "Jan–Sep 2024, estimate"],
        [f"#{c}", "<when>", user, "BUDGET", "2,300", "2024, official", f"[retracted by #{d}]"],
        [f"#{d}", "<when>", user, "BUDGET", f"retracts #{c}"],
    ]
    only = targets("history", "grdp")
    assert len(only.stdout.splitlines()) == 2
    assert targets("history", "--code", "GRDP", "--limit", "1").stdout == only.stdout.splitlines(True)[1]
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
        "Error: unknown indicator 'GRPD'; did you mean 'GRDP'?\n",
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
        (["undo", one], f"Error: record {one} is already retracted\n"),
        (["undo", three], f"Error: record {three} is itself a retraction; record the figure again instead\n"),
        (["undo", "7ZZZZZ"], "Error: there is no record 7ZZZZZ; `targets history` lists them\n"),
        (["undo", "01-J9"], "Error: there is no record 01-J9; `targets history` lists them\n"),
        (["undo", "0"], "Error: there is no record 0; `targets history` lists them\n"),
    ]:
        bad = targets(*args)
        assert (bad.exit_code, bad.stderr) == (EXIT_ERROR, message)
    assert log.read_bytes() == before


def test_period_defaults_to_this_month_in_the_plan_year_else_the_full_year(targets, data_dir: Path) -> None:
    result = targets("record", "FOREST", "52.1")
    expected = default_period(2024, date.today()).label
    assert result.exit_code == 0
    assert result.stderr == f"No --period given: used {expected}.\n"
    assert f"for {expected} (estimate)" in result.stdout
    tracker = Tracker(DataFolder(data_dir, "test"))
    done = tracker.record("FOREST", "52.2", today=date(2024, 5, 20))
    assert (done.record.period.label, done.period_defaulted) == ("2024-05", True)


def test_a_value_ten_times_off_is_recorded_with_a_warning(targets, data_dir: Path) -> None:
    exactly_ten_times = targets("record", "BUDGET", "22360", "--period", "2024")
    assert (exactly_ten_times.exit_code, exactly_ten_times.stderr) == (0, "")
    result = targets("record", "BUDGET", "22400", "--period", "2024")
    assert result.exit_code == 0
    shown, rest = result.stdout.split(":", 1)
    assert log_ids(data_dir)[1].startswith(shown.removeprefix("Recorded #"))
    assert rest.startswith(" BUDGET = 22,400 billion VND for 2024 (estimate).\n")
    assert (
        result.stderr == "Warning: 22,400 is more than 10 times above the target 2,236; did you mean 2,240?\n"
    )
    low = targets("record", "GRAIN", "2.255", "--period", "2024", "--locale", "en")
    assert low.stderr == "Warning: 2.255 is more than 10 times below the target 225.5; did you mean 225.5?\n"
    assert len(RecordLog(data_dir).records()) == 3


def _damage_plan(folder: Path) -> None:
    plan = folder / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('kind = "level"', 'kind = "stock"'), encoding="utf-8"
    )


def _damage_log(folder: Path) -> None:
    with open(folder / "records.jsonl", "a", encoding="utf-8") as log:
        log.write('{"id": "01J9E0ZZZZZZZZZZZZZZZZZZZZ", "code": "GRDP", "value": 8,8}\n')


def _log_is_a_folder(folder: Path) -> None:
    (folder / "records.jsonl").unlink()
    (folder / "records.jsonl").mkdir()


BAD_INPUTS = [
    # (args, how the folder is spoiled first, the one error line expected)
    (["record", "GRPD", "8.7"], None, "Error: unknown indicator 'GRPD'; did you mean 'GRDP'?"),
    (
        ["record", "GRDP", "abc"],
        None,
        "Error: 'abc' is not a number; write it like 8.7, 8,7, 2236 or 2.236,5",
    ),
    (["record", "GRDP", ""], None, "Error: '' is not a number; write it like 8.7, 8,7, 2236 or 2.236,5"),
    (
        ["record", "GRDP", "nan"],
        None,
        "Error: 'nan' is not a number; write it like 8.7, 8,7, 2236 or 2.236,5",
    ),
    (
        ["record", "GRDP", "inf"],
        None,
        "Error: 'inf' is not a number; write it like 8.7, 8,7, 2236 or 2.236,5",
    ),
    (["record", "GRDP", "8..7"], None, "Error: '8..7' is not a number: its digit grouping is broken"),
    (["record", "GRDP", "1,2.3.4"], None, "Error: '1,2.3.4' is not a number: its digit grouping is broken"),
    (
        ["record", "BUDGET", "2.236,5", "--locale", "en"],
        None,
        "Error: '2.236,5' does not read as a number in English notation (--locale en)",
    ),
    (
        ["record", "GRDP", "8.7", "--period", "Q1"],
        None,
        "Error: period 'Q1' does not parse; use 2024, 2024-Q1, 2024-H1, a month like 2024-09, or 'Quý I/2024', '6 tháng/2024', '9T/2024', 'Năm 2024'",
    ),
    (
        ["record", "GRDP", "8.7", "--period", "2024-Q3"],
        None,
        "Error: period '2024-Q3': quarter III alone is not year-to-date and is not recorded; from January to the end of that quarter is 2024-09 (Jan–Sep 2024)",
    ),
    (
        ["--lang", "vi", "record", "GRDP", "8,7", "--period", "Quý II/2024"],
        None,
        "Error: kỳ 'Quý II/2024': số liệu riêng quý II không phải số lũy kế từ đầu năm nên không ghi được; số liệu lũy kế đến hết quý II ghi kỳ 6 tháng/2024 (2024-H1)",
    ),
    (
        ["show", "--plan", "2023"],
        None,
        "Error: no plan named '2023' in this data folder; the plans are 2024, 2021-2025, 2025, 2026",
    ),
    (
        ["record", "FOREST", "101"],
        None,
        "Error: 101 is above the largest plausible FOREST value, 100 (max in the plan)",
    ),
    (
        ["record", "JOBS", "-5", "--period", "2024"],
        None,
        "Error: -5 is below the smallest plausible JOBS value, 0 (min in the plan)",
    ),
    (
        ["record", "GRDP", "8.7"],
        _damage_plan,
        "Error: {plan}: 7 problems: line {stock}: indicator GRDP_PC has kind 'stock'; use one of level, growth_rate, accumulating; ",
    ),
    (
        ["record", "GRDP", "8.7", "--period", "2024"],
        _damage_log,  # line 1 declares the log's format, line 2 is the figure recorded first
        "Error: {log}: damaged: record at line 3: not a JSON object on one line; fix it by hand, nothing is written until then",
    ),
    (["record", "GRDP", "8.7"], _log_is_a_folder, "Error: {log}: is a folder, not a record log"),
    (["show"], _log_is_a_folder, "Error: {log}: is a folder, not a record log"),
]


def _reliability_class(args: list[str], spoil, message: str) -> str:
    if spoil is _damage_plan:
        return "malformed plans"
    if spoil is not None:
        return "damaged logs"
    return "bad periods" if message.startswith("Error: period") else "bad values"


@pytest.mark.parametrize(
    ("args", "spoil", "message"),
    [pytest.param(*case, marks=pytest.mark.reliability(_reliability_class(*case))) for case in BAD_INPUTS],
)
def test_bad_input_exits_2_with_one_error_line_and_changes_nothing(
    targets, data_dir: Path, args, spoil, message
) -> None:
    targets("record", "GRDP", "8.6", "--period", "2024-09")
    if spoil:
        spoil(data_dir)
    before = snapshot(data_dir)
    result = targets(*args)
    plan = data_dir / "targets.toml"
    stock = next(
        (n for n, line in enumerate(plan.read_text().splitlines(), 1) if line == 'kind = "stock"'), 0
    )
    expected = message.format(plan=plan, log=data_dir / "records.jsonl", stock=stock)
    assert result.exit_code == EXIT_ERROR
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(expected)
    assert "Traceback" not in result.stderr
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("mode", "args", "message"),
    [
        (
            0o555,
            ["record", "GRDP", "8.7", "--period", "2024"],
            "Error: {log}: cannot be written (Permission denied)",
        ),
        (0o555, ["undo"], "Error: {log}: cannot be written (Permission denied)"),
        (0o000, ["show"], "Error: {plan}: cannot be read (Permission denied)"),
        (0o000, ["record", "GRDP", "8.7"], "Error: {plan}: cannot be read (Permission denied)"),
    ],
)
@pytest.mark.reliability("read-only folders")
def test_unwritable_or_unreadable_folder(data_dir: Path, mode: int, args, message) -> None:
    prefix = without_root_powers()
    assert run("record", "FOREST", "51", "--period", "2024-Q1").returncode == 0
    log = data_dir / "records.jsonl"
    if mode == 0o555:
        log.chmod(0o444)
    before = snapshot(data_dir)
    data_dir.chmod(mode)
    try:
        result = run(*args, prefix=prefix)
    finally:
        data_dir.chmod(0o755)
        log.chmod(0o644)
    expected = message.format(plan=data_dir / "targets.toml", log=log)
    assert (result.returncode, result.stdout, result.stderr) == (EXIT_ERROR, "", expected + "\n")
    log.chmod(0o444) if mode == 0o555 else None
    assert snapshot(data_dir) == before
    log.chmod(0o644)


@pytest.mark.reliability("concurrent writers")
@pytest.mark.processes
def test_fifty_writers_at_once_all_land(data_dir: Path, cases_run) -> None:
    processes = [
        start_process(
            [*TARGETS, "record", "JOBS", str(100 + n), "--period", "2024-09", "--note", f"writer {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(50)
    ]
    cases_run(len(processes))
    codes = [p.wait(timeout=120) for p in processes]
    for p in processes:
        p.stdout.close()
        p.stderr.close()
    assert codes == [0] * 50
    records = RecordLog(data_dir).records()
    assert len({r.id for r in records}) == 50
    assert sorted(r.note for r in records) == sorted(f"writer {n}" for n in range(50))
    history = run("history")
    assert history.returncode == 0 and len(history.stdout.splitlines()) == 50


WRITER = """
import sys
from laichau_targets.datafolder import DataFolder
from laichau_targets.tracker import Tracker
tracker = Tracker(DataFolder(__import__("pathlib").Path(sys.argv[1]), "test"))
for n in range(10_000):
    done = tracker.record("JOBS", str(n), "2024-09", note="x" * (n % 300))
    print(done.record.id, flush=True)
"""


@pytest.mark.reliability("kills")
@pytest.mark.processes  # about half a minute; CI runs it, `-m "not slow"` skips it
def test_writers_killed_at_random_moments_never_break_the_log(data_dir: Path, cases_run) -> None:
    rng = random.Random(20241127)
    confirmed: set[int] = set()
    for trial in range(100):
        cases_run()
        if trial % 4 == 0:  # the console script, killed anywhere from start-up to exit
            process = start_process(
                [*TARGETS, "record", "GRDP", "8.7", "--period", "2024"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        else:  # a writer appending as fast as it can, so that kills land mid-append
            process = start_process(
                [sys.executable, "-c", WRITER, str(data_dir)],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        time.sleep(rng.uniform(0.0, 0.4))
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate(timeout=60)
        if trial % 4 == 0:
            match = re.match(r"Recorded #(\w+)", out)
            if process.returncode == 0 and match:
                confirmed.add(match.group(1))
        else:
            confirmed.update(out.split())
        ids = {r.id for r in RecordLog(data_dir).records()}  # raises if the log broke
        assert all(any(i.startswith(c) for i in ids) for c in confirmed)
    assert run("show").returncode == 0
