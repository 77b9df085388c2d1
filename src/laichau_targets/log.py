"""The record log of a data folder, `records.jsonl`: the one object that reads it, appends to it and
retracts from it, under a lock on the file itself (docs/LOG-FORMAT.md says how and why)."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from . import records as r
from .cache import Cache
from .errors import LogError, RecordNotFoundError
from .ids import SHORTEST, derived_id, new_ids, typed_prefix
from .logindex import Contents, Data, extended, parse, read_whole
from .records import CurrentFigures, Figure, Record, Retraction
from .values import Value

CACHED_FROM = 1 << 16  # a smaller log is read whole sooner than a cache is proven


class Migration(Value):
    """A v0.1 log converted: where from, where to, how many records, and where the old file is kept."""

    def __init__(self, source: Path, target: Path, backup: Path, records: int) -> None:
        self.source, self.target, self.backup, self.records = source, target, backup, records


class Written(Value):
    """What a write added, their display ids, and their codes' current figures; `outranked`: for a
    figure written that does not count, the figures that count over it."""

    def __init__(self, records: list[Record], shorts: dict[str, str], current: CurrentFigures,
                 outranked: dict[str, list[Figure]], repeats: dict[str, Figure] | None = None) -> None:  # fmt: skip
        self.records, self.shorts, self.current, self.outranked = records, shorts, current, outranked
        self.repeats = repeats or {}  # a figure written that the one counting before said already


class RecordLog:
    """A data folder's record log: the one way to read it and to add to it."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.path, self.v01_path = folder / r.LOG_FILE, folder / r.V01_LOG_FILE
        self.torn_path = folder / r.TORN_FILE
        self.cache = Cache(cache_dir, "log", self.path)
        self.migrated: Migration | None = None  # set when a write converted a v0.1 log
        self.moved = 0  # the lines of a torn tail that a write moved aside

    def contents(self) -> Contents:
        """The log as it is now."""
        with self._files(shared=True) as (log, v01):
            return self._contents(log, v01)

    def current(self, codes: Iterable[str]) -> Contents:
        """The log as it is now, read for the figures that count for these codes (`show`, `report`)."""
        with self._files(shared=True) as (log, v01):
            contents = self._contents(log, v01, keep=False)
            for code in {code.upper() for code in codes}:
                contents.records(contents.current.get(code, {}).values())
            contents.reader = None
            return contents

    def records(self) -> list[Record]:
        """Every distinct record, in the log's order."""
        contents = self.contents()
        return contents.records(contents.rest().order)

    def append(self, figures: list[Figure]) -> Written:
        """Append figures (their ids are made here) in one write: all of them count, or none."""
        if not figures:
            return Written([], {}, {}, {})
        with self._files(shared=False, create=True) as (log, v01):
            contents = self._contents(log, v01)
            before = contents.current_figures({f.code for f in figures})
            ids = new_ids(int(max(f.recorded_at for f in figures).timestamp() * 1000), len(figures) + 1)
            batch, size = (None, None) if len(figures) == 1 else (ids[-1], len(figures))
            new: list[Record] = [
                f._replace(id=i, batch=batch, batch_size=size) for i, f in zip(ids, figures, strict=False)
            ]
            contents = self._write(log, v01, contents, new)
        current = contents.current_figures({one.code for one in new})
        outranked = {
            one.id: _outranking(contents, one)
            for one in new
            if isinstance(one, Figure) and current[one.code.upper(), one.period].id != one.id
        }
        repeats = {
            one.id: same
            for one in new
            if isinstance(one, Figure)
            and (same := before.get((one.code.upper(), one.period))) is not None
            and (same.value, same.basis) == (one.value, one.basis)
        }
        named = [one.id for one in new] + [f.id for above in outranked.values() for f in above]
        named += [f.id for f in repeats.values()]
        return Written(new, contents.shorts(named), current, outranked, repeats)

    def retract(self, prefix: str | None, recorded_at: datetime, user: str, note: str | None) -> Written:
        """Retract the figure whose id starts with `prefix`, or the last one standing."""
        with self._files(shared=False) as (log, v01):
            contents = self._contents(log, v01)
            target = _retractable(contents, prefix)
            new_id = new_ids(int(recorded_at.timestamp() * 1000))[0]
            retraction = Retraction(new_id, target.code, target.id, recorded_at, user, note)
            contents = self._write(log, v01, contents, [retraction])
        shorts = contents.shorts([retraction.id, target.id])
        return Written([retraction, target], shorts, contents.current_figures([target.code]), {})

    def migrate(self) -> Migration | None:
        """Convert a v0.1 log now (None when there is none), or declare the format of a log that does not."""
        if not os.path.lexists(self.v01_path):
            if os.path.lexists(self.path):  # no empty log made; a damaged one is named
                with self._files(shared=False) as (log, v01):
                    contents = self._contents(log, v01)
                    if contents.format < r.FORMAT and log is not None and v01 is None:
                        self._write(log, v01, contents, [])
            return None
        with self._files(shared=False, create=True) as (log, v01):
            if v01 is not None:
                self._write(log, v01, self._contents(log, v01), [])
        return self.migrated

    @contextmanager
    def _files(self, shared: bool, create: bool = False) -> Iterator[tuple[int | None, int | None]]:
        """The log and a v0.1 log beside it, opened and locked; None for one that does not exist."""
        if not shared and not os.path.lexists(self.path) and os.path.lexists(self.v01_path):
            create = True  # a v0.1 log is converted by the first write
        made = create and not os.path.lexists(self.path)
        with ExitStack() as stack:
            log, v01 = _open(stack, self.path, shared, create), _open(stack, self.v01_path, shared, False)
            try:
                yield log, v01
            except BaseException:
                if made and log is not None and os.fstat(log).st_size == 0:  # refused: no empty log left
                    os.unlink(self.path)  # under our lock; a writer waiting on it opens the path again
                raise

    def _contents(self, log: int | None, v01: int | None, keep: bool = True) -> Contents:
        """The log read, through its cache when the cache names the digest of the bytes just read;
        without `keep`, such a log is only hashed, its lines read when asked for while it is open."""
        if v01 is not None:  # read whole, its records as if they were the log's first lines
            from .v01 import read_v01

            old = b"".join(map(r.line_of, read_v01(bytes(_read(v01, self.v01_path)[0]), self.v01_path)))
            data = _read(log, self.path)[0] if log is not None else b""
            return read_whole(old + data, self.path, first_line=1 - old.count(b"\n"), shift=len(old))
        if log is None or os.fstat(log).st_size < CACHED_FROM:
            return read_whole(_read(log, self.path)[0] if log is not None else b"", self.path)
        cached = self.cache.load()
        if cached is not None and not _is_head(cached.head):
            cached = None
        kept = keep or cached is None
        data, hashed, proof = _read(log, self.path, cached.length if cached else None, kept)
        size, grown = os.fstat(log).st_size, None
        length = (
            cached.length if cached is not None and proof == cached.digest and size >= cached.length else -1
        )
        if cached is not None and length >= 0 and (length == 0 or os.pread(log, 1, length - 1) == b"\n"):
            known = Contents(data if keep else b"", length, *cached.head)
            known._rest, known.reader = cached, None if keep else lambda offset: _line(log, offset)
            grown = extended(
                known, self.path, data[length:] if keep else os.pread(log, size - length, length)
            )
            if grown is known:
                return known  # the cache describes the log as it is
        if grown is None or grown.length != size:
            data, hashed, _ = (data, hashed, None) if kept else _read(log, self.path, 0)
            grown = read_whole(data, self.path)
        grown.hashed = hashed if grown.length == size else None  # what a writer extends
        self._save(grown, grown.hashed)  # made or grown: the cache no longer describes the log
        return grown

    def _save(self, contents: Contents, hashed: Any) -> None:
        """Cache the index; `hashed`, the SHA-256 of the bytes it describes, when taken as they were read."""
        if hashed is None:
            from hashlib import sha256

            hashed = sha256(memoryview(contents.data)[: contents.length])
        head = (contents.format, contents.current)
        self.cache.save(contents.length, hashed.digest(), head, contents.rest().fields())

    def _write(self, log: int | None, v01: int | None, contents: Contents, new: list[Record]) -> Contents:
        """Append the records in one write, flushed to disk, after moving a torn tail aside (and the
        records of a v0.1 log, as a batch of their own); on any failure the file is cut back."""
        if log is None:
            raise LogError("error.log_unwritable", path=self.path, reason=os.strerror(2))
        own, complete = contents.data[contents.shift :], contents.length - contents.shift
        if complete < len(own):
            self._move_torn(log, own[complete:], complete)
        data = b"" if contents.format >= r.FORMAT else r.line_of(r.Declaration(r.FORMAT))
        if v01 is not None:
            present = {one.id for one in parse(own[:complete], self.path).records}
            migrated = contents.records(o for o in contents.rest().order if o < contents.shift)
            old = [one for one in migrated if one.id not in present]
            if len(old) > 1:  # the same batch, line for line, in every clone that converts this log
                batch = derived_id(0, len(old), "".join(one.id for one in old).encode("ascii"))
                old = [one._replace(batch=batch, batch_size=len(old)) for one in old]
            new = [*old, *new]
        data += b"".join(map(r.line_of, new))
        if complete and own[complete - 1 : complete] != b"\n":
            data = b"\n" + data  # a last line without its newline, from an editor
        try:
            written = 0
            while written < len(data):
                written += os.write(log, data[written:])
            os.fsync(log)
        except BaseException as exc:
            os.ftruncate(log, complete)
            if isinstance(exc, OSError):
                raise LogError("error.log_unwritable", path=self.path, reason=exc.strerror) from None
            raise
        if v01 is not None:
            self._keep_v01(len(migrated))
            return read_whole(own[:complete] + data, self.path)
        hashed = contents.hashed.copy() if contents.hashed is not None and complete == len(own) else None
        contents.data = own[:complete] + data
        grown = extended(contents, self.path, data) if data[:1] != b"\n" else None
        grown = grown or read_whole(contents.data, self.path)
        if len(grown.data) >= CACHED_FROM:
            if hashed is not None:
                hashed.update(data)
            self._save(grown, hashed if grown.length == len(grown.data) else None)
        return grown

    def _move_torn(self, log: int, torn: Data, complete: int) -> None:
        """Move a torn tail to the side file, then cut the log back to its last whole record."""
        try:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
            fd = os.open(self.torn_path, flags, 0o666)
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO would hold the lock for ever
                    raise OSError(errno.EINVAL, "not a regular file")
                os.write(fd, torn if torn.endswith(b"\n") else torn + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            os.ftruncate(log, complete)
        except OSError as exc:
            raise LogError("error.log_unwritable", path=self.torn_path, reason=exc.strerror) from None
        self.moved = torn.count(b"\n") + (not torn.endswith(b"\n"))

    def _keep_v01(self, count: int) -> None:
        """The converted v0.1 log, renamed beside the new one; the caller still holds its lock."""
        backup, n = self.path.with_name(r.BACKUP_FILE), 1
        while os.path.lexists(backup):
            n += 1
            backup = self.path.with_name(f"records.v0.1-{n}.toml")
        try:
            os.rename(self.v01_path, backup)
        except OSError as exc:  # the next write tries again; both files read as one log meanwhile
            raise LogError("error.log_unwritable", path=self.v01_path, reason=exc.strerror) from None
        self.migrated = Migration(self.v01_path, self.path, backup, count)


def _is_head(head: Any) -> bool:
    """Whether a cache's head has the shape this version writes."""
    return isinstance(head, tuple) and [type(part) for part in head] == [int, dict]


def _outranking(contents: Contents, figure: Figure) -> list[Figure]:
    """The figures of its code and period that count over `figure`, highest first."""
    rest = contents.rest()
    same = contents.records(rest.codes.get(figure.code.upper(), ()))
    above = [one for one in same if isinstance(one, Figure) and one.period == figure.period and one.id not in rest.retracted]  # fmt: skip
    return sorted((one for one in above if r.rank(one) > r.rank(figure)), key=r.rank, reverse=True)


def _retractable(contents: Contents, prefix: str | None) -> Figure:
    """The figure an undo would retract: the one named by an id prefix, else the last one standing."""
    rest = contents.rest()
    if prefix is None:
        for offset in reversed(rest.order):
            last = contents.record(offset)
            if isinstance(last, Figure) and last.id not in rest.retracted:
                return last
        raise RecordNotFoundError("error.undo_nothing")
    if (number := prefix.strip().removeprefix("#")).isascii() and number.isdigit() and len(number) < SHORTEST:
        found = [one for one in contents.records(rest.order) if one.v01_id == int(number)]  # a v0.1 number
    elif (wanted := typed_prefix(number)) is None:
        raise RecordNotFoundError("error.undo_no_record", id=prefix)
    elif len(wanted) < SHORTEST:
        raise RecordNotFoundError("error.undo_prefix_short", id=prefix, shortest=SHORTEST)
    else:
        found = contents.matching(wanted)
    if len(found) != 1:
        key, params = (
            ("error.undo_ambiguous", {"count": len(found)}) if found else ("error.undo_no_record", {})
        )
        raise RecordNotFoundError(key, id=prefix, **params)
    if isinstance(found[0], Retraction) or found[0].id in rest.retracted:
        raise RecordNotFoundError("error.undo_is_retraction" if isinstance(found[0], Retraction) else "error.undo_already", id=prefix)  # fmt: skip
    return found[0]


def _open(stack: ExitStack, path: Path, shared: bool, create: bool) -> int | None:
    """The file opened and locked, or None; one unlinked while we waited for its lock is opened again."""
    flags = (os.O_RDONLY if shared else os.O_RDWR | os.O_APPEND) | (os.O_CREAT if create else 0)
    failed = "error.log_unreadable" if shared else "error.log_unwritable"
    for _ in range(100):
        try:
            fd = os.open(path, flags | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
        except FileNotFoundError:
            if create:
                raise LogError("error.log_unwritable", path=path, reason=os.strerror(2)) from None
            return None
        except IsADirectoryError:
            raise LogError("error.log_is_folder", path=path) from None
        except OSError as exc:
            raise LogError(failed, path=path, reason=exc.strerror) from None
        stack.callback(os.close, fd)
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise LogError("error.log_is_folder" if stat.S_ISDIR(mode) else "error.log_not_file", path=path)
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink > 0:
            return fd
    raise LogError(failed, path=path, reason="busy")


def _read(
    fd: int, path: Path, mark: int | None = None, keep: bool = True
) -> tuple[bytearray, Any, bytes | None]:
    """The file's bytes (only hashed without `keep`: filling a large log's pages costs ~8 ms) and,
    with `mark`, the SHA-256 of all of them and the digest of the first `mark` bytes."""
    size = os.fstat(fd).st_size
    data, at, hashed, proof = bytearray(size if keep else min(size, 1 << 18)), 0, None, None
    if mark is not None:
        from hashlib import sha256  # deferred: start-up (a log too small for a cache is not hashed)

        hashed = sha256()
        proof = hashed.digest() if mark == 0 else None
    with memoryview(data) as view:
        while at < size:
            end = min(size, at + (1 << 18), mark if mark and at < mark else size)
            try:
                got = os.preadv(fd, [view[at:end] if keep else view[: end - at]], at)
            except OSError as exc:
                raise LogError("error.log_unreadable", path=path, reason=exc.strerror) from None
            if not got:
                break
            if hashed is not None:
                hashed.update(view[at : at + got] if keep else view[:got])
                proof = hashed.digest() if at + got == mark else proof
            at += got
    return data if at == size or not keep else data[:at], hashed, proof


def _line(fd: int, offset: int) -> bytes:
    """The line of the file that starts at `offset`, without its newline."""
    pieces, size, at = [], 4096, offset
    while piece := os.pread(fd, size, at):
        end = piece.find(b"\n")
        pieces.append(piece if end < 0 else piece[:end])
        if end >= 0:
            break
        at, size = at + len(piece), size * 2  # a long line in few reads
    return b"".join(pieces)
