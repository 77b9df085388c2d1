"""Many hands, one log through git: any union of two clones' logs is a valid log that says the
same as both together, and `init` sets the folder up for the union merge."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laichau_targets import log as log_module
from laichau_targets.datafolder import init_data_folder
from laichau_targets.errors import RecordNotFoundError
from laichau_targets.log import RecordLog
from laichau_targets.periods import Period
from laichau_targets.records import Figure, current_figures

from .helpers import TARGETS, cli, log_lines, run, run_process, start_process

START = datetime(2024, 10, 1, tzinfo=UTC)


steps = st.lists(
    st.tuples(
        st.sampled_from(["mine", "theirs"]),
        st.sampled_from(["record", "record", "undo"]),
        st.sampled_from(["GRDP", "JOBS"]),
        st.integers(1, 99),
        st.sampled_from([6, 12]),
        st.integers(0, 5),
    ),
    min_size=1,
    max_size=16,
)


def _split(mine: Path, theirs: Path) -> tuple[list[bytes], list[bytes], list[bytes]]:
    """The lines both logs share, then each one's own lines."""
    a = (
        (mine / "records.jsonl").read_bytes().splitlines(keepends=True)
        if (mine / "records.jsonl").exists()
        else []
    )
    b = (
        (theirs / "records.jsonl").read_bytes().splitlines(keepends=True)
        if (theirs / "records.jsonl").exists()
        else []
    )
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n], a[n:], b[n:]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    base=st.integers(0, 4),
    steps=steps,
    order=st.randoms(use_true_random=False),
    interleave=st.booleans(),
    repeat=st.booleans(),
)
def test_a_union_of_two_clones_is_one_valid_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: int, steps, order, interleave: bool, repeat: bool
) -> None:
    monkeypatch.setattr(log_module, "CACHED_FROM", 0)  # every log cached, however small
    case = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    mine, theirs, cache = case / "mine", case / "theirs", case / "cache"
    mine.mkdir(parents=True)
    log = RecordLog(mine, cache)
    log.append(
        [Figure("", "GRDP", Decimal(n), Period(2024, 12), "estimate", START, "base") for n in range(base)]
    )
    shutil.copytree(mine, theirs)
    logs = {"mine": log, "theirs": RecordLog(theirs, cache)}
    for n, (clone, action, code, value, months, pick) in enumerate(steps):
        when = START + timedelta(minutes=n + 1)
        if action == "record":
            new = Figure("", code, Decimal(value), Period(2024, months), "official", when, clone)
            logs[clone].append([new])
        else:
            records = logs[clone].records()
            try:
                logs[clone].retract(records[pick % len(records)].id if records else None, when, clone, None)
            except RecordNotFoundError:
                pass
    expected = {r.id: r for clone in logs.values() for r in clone.records()}
    base_lines, ours, theirs_lines = _split(mine, theirs)
    tail = ours + theirs_lines  # git's union: our lines, then theirs
    if interleave:
        order.shuffle(tail)  # how the lines of both sides interleave is no matter
    if repeat and tail:
        tail.append(tail[0])  # the same record twice: a merge done again
    # the merge, written over my log: my cache (of my log before the merge) is still there
    (mine / "records.jsonl").write_bytes(b"".join(base_lines + tail))

    whole = RecordLog(mine)  # read whole, no cache
    together = whole.records()
    assert [r.id for r in together] == sorted(expected, key=lambda i: (expected[i].recorded_at, i))
    assert together == sorted(expected.values(), key=lambda r: (r.recorded_at, r.id))
    cached = RecordLog(mine, cache)
    contents, read_whole = cached.contents(), whole.contents()
    assert contents.current_figures() == current_figures(together)
    assert cached.records() == together
    assert contents.history(None, None) == read_whole.history(None, None)
    assert contents.shorts(expected) == read_whole.shorts(expected)
    shutil.rmtree(case)


def test_init_sets_the_folder_up_for_git(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "plan")).returncode == 0
    assert (tmp_path / "plan" / ".gitattributes").read_text(encoding="utf-8").splitlines()[-1] == (
        "records.jsonl merge=union"
    )
    assert (tmp_path / "plan" / ".gitignore").read_text(encoding="utf-8") == (
        "# what stays on this machine: interrupted writes moved out of the log\nrecords.torn.jsonl\n"
    )  # no cache in the data folder to keep out of git: it lives in the user's cache folder
    assert run("--data", str(tmp_path / "plan"), "migrate").stdout == (
        "records.jsonl is already in the current format; nothing to convert.\n"
    )
    assert not (tmp_path / "plan" / "records.jsonl").exists()  # no empty log made


