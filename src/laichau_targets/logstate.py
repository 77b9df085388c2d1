"""What `show` and `record` need from the log, kept so that a log of any size stays fast.

The state is each code's current figure per year, and an index of every id in the log
(with a checksum of its line, what kind of record it is and a checksum of its code), and
the length and checksum of the part of the log it describes. It is cached (cachefile.py);
when the log has only grown since (an append by another program, a `git pull`), the new
lines alone are read and checked against the index, and anything the new lines cannot
settle on their own (a retraction of a current figure, an id already used) sends the
reader back to the whole log.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from .ids import ID_LENGTH, SHORTEST, common_prefix
from .periods import Period
from .records import (
    BASES,
    CurrentFigures,
    Figure,
    Parsed,
    Record,
    Retraction,
    current_figures,
    retraction_problem,
    with_figure,
)

FIGURE, RETRACTED, RETRACTION = b"F", b"X", b"R"
_ENTRY = ID_LENGTH + 4 + 1 + 4  # id, checksum of its line, kind, checksum of its code


_CODE_CHECKSUMS: dict[str, bytes] = {}


def code_checksum(code: str) -> bytes:
    found = _CODE_CHECKSUMS.get(code)
    if found is None:
        found = _CODE_CHECKSUMS[code] = zlib.crc32(code.upper().encode("utf-8")).to_bytes(4, "big")
    return found


class IdIndex:
    """Every id of the log in sorted order, as one block of fixed-width entries."""

    def __init__(self, blob: bytes = b"") -> None:
        if len(blob) % _ENTRY:
            raise ValueError("not an index")
        self.blob = blob

    def __len__(self) -> int:
        return len(self.blob) // _ENTRY

    def _id_at(self, n: int) -> bytes:
        return self.blob[n * _ENTRY : n * _ENTRY + ID_LENGTH]

    def _position(self, key: bytes) -> int:
        """Where `key` is or would go."""
        lo, hi = 0, len(self)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._id_at(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def entry(self, record_id: str) -> tuple[int, bytes, bytes] | None:
        """(line checksum, kind, code checksum) of an id in the log."""
        key = record_id.encode("ascii")
        n = self._position(key)
        if n < len(self) and self._id_at(n) == key:
            start = n * _ENTRY + ID_LENGTH
            raw = self.blob[start : start + 9]
            return int.from_bytes(raw[:4], "big"), raw[4:5], raw[5:9]
        return None

    def matching(self, prefix: str, limit: int = 2) -> list[str]:
        """Up to `limit` ids that start with `prefix`."""
        key = prefix.encode("ascii")
        n = self._position(key)
        found: list[str] = []
        while n < len(self) and len(found) < limit and self._id_at(n).startswith(key):
            found.append(self._id_at(n).decode("ascii"))
            n += 1
        return found

    def short(self, record_id: str) -> str:
        """The shortest prefix of the id that no other id of the log shares (at least 6 characters)."""
        key = record_id.encode("ascii")
        n = self._position(key)
        longest = 0
        for other in (n - 1, n + 1 if n < len(self) and self._id_at(n) == key else n):
            if 0 <= other < len(self):
                longest = max(longest, common_prefix(record_id, self._id_at(other).decode("ascii")))
        return record_id[: max(SHORTEST, longest + 1)]

    def with_entries(self, entries: dict[str, bytes]) -> IdIndex:
        """A new index with these entries (id -> the rest of the entry) added or replaced."""
        if not self.blob:
            return IdIndex(b"".join(key.encode("ascii") + entries[key] for key in sorted(entries)))
        parts = []
        start = 0
        for record_id in sorted(entries):
            key = record_id.encode("ascii")
            n = self._position(key)
            parts.append(self.blob[start : n * _ENTRY])
            parts.append(key + entries[record_id])
            start = n * _ENTRY + (_ENTRY if n < len(self) and self._id_at(n) == key else 0)
        parts.append(self.blob[start:])
        return IdIndex(b"".join(parts))


def entry_of(record: Record, line_checksum: int, retracted: bool = False) -> bytes:
    if isinstance(record, Retraction):
        kind = RETRACTION
    else:
        kind = RETRACTED if retracted else FIGURE
    return line_checksum.to_bytes(4, "big") + kind + code_checksum(record.code)


@dataclass
class Covered:
    """The part of the log a state describes: its length, line count and checksums."""

    length: int
    lines: int
    crc: int
    adler: int

    def extended(self, data: bytes) -> Covered:
        return Covered(
            self.length + len(data),
            self.lines + data.count(b"\n"),
            zlib.crc32(data, self.crc),
            zlib.adler32(data, self.adler),
        )


EMPTY = Covered(0, 0, 0, 1)


@dataclass
class LogState:
    """Each code's current figure per year, the ids of the log, and what part of the file that is."""

    current: CurrentFigures
    index: IdIndex
    covered: Covered


class NeedsWholeLog(Exception):
    """New lines that only a reading of the whole log can judge."""


def state_of(records: list[Record], parsed: Parsed, covered: Covered) -> LogState:
    """The state of a whole log: `records` checked and distinct, `parsed` as read (for the checksums)."""
    checksums = {r.id: c for r, c in zip(parsed.records, parsed.checksums, strict=True)}
    gone = {r.retracts for r in records if isinstance(r, Retraction)}
    entries = {r.id: entry_of(r, checksums.get(r.id, 0), r.id in gone) for r in records}
    return LogState(current_figures(records), IdIndex().with_entries(entries), covered)


