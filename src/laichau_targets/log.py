"""The record log of a data folder: the one object that reads it, appends to it and keeps its state.

The log is `records.jsonl`, one record per line, only ever appended to, so that git's
`union` merge of two clones always gives a valid log. Writers hold an exclusive lock on the
log file itself (so a log reached through a symlink or a hard link from two folders has one
lock), readers a shared one, so that no one sees a line half written. A v0.1 log
(`records.toml`) is read as it is and converted on the first write, kept beside as a backup.
"""

from __future__ import annotations

import fcntl
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from . import cachefile
from .errors import LogError, RecordNotFoundError
from .ids import SHORTEST, new_ids, short_forms, typed_prefix
from .logstate import (
    EMPTY,
    RETRACTED,
    Covered,
    IdIndex,
    LogState,
    NeedsWholeLog,
    decode,
    encode,
    entry_of,
    state_of,
    with_tail,
)
from .periods import Period
from .records import (
    BASIS,
    CODE,
    ID,
    LOG_FILE,
    RETRACTS,
    V01_ID,
    V01_LOG_FILE,
    YEAR,
    CurrentFigures,
    Figure,
    NewFigure,
    Parsed,
    Record,
    Retraction,
    Row,
    check_log,
    current_of_rows,
    figure_of,
    line_of,
    parse_lines,
    parse_v01,
    record_of,
    row_of,
)
from .values import Value

BACKUP_FILE = "records.v0.1.toml"


class Migration(Value):
    """A v0.1 log converted: where from, where to, how many records, and where the old file is kept."""

    def __init__(self, source: Path, target: Path, backup: Path, count: int) -> None:
        self.source = source
        self.target = target
        self.backup = backup
        self.count = count


class Entry(Value):
    """A record of the history, with the first retraction of it (a figure) or the figure it retracts."""

    def __init__(self, record: Record, retracted_by: Retraction | None, retracted: Figure | None) -> None:
        self.record = record
        self.retracted_by = retracted_by
        self.retracted = retracted


class Undone(Value):
    """A retraction as appended, the figure it took back, and each code's current figures after it."""

    def __init__(self, retraction: Retraction, retracted: Figure, current: CurrentFigures) -> None:
        self.retraction = retraction
        self.retracted = retracted
        self.current = current