WRITER = """
import sys
from pathlib import Path
from laichau_targets.datafolder import find_data_folder
from laichau_targets.tracker import Tracker
import os
tracker = Tracker(find_data_folder(Path(sys.argv[1]), os.environ, Path.cwd()))
codes = ["GRDP", "BUDGET", "JOBS", "FOREST", "GRAIN"]
periods = ["2024-Q1", "2024-H1", "2024-09", "2024"]
for n in range(int(sys.argv[3])):
    tracker.record(codes[n % 5], str(50 + n % 40), periods[n % 4], note=f"{sys.argv[2]} {n}")
"""


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Officer",
    "GIT_AUTHOR_EMAIL": "officer@example.org",
    "GIT_COMMITTER_NAME": "Officer",
    "GIT_COMMITTER_EMAIL": "officer@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    done = run_process(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, timeout=60
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


def targets_json(data: Path, *args: str) -> object:
    done = run("--data", str(data), *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.processes
def test_two_clones_record_at_once_and_merge_without_conflict(tmp_path: Path) -> None:
    first = tmp_path / "first"
    git(tmp_path, "init", "-q", "-b", "main", str(first))
    assert run("init", str(first / "data")).returncode == 0
    git(first, "add", "-A")
    git(first, "commit", "-q", "-m", "plan")
    git(tmp_path, "clone", "-q", "--bare", str(first), "office.git")
    git(first, "remote", "add", "origin", str(tmp_path / "office.git"))
    git(first, "fetch", "-q")
    git(first, "branch", "-q", "-u", "origin/main")
    second = tmp_path / "second"
    git(tmp_path, "clone", "-q", "office.git", str(second))
    for clone in (first, second):
        git(clone, "config", "pull.rebase", "false")

    writers = [
        start_process([sys.executable, "-c", WRITER, str(clone / "data"), clone.name, "90"])
        for clone in (first, second)
    ] + [  # and ten through the console script, at the same time
        start_process(
            [*TARGETS, "--data", str(clone / "data"), "record", "JOBS", str(9000 + n), "--period", "2024"],
            stdout=subprocess.DEVNULL,
        )
        for clone in (first, second)
        for n in range(10)
    ]
    assert [w.wait(timeout=300) for w in writers] == [0] * len(writers)
    for clone in (first, second):
        git(clone, "add", "-A")
        git(clone, "commit", "-q", "-m", f"figures from {clone.name}")
    git(first, "push", "-q")
    git(second, "pull", "-q")  # a merge: the union of both logs
    git(second, "push", "-q")
    git(first, "pull", "-q")  # a fast-forward to that merge

    histories = [targets_json(clone / "data", "history", "--format", "json") for clone in (first, second)]
    for history in histories:
        assert isinstance(history, list) and len(history) == 200
        assert all(row["kind"] == "figure" for row in history)
    assert histories[0] == histories[1]
    assert "<<<<<<<" not in (first / "data" / "records.jsonl").read_text(encoding="utf-8")
    reports = [targets_json(clone / "data", "report", "--format", "json") for clone in (first, second)]
    assert reports[0] == reports[1]

    theirs = next(r for r in RecordLog(first / "data").records() if (r.note or "").startswith("second"))
    short = RecordLog(first / "data").contents().shorts([theirs.id])[theirs.id]
    undone = run("--data", str(first / "data"), "undo", short)
    assert undone.returncode == 0, undone.stderr
    git(first, "commit", "-q", "-am", "undo")
    git(first, "push", "-q")
    git(second, "pull", "-q")
    for clone in (first, second):
        rows = targets_json(clone / "data", "history", "--format", "json")
        assert isinstance(rows, list) and len(rows) == 201
        assert [r["id"] for r in rows if r.get("retracted_by")] == [theirs.id]
    reports = [targets_json(clone / "data", "report", "--format", "json") for clone in (first, second)]
    assert reports[0] == reports[1]


def test_two_clones_importing_batches_merge_with_the_union_driver_and_both_batches_count(
    tmp_path: Path,
) -> None:
    start = tmp_path / "start"
    init_data_folder(start)
    git(start, "init", "-q", "-b", "main")
    git(start, "add", "-A")
    git(start, "commit", "-q", "-m", "plan")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(start), str(origin))
    clones = [tmp_path / "lan", tmp_path / "minh"]
    for n, clone in enumerate(clones):
        git(tmp_path, "clone", "-q", str(origin), str(clone))
        sheet = tmp_path / f"sheet-{n}.csv"
        rows = [f"{code},{100 + n},2024-09,ước" for code in ("GRAIN", "JOBS", "BUDGET", "TRAINING")]
        sheet.write_text("Mã,Thực hiện,Kỳ,Ước / Chính thức\n" + "\n".join(rows) + "\n", encoding="utf-8")
        assert cli("import", str(sheet), data=clone).returncode == 0
        git(clone, "add", "-A")
        git(clone, "commit", "-q", "-m", f"figures {n}")
    git(clones[0], "push", "-q", "origin", "main")
    git(clones[1], "pull", "-q", "--no-rebase", "origin", "main")
    merged = RecordLog(clones[1]).records()
    assert len(merged) == 8
    assert sum(1 for line in log_lines(clones[1]) if line.startswith('{"format"')) >= 1
    batches = {json.loads(line).get("batch") for line in log_lines(clones[1])} - {None}
    assert len(batches) == 2
