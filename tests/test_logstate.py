"""The cached state of the log never changes an answer, only how fast it comes."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laichau_targets import log as log_module
from laichau_targets.cachefile import FOLDER, cache_path
from laichau_targets.errors import RecordNotFoundError
from laichau_targets.log import RecordLog
from laichau_targets.logstate import FIGURE, RETRACTED, RETRACTION, code_checksum
from laichau_targets.periods import Period
from laichau_targets.records import NewFigure, Retraction, current_figures, line_of

WHEN = datetime(2024, 10, 5, 9, 30, tzinfo=UTC)


def figure(code: str, value: int, months: int, official: bool, seconds: int = 0) -> NewFigure:
    return NewFigure(
        code=code,
        value=Decimal(value),
        period=Period(2024, months),
        basis="official" if official else "estimate",
        recorded_at=WHEN + timedelta(seconds=seconds),
        user="u",
    )


def _hand_line(value: str, seconds: int = 0, record_id: str = "01J9E0ZZZZZZZZZZZZZZZZZZZZ") -> str:
    return json.dumps(
        {
            "id": record_id,
            "code": "GRDP",
            "value": value,
            "period": "2024",
            "basis": "official",
            "recorded_at": (WHEN + timedelta(days=80, seconds=seconds)).isoformat(),
            "user": "by hand",
        }
    )


def test_show_follows_a_log_changed_by_hand(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.7", "--period", "2024")
    assert "Not met" in targets("show").stdout  # the state is now cached
    with open(data_dir / "records.jsonl", "a", encoding="utf-8") as log:
        log.write(_hand_line("9.5") + "\n")
    data = json.loads(targets("report", "--format", "json").stdout)
    assert (data["indicators"][0]["actual"], data["indicators"][0]["status"]) == (9.5, "exceeded")
    assert targets("record", "GRDP", "9.6", "--period", "2024", "--official").exit_code == 0
    assert json.loads(targets("report", "--format", "json").stdout)["indicators"][0]["actual"] == 9.6


@pytest.mark.reliability("cache corruption")
def test_an_edit_that_keeps_size_and_modification_time_is_seen(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.7", "--period", "2024")
    assert json.loads(targets("report", "--format", "json").stdout)["indicators"][0]["actual"] == 8.7
    for path, old, new in [
        (data_dir / "records.jsonl", '"value":"8.7"', '"value":"9.7"'),
        (data_dir / "targets.toml", "target = 9\n", "target = 8\n"),
    ]:
        before = path.stat()
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -d` or `cp -p` would
        assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    row = json.loads(targets("report", "--format", "json").stdout)["indicators"][0]
    assert (row["actual"], row["target"], row["status"]) == (9.7, 8, "exceeded")


def test_a_log_damaged_after_caching_is_reported_not_hidden(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.7", "--period", "2024")
    targets("show")
    log = data_dir / "records.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace('"8.7"', '"8,7"'), encoding="utf-8")
    for args in (["show"], ["record", "FOREST", "52", "--period", "2024"]):
        result = targets(*args)
        assert result.exit_code == 2 and "damaged: record at line 1: value '8,7'" in result.stderr


@pytest.mark.reliability("cache corruption")
def test_a_broken_or_missing_cache_is_rebuilt(targets, data_dir: Path) -> None:
    targets("record", "JOBS", "5000", "--period", "2024-H1")
    expected = targets("report", "--format", "json").stdout
    cache = cache_path(data_dir / FOLDER, "log", data_dir / "records.jsonl")
    assert cache.is_file()
    cache.write_bytes(b"\x00garbage")
    assert targets("report", "--format", "json").stdout == expected
    cache.unlink()
    assert targets("report", "--format", "json").stdout == expected
    assert cache.is_file()


def test_caches_live_in_the_data_folder_and_git_ignores_them(targets, data_dir: Path, tmp_path: Path) -> None:
    targets("record", "JOBS", "5000", "--period", "2024-H1")
    targets("show")
    targets("history")
    kinds = sorted({p.name.split("-")[0] for p in (data_dir / FOLDER).glob("*.cache")})
    assert kinds == [
        "log",
        "plan",
        "plans",
        "records",
    ]  # a plan cache for each plan file, one of them assembled
    assert (data_dir / FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert not (tmp_path / "home" / ".cache").exists()


def test_a_read_only_data_folder_keeps_its_caches_in_the_users_cache(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    from .test_recording import _without_root_powers, run

    prefix = _without_root_powers()
    targets("record", "JOBS", "5000", "--period", "2024-H1")
    expected = targets("show").stdout
    shutil.rmtree(data_dir / FOLDER)
    data_dir.chmod(0o555)
    try:
        for _ in range(2):  # the second one from the cache
            result = run("show", prefix=prefix)
            assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
        assert not (data_dir / FOLDER).exists()
    finally:
        data_dir.chmod(0o755)
    assert sorted(
        {p.name[:4] for p in (tmp_path / "home" / ".cache" / "laichau-targets").glob("folder-*/*.cache")}
    ) == ["log-", "plan"]


def test_an_unwritable_cache_folder_only_costs_speed(targets, data_dir: Path) -> None:
    (data_dir / FOLDER).write_text("", encoding="utf-8")  # a file where the folder should be
    assert targets("record", "JOBS", "5000", "--period", "2024-H1").exit_code == 0
    assert targets("show").exit_code == 0


def test_after_lines_were_added_only_the_new_ones_are_read(tmp_path: Path, monkeypatch) -> None:
    log = RecordLog(tmp_path, tmp_path / "cache")
    log.append_figures([figure("JOBS", n, 9, False, n) for n in range(200)])
    path = tmp_path / "records.jsonl"
    size = path.stat().st_size
    tail = "".join(_hand_line(str(n), n, f"01J9E0{n:020d}") + "\n" for n in range(3))
    with open(path, "a", encoding="utf-8") as f:
        f.write(tail)
    read: list[int] = []
    parse = log_module.parse_lines
    monkeypatch.setattr(
        log_module, "parse_lines", lambda data, *a, **k: read.append(len(data)) or parse(data, *a, **k)
    )
    state = RecordLog(tmp_path, tmp_path / "cache").state()
    assert read == [path.stat().st_size - size]
    assert state.current[("GRDP", Period(2024, 12))].value == Decimal(2)
    assert state.current == current_figures(RecordLog(tmp_path).records())


operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("record"),
            st.sampled_from(["GRDP", "JOBS", "grdp"]),
            st.integers(1, 500),
            st.sampled_from([3, 6, 9, 12]),
            st.booleans(),
        ),
        st.tuples(st.just("undo"), st.integers(0, 12)),
        st.tuples(st.just("by hand"), st.integers(0, 12)),  # a line another program appends
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_the_cached_state_always_equals_a_full_reading(tmp_path: Path, ops) -> None:
    folder = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    cached, plain = RecordLog(folder, folder / "cache"), RecordLog(folder)
    for step, op in enumerate(ops):
        if op[0] == "record":
            _, code, value, months, official = op
            cached.append_figures([figure(code, value, months, official, step)])
        elif op[0] == "undo":
            records = plain.records()
            try:
                cached.retract(
                    records[op[1] % len(records)].id if op[1] and records else None, WHEN, "u", None
                )
            except RecordNotFoundError:
                pass
        else:
            records = plain.records()
            if records:  # the same record again (a repeated merge), or a retraction from another clone
                again = records[op[1] % len(records)]
                with open(folder / "records.jsonl", "ab") as f:
                    f.write(line_of(again))
        state = cached.state()
        gone = {r.retracts for r in plain.records() if isinstance(r, Retraction)}
        assert state.current == current_figures(plain.records())
        assert cached.records() == plain.records()
        assert sorted(r.id for r in plain.records()) == state.index.ids()
        assert RecordLog(folder, folder / f"whole-{step}").state().index.blob == state.index.blob
        for record in plain.records():
            entry = state.index.entry(record.id)
            assert entry is not None and entry[2] == code_checksum(record.code)
            kind = RETRACTION if isinstance(record, Retraction) else FIGURE
            assert entry[1] == (RETRACTED if record.id in gone else kind)
    shutil.rmtree(folder)


def test_a_plan_edited_after_caching_is_read_again(targets, data_dir: Path) -> None:
    assert "about 9%" in targets("list").stdout  # the parsed plan is now cached
    plan = data_dir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 9\n", "target = 9.5\n"), encoding="utf-8"
    )
    assert "about 9.5%" in targets("list").stdout
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 9.5\n", "target = \n"), encoding="utf-8"
    )
    broken = targets("list")
    assert broken.exit_code == 2 and "not valid TOML" in broken.stderr
