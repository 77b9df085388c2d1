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

import sys
import zlib
from array import array
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

from .ids import ID_LENGTH, SHORTEST, common_prefix
from .periods import Period
from .records import (
    CHECKSUM,
    CODE,
    ID,
    RETRACTS,
    CurrentFigures,
    Figure,
    Row,
    current_of_rows,
    outranks,
    retraction_problem,
    row_of,
)
from .values import Value

FIGURE, RETRACTED, RETRACTION = b"F", b"X", b"R"
_WIDTHS = (ID_LENGTH, 4, 1, 4)  # the index's columns: id, checksum of its line, kind, checksum of its code
_ENTRY = sum(_WIDTHS)


_CODE_CHECKSUMS: dict[str, bytes] = {}


def code_checksum(code: str) -> bytes:
    found = _CODE_CHECKSUMS.get(code)
    if found is None:
        found = _CODE_CHECKSUMS[code] = zlib.crc32(code.upper().encode("utf-8")).to_bytes(4, "big")
    return found


class IdIndex:
    """Every id of the log in sorted order, with what it is: one block of four columns of fixed
    width, the ids, the checksums of their lines, their kinds and the checksums of their codes.

    Columns, not entries, so that a whole log's index is made from four joins and two arrays.
    """

    def __init__(self, blob: bytes = b"") -> None:
        if len(blob) % _ENTRY:
            raise ValueError("not an index")
        self.blob = blob
        self._count = len(blob) // _ENTRY

    @classmethod
    def of(cls, ids: list[str], checksums: Iterable[int], kinds: bytes, codes: Iterable[int]) -> IdIndex:
        """The index of these ids (sorted, distinct), their lines' checksums, kinds and codes' checksums."""
        columns = [array("I", checksums), array("I", codes)]  # "I" is 4 bytes wide wherever Python runs
        if sys.byteorder == "little":
            for column in columns:
                column.byteswap()
        return cls(
            b"".join(("".join(ids).encode("ascii"), columns[0].tobytes(), kinds, columns[1].tobytes()))
        )

    def __len__(self) -> int:
        return self._count

    def ids(self) -> list[str]:
        text = self.blob[: self._count * ID_LENGTH].decode("ascii")
        return [text[n : n + ID_LENGTH] for n in range(0, len(text), ID_LENGTH)]

    def _id_at(self, n: int) -> bytes:
        return self.blob[n * ID_LENGTH : (n + 1) * ID_LENGTH]

    def _columns(self) -> list[memoryview]:
        whole, columns, start = memoryview(self.blob), [], 0
        for width in _WIDTHS:
            columns.append(whole[start : start + width * self._count])
            start += width * self._count
        return columns

    def _position(self, key: bytes) -> int:
        """Where `key` is or would go."""
        lo, hi = 0, self._count
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
        if n < self._count and self._id_at(n) == key:
            _, checksums, kinds, codes = self._columns()
            return (
                int.from_bytes(checksums[n * 4 : n * 4 + 4], "big"),
                bytes(kinds[n : n + 1]),
                bytes(codes[n * 4 : n * 4 + 4]),
            )
        return None

    def matching(self, prefix: str, limit: int = 2) -> list[str]:
        """Up to `limit` ids that start with `prefix`."""
        key = prefix.encode("ascii")
        n = self._position(key)
        found: list[str] = []
        while n < self._count and len(found) < limit and self._id_at(n).startswith(key):
            found.append(self._id_at(n).decode("ascii"))
            n += 1
        return found

    def short(self, record_id: str) -> str:
        """The shortest prefix of the id that no other id of the log shares (at least 6 characters)."""
        key = record_id.encode("ascii")
        n = self._position(key)
        longest = 0
        for other in (n - 1, n + 1 if n < self._count and self._id_at(n) == key else n):
            if 0 <= other < self._count:
                longest = max(longest, common_prefix(record_id, self._id_at(other).decode("ascii")))
        return record_id[: max(SHORTEST, longest + 1)]

    def with_entries(self, entries: dict[str, bytes]) -> IdIndex:
        """A new index with these entries (id -> the rest of the entry, as entry_of makes it) added or replaced."""
        columns = self._columns()
        parts: list[list[bytes | memoryview]] = [[], [], [], []]
        start = 0
        for record_id in sorted(entries):
            key, rest = record_id.encode("ascii"), entries[record_id]
            n = self._position(key)
            for part, column, width, piece in zip(
                parts, columns, _WIDTHS, (key, rest[:4], rest[4:5], rest[5:]), strict=True
            ):
                part += (column[start * width : n * width], piece)
            start = n + (n < self._count and self._id_at(n) == key)
        for part, column, width in zip(parts, columns, _WIDTHS, strict=True):
            part.append(column[start * width :])
        return IdIndex(b"".join(b"".join(part) for part in parts))


