"""The record log of a data folder, `records.jsonl`: the one object that reads it, appends to it and
retracts from it, under a lock on the file itself (docs/LOG-FORMAT.md says how and why)."""

from __future__ import annotations

import errno
import fcntl
import gc
import os
import stat
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime
from itertools import accumulate
from pathlib import Path
from typing import Any

from . import records as r
from .cache import Cache, Cached, rest_of
from .errors import LogError, PeriodError, RecordNotFoundError
from .ids import SHORTEST, derived_id, new_ids, short_form, typed_prefix
from .records import CurrentFigures, Damage, Figure, Record, Retraction, damaged
from .values import Value

Data = bytes | bytearray
CACHED_FROM = 1 << 16  # a smaller log is read whole sooner than a cache is proven


class Migration(Value):
    """A v0.1 log converted: where from, where to, how many records, and where the old file is kept."""

    def __init__(self, source: Path, target: Path, backup: Path, records: int) -> None:
        self.source, self.target, self.backup, self.records = source, target, backup, records


class Entry(Value):
    """A record of the history, with the first retraction of it (a figure) or the figure it retracts."""

    def __init__(self, record: Record, retracted_by: Retraction | None, retracted: Figure | None) -> None:
        self.record, self.retracted_by, self.retracted = record, retracted_by, retracted


class Written(Value):
    """What a write added, their display ids, and their codes' current figures; `outranked`: for a
    figure written that does not count, the figures that count over it."""

    def __init__(self, records: list[Record], shorts: dict[str, str], current: CurrentFigures,
                 outranked: dict[str, list[Figure]]) -> None:  # fmt: skip
        self.records, self.shorts, self.current, self.outranked = records, shorts, current, outranked


class _Rest:
    """The ids, sorted, with their lines' offsets; the offsets in the log's order, and for each code;
    each retracted id with the offset of its first retraction."""

    def __init__(self, ids: list[str], where: list[int], order: list[int], codes: dict[str, list[int]],
                 retracted: dict[str, int]) -> None:  # fmt: skip
        self.ids, self.where, self.order, self.codes, self.retracted = ids, where, order, codes, retracted

    def fields(self) -> tuple[Any, ...]:
        return (self.ids, self.where, self.order, self.codes, self.retracted)


