"""The cache of the log never changes an answer, only how fast it comes, and it is believed only
from the user's own folder and only for the very bytes it describes.

The index a command gets through the cache, grown by the lines added since the cache was
written (by `record`, `undo`, an import, a pull or another program), is the index of the log
read whole: the same figures count, the same records, history and short ids."""

from __future__ import annotations

import json
import os
import shutil
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laichau_targets import log as log_module
from laichau_targets.cache import Cache
from laichau_targets.errors import LogError, RecordNotFoundError
from laichau_targets.ids import encode
from laichau_targets.log import RecordLog
from laichau_targets.periods import Period
from laichau_targets.records import Figure, Retraction, current_figures, line_of

from .conftest import snapshot
from .helpers import WHEN, run_process


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every log cached, however small."""
    monkeypatch.setattr(log_module, "CACHED_FROM", 0)


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


def _cache_of(data_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "home" / ".cache" / "laichau-targets"
    return folder / Cache(folder, "log", data_dir / "records.jsonl").name


def test_show_follows_a_log_changed_by_hand(targets, data_dir: Path, tmp_path: Path, cached) -> None:
    targets("record", "GRDP", "8.7", "--period", "2024")
    assert "Not met" in targets("show").stdout
    assert _cache_of(data_dir, tmp_path).is_file()  # the state is now cached
    with open(data_dir / "records.jsonl", "a", encoding="utf-8") as log:
        log.write(_hand_line("9.5") + "\n")
    data = json.loads(targets("report", "--format", "json").stdout)
    assert (data["indicators"][0]["actual"], data["indicators"][0]["status"]) == (9.5, "exceeded")
    assert targets("record", "GRDP", "9.6", "--period", "2024", "--official").exit_code == 0
    assert json.loads(targets("report", "--format", "json").stdout)["indicators"][0]["actual"] == 9.6


@pytest.mark.reliability("cache corruption")
def test_an_edit_that_keeps_size_and_modification_time_is_seen(targets, data_dir: Path, cached) -> None:
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


def test_a_log_damaged_after_caching_is_reported_not_hidden(targets, data_dir: Path, cached) -> None:
    targets("record", "GRDP", "8.7", "--period", "2024")
    targets("show")
    log = data_dir / "records.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace('"8.7"', '"8,7"'), encoding="utf-8")
    before = log.read_bytes()
    for args in (["show"], ["record", "FOREST", "52", "--period", "2024"]):
        result = targets(*args)
        assert result.exit_code == 2
        # line 1 declares the log's format; the figure is line 2
        assert "damaged: record at line 2: value '8,7' is not a plain decimal number" in result.stderr
    assert log.read_bytes() == before


@pytest.mark.reliability("cache corruption")
def test_a_broken_or_missing_cache_is_rebuilt(targets, data_dir: Path, tmp_path: Path, cached) -> None:
    targets("record", "JOBS", "5000", "--period", "2024-H1")
    expected = targets("report", "--format", "json").stdout
    cache = _cache_of(data_dir, tmp_path)
    assert cache.is_file()
    size = (data_dir / "records.jsonl").stat().st_size

    def made_again() -> bool:  # a cache of the log as it is, whole and proven
        found = Cache(cache.parent, "log", data_dir / "records.jsonl").load()
        return found is not None and found.length == size

    assert made_again()
    cache.write_bytes(b"\x00garbage")
    assert targets("report", "--format", "json").stdout == expected
    assert made_again()
    cache.unlink()
    assert targets("report", "--format", "json").stdout == expected
    assert made_again()


def test_the_cache_lives_in_the_users_cache_folder_never_in_the_data_folder(
    targets, data_dir: Path, tmp_path: Path, cached
) -> None:
    targets("record", "JOBS", "5000", "--period", "2024-H1")
    targets("show")
    targets("history")
    assert sorted(p.name for p in data_dir.iterdir()) == [
        ".gitattributes",
        ".gitignore",
        "plans",
        "records.jsonl",
        "targets.toml",
    ]
    folder = tmp_path / "home" / ".cache" / "laichau-targets"
    caches = sorted(folder.iterdir())  # one cache of the log, and one of the plans
    assert [p.name.split("-")[0] for p in caches] == ["log", "plans"]
    assert caches[0].name == _cache_of(data_dir, tmp_path).name
    assert [folder.stat().st_mode & 0o777, *(p.stat().st_mode & 0o777 for p in caches)] == [
        0o700,
        0o600,
        0o600,
    ]


def figure(code: str, value: int, months: int, official: bool, seconds: int = 0) -> Figure:
    return Figure(
        id="",
        code=code,
        value=Decimal(value),
        period=Period(2024, months),
        basis="official" if official else "estimate",
        recorded_at=WHEN + timedelta(seconds=seconds),
        user="u",
    )


def test_a_read_only_data_folder_is_read_through_the_cache(targets, data_dir: Path, tmp_path: Path) -> None:
    from .helpers import run, without_root_powers

    prefix = without_root_powers()
    RecordLog(data_dir).append([figure("JOBS", n, 6, False, n) for n in range(log_module.CACHED_FROM // 150)])
    assert (data_dir / "records.jsonl").stat().st_size >= log_module.CACHED_FROM  # worth a cache
    expected = targets("show").stdout
    cache = _cache_of(data_dir, tmp_path)
    cache.unlink()
    data_dir.chmod(0o555)
    try:
        for _ in range(2):  # the first one writes the cache in the user's folder, the second reads it
            result = run("show", prefix=prefix)
            assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
            assert cache.is_file()
    finally:
        data_dir.chmod(0o755)


def test_an_unwritable_cache_folder_only_costs_speed(targets, data_dir: Path, tmp_path: Path, cached) -> None:
    cache_home = tmp_path / "home" / ".cache"
    cache_home.mkdir(parents=True)
    (cache_home / "laichau-targets").write_text("", encoding="utf-8")  # a file where the folder should be
    assert targets("record", "JOBS", "5000", "--period", "2024-H1").exit_code == 0
    result = targets("report", "--format", "json")
    assert result.exit_code == 0
    assert next(r for r in json.loads(result.stdout)["indicators"] if r["code"] == "JOBS")["actual"] == 5000
    assert (cache_home / "laichau-targets").read_text(encoding="utf-8") == ""


def test_after_lines_were_added_only_the_new_ones_are_read(tmp_path: Path, monkeypatch, cached) -> None:
    log = RecordLog(tmp_path, tmp_path / "cache")
    log.append([figure("JOBS", n, 9, False, n) for n in range(200)])
    path = tmp_path / "records.jsonl"
    size = path.stat().st_size
    tail = "".join(_hand_line(str(n), n, f"01J9E0{n:020d}") + "\n" for n in range(3))
    with open(path, "a", encoding="utf-8") as f:
        f.write(tail)
    read: list[int] = []
    from laichau_targets import logindex

    parse = logindex.parse
    monkeypatch.setattr(
        logindex, "parse", lambda data, *a, **k: read.append(len(data)) or parse(data, *a, **k)
    )
    contents = RecordLog(tmp_path, tmp_path / "cache").contents()
    assert read == [path.stat().st_size - size]
    current = contents.current_figures()
    assert current[("GRDP", Period(2024, 12))].value == Decimal(2)
    assert current == current_figures(RecordLog(tmp_path).records())


DECLARATION = b'{"format":3,"log":"laichau-targets record log"}\n'


def _batch_of_three_and_its_first_line_again(folder: Path, cache: Path) -> None:
    RecordLog(folder, cache).append([figure("GRDP", n, 12, False) for n in (1, 2, 3)])  # cached
    lines = (folder / "records.jsonl").read_bytes().splitlines(keepends=True)
    assert lines[0] == DECLARATION and b'"batch_size":3' in lines[1]
    with open(folder / "records.jsonl", "ab") as f:
        f.write(lines[1])  # the same record again: a merge done twice, a batch both clones wrote


def _observe(log: RecordLog) -> object:
    """Everything a command can ask of the log, or the error reading it gives."""
    try:
        contents = log.contents()
        records = log.records()
        ids = [r.id for r in records]
        return (
            records,
            contents.current_figures(),
            contents.current_figures(["grdp"]),
            contents.current_figures(["JOBS", "FOREST"]),
            [
                contents.history(code, last)
                for code in (None, "GRDP", "grdp", "JOBS")
                for last in (None, 0, 1, 3)
            ],
            contents.shorts(ids),
            [contents.matching(one[:n]) for one in ids[:3] for n in (6, 13, 26)],
        )
    except LogError as exc:
        return str(exc)


def test_a_line_of_a_whole_batch_appended_again_reads_the_same_through_the_cache(
    tmp_path: Path, cached
) -> None:
    cache = tmp_path / "cache"
    _batch_of_three_and_its_first_line_again(tmp_path, cache)
    RecordLog(tmp_path).append([figure("GRDP", 4, 12, False, 1)])  # a writer without the cache
    whole = _observe(RecordLog(tmp_path))
    assert not isinstance(whole, str) and len(whole[0]) == 4  # type: ignore[index]
    assert _observe(RecordLog(tmp_path, cache)) == whole


def test_a_line_of_a_whole_batch_appended_again_is_not_moved_aside_as_torn(tmp_path: Path, cached) -> None:
    cache = tmp_path / "cache"
    _batch_of_three_and_its_first_line_again(tmp_path, cache)
    log = RecordLog(tmp_path, cache)
    log.append([figure("GRDP", 4, 12, False, 1)])
    assert (log.moved, (tmp_path / "records.torn.jsonl").exists()) == (0, False)


def test_the_first_retraction_of_a_figure_is_the_same_through_the_cache(tmp_path: Path, cached) -> None:
    cache = tmp_path / "cache"
    log = RecordLog(tmp_path, cache)
    (first,) = log.append([figure("GRDP", 1, 12, False)]).records
    log.retract(first.id, WHEN + timedelta(seconds=40), "lan", None)  # the cache now holds this one
    at = WHEN + timedelta(seconds=35)
    ms = int(at.timestamp() * 1000)
    earlier = Retraction(encode((ms << 80) | 7), "GRDP", first.id, at, "clone")  # undone there first
    with open(tmp_path / "records.jsonl", "ab") as f:
        f.write(line_of(earlier))  # a pull
    whole = RecordLog(tmp_path).contents().history(None, None)
    assert whole[0].retracted_by == earlier  # the first retraction, in the log's order
    assert RecordLog(tmp_path, cache).contents().history(None, None) == whole


CODES = ["GRDP", "grdp", "JOBS"]


some_figures = st.lists(
    st.tuples(
        st.sampled_from(CODES),
        st.integers(1, 500),
        st.sampled_from([3, 6, 9, 12]),
        st.booleans(),  # official
        st.integers(0, 30),  # seconds after WHEN: ties are common, and lines come out of order
    ),
    min_size=1,
    max_size=3,
)


operations = st.lists(
    st.one_of(
        st.tuples(st.just("record"), some_figures, st.booleans()),  # by the cached log, or by one without
        st.tuples(st.just("undo"), st.integers(-1, 12), st.booleans()),  # -1: the last figure standing
        st.tuples(
            st.just("again"), st.integers(0, 12)
        ),  # a line of the log appended again (a repeated merge)
        st.tuples(
            st.just("by hand"), some_figures, st.integers(0, 6)
        ),  # another program's figures; ids may collide
        st.tuples(st.just("retract by hand"), st.integers(0, 12), st.integers(0, 50)),  # from another clone
        st.tuples(st.just("torn"), some_figures),  # a batch cut short: one line fewer than its size
        st.tuples(st.just("damage"), st.sampled_from(["{not json", '{"id": "1"}', "[]"])),
        st.tuples(st.just("declaration"), st.just(None)),
        st.tuples(st.just("no newline"), st.just(None)),  # an editor saved the last line without it
    ),
    max_size=18,
)


def _apply(
    op: tuple, writer: RecordLog, whole_records: list, before: bytes | None, path: Path, new_id
) -> None:  # type: ignore[type-arg]
    """One operation of the property: by the log (through its cache or not), or on the file by hand."""

    def add(lines: list[bytes]) -> None:
        with open(path, "ab") as f:
            f.writelines(lines)

    if op[0] == "record":
        writer.append([figure(*spec) for spec in op[1]])
    elif op[0] == "undo":
        target = whole_records[op[1] % len(whole_records)].id if op[1] >= 0 and whole_records else None
        writer.retract(target, WHEN + timedelta(seconds=40), "u", None)
    elif op[0] == "again" and before:
        lines = [line for line in before.splitlines(keepends=True) if line.strip()]
        add([lines[op[1] % len(lines)].rstrip(b"\n") + b"\n"])
    elif op[0] == "by hand":
        made = [figure(*spec)._replace(user="other") for spec in op[1]]
        add([line_of(f._replace(id=new_id(op[2], op[2] + n))) for n, f in enumerate(made)])
    elif op[0] == "retract by hand" and whole_records:
        target = whole_records[op[1] % len(whole_records)]
        at = WHEN + timedelta(seconds=op[2])  # before or after an undo's, which is at 40
        add([line_of(Retraction(new_id(op[2]), target.code, target.id, at, "other"))])
    elif op[0] == "torn":
        batch = new_id(0)
        add([line_of(figure(*spec)._replace(id=new_id(spec[4]), batch=batch, batch_size=len(op[1]) + 1)) for spec in op[1]])  # fmt: skip
    elif op[0] == "damage":
        add([op[1].encode() + b"\n"])
    elif op[0] == "declaration":
        add([DECLARATION])
    elif op[0] == "no newline" and before:
        path.write_bytes(before.rstrip(b"\n"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_the_index_grown_through_the_cache_always_equals_a_whole_reading(tmp_path: Path, cached, ops) -> None:
    folder = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    cache = folder / "cache"
    path = folder / "records.jsonl"
    serial = iter(range(1, 10**6))

    def new_id(seconds: int, n: int | None = None) -> str:
        ms = int((WHEN + timedelta(seconds=seconds)).timestamp() * 1000)
        return encode((ms << 80) | (1 << 60) | (next(serial) if n is None else n))

    for op in ops:
        before = path.read_bytes() if path.exists() else None
        by_cached_log = op[0] in ("record", "undo") and op[2]
        writer = RecordLog(folder, cache if by_cached_log else None)
        state = _observe(RecordLog(folder))
        whole_records = [] if isinstance(state, str) else state[0]  # type: ignore[index]
        try:
            _apply(op, writer, whole_records, before, path, new_id)
        except (LogError, RecordNotFoundError):
            pass
        whole = _observe(RecordLog(folder))  # read whole: no cache
        assert _observe(RecordLog(folder, cache)) == whole, op  # through the cache as it was
        assert _observe(RecordLog(folder, cache)) == whole, op  # through the cache just written
        if isinstance(whole, str):  # damage: fixed by hand, the log as it was before
            if before is None:
                path.unlink()
            else:
                path.write_bytes(before)
        else:
            records = whole[0]  # type: ignore[index]
            assert whole[1] == current_figures(records)  # type: ignore[index]
    shutil.rmtree(folder)


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