class RecordLog:
    """A data folder's record log, with its caches: the one way to read it and to add to it."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.path = folder / LOG_FILE
        self.v01_path = folder / V01_LOG_FILE
        self.cache_dir = cache_dir
        self.migrated: Migration | None = None  # set when a write converted a v0.1 log
        self._known: tuple[object, LogState] | None = None

    # reading ---------------------------------------------------------------------------

    def records(self) -> list[Record]:
        """Every distinct record, in the log's order, each with its short id."""
        with self._reading() as files:
            rows, _ = self._rows(files)
        records = [record_of(row) for row in rows]
        shorts = short_forms(sorted(row[ID] for row in rows))
        for record in records:
            record.short = shorts[record.id]
        return records

    def history(self, code: str | None = None, last: int | None = None) -> list[Entry]:
        """The records (of one code, any case), the `last` ones, each with what retracted it or what it retracts."""
        with self._reading() as files:
            rows, state = self._rows(files)
        chosen = [row for row in rows if code is None or row[CODE].upper() == code.upper()]
        if last is not None:
            chosen = chosen[len(chosen) - last :] if last > 0 else []
        wanted = {row[ID] for row in chosen} | {row[RETRACTS] for row in chosen if row[RETRACTS] is not None}
        by: dict[str, Retraction] = {}
        figures: dict[str, Figure] = {}
        for row in rows:
            retracts = row[RETRACTS]
            if retracts is not None and retracts in wanted and retracts not in by:
                retraction = record_of(row)
                assert isinstance(retraction, Retraction)
                by[retracts] = retraction
            elif retracts is None and row[ID] in wanted:
                figures[row[ID]] = figure_of(row)
        entries = []
        for row in chosen:
            record = figures[row[ID]] if row[ID] in figures else record_of(row)
            target = figures.get(record.retracts) if isinstance(record, Retraction) else None
            entries.append(Entry(record, by.get(record.id), target))
        for entry in entries:
            for one in (entry.record, entry.retracted_by, entry.retracted):
                if one is not None:
                    one.short = state.index.short(one.id)
        return entries

    def current_as_of(self, as_of: Period | None) -> CurrentFigures:
        """Each code's current figure per period, of the periods up to `as_of`, with short ids.

        Which figure counts for a code and period never depends on other periods, so these are
        the state's current figures of those periods: no record need be read.
        """
        current = self.state().current
        if as_of is None:
            return current
        return {key: figure for key, figure in current.items() if key[1] <= as_of}

    def state(self) -> LogState:
        """Each code's current figure per year (with short ids), and the ids of the log."""
        with self._reading() as files:
            state = self._state(files)
        _shorten(state)
        return state

    # writing ---------------------------------------------------------------------------

    def append_figures(self, figures: list[NewFigure]) -> list[Figure]:
        """Append figures under one lock with one write; returns them as recorded, in order, with short ids."""
        if not figures:
            return []
        with self._writing(create=True) as files:
            state = self._state(files)
            ids = new_ids(int(max(f.recorded_at for f in figures).timestamp() * 1000), len(figures))
            records: list[Figure] = [
                Figure(i, f.code, f.value, f.period, f.basis, f.recorded_at, f.user, f.source, f.note)
                for i, f in zip(ids, figures, strict=True)
            ]
            data = self._append(files, list(records))
            try:
                if files.migrated:
                    raise NeedsWholeLog
                state = with_tail(state, [_row(r) for r in records], state.covered.extended(data))
                self._keep_state(cachefile.signature_of(os.fstat(files.log_fd)), state)
            except NeedsWholeLog:
                state = self._save_whole(files)
        for figure in records:
            figure.short = state.index.short(figure.id)
        return records

    def retract(self, prefix: str | None, recorded_at: datetime, user: str, note: str | None) -> Undone:
        """Retract the figure whose id starts with `prefix`, or the last one standing."""
        with self._writing(create=False) as files:
            rows, state = self._rows(files)
            target = _retractable(rows, prefix)
            retraction = Retraction(
                new_ids(int(recorded_at.timestamp() * 1000))[0],
                target.code,
                target.id,
                recorded_at,
                user,
                note,
            )
            data = self._append(files, [retraction])
            if files.migrated:
                state = self._save_whole(files)
            else:
                new = _row(retraction)
                rows = _merged(rows, [new])
                entries = {retraction.id: entry_of(new)}
                held = state.index.entry(target.id)
                if held is not None:
                    entries[target.id] = held[0].to_bytes(4, "big") + RETRACTED + held[2]
                covered = state.covered.extended(data)
                current = dict(state.current)
                key = (target.code.upper(), target.period)
                if key in current and current[key].id == target.id:  # the figure before it counts again
                    del current[key]
                    before = _figure_that_counts(rows, key)
                    if before is not None:
                        current[key] = before
                state = LogState(current, state.index.with_entries(entries), covered)
                self._keep_state(cachefile.signature_of(os.fstat(files.log_fd)), state)
                self._add_rows(files.rows_cached, _covered_key(covered), [new], rows)
        _shorten(state)
        retraction.short, target.short = state.index.short(retraction.id), state.index.short(target.id)
        return Undone(retraction, target, state.current)

    def migrate(self) -> Migration | None:
        """Convert a v0.1 log now; None when there is none."""
        if not os.path.lexists(self.v01_path):
            return None  # and no empty log made either
        with self._writing(create=True) as files:
            if files.v01 is None:
                return None
            self._checked(files)
            self._append(files, [])
            self._save_whole(files)
        return self.migrated

    # the files -------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[_Files]:
        with ExitStack() as stack:
            files = _Files()
            files.log = _open(stack, self.path, shared=True, create=False)
            files.v01 = _open(stack, self.v01_path, shared=True, create=False)
            yield files

    @contextmanager
    def _writing(self, create: bool) -> Iterator[_Files]:
        if not self.path.exists() and os.path.lexists(self.v01_path):
            with self._reading() as files:  # a damaged v0.1 log is reported before anything is made
                self._checked(files)
            create = True
        made = create and not os.path.lexists(self.path)
        with ExitStack() as stack:
            files = _Files()
            files.log = _open(stack, self.path, shared=False, create=create)
            files.v01 = _open(stack, self.v01_path, shared=False, create=False)
            try:
                yield files
            except BaseException:
                if (
                    made and files.log is not None and os.fstat(files.log).st_size == 0
                ):  # refused: no empty log
                    os.unlink(self.path)  # under our lock; a writer waiting on it opens the path again
                raise

    def _checked(self, files: _Files) -> list[Row]:
        """Every distinct record of the log (and of a v0.1 log beside it) as rows, checked as a whole."""
        data = _read_all(files.log, self.path) if files.log is not None else b""
        from .heap import collector_paused  # deferred: start-up (only a whole read needs it)

        with collector_paused():
            parsed = parse_lines(data, self.path)
            if files.v01 is None:
                return check_log(parsed, self.path)
            old = files.v01_rows = parse_v01(_read_all(files.v01, self.v01_path), self.v01_path)
            return check_log(Parsed(old + parsed.rows, [0] * len(old) + parsed.lines), self.path)

    def _rows(self, files: _Files) -> tuple[list[Row], LogState]:
        """Every distinct record as a row, in the log's order, and the state; from the caches when they prove it."""
        state = self._state(files)
        key = _covered_key(state.covered)
        if files.whole is not None:
            self._write_cache("records", key, files.whole)
            files.rows_cached = _CachedRows(key, files.whole, 0, 0)
            return files.whole, state
        if files.v01 is not None or files.log is None:
            return self._checked(files), state
        cached = self._cached_rows()
        if cached is not None and cached.key == key:
            files.rows_cached = cached
            return cached.rows, state
        data = _read_all(files.log, self.path)
        if cached is not None:
            new = self._new_rows(cached.key, cached.rows, data)
            if new is not None:
                rows = _merged(cached.rows, new)
                files.rows_cached = self._add_rows(cached, key, new, rows)
                return rows, state
        from .heap import collector_paused  # deferred: start-up (only a whole read needs it)

        with collector_paused():
            rows = check_log(parse_lines(data, self.path), self.path)
        self._write_cache("records", key, rows)
        files.rows_cached = _CachedRows(key, rows, 0, 0)
        return rows, state

    def _new_rows(self, covered: Any, rows: list[Row], data: bytes) -> list[Row] | None:
        """The rows of the lines added after the part `rows` describe (which the state has checked)."""
        try:
            old = Covered(*covered)
        except TypeError:
            return None
        if len(data) < old.length or EMPTY.extended(data[: old.length]) != old:
            return None
        tail = parse_lines(data[old.length :], self.path, first_line=old.lines + 1)
        known = {row[ID] for row in rows}
        return sorted({row[ID]: row for row in tail.rows if row[ID] not in known}.values())

    def _cached_rows(self) -> _CachedRows | None:
        """The cache of rows with what was added to it, and the part of the log they describe."""
        if self.cache_dir is None:
            return None
        found = cachefile.read_added(cachefile.cache_path(self.cache_dir, "records", self.path))
        if found is None or not isinstance(found[1], list):
            return None
        key, rows, additions = found
        new: list[Row] = []
        for addition in additions:  # each (from, to, rows): applies only to the rows it was made for
            if (
                isinstance(addition, tuple)
                and len(addition) == 3
                and addition[0] == key
                and isinstance(addition[2], list)
            ):
                new += addition[2]
                key = addition[1]
        return _CachedRows(key, _merged(rows, sorted(new)), len(new), len(additions))

    def _add_rows(
        self, cached: _CachedRows | None, key: object, new: list[Row], rows: list[Row]
    ) -> _CachedRows:
        """Record in the cache that `new` takes the rows `cached` holds to `rows`, for the log up to `key`.

        New rows go in a block appended to the cache; once the blocks are many, or hold many
        rows, the cache is written anew.
        """
        path = cachefile.cache_path(self.cache_dir, "records", self.path) if self.cache_dir else None
        if path is None or cached is None:
            self._write_cache("records", key, rows)
            return _CachedRows(key, rows, 0, 0)
        added = cached.added + len(new)
        if added > max(1000, len(rows) // 10) or cached.blocks >= 100:
            self._write_cache("records", key, rows)
            return _CachedRows(key, rows, 0, 0)
        cachefile.add(path, (cached.key, key, new))
        return _CachedRows(key, rows, added, cached.blocks + 1)

    def _state(self, files: _Files) -> LogState:
        """The state, from the cache when it proves it describes the log, else from the new lines, else whole."""
        if files.v01 is not None:  # a v0.1 log is read whole until it is converted
            return self._legacy_state(files)
        if files.log is None:
            return LogState({}, IdIndex(), EMPTY)
        signature = cachefile.signature_of(os.fstat(files.log))
        if self._known is not None and self._known[0] == signature:
            return self._known[1]  # this process wrote or read the log as it is
        cached = self._cached("log")
        if cached is not None and cached[0] == signature:
            state = decode(cached[1])
            if state is not None:
                self._known = (signature, state)
                return state
        data = _read_all(files.log, self.path)
        state = self._grown(decode(cached[1]) if cached is not None else None, data)
        if state is None:
            files.whole, state = _whole(data, self.path)
        self._keep_state(signature, state)
        return state

    def _grown(self, old: LogState | None, data: bytes) -> LogState | None:
        """The state from `old` and the lines added after the part it describes, if lines were only added."""
        if old is None:
            return None
        c = old.covered
        if len(data) < c.length or (c.length and data[c.length - 1 : c.length] != b"\n"):
            return None
        if EMPTY.extended(data[: c.length]) != c:
            return None
        tail = data[c.length :]
        try:
            return with_tail(old, parse_lines(tail, self.path, first_line=c.lines + 1).rows, c.extended(tail))
        except (NeedsWholeLog, LogError):
            return None  # the whole log is read, and says what is wrong with its line

    def _legacy_state(self, files: _Files) -> LogState:
        signature = [
            cachefile.signature_of(os.fstat(fd)) if fd is not None else None for fd in (files.log, files.v01)
        ]
        cached = self._cached("log")
        if cached is not None and cached[0] == signature:
            state = decode(cached[1])
            if state is not None:
                return state
        state = state_of(self._checked(files), EMPTY)
        self._keep_state(signature, state)
        return state

    def _append(self, files: _Files, records: list[Record]) -> bytes:
        """One write at the end of the log, flushed to disk; on any failure the file is cut back.

        With a v0.1 log beside it, its records that the log lacks are written first, in the
        same write, and the old file is then kept under another name.
        """
        fd = files.log_fd
        size = os.fstat(fd).st_size
        old: list[Record] = []
        if files.v01 is not None:
            if files.v01_rows is None:
                self._checked(files)
            present = {row[ID] for row in parse_lines(_read_all(fd, self.path), self.path).rows}
            old = [record_of(row) for row in files.v01_rows or [] if row[ID] not in present]
        data = b"".join(line_of(r) for r in old + records)
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data  # a last line without its newline, from an editor
        try:
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)
        except BaseException as exc:
            os.ftruncate(fd, size)
            if isinstance(exc, OSError):
                raise LogError("error.log_unwritable", path=self.path, reason=exc.strerror) from None
            raise
        if files.v01 is not None:
            self._keep_v01(len(files.v01_rows or []))
            files.migrated = True
        return data

    def _keep_v01(self, count: int) -> None:
        """The converted v0.1 log, renamed beside the new one; the caller still holds its lock."""
        backup = self.path.with_name(BACKUP_FILE)
        n = 1
        while os.path.lexists(backup):
            n += 1
            backup = self.path.with_name(f"records.v0.1-{n}.toml")
        try:
            os.rename(self.v01_path, backup)
        except OSError as exc:  # the next write tries again; both files read as one log meanwhile
            raise LogError("error.log_unwritable", path=self.v01_path, reason=exc.strerror) from None
        self.migrated = Migration(self.v01_path, self.path, backup, count)

    def _save_whole(self, files: _Files) -> LogState:
        """The state of the log as it is now, read whole, and cached with its rows."""
        fd = files.log_fd
        data = _read_all(fd, self.path)
        rows, state = _whole(data, self.path)
        self._keep_state(cachefile.signature_of(os.fstat(fd)), state)
        self._write_cache("records", _covered_key(state.covered), rows)
        return state

    def _keep_state(self, signature: object, state: LogState) -> None:
        """Cache the state for the log with that signature, and keep it at hand for this process."""
        self._known = (signature, state)
        self._write_cache("log", signature, encode(state))

    def _cached(self, kind: str) -> tuple[Any, Any] | None:
        if self.cache_dir is None:
            return None
        return cachefile.read_any(cachefile.cache_path(self.cache_dir, kind, self.path))

    def _write_cache(self, kind: str, source: object, data: object) -> None:
        """`log`: the state, for the log's signature; `records`: the rows, for the part of the log they cover."""
        if self.cache_dir is not None:
            where = cachefile.cache_path(self.cache_dir, kind, self.path)
            cachefile.write(where, source, data, owner_only=cachefile.owner_only(self.path))


