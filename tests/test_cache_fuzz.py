"""A cache never changes an answer: whatever lies in the cache's place, or however its folder is
set, every command prints and writes exactly what it prints and writes with no cache at all.

The log here is small, so `log.CACHED_FROM` is set to 0 to make every command go through the
cache; the clock and the ids of new records are fixed, so that `record` and `undo` say the same
thing twice and the log they leave can be compared byte for byte.
"""

from __future__ import annotations

import os
import random
import shutil
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from laichau_targets import log as log_module
from laichau_targets import tracker as tracker_module
from laichau_targets.cache import Cache, rest_of
from laichau_targets.ids import encode

AT = datetime(2024, 11, 20, 8, 0, tzinfo=UTC)

Outcome = tuple[int, str, str, bytes]


class World:
    """A data folder with a few records, the one cache of its log, and commands run on it.

    Before each command the log is put back as it was, so that every command meets the same
    log, and `plant` puts whatever the case needs in the cache's place.
    """

    def __init__(self, targets, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.targets, self.data_dir, self.monkeypatch = targets, data_dir, monkeypatch
        self.log = data_dir / "records.jsonl"
        self.folder = Path(os.environ["XDG_CACHE_HOME"]) / "laichau-targets"
        self.cache = self.folder / Cache(self.folder, "log", self.log).name
        self.minute, self.serial = 0, 1 << 40
        monkeypatch.setattr(tracker_module, "now", lambda: AT + timedelta(minutes=self.minute))
        monkeypatch.setattr(log_module, "new_ids", self._ids)
        monkeypatch.setattr(log_module, "CACHED_FROM", 0)
        for n, args in enumerate(
            [
                ["record", "GRDP", "8.7", "--period", "2024-09", "--note", "ước tính"],
                ["record", "GRDP", "8.9", "--period", "2024-09"],
                ["record", "BUDGET", "1850.5", "--period", "2024-H1", "--locale", "en"],
                ["record", "JOBS", "9500", "--period", "2024", "--official"],
                ["record", "FOREST", "52.95", "--period", "2024"],
                ["undo"],  # FOREST
                ["record", "GRDP", "9.1", "--period", "2024-09", "--official"],
                ["undo"],  # GRDP 9.1: 8.9 counts again
            ]
        ):
            self.minute = n
            assert targets(*args).exit_code == 0, args
        self.pristine_log = self.log.read_bytes()
        assert self.cache.is_file()  # each write left the cache of the log it wrote
        self.pristine_cache = self.cache.read_bytes()
        self.commands = [
            ["show"],
            ["history"],
            ["history", "GRDP", "--limit", "2"],
            ["report", "--format", "json"],
            ["report", "--format", "md", "--as-of", "2024-H1"],
            ["check"],
            ["undo"],
            ["undo", self.short("BUDGET")],
            ["undo", self.short("FOREST")],  # already retracted: an error, the same one
            ["record", "GRDP", "9.0", "--period", "2024-09"],
            ["record", "JOBS", "9600", "--period", "2024"],  # an estimate under an official figure
        ]

    def _ids(self, milliseconds: int, count: int = 1) -> list[str]:
        first, self.serial = self.serial, self.serial + count
        return [encode((milliseconds << 80) | (first + n)) for n in range(count)]

    def short(self, code: str) -> str:
        """The shortest id of the first record of `code`, as history shows it."""
        for line in self.targets("history", code).stdout.splitlines():
            return line.split()[0].lstrip("#")
        raise AssertionError(code)

    def run(self, args: list[str], plant: Callable[[], None] | None = None) -> Outcome:
        """The command's exit status, output and the log it leaves, on the log as it was."""
        self.log.write_bytes(self.pristine_log)
        if plant is not None:
            plant()
        self.minute, self.serial = 600, 0
        result = self.targets(*args)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.stdout + result.stderr
        return result.exit_code, result.stdout, result.stderr, self.log.read_bytes()

    def without_cache(self) -> dict[tuple[str, ...], Outcome]:
        """What every command does when no cache is used at all (the log is read whole)."""
        self.monkeypatch.setattr(log_module, "CACHED_FROM", 1 << 62)
        try:
            return {tuple(args): self.run(args, self.clear) for args in self.commands}
        finally:
            self.monkeypatch.setattr(log_module, "CACHED_FROM", 0)

    def clear(self) -> None:
        """The cache's place emptied, and its folder back to a folder of the user's alone."""
        if self.folder.is_symlink() or self.folder.is_file():
            self.folder.unlink()
        if self.folder.is_dir():
            self.folder.chmod(0o700)
            shutil.rmtree(self.folder)
        self.folder.mkdir(mode=0o700)

    def put(self, blob: bytes) -> Callable[[], None]:
        def plant() -> None:
            self.clear()
            self.cache.write_bytes(blob)

        return plant

    def check(
        self, expected: dict[tuple[str, ...], Outcome], plant: Callable[[], None], case: object
    ) -> None:
        for args in self.commands:
            assert self.run(args, plant) == expected[tuple(args)], (args, case)

    def forged(self) -> bytes:
        """A cache of the log as it is, its digest and checksums right, that says a retracted
        figure (GRDP 9.1) counts: what only the place where a cache lies keeps from being believed."""
        self.log.write_bytes(self.pristine_log)
        self.put(self.pristine_cache)()
        found = Cache(self.folder, "log", self.log).load()
        assert found is not None
        format, current = found.head
        retracted = self.pristine_log.index(b'"value":"9.1"')
        current = {
            **current,
            "GRDP": {**current["GRDP"], "2024": self.pristine_log.rindex(b"\n", 0, retracted) + 1},
        }
        Cache(self.folder, "log", self.log).save(
            found.length, found.digest, (format, current), rest_of(found)
        )
        return self.cache.read_bytes()


@pytest.fixture
def world(targets, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    made = World(targets, data_dir, monkeypatch)
    yield made
    if made.folder.is_dir() and not made.folder.is_symlink():
        made.folder.chmod(0o700)


def test_the_cache_is_used_and_answers_as_the_whole_log_does(world: World, monkeypatch) -> None:
    """The control: the cache as the program wrote it is believed (no command reads the log
    whole), and every command says and writes what it does with no cache."""
    expected = world.without_cache()
    whole: list[int] = []
    read_whole = log_module.read_whole
    monkeypatch.setattr(log_module, "read_whole", lambda *a, **k: whole.append(1) or read_whole(*a, **k))
    world.check(expected, world.put(world.pristine_cache), "as written")
    assert whole == []


def test_a_cache_of_the_log_before_its_last_lines_answers_as_the_whole_log_does(world: World) -> None:
    """A cache of a shorter log (lines were added since, by a pull or another program): only
    the new lines are read on top of it."""
    expected = world.without_cache()
    world.log.write_bytes(world.pristine_log[: world.pristine_log.rindex(b"\n", 0, -1) + 1])
    world.clear()
    assert world.targets("history").exit_code == 0  # the cache of the log without its last line
    world.check(expected, world.put(world.cache.read_bytes()), "older")


@pytest.mark.reliability("cache corruption")
def test_flipped_bytes_anywhere_in_the_cache_change_no_output(world: World, cases_run) -> None:
    expected = world.without_cache()
    blob = world.pristine_cache
    rng = random.Random("targets-cache-flips")
    header = range(min(len(blob), 110))  # the magic, the digest, the length, the first part's checksum
    places = sorted({*header[::3], *rng.sample(range(len(blob)), min(len(blob), 44))})
    for n in places[:80]:
        cases_run()
        spoiled = bytearray(blob)
        spoiled[n] ^= 1 << rng.randrange(8)
        world.check(expected, world.put(bytes(spoiled)), ("flipped", n))


@pytest.mark.reliability("cache corruption")
def test_a_truncated_or_grown_cache_changes_no_output(world: World, cases_run) -> None:
    expected = world.without_cache()
    blob = world.pristine_cache
    for end in sorted({0, 1, 27, 28, 60, 68, 80, len(blob) // 2, len(blob) - 1}):
        cases_run()
        world.check(expected, world.put(blob[:end]), ("cut at", end))
    cases_run()
    world.check(expected, world.put(blob + b"\x00" * 7), "grown")


@pytest.mark.reliability("cache corruption")
@pytest.mark.parametrize(
    "make",
    [
        pytest.param(os.mkfifo, id="fifo"),  # blocked every command when opened to read
        pytest.param(lambda path: os.symlink("/dev/zero", path), id="link-to-dev-zero"),  # read without end
        pytest.param(lambda path: path.mkdir(), id="folder"),
        pytest.param(lambda path: os.symlink(path.parent / "elsewhere", path), id="link-to-a-cache"),
    ],
)
def test_a_cache_that_is_not_a_regular_file_changes_no_output(world: World, make) -> None:
    if not stat.S_ISCHR(os.stat("/dev/zero").st_mode):
        pytest.skip("/dev/zero is not a device on this machine")
    expected = world.without_cache()
    forged = world.forged()

    def plant() -> None:
        world.clear()
        (world.folder / "elsewhere").write_bytes(forged)  # what a link would lead to
        make(world.cache)

    world.check(expected, plant, make)


def test_a_forged_cache_in_the_users_own_folder_would_be_believed(world: World) -> None:
    """Why the folder's safety matters (and why the tests below can fail): the checksums and the
    digest do not catch a cache written on purpose, so a forged cache in a place that only the
    user can write is believed."""
    expected = world.without_cache()
    args = ["report", "--format", "json"]
    assert world.run(args, world.put(world.forged())) != expected[tuple(args)]


@pytest.mark.reliability("cache corruption")
@pytest.mark.parametrize("mode", [0o770, 0o777, 0o720, 0o702])
def test_a_cache_in_a_folder_others_can_write_is_not_believed(world: World, mode: int) -> None:
    expected = world.without_cache()
    forged = world.forged()

    def plant() -> None:
        world.put(forged)()
        world.folder.chmod(mode)

    world.check(expected, plant, oct(mode))


@pytest.mark.reliability("cache corruption")
def test_a_cache_folder_that_is_a_link_is_not_believed(world: World, tmp_path: Path) -> None:
    """A link in the folder's place could lead anywhere: a folder someone else owns or can write."""
    expected = world.without_cache()
    forged = world.forged()
    elsewhere = tmp_path / "elsewhere"

    def plant() -> None:
        world.clear()
        world.folder.rmdir()
        if elsewhere.exists():
            shutil.rmtree(elsewhere)
        elsewhere.mkdir(mode=0o700)
        (elsewhere / world.cache.name).write_bytes(forged)
        world.folder.symlink_to(elsewhere)

    world.check(expected, plant, "link")


@pytest.mark.reliability("cache corruption")
def test_a_cache_file_of_another_user_is_not_believed(world: World) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file away takes root")
    expected = world.without_cache()
    forged = world.forged()

    def plant() -> None:
        world.put(forged)()
        os.chown(world.cache, 65534, 65534)

    world.check(expected, plant, "another user's")


@pytest.mark.reliability("read-only folders")
def test_a_cache_folder_that_cannot_be_made_changes_no_output(world: World) -> None:
    """A file where the folder should be: no cache is read or written, and nothing else changes."""
    expected = world.without_cache()

    def plant() -> None:
        world.clear()
        world.folder.rmdir()
        world.folder.write_bytes(b"")

    world.check(expected, plant, "a file in its place")
    assert world.folder.read_bytes() == b""


@pytest.mark.reliability("read-only folders")
@pytest.mark.parametrize("holding", ["the cache", "nothing"])
def test_a_read_only_cache_folder_changes_no_output(data_dir: Path, tmp_path: Path, holding: str) -> None:
    """In a process that obeys file modes (root's powers dropped), with a log big enough to be
    cached: a cache folder that cannot be written costs speed, never an answer."""
    import re

    from laichau_targets.log import CACHED_FROM, RecordLog
    from laichau_targets.periods import Period
    from laichau_targets.records import Figure

    from .helpers import run, without_root_powers

    prefix = without_root_powers()
    figures = [
        Figure(
            "",
            "JOBS",
            Decimal(n),
            Period(2024, 9),
            "estimate",
            AT + timedelta(seconds=n),
            "lan",
            note="x" * 150,
        )
        for n in range(CACHED_FROM // 250 + 1)
    ]
    RecordLog(data_dir).append(figures)
    assert (data_dir / "records.jsonl").stat().st_size >= CACHED_FROM
    pristine = (data_dir / "records.jsonl").read_bytes()
    folder = tmp_path / "home" / ".cache" / "laichau-targets"
    commands = [
        ["show"],
        ["history", "--limit", "3"],
        ["report", "--format", "json"],
        ["record", "GRDP", "8.7", "--period", "2024"],
        ["undo"],
    ]
    masked = re.compile(r"#[0-9A-Z]{6,26}|\d{4}-\d\d-\d\d \d\d:\d\d")

    def outcomes(env: dict[str, str]) -> list[tuple[int, str, str, int]]:
        found = []
        for args in commands:
            (data_dir / "records.jsonl").write_bytes(pristine)
            done = run(*args, env=env, prefix=prefix)
            lines = (data_dir / "records.jsonl").read_bytes().count(b"\n")
            found.append((done.returncode, masked.sub("#", done.stdout), done.stderr, lines))
        return found

    expected = outcomes({"XDG_CACHE_HOME": "/dev/null"})  # no cache folder can be made: no cache at all
    assert not folder.exists()
    assert run("history", "--limit", "1").returncode == 0  # the caches of the log and of the plans
    assert sorted(p.name.split("-")[0] for p in folder.iterdir()) == ["log", "plans"]
    if holding == "nothing":
        for cache in folder.iterdir():
            cache.unlink()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    folder.chmod(0o500)
    try:
        assert outcomes({}) == expected
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    finally:
        folder.chmod(0o700)
