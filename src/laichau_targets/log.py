"""The record log of a data folder: the one object that reads it, appends to it and retracts from it.

`records.jsonl` holds one record per line and is only ever appended to, so that git's `union`
merge of two clones gives a valid log (docs/LOG-FORMAT.md). Writers hold an exclusive lock on
the log file itself, readers a shared one. A write of several records is a batch whose lines
name the batch and its size, and a batch counts only whole: a write cut short by a kill is a
*torn tail*, which counts for nothing and which the next writer moves aside. A v0.1 log
(`records.toml`) is read as if its records were the first lines, and converted on the first write.
"""

from __future__ import annotations

import fcntl
import gc
import os
import stat
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

from .errors import LogError, PeriodError, RecordNotFoundError
from .ids import ID_LENGTH, SHORTEST, derived_id, new_ids, short_form, typed_prefix
from .logcache import Cached, LogCache, rest_of
from .records import (
    BACKUP_FILE,
    FORMAT,
    LOG_FILE,
    TORN_FILE,
    V01_LOG_FILE,
    CurrentFigures,
    Damage,
    Declaration,
    Figure,
    Record,
    Retraction,
    current_figures,
    damaged,
    decoded,
    line_of,
    log_order,
    rank,
    record_of,
)

Data = bytes | bytearray
CACHED_FROM = 1 << 16  # a smaller log is read whole sooner than a cache is proven


class Migration(NamedTuple):
    """A v0.1 log converted: where from, where to, how many records, and where the old file is kept."""

    source: Path
    target: Path
    backup: Path
    records: int


class Moved(NamedTuple):
    """A torn tail (a write cut short) moved from the end of the log to the side file."""

    lines: int
    path: Path


class Entry(NamedTuple):
    """A record of the history, with the first retraction of it (a figure) or the figure it retracts."""

    record: Record
    retracted_by: Retraction | None
    retracted: Figure | None


class Written(NamedTuple):
    """What a write added, the display ids of the records it names, and where its codes stand now."""

    records: list[Record]
    shorts: dict[str, str]
    current: CurrentFigures
    outranked: dict[str, list[Figure]]  # for a figure written that does not count: those that do


class _Rest(NamedTuple):
    ids: bytes  # every id, sorted, 26 bytes each
    where: array[int]  # the offset of each id's line
    order: array[int]  # the offsets of the records in the log's order
    codes: dict[str, array[int]]  # the same for each code, in capitals
    retracted: dict[str, int]  # each retracted id, and the offset of its first retraction


class Index:
    """Where the records of the log stand, by the offset of their lines: what the cache keeps.

    `current` holds, for each code in capitals, the offsets of the figures that count. What
    fewer commands need (`rest()`) comes from the cache only when asked for.
    """

    def __init__(
        self, length: int, lines: int, format: int, current: dict[str, list[int]], rest: Any
    ) -> None:
        self.length = length  # the bytes it describes: the whole log but a torn tail
        self.lines = lines
        self.format = format
        self.current = current
        self._rest: _Rest | Cached = rest

    def rest(self) -> _Rest:
        if isinstance(self._rest, Cached):
            try:
                ids, where, order, codes, retracted = rest_of(self._rest)
                by_code = {code: _offsets(offsets) for code, offsets in codes.items()}
                self._rest = _Rest(ids, _offsets(where), _offsets(order), by_code, retracted)
            except (ValueError, EOFError, TypeError, AttributeError):
                raise LogError("error.cache_unusable") from None
        return self._rest

    def for_cache(self) -> tuple[Any, Any]:
        rest = self.rest()
        codes = {code: offsets.tobytes() for code, offsets in rest.codes.items()}
        return (self.lines, self.format, self.current), (
            rest.ids, rest.where.tobytes(), rest.order.tobytes(), codes, rest.retracted
        )  # fmt: skip


def _offsets(values: Iterable[int] | bytes = ()) -> array[int]:
    found = array("q")
    if isinstance(values, bytes):
        found.frombytes(values)
    else:
        found.extend(values)
    return found