class Contents:
    """The log as read, and where its records stand by the offset of their lines: a record is
    decoded from its line when asked for. `length`: the bytes indexed (all but a torn tail);
    `current`: for each code (in capitals) and period, the figure that counts; `rest()`: what
    fewer commands need; `shift`: the lines made from a v0.1 log, read as if they came first."""

    def __init__(self, data: Data, length: int, format: int, current: dict[str, dict[str, int]]) -> None:
        self.data, self.length, self.format, self.current = data, length, format, current
        self.shift, self.hashed = 0, None  # the SHA-256 of `data`, when it was computed as it was read
        self.reader: Callable[[int], bytes] | None = None  # the line at an offset, when `data` is not held
        self.read: dict[int, Record] = {}
        self._rest: _Rest | Cached | None = None
        self._seen: dict[str, Any] = {}

    def rest(self) -> _Rest:
        if isinstance(self._rest, Cached):
            try:
                self._rest = _Rest(*rest_of(self._rest))
            except (ValueError, EOFError, TypeError):
                raise LogError("error.cache_unusable") from None
            if [type(part) for part in self._rest.fields()] != [list, list, list, dict, dict]:
                raise LogError("error.cache_unusable")
        assert self._rest is not None
        return self._rest

    def record(self, offset: int) -> Record:
        known = self.read.get(offset)
        if known is None:
            if self.reader is not None:
                line = self.reader(offset)
            else:
                assert self.data, "a log read for some figures holds the lines of those alone (current())"
                end = self.data.find(b"\n", offset)
                line = bytes(self.data[offset : None if end < 0 else end])
            found = r.record_of(r.decoded(line), self._seen)
            if isinstance(found, r.Declaration):
                raise LogError("error.cache_unusable")
            known = self.read[offset] = found
        return known

    def records(self, offsets: Iterable[int]) -> list[Record]:
        return [self.record(offset) for offset in offsets]

    def current_figures(self, codes: Iterable[str] | None = None) -> CurrentFigures:
        """The figure that counts for each period of these codes (of every code when None)."""
        wanted = self.current if codes is None else {code.upper() for code in codes}
        figures = [self.record(offset) for code in wanted for offset in self.current.get(code, {}).values()]
        return {(f.code.upper(), f.period): f for f in figures if isinstance(f, Figure)}

    def matching(self, prefix: str) -> list[Record]:
        """The records whose id starts with `prefix` (in the log's spelling)."""
        rest = self.rest()
        return self.records(rest.where[bisect_left(rest.ids, prefix) : bisect_left(rest.ids, prefix + "~")])

    def by_id(self, record_id: str) -> Record | None:
        found = self.matching(record_id)
        return found[0] if len(found) == 1 else None

    def shorts(self, ids: Iterable[str | None]) -> dict[str, str]:
        """Each id's shortest beginning that no other id of the log shares (at least 6 characters)."""
        known, found = self.rest().ids, {}
        for one in filter(None, ids):
            n = bisect_left(known, one)
            after = n + 1 if n < len(known) and known[n] == one else n
            found[one] = short_form(one, [known[m] for m in (n - 1, after) if 0 <= m < len(known)])
        return found

    def history(self, code: str | None, last: int | None) -> list[Entry]:
        """The records (of one code, any case), the `last` of them, with what retracted each or what each retracts."""
        rest = self.rest()
        offsets = rest.order if code is None else rest.codes.get(code.upper(), [])
        entries = []
        for record in self.records(
            offsets if last is None else offsets[len(offsets) - last :] if last else []
        ):
            if isinstance(record, Retraction):
                target = self.by_id(record.retracts)
                entries.append(Entry(record, None, target if isinstance(target, Figure) else None))
            else:
                by = self.record(rest.retracted[record.id]) if record.id in rest.retracted else None
                entries.append(Entry(record, by if isinstance(by, Retraction) else None, None))
        return entries


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
        named = [one.id for one in new] + [f.id for above in outranked.values() for f in above]
        return Written(new, contents.shorts(named), current, outranked)

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
            return _whole(old + data, self.path, first_line=1 - old.count(b"\n"), shift=len(old))
        if log is None or os.fstat(log).st_size < CACHED_FROM:
            return _whole(_read(log, self.path)[0] if log is not None else b"", self.path)
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
            grown = _grown(known, self.path, data[length:] if keep else os.pread(log, size - length, length))
            if grown is known:
                return known  # the cache describes the log as it is
        if grown is None or grown.length != size:
            data, hashed, _ = (data, hashed, None) if kept else _read(log, self.path, 0)
            grown = _whole(data, self.path)
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
            present = {one.id for one in _parse(own[:complete], self.path).records}
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
            return _whole(own[:complete] + data, self.path)
        hashed = contents.hashed.copy() if contents.hashed is not None and complete == len(own) else None
        contents.data = own[:complete] + data
        grown = _grown(contents, self.path, data) if data[:1] != b"\n" else None
        grown = grown or _whole(contents.data, self.path)
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


class _Parsed:
    """Records with their lines' offsets and numbers, the count before a torn tail, where it begins."""

    def __init__(self, complete: int) -> None:
        self.records: list[Record] = []
        self.offsets: list[int] = []
        self.lines: list[int] = []
        self.complete, self.counted, self.format = complete, 0, 0


