"""Caches that lie are never believed: flipped bytes in any cache file change no command's output."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from laichau_targets.cachefile import FOLDER, read_added

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