def _whole(data: bytes, path: Path) -> tuple[list[Row], LogState]:
    """Every row of a log read whole, checked as a whole, and their state."""
    from .heap import collector_paused  # deferred: start-up (only a whole read needs it)

    with collector_paused():
        rows = check_log(parse_lines(data, path), path)
        return rows, state_of(rows, EMPTY.extended(data))


def _row(record: Record) -> Row:
    """A record about to be written, as a row with the checksum of its line."""
    return row_of(record, zlib.crc32(line_of(record).strip()))


def _shorten(state: LogState) -> None:
    for figure in state.current.values():
        figure.short = state.index.short(figure.id)


class _CachedRows:
    """The rows the cache holds, the part of the log they describe, and how much was added to it."""

    __slots__ = ("added", "blocks", "key", "rows")  # a plain class: a dataclass costs start-up time

    def __init__(self, key: object, rows: list[Row], added: int, blocks: int) -> None:
        self.key = key
        self.rows = rows
        self.added = added  # rows in the blocks added since it was written
        self.blocks = blocks


def _merged(rows: list[Row], new: list[Row]) -> list[Row]:
    """Rows in the log's order with new (sorted, distinct) ones added."""
    if not new or not rows or new[0] > rows[-1]:
        return [*rows, *new]  # lines appended in time order, as a pull and an undo usually bring them
    return sorted([*rows, *new])


