"""The log stays true whatever happens to it: kills at any instant, caches planted or stale, damage.

Issue 18: a batch counts whole or not at all, and a torn tail is moved aside by the next
writer; a cache is believed only from the user's own folder and only for the very bytes it
describes; every kind of damage is named with its line; a figure that does not count says so.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laichau_targets import log as log_module
from laichau_targets.cache import Cache
from laichau_targets.datafolder import init_data_folder
from laichau_targets.log import RecordLog
from laichau_targets.periods import Period
from laichau_targets.records import Figure, line_of

from .conftest import REPO, snapshot
from .helpers import TARGETS, cli, run_process, start_process

WHEN = datetime(2024, 10, 5, 9, 30, tzinfo=UTC)


def figure(code: str = "GRDP", value: str = "8.7", months: int = 12, **extra: object) -> Figure:
    fields: dict[str, object] = {"recorded_at": WHEN, "user": "lan", **extra}
    return Figure("", code, Decimal(value), Period(2024, months), "estimate", **fields)  # type: ignore[arg-type]


# A torn tail: a batch cut at any byte -----------------------------------------------------


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


# Kills with real signals at seeded random moments ----------------------------------------

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
KILL_PERIODS = ["2023", "2023-H1", "2024-Q1", "2024-H1", "2024-09", "2024"]


def thousand_indicators(folder: Path) -> None:
    plan = folder / "targets.toml"
    extra = "".join(BIG_INDICATOR.format(n=n, target=1000 + n) for n in range(1000))
    plan.write_text(plan.read_text(encoding="utf-8") + extra, encoding="utf-8")


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


# Caches nobody else can plant -------------------------------------------------------------

OUTPUTS = [("show",), ("history",), ("report", "--format", "json"), ("list",)]


def answers(targets, env: dict[str, str] | None = None) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    done = [targets(*args, env=env) for args in OUTPUTS]
    return [(one.exit_code, one.stdout) for one in done]


def _forged(data_dir: Path, cache_dir: Path) -> None:
    """A cache that names the real digest of the log but says that its first figure counts."""
    contents = RecordLog(data_dir, None).contents()
    first = contents.rest().order[0]
    lying = {
        code: {"2024": first} if code == "GRDP" else periods for code, periods in contents.current.items()
    }
    from hashlib import sha256

    data = (data_dir / "records.jsonl").read_bytes()
    head = (contents.format, lying)
    Cache(cache_dir, "log", data_dir / "records.jsonl").save(
        len(data), sha256(data).digest(), head, contents.rest().fields()
    )


@pytest.fixture
def two_grdp(targets, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(log_module, "CACHED_FROM", 0)
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    assert targets("record", "GRDP", "9.5", "--period", "2024").exit_code == 0
    return data_dir


def user_cache(tmp_path: Path) -> Path:
    return tmp_path / "home" / ".cache" / "laichau-targets"


@pytest.mark.reliability("cache corruption")
def test_a_forged_cache_in_the_users_own_folder_would_be_believed_which_is_why_nobody_else_may_write_it(
    targets, two_grdp: Path, tmp_path: Path
) -> None:
    """The control: a cache proven by its digest is believed, so only the user may be able to write one."""
    honest = answers(targets)
    shutil.rmtree(user_cache(tmp_path))
    user_cache(tmp_path).mkdir(mode=0o700)
    _forged(two_grdp, user_cache(tmp_path))
    assert "8.7%" in targets("show").stdout and answers(targets) != honest


@pytest.mark.reliability("cache corruption")
@pytest.mark.parametrize(
    "place", ["group-writable", "world-writable", "another user's", "symlinked folder", "symlinked file"]
)
def test_a_cache_anyone_else_could_have_planted_is_never_believed(
    targets, two_grdp: Path, tmp_path: Path, place: str
) -> None:
    honest = answers(targets)
    folder = user_cache(tmp_path)
    shutil.rmtree(folder)
    elsewhere = tmp_path / "shared" / "cache"
    elsewhere.mkdir(parents=True)
    if place.endswith("writable"):
        folder.mkdir(mode=0o700)
        _forged(two_grdp, folder)
        os.chmod(folder, 0o770 if place == "group-writable" else 0o777)
    elif place == "another user's":
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        folder.mkdir(mode=0o700)
        _forged(two_grdp, folder)
        os.chown(folder, 65534, 65534)
    elif place == "symlinked folder":
        _forged(two_grdp, elsewhere)
        folder.symlink_to(elsewhere)
    else:
        folder.mkdir(mode=0o700)
        _forged(two_grdp, elsewhere)
        (planted,) = elsewhere.iterdir()
        (folder / planted.name).symlink_to(planted)
    before = snapshot(elsewhere)
    assert answers(targets) == honest
    assert targets("record", "JOBS", "9000", "--period", "2024").exit_code == 0
    assert snapshot(elsewhere) == before  # nothing written through a link either


@pytest.mark.reliability("cache corruption")
def test_caches_in_the_data_folder_or_in_git_are_ignored(targets, two_grdp: Path, tmp_path: Path) -> None:
    """An old version's `.targets-cache/`, or any cache a colleague committed, is no cache at all."""
    honest = answers(targets)
    shutil.rmtree(user_cache(tmp_path))
    _forged(two_grdp, two_grdp / ".targets-cache")
    run_process(["git", "init", "-q", str(two_grdp)], check=True)
    assert answers(targets) == honest
    assert (two_grdp / ".targets-cache").is_dir()  # left alone: docs/LOG-FORMAT.md says it may be deleted