class _Ids:
    """Sorted ids of 26 bytes each, as a sequence for bisect."""

    def __init__(self, blob: bytes | bytearray) -> None:
        self.blob = blob

    def __len__(self) -> int:
        return len(self.blob) // ID_LENGTH

    def __getitem__(self, n: int) -> str:
        return self.blob[n * ID_LENGTH : (n + 1) * ID_LENGTH].decode("ascii")


class Contents:
    """The bytes of the log as read, and the index of the records they hold.

    A record is read from its line when asked for (the part the index describes was checked
    whole when the index was made), so that a command decodes only the lines it needs.
    `shift` is the length of the lines made from a v0.1 log, read as if they came first.
    """

    def __init__(
        self, data: Data, index: Index, shift: int = 0, read: dict[int, Record] | None = None
    ) -> None:
        self.data, self.index, self.shift = data, index, shift
        self.read: dict[int, Record] = {} if read is None else read
        self.hashed: Any = None  # the SHA-256 of `data`, when it was computed as it was read
        self._seen: dict[str, Any] = {}

    def record(self, offset: int) -> Record:
        known = self.read.get(offset)
        if known is None:
            end = self.data.find(b"\n", offset)
            found = record_of(decoded(self.data[offset : None if end < 0 else end]), self._seen)
            if isinstance(found, Declaration):
                raise LogError("error.cache_unusable")
            known = self.read[offset] = found
        return known

    def records(self, offsets: Iterable[int]) -> list[Record]:
        return [self.record(offset) for offset in offsets]

    def current(self, codes: Iterable[str] | None = None) -> CurrentFigures:
        """The figure that counts for each period of these codes (of every code when None)."""
        current = self.index.current
        wanted = current if codes is None else {code.upper() for code in codes}
        figures = [self.record(offset) for code in wanted for offset in current.get(code, ())]
        return {(f.code.upper(), f.period): f for f in figures if isinstance(f, Figure)}

    def matching(self, prefix: str) -> list[Record]:
        """The records whose id starts with `prefix` (in the log's spelling)."""
        rest = self.index.rest()
        ids = _Ids(rest.ids)
        return self.records(rest.where[bisect_left(ids, prefix) : bisect_left(ids, prefix + "~")])

    def by_id(self, record_id: str) -> Record | None:
        found = self.matching(record_id)
        return found[0] if len(found) == 1 else None

    def shorts(self, ids: Iterable[str | None]) -> dict[str, str]:
        """Each id's shortest beginning that no other id of the log shares (at least 6 characters)."""
        sorted_ids = _Ids(self.index.rest().ids)
        found = {}
        for one in filter(None, ids):
            n = bisect_left(sorted_ids, one)
            after = n + 1 if n < len(sorted_ids) and sorted_ids[n] == one else n
            found[one] = short_form(one, [sorted_ids[m] for m in (n - 1, after) if 0 <= m < len(sorted_ids)])
        return found

    def history(self, code: str | None, last: int | None) -> list[Entry]:
        """The records (of one code, any case), the `last` of them, with what retracted each or what each retracts."""
        rest = self.index.rest()
        offsets = rest.order if code is None else rest.codes.get(code.upper(), _offsets())
        if last is not None:
            offsets = offsets[len(offsets) - last :] if last > 0 else _offsets()
        entries = []
        for record in self.records(offsets):
            if isinstance(record, Retraction):
                target = self.by_id(record.retracts)
                entries.append(Entry(record, None, target if isinstance(target, Figure) else None))
            else:
                by = rest.retracted.get(record.id)
                retraction = None if by is None else self.record(by)
                entries.append(
                    Entry(record, retraction if isinstance(retraction, Retraction) else None, None)
                )
        return entries