class _Files:
    """The open, locked files of one reading or writing."""

    def __init__(self) -> None:
        self.log: int | None = None
        self.v01: int | None = None
        self.v01_rows: list[Row] | None = None
        self.migrated = False
        self.whole: list[Row] | None = None  # the log's rows, when it had to be read whole
        self.rows_cached: _CachedRows | None = None  # what the cache of rows holds, once read

    @property
    def log_fd(self) -> int:
        if self.log is None:
            raise LogError("error.log_unwritable", path=LOG_FILE, reason=os.strerror(2))
        return self.log


def _open(stack: ExitStack, path: Path, shared: bool, create: bool) -> int | None:
    """The file opened and locked, or None when it does not exist (and is not to be made).

    A file that was unlinked or replaced while we waited for its lock (a refused first
    write, a `git pull`) is opened again by its name.
    """
    for _ in range(100):
        fd = _open_once(stack, path, shared, create)
        if fd is None or os.fstat(fd).st_nlink > 0:
            return fd
    raise LogError("error.log_unreadable" if shared else "error.log_unwritable", path=path, reason="busy")


def _open_once(stack: ExitStack, path: Path, shared: bool, create: bool) -> int | None:
    flags = os.O_RDONLY if shared else os.O_RDWR | os.O_APPEND
    if create:
        flags |= os.O_CREAT
    try:
        fd = os.open(path, flags | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
    except FileNotFoundError:
        if create:
            raise LogError("error.log_unwritable", path=path, reason=os.strerror(2)) from None
        return None
    except IsADirectoryError:
        raise LogError("error.log_is_folder", path=path) from None
    except OSError as exc:
        key = "error.log_unreadable" if shared else "error.log_unwritable"
        raise LogError(key, path=path, reason=exc.strerror) from None
    stack.callback(os.close, fd)
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        raise LogError("error.log_is_folder", path=path)
    if not stat.S_ISREG(mode):
        raise LogError("error.log_not_file", path=path)
    fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
    return fd


def _read_all(fd: int, path: Path) -> bytes:
    size = os.fstat(fd).st_size
    try:
        chunks = []
        offset = 0
        while True:
            chunk = os.pread(fd, max(size - offset, 1 << 16), offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
    except OSError as exc:
        raise LogError("error.log_unreadable", path=path, reason=exc.strerror) from None
    return b"".join(chunks)


def _retractable(rows: list[Row], prefix: str | None) -> Figure:
    """The figure an undo would retract: the one named by an id prefix, else the last one standing."""
    gone = set(map(itemgetter(RETRACTS), rows))
    if prefix is None:
        last = next((row for row in reversed(rows) if row[RETRACTS] is None and row[ID] not in gone), None)
        if last is None:
            raise RecordNotFoundError("error.undo_nothing")
        found = [last]
    else:
        number = prefix.strip().removeprefix("#")
        if number.isdigit() and len(number) < SHORTEST:  # a v0.1 number, as people still say them
            found = [row for row in rows if row[V01_ID] == int(number)]
        else:
            wanted = typed_prefix(number)
            if wanted is None:
                raise RecordNotFoundError("error.undo_no_record", id=prefix)
            if len(wanted) < SHORTEST:
                raise RecordNotFoundError("error.undo_prefix_short", id=prefix, shortest=SHORTEST)
            found = [row for row in rows if row[ID].startswith(wanted)]
        if not found:
            raise RecordNotFoundError("error.undo_no_record", id=prefix)
        if len(found) > 1:
            raise RecordNotFoundError("error.undo_ambiguous", id=prefix, count=len(found))
    row = found[0]
    if row[RETRACTS] is not None:
        raise RecordNotFoundError("error.undo_is_retraction", id=prefix)
    if row[ID] in gone:
        raise RecordNotFoundError("error.undo_already", id=prefix)
    return figure_of(row)


def _figure_that_counts(rows: list[Row], key: tuple[str, Period]) -> Figure | None:
    """The current figure of a code (in capitals) and period, from the rows of the log."""
    code, period = key
    spellings = {one for one in set(map(itemgetter(CODE), rows)) if one.upper() == code}
    wanted = (period.year, period.months)
    same = [
        row
        for row in compress(rows, map(spellings.__contains__, map(itemgetter(CODE), rows)))
        if row[RETRACTS] is not None or row[YEAR:BASIS] == wanted
    ]
    return current_of_rows(same).get(key)


def _covered_key(covered: Covered) -> tuple[int, int, int, int]:
    return (covered.length, covered.lines, covered.crc, covered.adler)
