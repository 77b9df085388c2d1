"""Writers killed at any instant: a batch counts whole or not at all, a torn tail is moved aside
by the next writer, and every command that finished still counts."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laichau_targets import log as log_module
from laichau_targets.datafolder import init_data_folder
from laichau_targets.log import RecordLog
from laichau_targets.periods import Period
from laichau_targets.records import Figure, line_of

from .helpers import TARGETS, WHEN, cli, run, start_process


def figure(code: str = "GRDP", value: str = "8.7", months: int = 12, **extra: object) -> Figure:
    fields: dict[str, object] = {"recorded_at": WHEN, "user": "lan", **extra}
    return Figure("", code, Decimal(value), Period(2024, months), "estimate", **fields)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(2, 40), cut=st.floats(0, 1), cached=st.booleans())
@pytest.mark.reliability("kills")  # each example hypothesis runs is a case
def test_a_batch_cut_at_any_byte_counts_for_nothing_and_the_next_writer_moves_it_aside(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    count: int,
    cut: float,
    cached: bool,
) -> None:
    monkeypatch.setattr(log_module, "CACHED_FROM", 0 if cached else 1 << 16)
    folder = tmp_path_factory.mktemp("torn")
    cache = folder / "cache"
    log = RecordLog(folder, cache)
    before = log.append([figure(value="1"), figure("JOBS", "9000")]).records
    path = folder / "records.jsonl"
    whole = path.read_bytes()
    log.contents()  # the cache, when there is one, describes the log before the batch
    batch = RecordLog(folder, cache).append([figure("BUDGET", str(n), 9) for n in range(count)]).records
    written = path.read_bytes()[len(whole) :]
    torn = written[: int(len(written) * cut)]
    path.write_bytes(whole + torn)  # as a kill between the kernel's pieces of one write leaves it
    kept = {r.id for r in RecordLog(folder, cache).records()}
    complete = torn.rstrip(b"\n") == written.rstrip(b"\n")  # at most the last newline missing: all is there
    assert kept == {r.id for r in before} | ({r.id for r in batch} if complete else set())
    later = RecordLog(folder, cache)
    (after,) = later.append([figure("GRDP", "9.1", recorded_at=WHEN + timedelta(days=1))]).records
    side = folder / "records.torn.jsonl"
    if complete or not torn:
        assert later.moved == 0 and not side.exists()
    else:
        assert later.moved > 0 and side.read_bytes() == (torn if torn.endswith(b"\n") else torn + b"\n")
        assert path.read_bytes() == whole + line_of(after)
    assert {r.id for r in RecordLog(folder, None).records()} == kept | {after.id}


BIG_INDICATOR = """
[[indicator]]
code = "K{n:04d}"
name_vi = "Chỉ tiêu {n}"
name_en = "Indicator {n}"
unit = "tỷ đồng"
target = {target}
comparison = "at_least"
kind = "accumulating"
source = "test"
"""


def thousand_indicators(folder: Path) -> None:
    plan = folder / "targets.toml"
    extra = "".join(BIG_INDICATOR.format(n=n, target=1000 + n) for n in range(1000))
    plan.write_text(plan.read_text(encoding="utf-8") + extra, encoding="utf-8")


KILL_PERIODS = ["2023", "2023-H1", "2024-Q1", "2024-H1", "2024-09", "2024"]


def import_file(path: Path, rows: int, seed: int) -> None:
    """`rows` distinct rows (code, period, basis) of the thousand indicators, as CSV."""
    lines = ["Mã,Thực hiện,Kỳ,Ước / Chính thức"]
    for n in range(rows):
        basis = "ước" if n % 2 == 0 else "chính thức"
        lines.append(f"K{(n // 2) % 1000:04d},{100 + (n * seed) % 997},{KILL_PERIODS[n // 2000]},{basis}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def v01_log(path: Path, records: int) -> None:
    """A v0.1 log of `records` figures, as v0.1 wrote it."""
    blocks = [
        f'[[record]]\nid = {n}\ncode = "K{n % 1000:04d}"\nvalue = {n}.5\nperiod = "2024"\nbasis = "estimate"\n'
        f'recorded_at = 2024-10-05 09:30:{n % 60:02d}+00:00\nuser = "lan"\n'
        for n in range(1, records + 1)
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")


def sighup_default() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def wait_for_growth(process: subprocess.Popen[str], path: Path, size: int, limit: float) -> None:
    """Until the log grows past `size` (the write has begun), the process ends, or `limit` seconds."""
    end = time.monotonic() + limit
    while time.monotonic() < end and process.poll() is None:
        try:
            if path.stat().st_size > size:
                return
        except FileNotFoundError:
            pass
        time.sleep(0.0002)


def _of(record: object, mark: str) -> bool:
    """Whether a record is one of the command marked `mark` (its note, or its import file's name)."""
    return getattr(record, "note", None) == mark or f"{mark}.csv row " in (
        getattr(record, "source", None) or ""
    )


def _log_lines(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    found = []
    for line in path.read_bytes().splitlines():
        try:
            found.append(json.loads(line))
        except ValueError:
            pass
    return found


def _torn(path: Path) -> bool:
    """Whether the log ends in a batch not written whole, or a cut line; a log not yet made (a
    migrate killed before its first write, as a slow machine lets happen) is neither."""
    if not path.exists():
        return False
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        return True
    sizes: dict[str, int] = {}
    seen: dict[str, int] = {}
    for row in _log_lines(path):
        if "batch" in row:
            sizes[str(row["batch"])] = int(row["batch_size"])  # type: ignore[call-overload]
            seen[str(row["batch"])] = seen.get(str(row["batch"]), 0) + 1
    return any(seen[b] != sizes[b] for b in sizes)


@pytest.mark.reliability("kills")
@pytest.mark.processes
def test_kills_at_random_moments_leave_the_completed_commands_and_none_of_the_interrupted_one(
    tmp_path: Path, cases_run
) -> None:
    """import (10,000 rows, a plan of 1,000 indicators), record, undo and migrate (5,000 v0.1
    records), killed with SIGKILL, SIGTERM or SIGHUP as the write begins or at a random instant:
    the log always loads and holds the records of every command that finished, all of those of
    the killed one or none, and the next write keeps it so."""
    rng = random.Random(18)
    folder = tmp_path / "data"
    init_data_folder(folder)
    thousand_indicators(folder)
    log_path = folder / "records.jsonl"
    signals = [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP]
    expected: dict[str, int] = {}  # each command's mark in its records, and how many of them count
    torn_seen = whole_seen = 0
    for trial in range(48):
        cases_run()
        kind = ["import", "record", "undo", "migrate"][trial % 4]
        mark = f"trial-{trial}"
        if kind == "import":
            source = tmp_path / f"{mark}.csv"
            import_file(source, 10_000, trial + 1)
            args, size = ["import", str(source)], 10_000
        elif kind == "record":
            args, size = ["record", "K0001", str(trial), "--period", "2024-09", "--note", mark], 1
        elif kind == "undo":
            args, size = ["undo", "--note", mark], 1
        else:
            v01 = tmp_path / f"v01-{trial}"
            shutil.rmtree(v01, ignore_errors=True)
            init_data_folder(v01)
            thousand_indicators(v01)
            v01_log(v01 / "records.toml", 5000)
            args, size = ["--data", str(v01), "migrate"], 5000
        target_log = (tmp_path / f"v01-{trial}" / "records.jsonl") if kind == "migrate" else log_path
        before = target_log.stat().st_size if target_log.exists() else 0
        env = {**os.environ, "LAICHAU_TARGETS_DATA": str(folder), "NO_COLOR": "1"}
        process = start_process(
            [*TARGETS, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            preexec_fn=sighup_default,  # under nohup it is ignored too, and this test sends it
        )  # fmt: skip
        if rng.random() < 0.6:
            wait_for_growth(process, target_log, before, 30)
        else:
            time.sleep(rng.uniform(0, 0.5))
        process.send_signal(signals[trial % 3])
        _, err = process.communicate(timeout=120)
        assert "Traceback" not in err
        if kind == "migrate":
            v01 = tmp_path / f"v01-{trial}"
            assert len(RecordLog(v01).records()) == 5000  # from either file, never twice, never cut
            if _torn(target_log):
                torn_seen += 1
                assert (v01 / "records.toml").exists()  # renamed only once the records are written whole
                again = cli("migrate", data=v01)
                assert again.returncode == 0 and "records.torn.jsonl" in again.stderr, again.stderr
            else:
                whole_seen += not (v01 / "records.toml").exists()
            assert not _torn(target_log) or (v01 / "records.toml").exists()
            continue
        records = RecordLog(folder).records()  # raises if the log broke
        counted = sum(1 for r in records if _of(r, mark))
        assert counted in (0, size), (kind, counted)
        expected[mark] = counted
        for earlier, count in expected.items():  # every command that finished still counts
            assert sum(1 for r in records if _of(r, earlier)) == count
        if target_log.exists() and _torn(target_log):
            torn_seen += 1
            moved = cli("record", "K0002", "1", "--period", "2024", "--note", f"after-{trial}", data=folder)
            assert moved.returncode == 0, moved.stderr
            assert "records.torn.jsonl" in moved.stderr
            assert not _torn(target_log)
            expected[f"after-{trial}"] = 1
        elif counted == size:
            whole_seen += 1
    assert RecordLog(folder).records()  # loads at the end, with everything that counted
    assert whole_seen > 0


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