class RecordLog:
    """A data folder's record log: the one way to read it and to add to it."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.path = folder / LOG_FILE
        self.v01_path = folder / V01_LOG_FILE
        self.torn_path = folder / TORN_FILE
        self.cache = LogCache(cache_dir, self.path)
        self.migrated: Migration | None = None  # set when a write converted a v0.1 log
        self.moved: Moved | None = None  # set when a write moved a torn tail aside

    def contents(self) -> Contents:
        """The log as it is now."""
        with self._files(shared=True) as (log, v01):
            return self._contents(log, v01)

    def records(self) -> list[Record]:
        """Every distinct record, in the log's order."""
        contents = self.contents()
        return contents.records(contents.index.rest().order)

    def append(self, figures: list[Figure]) -> Written:
        """Append figures (their ids are made here) in one write: all of them count, or none."""
        if not figures:
            return Written([], {}, {}, {})
        with self._files(shared=False, create=True) as (log, v01):
            contents = self._contents(log, v01)
            ids = new_ids(int(max(f.recorded_at for f in figures).timestamp() * 1000), len(figures) + 1)
            batch: dict[str, Any] = (
                {} if len(figures) == 1 else {"batch": ids[-1], "batch_size": len(figures)}
            )
            records: list[Record] = [f._replace(id=i, **batch) for i, f in zip(ids, figures, strict=False)]
            contents = self._write(log, v01, contents, records)
        current = contents.current({r.code for r in records})
        outranked = {
            r.id: _outranking(contents, r)
            for r in records
            if isinstance(r, Figure) and current[r.code.upper(), r.period].id != r.id
        }
        named = [r.id for r in records] + [f.id for above in outranked.values() for f in above]
        return Written(records, contents.shorts(named), current, outranked)

    def retract(self, prefix: str | None, recorded_at: datetime, user: str, note: str | None) -> Written:
        """Retract the figure whose id starts with `prefix`, or the last one standing."""
        with self._files(shared=False) as (log, v01):
            contents = self._contents(log, v01)
            target = _retractable(contents, prefix)
            retraction = Retraction(
                new_ids(int(recorded_at.timestamp() * 1000))[0],
                target.code,
                target.id,
                recorded_at,
                user,
                note,
            )
            contents = self._write(log, v01, contents, [retraction])
        shorts = contents.shorts([retraction.id, target.id])
        return Written([retraction, target], shorts, contents.current([target.code]), {})

    def migrate(self) -> Migration | None:
        """Convert a v0.1 log now; None when there is none."""
        if not os.path.lexists(self.v01_path):
            return None  # and no empty log made either
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
            log = _open(stack, self.path, shared, create)
            v01 = _open(stack, self.v01_path, shared, False)
            try:
                yield log, v01
            except BaseException:
                if made and log is not None and os.fstat(log).st_size == 0:  # refused: no empty log left
                    os.unlink(self.path)  # under our lock; a writer waiting on it opens the path again
                raise

    def _contents(self, log: int | None, v01: int | None) -> Contents:
        """The log read, through its cache when the cache's digest is that of the bytes just read."""
        if v01 is not None:  # read whole, its records as if they were the log's first lines
            from .v01 import read_v01

            old = b"".join(map(line_of, read_v01(bytes(_read(v01, self.v01_path)[0]), self.v01_path)))
            data = _read(log, self.path)[0] if log is not None else b""
            return _whole(old + data, self.path, first_line=1 - old.count(b"\n"), shift=len(old))
        if log is None or os.fstat(log).st_size < CACHED_FROM:
            return _whole(_read(log, self.path)[0] if log is not None else b"", self.path)
        cached = self.cache.load()
        data, hashed, proof = _read(log, self.path, cached.length if cached else None)
        index = _index_of(cached) if cached is not None and proof == cached.digest else None
        contents = None if index is None else _grown(Contents(data, index), self.path)
        if contents is None:
            contents = _whole(data, self.path)
        contents.hashed = hashed
        if contents.index is not index:
            self._save(contents)
        return contents

    def _save(self, contents: Contents) -> None:
        index, hashed = contents.index, contents.hashed
        if hashed is None or index.length != len(contents.data):
            from hashlib import sha256

            hashed = sha256(memoryview(contents.data)[: index.length])
        self.cache.save(index.length, hashed.digest(), *index.for_cache())

    def _write(self, log: int | None, v01: int | None, contents: Contents, records: list[Record]) -> Contents:
        """Append the records in one write, flushed to disk; on any failure the file is cut back.

        A torn tail is moved aside first. The records of a v0.1 log that the log lacks go
        before them, as a batch of their own, and the old file is then kept under another name.
        """
        if log is None:
            raise LogError("error.log_unwritable", path=self.path, reason=os.strerror(2))
        index, shift = contents.index, contents.shift
        own, complete = contents.data[shift:], index.length - shift  # the file's bytes, and those that count
        if complete < len(own):
            self._move_torn(log, own[complete:], complete)
        data = b"" if index.format >= FORMAT else line_of(Declaration(FORMAT))
        if v01 is not None:
            present = {r.id for r in _parse(own[:complete], self.path).records}
            migrated = contents.records(o for o in index.rest().order if o < shift)
            old = [r for r in migrated if r.id not in present]
            if len(old) > 1:  # the same batch, line for line, in every clone that converts this log
                batch = derived_id(0, len(old), "".join(r.id for r in old).encode("ascii"))
                old = [r._replace(batch=batch, batch_size=len(old)) for r in old]
            records = [*old, *records]
        data += b"".join(map(line_of, records))
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
        grown = _grown(Contents(own[:complete] + data, index, 0, contents.read), self.path)
        grown = grown or _whole(own[:complete] + data, self.path)
        if len(grown.data) >= CACHED_FROM:
            if contents.hashed is not None and complete == len(own):
                grown.hashed = contents.hashed.copy()
                grown.hashed.update(data)
            self._save(grown)
        return grown

    def _move_torn(self, log: int, torn: Data, complete: int) -> None:
        """Move a torn tail to the side file, then cut the log back to its last whole record."""
        try:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
            fd = os.open(self.torn_path, flags, 0o666)
            try:
                os.write(fd, torn if torn.endswith(b"\n") else torn + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            os.ftruncate(log, complete)
        except OSError as exc:
            raise LogError("error.log_unwritable", path=self.torn_path, reason=exc.strerror) from None
        self.moved = Moved(torn.count(b"\n") + (not torn.endswith(b"\n")), self.torn_path)

    def _keep_v01(self, count: int) -> None:
        """The converted v0.1 log, renamed beside the new one; the caller still holds its lock."""
        backup, n = self.path.with_name(BACKUP_FILE), 1
        while os.path.lexists(backup):
            n += 1
            backup = self.path.with_name(f"records.v0.1-{n}.toml")
        try:
            os.rename(self.v01_path, backup)
        except OSError as exc:  # the next write tries again; both files read as one log meanwhile
            raise LogError("error.log_unwritable", path=self.v01_path, reason=exc.strerror) from None
        self.migrated = Migration(self.v01_path, self.path, backup, count)


class _Parsed(NamedTuple):
    records: list[Record]
    offsets: list[int]
    lines: list[int]
    complete: int  # where a torn tail begins; the end of the data when there is none
    format: int


def _parse(data: Data, path: Path, first_line: int = 1, start: int = 0) -> _Parsed:
    """The records of `data` (the log's bytes from offset `start`), every line checked.

    The lines are decoded as one JSON array, which is fastest, and one by one when that fails,
    to name the line. A last line without its newline that is not JSON is a write cut short, and
    so are the lines of a batch not written whole at the end: the torn tail, which does not count.
    """
    import json

    raw: Sequence[Data] = data.split(b"\n")
    starts = list(accumulate(map(len, raw), lambda at, n: at + n + 1, initial=start))
    kept = [n for n, line in enumerate(raw) if line.strip()]
    complete = start + len(data)
    try:
        objects = json.loads(b"[" + b",".join([raw[n] for n in kept]) + b"]")
        if len(objects) != len(kept):
            raise ValueError("two records on one line")
    except (ValueError, RecursionError):
        objects = []
        for n in kept:
            try:
                objects.append(decoded(raw[n]))
            except Damage as exc:
                if n == len(raw) - 1:  # the last line, and no newline after it: cut short
                    kept, complete = kept[: len(objects)], starts[n]
                    break
                raise damaged(path, first_line + n, _broken(exc, raw[n], raw[n + 1 : n + 2])) from None
    records: list[Record] = []
    offsets: list[int] = []
    lines: list[int] = []
    seen: dict[str, Any] = {}
    format = 0
    for n, one in zip(kept, objects, strict=True):
        try:
            found = record_of(one, seen)
        except (Damage, PeriodError) as exc:
            raise damaged(path, first_line + n, exc) from None
        if isinstance(found, Declaration):
            if found.format > FORMAT:
                raise LogError("error.log_newer_format", path=path, line=first_line + n, format=found.format)
            format = max(format, found.format)
        else:
            records.append(found)
            offsets.append(starts[n])
            lines.append(first_line + n)
    torn = _torn_batches(records, lines, path)
    if torn < len(records):
        complete = offsets[torn]
        del records[torn:], offsets[torn:], lines[torn:]
    return _Parsed(records, offsets, lines, complete, format)


def _broken(damage: Damage, line: Data, following: Sequence[Data]) -> Damage:
    """A line that is half a record whose other half is on the next line says so."""
    if following and damage.message.key == "error.record_not_json":
        try:
            decoded(line + following[0])
        except Damage:
            return damage
        return Damage("error.record_over_two_lines")
    return damage


def _torn_batches(records: list[Record], lines: list[int], path: Path) -> int:
    """Where the records of batches not written whole begin at the end of the log (else the end);
    such a batch anywhere else is damage."""
    sizes: dict[str, int] = {}
    ids: dict[str, set[str]] = {}
    for n, r in enumerate(records):
        if r.batch is not None and r.batch_size is not None:
            if sizes.setdefault(r.batch, r.batch_size) != r.batch_size:
                raise damaged(path, lines[n], Damage("error.record_batch_sizes", batch=r.batch))
            ids.setdefault(r.batch, set()).add(r.id)
    broken = {batch for batch, held in ids.items() if len(held) != sizes[batch]}
    first = len(records)
    while first and records[first - 1].batch in broken:
        first -= 1
    inside = next((n for n in range(first) if records[n].batch in broken), None)
    if inside is not None:
        batch = records[inside].batch or ""
        problem = Damage("error.record_batch_inside", batch=batch, count=len(ids[batch]), size=sizes[batch])
        raise damaged(path, lines[inside], problem)
    return first


def _whole(data: Data, path: Path, first_line: int = 1, shift: int = 0) -> Contents:
    """The log read whole, checked as a whole, and indexed."""
    collecting = gc.isenabled()
    gc.disable()  # many objects holding no cycles: the collector would walk them again and again
    try:
        parsed = _parse(data, path, first_line)
        found = _distinct(parsed, path)
        offset_of = {record.id: offset for record, offset in found}
        ids = sorted(offset_of)
        by_code: dict[str, list[int]] = {}
        retracted: dict[str, int] = {}
        for record, offset in found:
            by_code.setdefault(record.code.upper(), []).append(offset)
            if type(record) is Retraction:
                retracted.setdefault(record.retracts, offset)
        codes = {code: _offsets(offsets) for code, offsets in by_code.items()}
        current: dict[str, list[int]] = {}
        for (code, _), figure in current_figures(record for record, _ in found).items():
            current.setdefault(code, []).append(offset_of[figure.id])
        where = _offsets(map(offset_of.__getitem__, ids))
        rest = _Rest("".join(ids).encode("ascii"), where, _offsets(o for _, o in found), codes, retracted)
        lines = first_line - 1 + data.count(b"\n", 0, parsed.complete)
        index = Index(parsed.complete, lines, parsed.format, current, rest)
        return Contents(data, index, shift, {offset: record for record, offset in found})
    finally:
        if collecting:
            gc.enable()


def _distinct(parsed: _Parsed, path: Path) -> list[tuple[Record, int]]:
    """Each record once with its line's offset, in the log's order, after checking the log as a whole.

    The same record twice (a cherry-pick, a merge done twice, a batch written by two clones)
    counts once; two different records with one id, and a retraction of what is not a figure
    of its code in the log, are damage.
    """
    by_id: dict[str, tuple[Record, int, int]] = {}
    for record, offset, line in zip(parsed.records, parsed.offsets, parsed.lines, strict=True):
        held = by_id.setdefault(record.id, (record, offset, line))[0]
        if held is not record and held._replace(batch=None, batch_size=None) != record._replace(batch=None, batch_size=None):  # fmt: skip
            raise damaged(path, line, Damage("error.record_id_taken", id=record.id, line=by_id[record.id][2]))
    for record, _, line in by_id.values():
        if isinstance(record, Retraction):
            problem = _retraction_problem(record, by_id.get(record.retracts, (None,))[0])
            if problem is not None:
                raise damaged(path, line, problem)
    found = [(record, offset) for record, offset, _ in by_id.values()]
    found.sort(key=lambda pair: log_order(pair[0]))
    return found


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


def _grown(contents: Contents, path: Path) -> Contents | None:
    """The contents with the lines added after the part the index describes, when lines were only
    added and settle on their own; None sends the reader back to the whole log."""
    index, data = contents.index, contents.data
    if index.length > len(data) or (index.length and data[index.length - 1] != ord("\n")):
        return None
    if index.length == len(data):
        return contents
    tail = _parse(data[index.length :], path, index.lines + 1, index.length)
    new = {record.id: (record, offset) for record, offset in zip(tail.records, tail.offsets, strict=True)}
    if len(new) != len(tail.records) or any(contents.matching(one) for one in new):
        return None  # an id seen before: the whole log says whether that is damage
    for record, _ in new.values():
        target = new.get(record.retracts, (None,))[0] if isinstance(record, Retraction) else None
        if isinstance(record, Retraction) and _retraction_problem(
            record, target or contents.by_id(record.retracts)
        ):
            return None
    grown = Contents(data, index, 0, {**contents.read, **{offset: record for record, offset in new.values()}})
    rest = index.rest()
    ids, where = bytearray(rest.ids), _offsets(rest.where)
    for one in sorted(new):
        n = bisect_left(_Ids(ids), one)
        ids[n * ID_LENGTH : n * ID_LENGTH] = one.encode("ascii")
        where.insert(n, new[one][1])
    order, codes = _offsets(rest.order), {code: _offsets(offsets) for code, offsets in rest.codes.items()}
    retracted, current = dict(rest.retracted), dict(index.current)
    counting: dict[str, dict[Any, tuple[Figure, int]]] = {}
    for record, offset in sorted(new.values(), key=lambda pair: log_order(pair[0])):
        code = record.code.upper()
        for offsets in (order, codes.setdefault(code, _offsets())):
            offsets.insert(
                bisect_right(offsets, log_order(record), key=lambda o: log_order(grown.record(o))), offset
            )
        if code not in counting:
            counting[code] = _by_period(grown, current.get(code, ()))
        held = counting[code]
        if isinstance(record, Retraction):
            retracted.setdefault(record.retracts, offset)
            if any(
                r.id == record.retracts for r, _ in held.values()
            ):  # the figure that counted: decide again
                counted = {f.id for f in current_figures(grown.records(codes[code])).values()}
                held.clear()
                held.update(_by_period(grown, (o for o in codes[code] if grown.record(o).id in counted)))
        elif record.period not in held or rank(record) > rank(held[record.period][0]):
            held[record.period] = (record, offset)
    current.update((code, [offset for _, offset in held.values()]) for code, held in counting.items())
    lines = index.lines + data.count(b"\n", index.length, tail.complete)
    format = max(index.format, tail.format)
    grown.index = Index(
        tail.complete, lines, format, current, _Rest(bytes(ids), where, order, codes, retracted)
    )
    return grown


def _by_period(contents: Contents, offsets: Iterable[int]) -> dict[Any, tuple[Figure, int]]:
    """The figures at these offsets, with their offsets, by period."""
    found = {}
    for offset in offsets:
        figure = contents.record(offset)
        if isinstance(figure, Figure):
            found[figure.period] = (figure, offset)
    return found


def _index_of(cached: Cached) -> Index | None:
    """The index a cache holds, if it has the shape this version writes."""
    head = cached.head
    if not (isinstance(head, tuple) and len(head) == 3 and isinstance(head[2], dict)):
        return None
    lines, format, current = head
    if type(lines) is not int or type(format) is not int:
        return None
    return Index(cached.length, lines, format, current, cached)


def _outranking(contents: Contents, figure: Figure) -> list[Figure]:
    """The figures of its code and period that count over `figure`, highest first."""
    rest = contents.index.rest()
    same = [
        r
        for r in contents.records(rest.codes.get(figure.code.upper(), ()))
        if isinstance(r, Figure) and r.period == figure.period and r.id not in rest.retracted
    ]
    return sorted((r for r in same if rank(r) > rank(figure)), key=rank, reverse=True)


def _retractable(contents: Contents, prefix: str | None) -> Figure:
    """The figure an undo would retract: the one named by an id prefix, else the last one standing."""
    rest = contents.index.rest()
    if prefix is None:
        for offset in reversed(rest.order):
            last = contents.record(offset)
            if isinstance(last, Figure) and last.id not in rest.retracted:
                return last
        raise RecordNotFoundError("error.undo_nothing")
    number = prefix.strip().removeprefix("#")
    if number.isdigit() and len(number) < SHORTEST:  # a v0.1 number, as people still say them
        found = [r for r in contents.records(rest.order) if r.v01_id == int(number)]
    else:
        wanted = typed_prefix(number)
        if wanted is None:
            raise RecordNotFoundError("error.undo_no_record", id=prefix)
        if len(wanted) < SHORTEST:
            raise RecordNotFoundError("error.undo_prefix_short", id=prefix, shortest=SHORTEST)
        found = contents.matching(wanted)
    if not found:
        raise RecordNotFoundError("error.undo_no_record", id=prefix)
    if len(found) > 1:
        raise RecordNotFoundError("error.undo_ambiguous", id=prefix, count=len(found))
    if isinstance(found[0], Retraction):
        raise RecordNotFoundError("error.undo_is_retraction", id=prefix)
    if found[0].id in rest.retracted:
        raise RecordNotFoundError("error.undo_already", id=prefix)
    return found[0]


def _open(stack: ExitStack, path: Path, shared: bool, create: bool) -> int | None:
    """The file opened and locked, or None when it does not exist (and is not to be made).

    A file that was unlinked or replaced while we waited for its lock (a refused first write,
    a `git pull`) is opened again by its name.
    """
    flags = (os.O_RDONLY if shared else os.O_RDWR | os.O_APPEND) | (os.O_CREAT if create else 0)
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
            raise LogError("error.log_unreadable" if shared else "error.log_unwritable", path=path, reason=exc.strerror) from None  # fmt: skip
        stack.callback(os.close, fd)
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise LogError("error.log_is_folder" if stat.S_ISDIR(mode) else "error.log_not_file", path=path)
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink > 0:
            return fd
    raise LogError("error.log_unreadable" if shared else "error.log_unwritable", path=path, reason="busy")


def _read(fd: int, path: Path, mark: int | None = None) -> tuple[bytearray, Any, bytes | None]:
    """The file's bytes; with `mark`, also the SHA-256 of all of them and the digest of the first `mark`.

    Read and hashed a piece at a time, while the piece is fresh in the processor's cache.
    """
    size = os.fstat(fd).st_size
    data = bytearray(size)
    view, at, hashed, proof = memoryview(data), 0, None, None
    if mark is not None:
        from hashlib import sha256  # deferred: start-up (a log too small for a cache is not hashed)

        hashed = sha256()
        proof = hashed.digest() if mark == 0 else None
    try:
        while at < size:
            end = min(size, at + (1 << 18), mark if mark is not None and at < mark else size)
            got = os.preadv(fd, [view[at:end]], at)
            if not got:
                break
            if hashed is not None:
                hashed.update(view[at : at + got])
            at += got
            if hashed is not None and at == mark:
                proof = hashed.digest()
    except OSError as exc:
        raise LogError("error.log_unreadable", path=path, reason=exc.strerror) from None
    finally:
        view.release()
    return data if at == size else data[:at], hashed, proof