@pytest.mark.reliability("cache corruption")
def test_a_log_changed_within_one_timestamp_tick_is_read_anew(targets, two_grdp: Path) -> None:
    """git checkout of another branch within a second: same inode, size and times, other bytes."""
    path = two_grdp / "records.jsonl"
    assert "9.5%" in targets("show").stdout  # the cache now describes this log
    stat = path.stat()
    data = path.read_bytes()
    other = data.replace(b'"value":"9.5"', b'"value":"9.1"')
    assert len(other) == len(data)
    with open(path, "r+b") as handle:  # the same inode, rewritten in place
        handle.write(other)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_ino == stat.st_ino and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert "9.1%" in targets("show").stdout and "9.5%" not in targets("show").stdout


@pytest.mark.reliability("cache corruption")
def test_a_plan_changed_within_one_timestamp_tick_is_read_anew(targets, data_dir: Path) -> None:
    path = data_dir / "targets.toml"
    assert "≈ 9%" in targets("show").stdout
    stat = path.stat()
    text = path.read_bytes()
    other = text.replace(b"target = 9\n", b"target = 8\n", 1)
    with open(path, "r+b") as handle:
        handle.write(other)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert "≈ 8%" in targets("show").stdout


@pytest.mark.reliability("read-only folders")
def test_every_command_works_where_no_cache_can_be_written(
    targets, two_grdp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest = answers(targets)
    readonly = tmp_path / "readonly-home"
    readonly.mkdir()
    os.chmod(readonly, 0o555)
    monkeypatch.setenv("XDG_CACHE_HOME", str(readonly / ".cache"))
    if os.geteuid() == 0:  # root writes anywhere: a file where the folder would go blocks it instead
        os.chmod(readonly, 0o755)
        (readonly / ".cache").write_text("not a folder", encoding="utf-8")
    assert answers(targets) == honest
    assert targets("record", "JOBS", "9000", "--period", "2024").exit_code == 0
    assert targets("undo").exit_code == 0


# Damage is named, never a traceback ------------------------------------------------------


def _lines(folder: Path) -> list[str]:
    return (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()


DAMAGE_KINDS = [
    ("two records on one line", lambda a, b: [a + "," + b], 1, "two records on one line (the second begins at column {col}); put each on its own line"),
    ("one record over two lines", lambda a, b: [a[: len(a) // 2], a[len(a) // 2 :], b], 1, "not a JSON object on one line"),
    ("a value with an underscore", lambda a, b: [a.replace('"value":"8.7"', '"value":"8_7"'), b], 1, "value '8_7' is not a plain decimal number (digits 0-9, a point)"),
    ("a value in Arabic-Indic digits", lambda a, b: [a.replace('"value":"8.7"', '"value":"٨.٧"'), b], 1, "value '٨.٧' is not a plain decimal number (digits 0-9, a point)"),
    ("an id in lower case", lambda a, b: [a, b.replace(json.loads(b)["id"], json.loads(b)["id"].lower())], 2, "id '{low}' is in lower case; ids are written in capitals ({up})"),
    ("a time out of range", lambda a, b: [a, b.replace(json.loads(b)["recorded_at"], "9999-12-31T23:59:59-23:59")], 2, "recorded_at '9999-12-31T23:59:59-23:59' lies outside the range of dates and times"),
]  # fmt: skip


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(("name", "damage", "line", "detail"), DAMAGE_KINDS, ids=[d[0] for d in DAMAGE_KINDS])
@pytest.mark.parametrize(
    "command", [("show",), ("report", "--format", "html"), ("history",), ("record", "JOBS", "1")]
)
def test_each_kind_of_damage_is_one_error_naming_its_line(
    targets, data_dir: Path, name: str, damage, line: int, detail: str, command: tuple[str, ...]
) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    assert targets("record", "JOBS", "9000", "--period", "2024").exit_code == 0
    declaration, first, second = _lines(data_dir)
    (data_dir / "records.jsonl").write_text(
        "\n".join([declaration, *damage(first, second)]) + "\n", encoding="utf-8"
    )
    before = snapshot(data_dir)
    done = targets(*command)
    second_id = json.loads(second)["id"]
    expected = detail.format(col=len(first) + 2, low=second_id.lower(), up=second_id)
    path = data_dir / "records.jsonl"
    assert (done.exit_code, done.stdout) == (2, "")
    assert done.stderr == (
        f"Error: {path}: damaged: record at line {line + 1}: {expected}; fix it by hand, nothing is written until then\n"
    )
    assert snapshot(data_dir) == before


# A figure that does not count says so ----------------------------------------------------


def shortest(record_id: str, ids: list[str]) -> str:
    """The shortest beginning of `record_id` that no other of `ids` shares, and at least 6 characters."""
    length = 6
    while any(other != record_id and other.startswith(record_id[:length]) for other in ids):
        length += 1
    return record_id[:length]


def test_a_figure_outranked_by_a_clock_ahead_says_which_counts_and_how_to_change_it(
    targets, data_dir: Path
) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    ahead = json.loads(_lines(data_dir)[-1])
    ahead.update(id="7" + ahead["id"][1:], value="9.9", recorded_at=(datetime.now(UTC) + timedelta(days=1)).isoformat(), user="minh")  # fmt: skip
    with open(data_dir / "records.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(ahead, ensure_ascii=False) + "\n")
    done = targets("record", "GRDP", "8.1", "--period", "2024")
    when = datetime.fromisoformat(ahead["recorded_at"]).strftime("%Y-%m-%d %H:%M")
    ids = [json.loads(line)["id"] for line in _lines(data_dir)[1:]]
    short, new_short = shortest(ahead["id"], ids), shortest(ids[-1], ids)
    assert done.exit_code == 0
    assert done.stdout.splitlines() == [
        f"Recorded #{new_short}: GRDP = 8.1% for 2024 (estimate).",
        f"GRDP = 8.1 for 2024 does not count: #{short} (9.9, estimate, recorded {when} by minh) counts over it.",
        f"If #{short} is wrong, `targets undo {short}` takes it back, and 8.1 counts.",
        "GRDP: now exceeded (0.9 points above target)",
    ]
    assert "9.9%" in targets("show").stdout
    assert targets("undo", short).exit_code == 0
    assert "8.1%" in targets("show").stdout


def test_an_estimate_after_the_official_figure_says_the_official_one_counts_in_vietnamese(
    targets, data_dir: Path
) -> None:
    assert targets("record", "GRDP", "9,0", "--period", "2024", "--official", "--lang", "vi").exit_code == 0
    official = json.loads(_lines(data_dir)[-1])
    done = targets("record", "GRDP", "8,9", "--period", "2024", "--lang", "vi")
    when = datetime.fromisoformat(official["recorded_at"]).strftime("%d/%m/%Y %H:%M")
    short = shortest(official["id"], [json.loads(line)["id"] for line in _lines(data_dir)[1:]])
    lines = done.stdout.splitlines()
    assert lines[1:3] == [
        f"GRDP = 8,9 kỳ năm 2024 không được tính: bản ghi #{short} (9,0, chính thức, do {official['user']} nhập lúc {when}) được tính thay.",
        f"Nếu bản ghi #{short} sai, `targets undo {short}` sẽ rút lại nó, và số liệu 8,9 được tính.",
    ]


# Plan files stay inside the folder -------------------------------------------------------


@pytest.mark.reliability("malformed plans")
def test_a_plan_file_that_links_outside_the_folder_is_refused(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes((data_dir / "plans" / "2025.toml").read_bytes())
    (data_dir / "plans" / "2025.toml").unlink()
    (data_dir / "plans" / "2025.toml").symlink_to(outside)
    done = targets("show")
    assert (done.exit_code, done.stdout) == (2, "")
    assert "plans/2025.toml" in done.stderr and done.stderr.startswith("Error: ")
    assert len(done.stderr.splitlines()) == 1


# The format, old logs, and git ------------------------------------------------------------


def test_a_log_written_by_a_newer_version_is_refused_not_misread(targets, data_dir: Path) -> None:
    (data_dir / "records.jsonl").write_text(
        '{"format":4,"log":"laichau-targets record log"}\n', encoding="utf-8"
    )
    done = targets("show")
    path = data_dir / "records.jsonl"
    assert (done.exit_code, done.stderr) == (
        2,
        f"Error: {path}: line 1 says it is written in format 4 of the log, by a newer targets; "
        "this one reads format 3 and older: upgrade targets\n",
    )


def test_a_log_of_the_previous_version_loads_with_every_record_and_gains_a_format_line(
    targets, data_dir: Path
) -> None:
    fixture = REPO / "tests" / "fixtures" / "v0.2"
    shutil.copy(fixture / "records.jsonl", data_dir / "records.jsonl")
    old = json.loads((fixture / "history.json").read_text(encoding="utf-8"))
    done = targets("history", "--format", "json")
    new = json.loads(done.stdout)
    keep = [key for key in old[0] if key != "short_id"]  # short ids may grow with the log
    assert [{k: row.get(k) for k in keep} for row in new] == [{k: row.get(k) for k in keep} for row in old]
    assert len(new) == 11
    before = (fixture / "records.jsonl").read_bytes()
    assert targets("record", "GRDP", "9.1", "--period", "2026").exit_code == 0
    after = (data_dir / "records.jsonl").read_bytes()
    assert after.startswith(before)  # every line kept as it was
    added = after[len(before) :].decode("utf-8").splitlines()
    assert json.loads(added[0]) == {"format": 3, "log": "laichau-targets record log"} and len(added) == 2
    assert len(json.loads(targets("history", "--format", "json").stdout)) == 12


def test_a_new_log_begins_with_its_format(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7").exit_code == 0
    assert _lines(data_dir)[0] == '{"format":3,"log":"laichau-targets record log"}'


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
    done = run_process(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


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
    assert sum(1 for line in _lines(clones[1]) if line.startswith('{"format"')) >= 1
    batches = {json.loads(line).get("batch") for line in _lines(clones[1])} - {None}
    assert len(batches) == 2


# What a helper found trying the log as an attacker would ----------------------------------


@pytest.mark.reliability("cache corruption")
def test_a_figure_and_its_earlier_retraction_pulled_together_never_count_through_the_cache(
    targets, two_grdp: Path
) -> None:
    """A colleague's clock ran ahead: a pull brings a figure and its retraction recorded before it."""
    assert targets("history", "--limit", "1").exit_code == 0  # the cache describes the log
    with open(two_grdp / "records.jsonl", "a", encoding="utf-8") as handle:
        handle.write(
            '{"id":"01JD3KX2M9V5T8Q6W4R7Y1Z3AB","code":"GRDP","value":"99.5","period":"2024","basis":"official",'
            '"recorded_at":"2025-10-05T09:30:12.345678+07:00","user":"lan"}\n'
            '{"id":"01JD3KZ0AJ4W0X9V1C8N2P6Q5R","code":"GRDP","retracts":"01JD3KX2M9V5T8Q6W4R7Y1Z3AB",'
            '"recorded_at":"2024-10-05T09:41:03.000001+07:00","user":"lan","note":"sai"}\n'
        )
    cached = [targets(*args) for args in (("show",), ("check",), ("report", "--format", "json"))]
    uncached = [targets(*args, env={"XDG_CACHE_HOME": "/dev/null"}) for args in (("show",), ("check",), ("report", "--format", "json"))]  # fmt: skip
    assert [(one.exit_code, one.stdout) for one in cached] == [
        (one.exit_code, one.stdout) for one in uncached
    ]
    assert "9.5%" in cached[0].stdout and "99.5" not in cached[0].stdout


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(
    "value", ["1e1000000000000000000", "1E+99999999999999999999", "1e-99999999999999999999"]
)
def test_an_exponent_no_decimal_can_hold_is_damage_named_not_a_crash(
    targets, data_dir: Path, value: str
) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    path = data_dir / "records.jsonl"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"value":"8.7"', f'"value":"{value}"'), encoding="utf-8"
    )
    done = targets("show")
    assert (done.exit_code, done.stderr) == (
        2,
        f"Error: {path}: damaged: record at line 2: value '{value}' is outside the range a figure may have; "
        "fix it by hand, nothing is written until then\n",
    )


@pytest.mark.parametrize("typed", ["²", "#²", "①", "٣"])
def test_undo_of_a_number_in_other_digits_is_no_v01_number(targets, data_dir: Path, typed: str) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    before = snapshot(data_dir)
    done = targets("undo", typed)
    assert (done.exit_code, done.stderr) == (
        2,
        f"Error: there is no record {typed}; `targets history` lists them\n",
    )
    assert snapshot(data_dir) == before


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(
    ("old", "new", "line", "detail"),
    [
        ('id = 6\ncode = "GRDP"', 'id = 6\ncode = "FOREST"', 52, "a figure of GRDP, but names FOREST"),
        ("recorded_at = 2026-11-29 20:04:24.243243+00:00", "recorded_at = 1969-12-31 23:00:00+00:00", 1, "outside the range of dates and times"),
        ('id = 8\ncode = "GRAIN"\nretracts = 7', 'id = 8\ncode = "GRAIN"\nretracts = 6', 69, "which is itself a retraction"),
    ],
)  # fmt: skip
def test_damage_in_a_v01_log_names_the_v01_file_and_its_line(
    targets, data_dir: Path, old: str, new: str, line: int, detail: str
) -> None:
    text = (REPO / "tests" / "fixtures" / "v0.1" / "records.toml").read_text(encoding="utf-8")
    assert old in text
    (data_dir / "records.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    assert text.splitlines()[line - 1] == "[[record]]"
    before = snapshot(data_dir)
    done = targets("history")
    assert (done.exit_code, done.stdout) == (2, "")
    assert done.stderr.startswith(f"Error: {data_dir / 'records.toml'}: damaged: record at line {line}: ")
    assert detail in done.stderr
    assert snapshot(data_dir) == before


def test_migrate_names_damage_and_declares_the_format_of_an_older_log(targets, data_dir: Path) -> None:
    shutil.copy(REPO / "tests" / "fixtures" / "v0.2" / "records.jsonl", data_dir / "records.jsonl")
    assert targets("migrate").exit_code == 0
    assert _lines(data_dir)[-1] == '{"format":3,"log":"laichau-targets record log"}'
    with open(data_dir / "records.jsonl", "a", encoding="utf-8") as handle:
        handle.write("garbage\n")
    done = targets("migrate")
    assert done.exit_code == 2 and "damaged: record at line 13: not a JSON object on one line" in done.stderr


def test_a_fifo_where_torn_lines_go_is_an_error_not_a_hang(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    with open(data_dir / "records.jsonl", "ab") as handle:
        handle.write(b'{"id":"01JD3')  # a write cut short
    os.mkfifo(data_dir / "records.torn.jsonl")
    before = snapshot(data_dir)
    done = cli(
        "record", "GRDP", "8.8", "--period", "2024", data=data_dir
    )  # a real process: a hang would time out
    assert done.returncode == 2 and "records.torn.jsonl: cannot be written" in done.stderr
    assert snapshot(data_dir) == before


def test_a_last_line_with_a_wrong_byte_in_its_middle_is_damage_not_a_cut(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    line = json.loads(_lines(data_dir)[-1])
    line.update(id="7" + line["id"][1:], note="NOTE")
    with open(data_dir / "records.jsonl", "ab") as handle:
        handle.write(json.dumps(line).encode().replace(b"NOTE", b"\xfd\xe1c t\xednh"))  # Latin-1, no newline
    done = targets("show")
    assert done.exit_code == 2 and "record at line 3: not UTF-8 text" in done.stderr


def test_one_id_on_two_lines_that_differ_in_how_a_value_is_written_is_damage(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "9.9", "--period", "2024").exit_code == 0
    with open(data_dir / "records.jsonl", "a", encoding="utf-8") as handle:
        handle.write(_lines(data_dir)[-1].replace('"value":"9.9"', '"value":"9.90"') + "\n")
    done = targets("show")
    assert (
        done.exit_code == 2
        and "record at line 3: id " in done.stderr
        and "different record at line 2" in done.stderr
    )