def _parse(data: Data, path: Path, first_line: int = 1, start: int = 0) -> _Parsed:
    """The records of `data` (the log's bytes from `start`), every line checked; a last line cut short
    and the lines of a batch not written whole at the end are the torn tail, which does not count."""
    import json

    raw: Sequence[Data] = data.split(b"\n")
    starts = list(accumulate(map(len, raw), lambda at, n: at + n + 1, initial=start))
    try:  # decoded as text all at once, which is quicker; else line by line, to name the line
        lines: Sequence[Data | str] = bytes(data).decode("utf-8").split("\n")
    except UnicodeDecodeError:
        lines = raw
    found, seen = _Parsed(start + len(data)), dict[str, Any]()
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            try:
                one = json.loads(line)
            except (ValueError, RecursionError):
                one = r.decoded(line)  # raises the damage, named
            record = r.record_of(one, seen)
        except Damage as exc:
            if n == len(lines) - 1 and _cut(exc, raw[n]):
                found.complete = starts[n]  # the last line, no newline after it: cut short
                break
            raise damaged(path, first_line + n, exc) from None
        except PeriodError as exc:
            raise damaged(path, first_line + n, exc) from None
        if isinstance(record, r.Declaration) and record.format > r.FORMAT:
            raise LogError("error.log_newer_format", path=path, line=first_line + n, format=record.format, ours=r.FORMAT)  # fmt: skip
        if isinstance(record, r.Declaration):
            found.format = max(found.format, record.format)
        else:
            found.records.append(record)
            found.offsets.append(starts[n])
            found.lines.append(first_line + n)
    found.counted = _torn_batches(found, path)
    if found.counted < len(found.records):
        found.complete = found.offsets[found.counted]
    return found


def _cut(damage: Damage, line: Data) -> bool:
    """Whether a last line without its newline is a write cut short: not JSON, or not UTF-8 only
    in a character cut at its very end."""
    if damage.message.key == "error.log_not_utf8":
        return bool(damage.message.params["byte"] >= len(line) - 3)
    return damage.message.key == "error.record_not_json"


def _torn_batches(parsed: _Parsed, path: Path) -> int:
    """Where batches not written whole begin at the end of the log (else its end); elsewhere, damage."""
    records, sizes, ids = parsed.records, dict[str | None, int](), dict[str | None, set[str]]()
    for n, one in enumerate(records):
        if sizes.setdefault(one.batch, one.batch_size or 0) != (one.batch_size or 0):
            raise damaged(path, parsed.lines[n], Damage("error.record_batch_sizes", batch=one.batch))
        ids.setdefault(one.batch, set()).add(one.id)
    broken = {batch for batch, held in ids.items() if batch is not None and len(held) != sizes[batch]}
    first = len(records)
    while first and records[first - 1].batch in broken:
        first -= 1
    for n, batch in enumerate(one.batch for one in records[:first]):
        if batch in broken:
            problem = Damage(
                "error.record_batch_inside", batch=batch, count=len(ids[batch]), size=sizes[batch]
            )
            raise damaged(path, parsed.lines[n], problem)
    return first


def _whole(data: Data, path: Path, first_line: int = 1, shift: int = 0) -> Contents:
    """The log read whole, checked as a whole, and indexed."""
    collecting = gc.isenabled()
    gc.disable()  # many objects holding no cycles: the collector would walk them again and again
    try:
        parsed = _parse(data, path, first_line)
        found = _distinct(parsed, path)
        offset_of = {record.id: offset for record, offset in found}
        rest = _Rest(sorted(offset_of), [], [offset for _, offset in found], {}, {})
        rest.where.extend(map(offset_of.__getitem__, rest.ids))
        for record, offset in found:
            rest.codes.setdefault(record.code.upper(), []).append(offset)
            if type(record) is Retraction:
                rest.retracted.setdefault(record.retracts, offset)
        current: dict[str, dict[str, int]] = {}
        for (code, period), figure in r.current_figures(record for record, _ in found).items():
            current.setdefault(code, {})[period.label] = offset_of[figure.id]
        contents = Contents(data, parsed.complete, parsed.format, current)
        contents._rest, contents.shift, contents.read = rest, shift, {offset: one for one, offset in found}
        return contents
    finally:
        if collecting:
            gc.enable()


def _distinct(parsed: _Parsed, path: Path) -> list[tuple[Record, int]]:
    """Each record once (a record twice counts once) with its line's offset, in the log's order;
    two records with one id, and a retraction of what is not a figure of its code, are damage."""
    by_id: dict[str, tuple[Record, int, int]] = {}
    counted = parsed.counted
    for one, offset, line in zip(parsed.records[:counted], parsed.offsets, parsed.lines, strict=False):
        held, _, first = by_id.setdefault(one.id, (one, offset, line))
        if held is not one and _unbatched(held) != _unbatched(one):
            raise damaged(path, line, Damage("error.record_id_taken", id=one.id, line=first))
    for one, _, line in by_id.values():
        problem = (
            _retraction_problem(one, by_id.get(one.retracts, (None,))[0])
            if isinstance(one, Retraction)
            else None
        )
        if problem is not None:
            raise damaged(path, line, problem)
    return sorted(((one, offset) for one, offset, _ in by_id.values()), key=lambda pair: r.log_order(pair[0]))


