"""Many writers at once, one lock however the log is reached: every record lands."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from laichau_targets.log import RecordLog

from .helpers import TARGETS, run, start_process


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
    assert history.returncode == 0 and len(history.stdout.splitlines()) == 1 + 50  # the header


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
        assert run("--data", str(folder), "history").stdout.count("\n") == 1 + 50
