"""Many hands, one log: clones that merge in git, and one lock however the log is reached."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from laichau_targets.log import RecordLog

from .helpers import TARGETS, run, run_process, start_process

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Officer",
    "GIT_AUTHOR_EMAIL": "officer@example.org",
    "GIT_COMMITTER_NAME": "Officer",
    "GIT_COMMITTER_EMAIL": "officer@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}

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


@pytest.mark.reliability("concurrent writers")
@pytest.mark.parametrize("link", ["symlink", "hard link"])
@pytest.mark.processes
def test_one_lock_for_a_log_reached_through_two_folders(tmp_path: Path, link: str) -> None:
    folders = [tmp_path / "office", tmp_path / "desk"]
    for folder in folders:
        assert run("init", str(folder)).returncode == 0
    log = folders[0] / "records.jsonl"
    log.write_bytes(b"")
    if link == "symlink":
        (folders[1] / "records.jsonl").symlink_to(log)
    else:
        os.link(log, folders[1] / "records.jsonl")
    writers = [
        start_process(
            [*TARGETS, "--data", str(folders[n % 2]), "record", "JOBS", str(9000 + n), "--period", "2024-09"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(50)
    ]
    assert [w.wait(timeout=300) for w in writers] == [0] * 50
    for w in writers:
        assert w.stderr is not None and w.stderr.read() == b""
        w.stderr.close()
    for folder in folders:
        records = RecordLog(folder).records()
        assert sorted(r.value for r in records) == list(range(9000, 9050))  # type: ignore[union-attr]
        assert run("--data", str(folder), "history").stdout.count("\n") == 50
