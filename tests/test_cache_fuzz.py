"""Caches that lie are never believed: flipped bytes in any cache file change no command's output."""

from __future__ import annotations

import os
import random
import shutil
import stat
from pathlib import Path

import pytest

from laichau_targets.cachefile import _MAGIC, CACHE_VERSION, FOLDER, _block, read_added, read_any

COMMANDS = [
    ["show"],
    ["show", "--wide"],
    ["report", "--format", "json"],
    ["report", "--format", "md", "--as-of", "2024-H1"],
    ["check"],
    ["list"],
    ["history"],
    ["validate"],
]


def _outcome(targets, args: list[str]) -> tuple[int, str, str]:
    result = targets(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def _spoil(blob: bytes, rng: random.Random) -> bytes:
    """One of the ways a file goes bad: a digit edited, bytes flipped, cut short, grown, or all noise."""
    how = rng.randrange(5)
    data = bytearray(blob)
    digits = [n for n, byte in enumerate(data) if 0x30 <= byte <= 0x39]
    if how == 4 and digits:  # a lie that keeps the file's shape: 8.7 becomes 9.7
        n = rng.choice(digits)
        data[n] = 0x30 + (data[n] - 0x30 + rng.randint(1, 9)) % 10
    elif how == 0 or len(data) < 2:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif how == 1:
        del data[rng.randrange(len(data)) :]
    elif how == 2:
        data[rng.randrange(len(data)) : rng.randrange(len(data))] = rng.randbytes(rng.randint(1, 40))
    else:
        data = bytearray(rng.randbytes(len(data)))
    return bytes(data)


@pytest.mark.reliability("cache corruption", cases=20)  # twenty spoiled copies of each kind of cache
@pytest.mark.parametrize("kind", ["plan", "plans", "log", "records"])
def test_flipped_bytes_in_a_cache_change_no_output(targets, data_dir: Path, kind: str) -> None:
    for args in (
        ["record", "GRDP", "8.7", "--period", "2024-09", "--note", "ước tính"],
        ["record", "BUDGET", "1850.5", "--period", "2024-H1", "--locale", "en"],
        ["record", "JOBS", "9500", "--period", "2024", "--official"],
        ["undo"],
        ["record", "FOREST", "52.95", "--period", "2024"],
    ):
        assert targets(*args).exit_code == 0
    shutil.rmtree(data_dir / FOLDER)
    expected = {tuple(args): _outcome(targets, args) for args in COMMANDS}  # read whole: no cache yet
    caches = sorted((data_dir / FOLDER).glob(f"{kind}-*.cache"))  # a plan cache for each plan file
    assert caches
    rng = random.Random(f"targets-cache-{kind}")
    for cache in caches:
        pristine = cache.read_bytes()
        for _ in range(20 // len(caches)):
            spoiled = _spoil(pristine, rng)
            for args in COMMANDS:
                cache.write_bytes(spoiled)
                if kind == "plan":  # the plans as assembled would be read instead of each file's
                    for assembled in (data_dir / FOLDER).glob("plans-*.cache"):
                        assembled.unlink()
                assert _outcome(targets, args) == expected[tuple(args)], (args, cache.name, spoiled[:40])
        cache.write_bytes(pristine)


@pytest.mark.reliability("cache corruption", cases=20)
def test_flipped_bytes_in_what_was_added_to_a_cache_change_no_output(targets, data_dir: Path) -> None:
    for code, value in (("GRDP", "8.7"), ("BUDGET", "1850.5"), ("JOBS", "9500"), ("FOREST", "52.95")):
        assert targets("record", code, value, "--period", "2024").exit_code == 0
    shutil.rmtree(data_dir / FOLDER)
    assert targets("history").exit_code == 0  # the cache of rows, written whole
    for _ in range(2):  # each undo appends its retraction to it
        assert targets("undo").exit_code == 0
    (cache,) = (data_dir / FOLDER).glob("records-*.cache")
    found = read_added(cache)
    assert found is not None and len(found[2]) == 2
    pristine = cache.read_bytes()
    shutil.rmtree(data_dir / FOLDER)
    expected = {tuple(args): _outcome(targets, args) for args in COMMANDS}
    rng = random.Random("targets-cache-added")
    for _ in range(20):
        spoiled = _spoil(pristine, rng)
        for args in COMMANDS:
            cache.write_bytes(spoiled)
            assert _outcome(targets, args) == expected[tuple(args)], (args, spoiled[-40:])


def _forge(cache: Path, data: object) -> None:
    """A cache written on purpose: `data` under the cache's own proof, its checksums right."""
    found = read_any(cache)
    assert found is not None
    cache.write_bytes(_MAGIC + _block({"version": CACHE_VERSION, "source": found[0], "data": data}))


def _with_decimals(value: object, text: str) -> object:
    """Frozen plans with every number replaced by `text`."""
    if isinstance(value, tuple) and value[:1] == ("decimal",):
        return ("decimal", text)
    if isinstance(value, tuple):
        return tuple(_with_decimals(item, text) for item in value)
    if isinstance(value, list):
        return [_with_decimals(item, text) for item in value]
    if isinstance(value, dict):
        return {key: _with_decimals(item, text) for key, item in value.items()}
    return value


def _nested(depth: int) -> object:
    value: object = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.reliability("cache corruption", cases=14)
def test_caches_written_on_purpose_change_no_output(targets, data_dir: Path) -> None:
    """Checksums catch accidents; a block forged with right checksums must not crash, hang or lie either."""
    assert targets("record", "JOBS", "9500", "--period", "2024").exit_code == 0
    shutil.rmtree(data_dir / FOLDER)
    expected = {tuple(args): _outcome(targets, args) for args in COMMANDS}
    (assembled,) = (data_dir / FOLDER).glob("plans-*.cache")
    found = read_any(assembled)
    assert found is not None
    forged_plans = [
        ("value", "Plans", {}),
        ("value", "Plans", {"plans": 5, "current": None, "path": ("path", "x")}),
        ("value", "Plans", {"plans": ("tuple", ["a"]), "current": None, "path": ("path", "x")}),
        ("value", "Evil", {}),
        _with_decimals(found[1], "1E+999999999"),  # read as typed, it would take the program hours
        _with_decimals(found[1], "NaN"),
        _nested(1900),
        _nested(400),
        ("tuple", [("tuple", [])] * 3),
    ]
    for data in forged_plans:
        for args in COMMANDS:
            _forge(assembled, data)
            assert _outcome(targets, args) == expected[tuple(args)], (args, str(data)[:80])
    assembled.unlink()
    each = sorted((data_dir / FOLDER).glob("plan-*.cache"))
    for data in [5, ("decimal", "abc"), ("value", "Evil", {}), {"plan": ("path", "x")}, _nested(400), {}]:
        for args in COMMANDS:
            for cache in each:
                _forge(cache, data)
            for cache in (data_dir / FOLDER).glob("plans-*.cache"):
                cache.unlink()
            assert _outcome(targets, args) == expected[tuple(args)], (args, str(data)[:80])


def _with_field(value: object, name: str, new: object) -> object:
    """Frozen plans with the field `name` of every object set to `new`."""
    if isinstance(value, tuple) and value[:1] == ("value",):
        fields = {key: _with_field(item, name, new) for key, item in value[2].items()}
        return ("value", value[1], {**fields, **({name: new} if name in fields else {})})
    if isinstance(value, tuple) and value[:1] == ("tuple",):
        return ("tuple", [_with_field(item, name, new) for item in value[1]])
    return value


@pytest.mark.parametrize("owner", ["writable by all", "another user"])
def test_a_cache_someone_else_could_have_written_is_not_believed(targets, data_dir: Path, owner: str) -> None:
    """Believed, these would make every command fail or hide the records: a cache counts only
    when no one but the user running the command could have written it."""
    if owner == "another user" and os.geteuid() != 0:
        pytest.skip("giving a file away takes root")
    assert targets("record", "JOBS", "9500", "--period", "2024").exit_code == 0
    assert targets("history").exit_code == 0  # its cache of rows
    expected = {tuple(args): _outcome(targets, args) for args in COMMANDS}
    (assembled,) = (data_dir / FOLDER).glob("plans-*.cache")
    (rows,) = (data_dir / FOLDER).glob("records-*.cache")
    found = read_any(assembled)
    assert found is not None
    forgeries = [
        (assembled, _with_field(found[1], "unit", 5)),
        (assembled, _with_field(found[1], "current", 5)),
        (assembled, _with_field(found[1], "comparison", "evil")),
        (rows, []),  # no records, where the log holds one
    ]
    for cache, data in forgeries:
        pristine = cache.read_bytes()
        for args in COMMANDS:
            cache.unlink(missing_ok=True)
            cache.write_bytes(pristine)
            _forge(cache, data)
            if owner == "another user":
                os.chown(cache, 65534, 65534)
            else:
                cache.chmod(0o666)
            assert _outcome(targets, args) == expected[tuple(args)], (args, cache.name)
            cache.unlink()
        cache.write_bytes(pristine)


@pytest.mark.parametrize("kind", ["plans", "plan", "log", "records"])
def test_a_cache_that_is_not_a_regular_file_is_passed_over(data_dir: Path, kind: str) -> None:
    """A FIFO in a cache's place blocked every command; a link to /dev/zero read without end."""
    from .test_recording import run

    assert run("record", "JOBS", "9500", "--period", "2024").returncode == 0
    cases = [["show"], ["history"]]
    expected = [run(*args) for args in cases]
    shutil.rmtree(data_dir / FOLDER)
    for args in cases:  # every kind of cache made again
        run(*args)
    caches = sorted((data_dir / FOLDER).glob(f"{kind}-*.cache"))
    assert caches
    for make in (os.mkfifo, lambda path: os.symlink("/dev/zero", path)):
        for args, before in zip(cases, expected, strict=True):
            for cache in caches:  # a command may have put a cache back in its place
                cache.unlink(missing_ok=True)
                make(cache)
            if kind == "plan":  # else the plans as assembled are read instead
                for assembled in (data_dir / FOLDER).glob("plans-*.cache"):
                    assembled.unlink()
            result = run(*args)  # within run's timeout
            assert (result.returncode, result.stdout, result.stderr) == (
                before.returncode,
                before.stdout,
                before.stderr,
            )


def test_a_cache_of_a_file_not_everyone_may_read_is_its_owners_alone(data_dir: Path) -> None:
    """The parsed plan must not tell a colleague what a plan file kept from them (chmod 600)."""
    from .test_recording import run

    for plan_file in [data_dir / "targets.toml", *(data_dir / "plans").glob("*.toml")]:
        plan_file.chmod(0o644)
    (data_dir / "plans" / "2025.toml").chmod(0o600)
    umask = os.umask(0o022)
    try:
        assert run("record", "JOBS", "9500", "--period", "2024").returncode == 0
    finally:
        os.umask(umask)

    def modes(pattern: str) -> list[int]:
        return sorted(stat.S_IMODE(cache.stat().st_mode) for cache in (data_dir / FOLDER).glob(pattern))

    assert modes("plans-*.cache") == [0o600]  # the plans as assembled hold 2025.toml's targets too
    assert modes("plan-*.cache") == [0o600, 0o644, 0o644, 0o644]
    assert modes("log-*.cache") == [0o644]  # the log itself may be read by all