def _unbatched(record: Record) -> bytes:
    """A record's line but its batch: two lines with one id are one record when these are the same."""
    return r.line_of(record._replace(batch=None, batch_size=None))


def _retraction_problem(retraction: Retraction, target: Record | None) -> Damage | None:
    if retraction.retracts == retraction.id:
        return Damage("error.retracts_itself")
    if target is None:
        return Damage("error.retracts_missing", id=retraction.retracts)
    if isinstance(target, Retraction):
        return Damage("error.retracts_retraction", id=retraction.retracts)
    if target.code.upper() != retraction.code.upper():
        return Damage(
            "error.retracts_other_code", id=retraction.retracts, code=target.code, named=retraction.code
        )
    return None


def _grown(contents: Contents, path: Path, added: Data) -> Contents | None:
    """The contents with lines `added` after those indexed, when they settle on their own; else None."""
    if not added:
        return contents
    try:
        tail = _parse(added, path, 0, contents.length)
    except LogError:  # damage, or a batch that only the whole log shows whole: the whole log says
        return None
    if len({one.id for one in tail.records}) != len(tail.records) or any(contents.matching(one.id) for one in tail.records):  # fmt: skip
        return None  # an id seen before (a repeated line of a whole batch): the whole log says what it is
    new = {
        one.id: (one, offset) for one, offset in zip(tail.records[: tail.counted], tail.offsets, strict=False)
    }
    for one, _ in new.values():
        target = (new.get(one.retracts) or (contents.by_id(one.retracts),))[0] if isinstance(one, Retraction) else None  # fmt: skip
        if isinstance(one, Retraction) and _retraction_problem(one, target) is not None:
            return None
    grown = Contents(contents.data, tail.complete, max(contents.format, tail.format), contents.current)
    grown._rest, grown.read, grown.reader = contents.rest(), contents.read, contents.reader
    grown.read.update((offset, one) for one, offset in new.values())
    for record, offset in sorted(new.values(), key=lambda pair: r.log_order(pair[0])):
        _add(grown, record, offset)  # in place: the contents it came from are not used again
    return grown


def _add(contents: Contents, record: Record, offset: int) -> None:
    """Put a record (at the end of the log) into the index: its id, its place in the log's orders,
    and whether it now counts, or, for a retraction, whether another figure counts again."""
    rest, code = contents.rest(), record.code.upper()
    n = bisect_left(rest.ids, record.id)
    rest.ids.insert(n, record.id)
    rest.where.insert(n, offset)
    for offsets in (rest.order, rest.codes.setdefault(code, [])):
        if offsets and r.log_order(contents.record(offsets[-1])) > r.log_order(record):
            insort(offsets, offset, key=lambda o: r.log_order(contents.record(o)))
        else:  # later than all: as appends and pulls mostly bring them
            offsets.append(offset)
    periods = contents.current.setdefault(code, {})
    if isinstance(record, Figure):
        held = periods.get(record.period.label)
        if record.id in rest.retracted:  # a retraction recorded before it, by a clock behind
            return
        if held is None or r.rank(record) > r.rank(contents.record(held)):  # type: ignore[arg-type]
            periods[record.period.label] = offset
        return
    first = rest.retracted.get(record.retracts)
    if first is None or r.log_order(record) < r.log_order(contents.record(first)):
        rest.retracted[record.retracts] = offset  # the first retraction in the log's order
    if record.retracts in {contents.record(o).id for o in periods.values()}:  # it counted: decide again
        of_code = {one.id: o for o in rest.codes[code] if isinstance(one := contents.record(o), Figure)}
        counted = r.current_figures(contents.records(rest.codes[code])).values()
        contents.current[code] = {f.period.label: of_code[f.id] for f in counted}


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
