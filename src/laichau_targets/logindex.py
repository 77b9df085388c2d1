"""The record log read: its lines checked into records, and the index of where they stand.

`read_whole()` reads a log's bytes whole and checks them as a whole (docs/LOG-FORMAT.md says what is
damage, what is a torn tail); `extended()` adds the lines appended since an index was made. A
`Contents` answers from the index, decoding only the lines it needs. Files and locks are log.py's.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from . import records as r
from .cache import Cached, rest_of
from .errors import LogError, PeriodError
from .ids import short_form
from .records import CurrentFigures, Damage, Figure, Record, Retraction, damaged
from .values import Value

Data = bytes | bytearray


class Entry(Value):
    """A record of the history, with the first retraction of it (a figure) or the figure it retracts."""

    def __init__(self, record: Record, retracted_by: Retraction | None, retracted: Figure | None) -> None:
        self.record, self.retracted_by, self.retracted = record, retracted_by, retracted


class Rest:
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
        self._rest: Rest | Cached | None = None
        self._seen: dict[str, Any] = {}

    def rest(self) -> Rest:
        if isinstance(self._rest, Cached):
            try:
                self._rest = Rest(*rest_of(self._rest))
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


class Parsed:
    """Records with their lines' offsets and numbers, the count before a torn tail, where it begins."""

    def __init__(self, complete: int) -> None:
        self.records: list[Record] = []
        self.offsets: list[int] = []
        self.lines: list[int] = []
        self.complete, self.counted, self.format = complete, 0, 0


def parse(data: Data, path: Path, first_line: int = 1, start: int = 0) -> Parsed:
    """The records of `data` (the log's bytes from `start`), every line checked; a last line cut short
    and the lines of a batch not written whole at the end are the torn tail, which does not count."""
    import json

    raw: Sequence[Data] = data.split(b"\n")
    starts = list(accumulate(map(len, raw), lambda at, n: at + n + 1, initial=start))
    try:  # decoded as text all at once, which is quicker; else line by line, to name the line
        lines: Sequence[Data | str] = bytes(data).decode("utf-8").split("\n")
    except UnicodeDecodeError:
        lines = raw
    found, seen = Parsed(start + len(data)), dict[str, Any]()
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


def _torn_batches(parsed: Parsed, path: Path) -> int:
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


def read_whole(data: Data, path: Path, first_line: int = 1, shift: int = 0) -> Contents:
    """The log read whole, checked as a whole, and indexed."""
    collecting = gc.isenabled()
    gc.disable()  # many objects holding no cycles: the collector would walk them again and again
    try:
        parsed = parse(data, path, first_line)
        found = _distinct(parsed, path)
        offset_of = {record.id: offset for record, offset in found}
        rest = Rest(sorted(offset_of), [], [offset for _, offset in found], {}, {})
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


def _distinct(parsed: Parsed, path: Path) -> list[tuple[Record, int]]:
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
            retraction_problem(one, by_id.get(one.retracts, (None,))[0])
            if isinstance(one, Retraction)
            else None
        )
        if problem is not None:
            raise damaged(path, line, problem)
    return sorted(((one, offset) for one, offset, _ in by_id.values()), key=lambda pair: r.log_order(pair[0]))


def _unbatched(record: Record) -> bytes:
    """A record's line but its batch: two lines with one id are one record when these are the same."""
    return r.line_of(record._replace(batch=None, batch_size=None))


def retraction_problem(retraction: Retraction, target: Record | None) -> Damage | None:
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


def extended(contents: Contents, path: Path, added: Data) -> Contents | None:
    """The contents with lines `added` after those indexed, when they settle on their own; else None."""
    if not added:
        return contents
    try:
        tail = parse(added, path, 0, contents.length)
    except LogError:  # damage, or a batch that only the whole log shows whole: the whole log says
        return None
    if len({one.id for one in tail.records}) != len(tail.records) or any(contents.matching(one.id) for one in tail.records):  # fmt: skip
        return None  # an id seen before (a repeated line of a whole batch): the whole log says what it is
    new = {
        one.id: (one, offset) for one, offset in zip(tail.records[: tail.counted], tail.offsets, strict=False)
    }
    for one, _ in new.values():
        target = (new.get(one.retracts) or (contents.by_id(one.retracts),))[0] if isinstance(one, Retraction) else None  # fmt: skip
        if isinstance(one, Retraction) and retraction_problem(one, target) is not None:
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