def entry_of(row: Row, retracted: bool = False) -> bytes:
    if row[RETRACTS] is not None:
        kind = RETRACTION
    else:
        kind = RETRACTED if retracted else FIGURE
    return row[CHECKSUM].to_bytes(4, "big") + kind + code_checksum(row[CODE])


class Covered(Value):
    """The part of the log a state describes: its length, line count and checksums."""

    def __init__(self, length: int, lines: int, crc: int, adler: int) -> None:
        self.length = length
        self.lines = lines
        self.crc = crc
        self.adler = adler

    def extended(self, data: bytes) -> Covered:
        return Covered(
            self.length + len(data),
            self.lines + data.count(b"\n"),
            zlib.crc32(data, self.crc),
            zlib.adler32(data, self.adler),
        )


EMPTY = Covered(0, 0, 0, 1)


class LogState(Value):
    """Each code's current figure per year, the ids of the log, and what part of the file that is."""

    def __init__(self, current: CurrentFigures, index: IdIndex, covered: Covered) -> None:
        self.current = current
        self.index = index
        self.covered = covered


class NeedsWholeLog(Exception):
    """New lines that only a reading of the whole log can judge."""


def state_of(rows: list[Row], covered: Covered) -> LogState:
    """The state of a whole log from its checked, distinct rows."""
    by_id = sorted(rows, key=itemgetter(ID))
    retracts = list(map(itemgetter(RETRACTS), by_id))
    gone = set(retracts)
    gone.discard(None)
    ids = list(map(itemgetter(ID), by_id))
    if gone or retracts.count(None) != len(retracts):
        kinds = b"".join(
            [
                RETRACTION if retracted is not None else RETRACTED if one in gone else FIGURE
                for one, retracted in zip(ids, retracts, strict=True)
            ]
        )
    else:
        kinds = FIGURE * len(ids)
    codes = list(map(itemgetter(CODE), by_id))
    checksums = {code: int.from_bytes(code_checksum(code), "big") for code in set(codes)}
    index = IdIndex.of(ids, map(itemgetter(CHECKSUM), by_id), kinds, map(checksums.__getitem__, codes))
    return LogState(current_of_rows(rows, ordered=True), index, covered)


def with_tail(state: LogState, tail: list[Row], covered: Covered) -> LogState:
    """The state once the new rows of `tail` are added; NeedsWholeLog when they cannot be judged alone."""
    new: dict[str, Row] = {}
    for row in tail:
        held = state.index.entry(row[ID])
        if held is not None:
            if held[0] != row[CHECKSUM]:
                raise NeedsWholeLog  # one id, two lines: the same record written twice, or damage
            continue
        if row[ID] in new and new[row[ID]][:CHECKSUM] != row[:CHECKSUM]:
            raise NeedsWholeLog
        new[row[ID]] = row
    current_ids = {figure.id for figure in state.current.values()}
    entries: dict[str, bytes] = {}
    gone: set[str] = set()
    for row in new.values():
        retracts = row[RETRACTS]
        if retracts is None:
            continue
        target = new.get(retracts)
        if target is None:
            held = state.index.entry(retracts)
            if held is None or held[1] == RETRACTION or held[2] != code_checksum(row[CODE]):
                raise NeedsWholeLog  # damage: the whole log says which line
            if retracts in current_ids:
                raise NeedsWholeLog  # the figure before it is needed
            entries[retracts] = held[0].to_bytes(4, "big") + RETRACTED + held[2]
        elif retraction_problem(row, target) is not None:
            raise NeedsWholeLog
        gone.add(retracts)
    current = dict(state.current)
    standing = [row for row in new.values() if row[RETRACTS] is None and row[ID] not in gone]
    for key, figure in current_of_rows(standing).items():
        held_figure = current.get(key)
        if held_figure is None or outranks(row_of(figure), row_of(held_figure)):
            current[key] = figure
    for row in new.values():
        entries[row[ID]] = entry_of(row, row[ID] in gone)
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
            current[(code.upper(), figure.period)] = figure
        length, lines, crc, adler = data["covered"]
        return LogState(current, IdIndex(data["index"]), Covered(length, lines, crc, adler))
    except Exception:  # a cache that does not decode is as good as none, whatever is wrong with it
        return None