def with_tail(state: LogState, tail: Parsed, covered: Covered) -> LogState:
    """The state once the new lines of `tail` are added; NeedsWholeLog when they cannot be judged alone."""
    new: dict[str, Record] = {}
    checksums: dict[str, int] = {}
    for record, checksum in zip(tail.records, tail.checksums, strict=True):
        held = state.index.entry(record.id)
        if held is not None:
            if held[0] != checksum:
                raise NeedsWholeLog  # one id, two lines: the same record written twice, or damage
            continue
        if record.id in new and new[record.id] != record:
            raise NeedsWholeLog
        new[record.id] = record
        checksums[record.id] = checksum
    current = dict(state.current)
    current_ids = {figure.id for figure in current.values()}
    entries: dict[str, bytes] = {}
    gone: set[str] = set()
    for record in new.values():
        if not isinstance(record, Retraction):
            continue
        target = new.get(record.retracts)
        if target is None:
            held = state.index.entry(record.retracts)
            if held is None or held[1] == RETRACTION or held[2] != code_checksum(record.code):
                raise NeedsWholeLog  # damage: the whole log says which line
            if record.retracts in current_ids:
                raise NeedsWholeLog  # the figure before it is needed
            entries[record.retracts] = held[0].to_bytes(4, "big") + RETRACTED + held[2]
        elif retraction_problem(record, target) is not None:
            raise NeedsWholeLog
        gone.add(record.retracts)
    for record in new.values():
        entries[record.id] = entry_of(record, checksums[record.id], record.id in gone)
        if isinstance(record, Figure) and record.id not in gone:
            with_figure(current, record)
    return LogState(current, state.index.with_entries(entries), covered)


def encode(state: LogState) -> dict[str, Any]:
    rows = [
        (
            f.id,
            f.code,
            str(f.value),
            f.period.year,
            f.period.months,
            f.basis,
            f.recorded_at.isoformat(),
            f.user,
            f.source,
            f.note,
            f.v01_id,
        )
        for f in state.current.values()
    ]
    c = state.covered
    return {"covered": (c.length, c.lines, c.crc, c.adler), "index": state.index.blob, "current": rows}


def decode(data: Any) -> LogState | None:
    """The state a cache holds, or None if it does not hold one (a cache from elsewhere)."""
    try:
        current: CurrentFigures = {}
        for row in data["current"]:
            record_id, code, value, year, months, basis, at, user, source, note, v01_id = row
            figure = Figure(
                record_id,
                code,
                Decimal(value),
                Period(year, months),
                basis,
                datetime.fromisoformat(at),
                user,
                source,
                note,
                v01_id,
            )
            with_figure(current, figure)
        length, lines, crc, adler = data["covered"]
        return LogState(current, IdIndex(data["index"]), Covered(length, lines, crc, adler))
    except Exception:  # a cache that does not decode is as good as none, whatever is wrong with it
        return None


# The records themselves, as rows a cache can hold -------------------------------------------

# (microseconds since 1970, id, code, value, year, months, basis, recorded_at, user, source,
#  note, v01_id, retracts, checksum of the line): a figure has no `retracts`, a retraction no
# value, period or basis. The first two give the log's order.
Row = tuple[
    int, str, str, str | None, int, int, str, str, str, str | None, str | None, int | None, str | None, int
]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def row_of(record: Record, checksum: int) -> Row:
    at = (record.recorded_at - _EPOCH) // _MICROSECOND
    iso = record.recorded_at.isoformat()
    if isinstance(record, Retraction):
        return (
            at,
            record.id,
            record.code,
            None,
            0,
            0,
            "",
            iso,
            record.user,
            None,
            record.note,
            record.v01_id,
            record.retracts,
            checksum,
        )
    p = record.period
    return (
        at,
        record.id,
        record.code,
        str(record.value),
        p.year,
        p.months,
        record.basis,
        iso,
        record.user,
        record.source,
        record.note,
        record.v01_id,
        None,
        checksum,
    )


def record_of(row: Row) -> Record:
    _, record_id, code, value, year, months, basis, at, user, source, note, v01_id, retracts, _ = row
    recorded_at = datetime.fromisoformat(at)
    if retracts is not None:
        return Retraction(record_id, code, retracts, recorded_at, user, note, v01_id)
    assert value is not None and basis in BASES  # a row is only ever made from a checked record
    return Figure(
        record_id, code, Decimal(value), Period(year, months), basis, recorded_at, user, source, note, v01_id
    )


def current_of_rows(rows: list[Row], as_of: Period | None = None) -> CurrentFigures:
    """Each code's current figure per year from rows, as current_figures does from records."""
    gone = {row[12] for row in rows if row[12] is not None}
    best: dict[tuple[str, int], tuple[tuple[int, bool, int, str], Row]] = {}
    for row in rows:
        if row[12] is not None or row[1] in gone:
            continue
        if as_of is not None and (row[4], row[5]) > (as_of.year, as_of.months):
            continue
        key = (row[2].upper(), row[4])
        rank = (row[5], row[6] == "official", row[0], row[1])
        held = best.get(key)
        if held is None or rank > held[0]:
            best[key] = (rank, row)
    current: CurrentFigures = {}
    for key, (_, row) in best.items():
        figure = record_of(row)
        assert isinstance(figure, Figure)
        current[key] = figure
    return current
