"""Records: the figures and retractions of the log, one JSON object per line (docs/LOG-FORMAT.md).

This module turns lines into records and back, checks a log as a whole, and says which
figure is current. Reading and writing the file belongs to log.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import compress, repeat
from operator import attrgetter, eq, floordiv, itemgetter, sub
from pathlib import Path
from typing import Any, Final, Literal

from .errors import LogError, PeriodError
from .messages import Message
from .numbers import figure_in_range
from .periods import Period, parse_period
from .values import Value

Basis = Literal["estimate", "official"]
BASES: tuple[Basis, ...] = ("estimate", "official")
LOG_FILE = "records.jsonl"
V01_LOG_FILE = "records.toml"
_ID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")


class Figure(Value):
    """A reported figure."""

    not_compared = ("short",)

    def __init__(
        self,
        id: str,
        code: str,
        value: Decimal,
        period: Period,
        basis: Basis,
        recorded_at: datetime,
        user: str,
        source: str | None = None,
        note: str | None = None,
        v01_id: int | None = None,
        short: str = "",
    ) -> None:
        self.id = id
        self.code = code
        self.value = value
        self.period = period
        self.basis = basis
        self.recorded_at = recorded_at
        self.user = user
        self.source = source
        self.note = note
        self.v01_id = v01_id  # the number a v0.1 log gave it
        self.short = short  # filled in by the log that holds it


class Retraction(Value):
    """The taking back of a figure; the figure stays in the log."""

    not_compared = ("short",)

    def __init__(
        self,
        id: str,
        code: str,
        retracts: str,
        recorded_at: datetime,
        user: str,
        note: str | None = None,
        v01_id: int | None = None,
        short: str = "",
    ) -> None:
        self.id = id
        self.code = code
        self.retracts = retracts
        self.recorded_at = recorded_at
        self.user = user
        self.note = note
        self.v01_id = v01_id
        self.short = short


Record = Figure | Retraction


class NewFigure(Value):
    """What `record` adds, before the log gives it an id."""

    def __init__(
        self,
        code: str,
        value: Decimal,
        period: Period,
        basis: Basis,
        recorded_at: datetime,
        user: str,
        source: str | None = None,
        note: str | None = None,
    ) -> None:
        self.code = code
        self.value = value
        self.period = period
        self.basis = basis
        self.recorded_at = recorded_at
        self.user = user
        self.source = source
        self.note = note


# Lines -----------------------------------------------------------------------------------


def line_of(record: Record) -> bytes:
    """The record as one line of the log, newline included; keys in a fixed order.

    The line is exactly what json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    writes (a test holds it to that): written by hand because importing json costs a
    `record` a tenth of its own start-up.
    """
    row: dict[str, str | int] = {"id": record.id, "code": record.code}
    if isinstance(record, Retraction):
        row["retracts"] = record.retracts
    else:
        row["value"] = str(record.value)
        row["period"] = record.period.label
        row["basis"] = record.basis
    row["recorded_at"] = record.recorded_at.isoformat()
    row["user"] = record.user
    if isinstance(record, Figure) and record.source is not None:
        row["source"] = record.source
    if record.note is not None:
        row["note"] = record.note
    if record.v01_id is not None:
        row["v01_id"] = record.v01_id
    for key in ("code", "user", "source", "note"):
        text = row.get(key)
        if isinstance(text, str) and not _is_text(text):
            raise LogError("error.text_undecodable", key=key)
    fields = ",".join(
        f'"{key}":"{value.translate(_JSON_ESCAPES)}"' if isinstance(value, str) else f'"{key}":{value}'
        for key, value in row.items()
    )
    return ("{" + fields + "}\n").encode("utf-8")


# What JSON escapes in a text, as json.dumps writes it without ensure_ascii: the quote, the
# backslash and the control characters, these five by their short names.
_JSON_ESCAPES: Final = {code: f"\\u{code:04x}" for code in range(0x20)} | {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    8: "\\b",
    9: "\\t",
    10: "\\n",
    12: "\\f",
    13: "\\r",
}


# (microseconds since 1970, id, code, value, year, months, basis, recorded_at, user, source,
#  note, v01_id, retracts, checksum of its line): a record as the log is read and cached.
# A figure has no `retracts`; a retraction no value, period (0, 0) or basis. The first two
# fields give the log's order, so rows sort as the log does.
Row = tuple[
    int, str, str, str | None, int, int, str, str, str, str | None, str | None, int | None, str | None, int
]
AT: Final = 0
ID: Final = 1
CODE: Final = 2
VALUE: Final = 3
YEAR: Final = 4
MONTHS: Final = 5
BASIS: Final = 6
ISO: Final = 7
USER: Final = 8
SOURCE: Final = 9
NOTE: Final = 10
V01_ID: Final = 11
RETRACTS: Final = 12
CHECKSUM: Final = 13
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def row_of(record: Record, checksum: int = 0) -> Row:
    at = (record.recorded_at - _EPOCH) // _MICROSECOND
    iso = record.recorded_at.isoformat()
    if isinstance(record, Retraction):
        return (at, record.id, record.code, None, 0, 0, "", iso, record.user, None, record.note, record.v01_id, record.retracts, checksum)  # fmt: skip
    p = record.period
    return (at, record.id, record.code, str(record.value), p.year, p.months, record.basis, iso, record.user, record.source, record.note, record.v01_id, None, checksum)  # fmt: skip


def record_of(row: Row) -> Record:
    """The record a row holds (a row is only ever made from a checked line or record)."""
    _, record_id, code, value, year, months, basis, at, user, source, note, v01_id, retracts, _ = row
    recorded_at = datetime.fromisoformat(at)
    if retracts is not None:
        return Retraction(record_id, code, retracts, recorded_at, user, note, v01_id)
    assert value is not None, "a figure's row holds its value"
    kind: Basis = "official" if basis == "official" else "estimate"
    return Figure(
        record_id, code, Decimal(value), Period(year, months), kind, recorded_at, user, source, note, v01_id
    )


def figure_of(row: Row) -> Figure:
    figure = record_of(row)
    assert isinstance(figure, Figure), "a figure's row"
    return figure


class Parsed(Value):
    """Rows read from the log in file order, each with its line number."""

    def __init__(self, rows: list[Row], lines: list[int]) -> None:
        self.rows = rows
        self.lines = lines


def parse_lines(data: bytes, path: Path, first_line: int = 1) -> Parsed:
    """The rows of a log's bytes (or of a tail of them starting at `first_line`).

    The lines are read a piece of about _PIECE bytes at a time, each piece's lines decoded
    as one JSON array: what one piece needs is freed before the next, so that a big log
    reuses its memory rather than asking the system for more (which costs as much again).
    """
    import json
    import zlib

    periods: dict[str, tuple[int, int]] = {}
    values: set[str] = set()
    names: dict[str, str] = {}
    crc32 = zlib.crc32
    rows: list[Row] = []
    numbers: list[int] = []
    start, first = 0, first_line
    while start < len(data):
        end = data.find(b"\n", start + _PIECE)
        end = len(data) if end < 0 else end + 1
        raw = data[start:end].split(b"\n")
        start = end
        if raw[-1].strip() == b"":
            raw.pop()
        lines = [line for line in raw if line.strip()]
        if len(lines) == len(raw):
            piece: Sequence[int] = range(first, first + len(raw))
        else:  # blank lines: keep counting them
            piece = [n for n, line in enumerate(raw, first) if line.strip()]
        first += len(raw)
        numbers += piece
        plain = _plain_rows(b"\n".join(lines), lines, periods, values, names)
        if plain is not None:
            rows += plain
            continue
        try:
            decoded = json.loads(b"[" + b",".join(lines) + b"]")
        except (ValueError, RecursionError):
            decoded = [_decode_line(line, n, path) for n, line in zip(piece, lines, strict=True)]
        try:
            rows += [
                _row(one, crc32(line), periods, values, names)
                for one, line in zip(decoded, lines, strict=True)
            ]
        except (_Damage, PeriodError) as exc:
            bad = next(n for n, one in zip(piece, decoded, strict=True) if not _fine(one))
            raise _damaged(path, bad, exc.message) from None
    if b"\\u" in data and _ESCAPED_SURROGATE.search(data):  # rare: only then is each text looked at
        for n, row in zip(numbers, rows, strict=True):
            for key, text in zip(_TEXT_FIELDS, (row[CODE], row[USER], row[SOURCE], row[NOTE]), strict=True):
                if text is not None and not _is_text(text):
                    raise _damaged(path, n, Message("error.record_surrogate", {"key": key}))
    return Parsed(rows, numbers)


_PIECE = 1 << 18


@cache  # compiled on the first whole read, not by every command
def _plain_line() -> re.Pattern[str]:
    """A line as `targets` (compact) or a program's json.dumps (a space after `:` and `,`)
    writes it: the keys in their order, every text without escapes or control characters,
    optional texts not empty. Such a line means exactly what its fields say, so its fields
    can be taken as they are; any other line is decoded as JSON."""
    text, some_text = r'"([^"\\\x00-\x1f]*)"', r'"([^"\\\x00-\x1f]+)"'
    record_id = r'"([0-7][0-9A-HJKMNP-TV-Z]{25})"'

    def key(name: str) -> str:
        return rf', ?"{name}": ?'

    return re.compile(
        r'^\{"id": ?' + record_id + key("code") + text
        + rf"(?:{key('retracts')}{record_id}|{key('value')}{some_text}{key('period')}{some_text}"
        + rf'{key("basis")}"(estimate|official)")'
        + key("recorded_at") + text + key("user") + text
        + rf"(?:{key('source')}{some_text})?(?:{key('note')}{some_text})?(?:{key('v01_id')}([1-9][0-9]{{0,17}}))?"
        + r"\}$",
        re.MULTILINE,
    )  # fmt: skip


_AS_NONE = {"": None}  # an empty field of a plain line: the key is absent


def _plain_rows(
    text: bytes,
    lines: list[bytes],
    periods: dict[str, tuple[int, int]],
    values: set[str],
    names: dict[str, str],
) -> list[Row] | None:
    """The rows of a piece whose lines are all plain (see _plain_line), checked a field at a
    time as `_row` checks them line by line; None when any line is not plain or not right
    (it is then decoded as JSON, and `_row` says what is wrong and where)."""
    import zlib

    try:
        found = _plain_line().findall(text.decode("utf-8"))
    except UnicodeDecodeError:
        return None
    if len(found) != len(lines) or not found:
        return None
    ids, codes, retracts, texts, labels, bases, ats, users, sources, notes, v01_ids = zip(*found, strict=True)
    try:
        times = list(map(datetime.fromisoformat, ats))
    except ValueError:
        return None
    if None in map(_TZINFO, times):
        return None
    new_values = set(texts) - values - {""}
    try:
        for value in new_values:
            _value(value)
        for label in set(labels) - periods.keys() - {""}:
            parsed = parse_period(label)
            periods[label] = (parsed.year, parsed.months)
    except (_Damage, PeriodError):
        return None
    values |= new_values
    period_of = periods
    if any(retracts):
        if any(source for source, retracted in zip(sources, retracts, strict=True) if retracted):
            return None  # a retraction with a source: rare, and `_row` ignores it
        period_of = {**periods, "": (0, 0)}
    year_months = list(map(period_of.__getitem__, labels))
    share, empty = names.setdefault, _AS_NONE.get
    shared_sources, shared_notes = list(map(share, sources, sources)), list(map(share, notes, notes))
    return list(
        zip(
            map(floordiv, map(sub, times, repeat(_EPOCH)), repeat(_MICROSECOND)),
            ids,
            map(share, codes, codes),
            map(empty, texts, texts),
            map(itemgetter(0), year_months),
            map(itemgetter(1), year_months),
            map(share, bases, bases),
            ats,
            map(share, users, users),
            map(empty, shared_sources, shared_sources),
            map(empty, shared_notes, shared_notes),
            [int(number) if number else None for number in v01_ids]
            if any(v01_ids)
            else repeat(None, len(ids)),
            map(empty, retracts, retracts),
            map(zlib.crc32, lines),
            strict=True,
        )
    )


_TZINFO = attrgetter("tzinfo")
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_TEXT_FIELDS = ("code", "user", "source", "note")


def _is_text(text: str) -> bool:
    """Whether a string can be written out: JSON's \\ud800 escapes can make halves of characters."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _fine(one: Any) -> bool:
    try:
        _row(one, 0, {}, set(), {})
    except (_Damage, PeriodError):
        return False
    return True


def _decode_line(line: bytes, number: int, path: Path) -> Any:
    import json

    try:
        return json.loads(line)
    except UnicodeDecodeError as exc:
        raise _damaged(path, number, Message("error.log_not_utf8", {"byte": exc.start})) from None
    except (ValueError, RecursionError):
        raise _damaged(path, number, Message("error.record_not_json")) from None


def _damaged(path: Path, line: int | str, detail: Message) -> LogError:
    return LogError("error.log_record_damaged", path=path, line=line, detail=detail)


class _Damage(Exception):
    """What is wrong with one record of the log."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        self.message = Message(message_key, params)
        super().__init__(self.message.text())


def _row(
    raw: Any, checksum: int, periods: dict[str, tuple[int, int]], values: set[str], names: dict[str, str]
) -> Row:
    """One parsed line checked; `periods`, `values` and `names` remember what was already read.

    Codes, users, bases, sources and notes are shared by many rows: one string each keeps the
    cache of rows small and quick to load.
    """
    if type(raw) is not dict:
        raise _Damage("error.record_not_table")
    get = raw.get
    record_id = get("id")
    if type(record_id) is not str or not _ID.fullmatch(record_id):
        raise _Damage("error.record_bad_id", value=_shown(record_id))
    code, user, at = get("code"), get("user"), get("recorded_at")
    if type(code) is not str or type(user) is not str or type(at) is not str:
        raise _not_text(raw, "code", "user", "recorded_at")
    try:
        recorded_at = datetime.fromisoformat(at)
    except ValueError:
        raise _Damage("error.record_bad_time") from None
    if recorded_at.tzinfo is None:
        raise _Damage("error.record_bad_time")
    micro = (recorded_at - _EPOCH) // _MICROSECOND
    v01_id = get("v01_id")
    if v01_id is not None and (type(v01_id) is not int or v01_id < 1):
        raise _Damage("error.record_bad_v01_id", value=_shown(v01_id))
    note = get("note")
    if note is not None and type(note) is not str:
        raise _Damage("error.record_not_text", key="note")
    retracts = get("retracts")
    if retracts is not None or "retracts" in raw:
        if type(retracts) is not str or not _ID.fullmatch(retracts):
            raise _Damage("error.record_bad_retracts")
        code, user = names.setdefault(code, code), names.setdefault(user, user)
        return (micro, record_id, code, None, 0, 0, "", at, user, None, note, v01_id, retracts, checksum)
    value, label = get("value"), get("period")
    if type(value) is not str or type(label) is not str:
        raise _not_text(raw, "value", "period")
    if value not in values:
        _value(value)
        values.add(value)
    period = periods.get(label)
    if period is None:
        parsed = parse_period(label)
        period = periods[label] = (parsed.year, parsed.months)
    basis = get("basis")
    if basis != "estimate" and basis != "official":
        raise _Damage("error.record_bad_basis", value=_shown(basis))
    source = get("source")
    if source is not None and type(source) is not str:
        raise _Damage("error.record_not_text", key="source")
    code, user, basis = (
        names.setdefault(code, code),
        names.setdefault(user, user),
        names.setdefault(basis, basis),
    )
    if source is not None:
        source = names.setdefault(source, source)
    if note is not None:
        note = names.setdefault(note, note)
    return (micro, record_id, code, value, period[0], period[1], basis, at, user, source, note, v01_id, None, checksum)  # fmt: skip


def _value(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _Damage("error.record_bad_value", value=_shown(text)) from None
    if not figure_in_range(value):
        raise _Damage("error.record_value_range", value=_shown(text))
    return value


def _not_text(row: dict[str, Any], *keys: str) -> _Damage:
    """The damage of the first of `keys` whose value is missing or not text."""
    for key in keys:
        value = row.get(key)
        if type(value) is not str:
            return _Damage("error.record_missing" if value is None else "error.record_not_text", key=key)
    raise AssertionError("one of them is not text")


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if type(value) is not str:
        raise _not_text(row, key)
    return value


def _shown(value: object) -> str:
    """A damaged value as the message shows it: short, whatever its size."""
    text = str(value) if isinstance(value, (Decimal, int, float)) else repr(value)  # never "Decimal('NaN')"
    return text if len(text) <= 40 else text[:37] + "..."


# The log as a whole ----------------------------------------------------------------------


def check_log(parsed: Parsed, path: Path) -> list[Row]:
    """The distinct rows in the log's order, after checking the log as a whole.

    The same record twice counts once; two different records with one id, and a
    retraction of what is not a figure of its code in the log, are damage.
    """
    ids = list(map(itemgetter(ID), parsed.rows))
    if len(set(ids)) == len(ids):  # as a log mostly is: each record once
        rows = list(parsed.rows)
        retractions = [
            n for n, retracts in enumerate(map(itemgetter(RETRACTS), rows)) if retracts is not None
        ]
        if retractions:
            rows_by_id = dict(zip(ids, rows, strict=True))
            for n in retractions:
                problem = retraction_problem(rows[n], rows_by_id.get(rows[n][RETRACTS] or ""))
                if problem is not None:
                    raise _damaged(path, parsed.lines[n], problem)
        rows.sort()  # the log's order (time recorded, id), never the order of its lines
        return rows
    by_id: dict[str, tuple[Row, int]] = {}
    for row, line in zip(parsed.rows, parsed.lines, strict=True):
        held = by_id.get(row[ID])
        if held is None:
            by_id[row[ID]] = (row, line)
        elif held[0][:CHECKSUM] != row[:CHECKSUM]:
            raise _damaged(path, line, Message("error.record_id_taken", {"id": row[ID], "line": held[1]}))
    for row, line in by_id.values():
        if row[RETRACTS] is not None:
            problem = retraction_problem(row, by_id.get(row[RETRACTS], (None, 0))[0])
            if problem is not None:
                raise _damaged(path, line, problem)
    rows = [row for row, _ in by_id.values()]
    rows.sort()  # the log's order (time recorded, id), never the order of its lines
    return rows


def retraction_problem(retraction: Row, target: Row | None) -> Message | None:
    """What makes a retraction impossible, if anything."""
    retracts = retraction[RETRACTS]
    if retracts == retraction[ID]:
        return Message("error.retracts_itself")
    if target is None:
        return Message("error.retracts_missing", {"id": retracts})
    if target[RETRACTS] is not None:
        return Message("error.retracts_retraction", {"id": retracts})
    if target[CODE].upper() != retraction[CODE].upper():
        return Message(
            "error.retracts_other_code", {"id": retracts, "code": target[CODE], "named": retraction[CODE]}
        )
    return None


CurrentFigures = dict[tuple[str, Period], Figure]
"""The figure that counts for each code and exact period: what every standing is judged from."""


def current_of_rows(
    rows: Iterable[Row], as_of: Period | None = None, ordered: bool = False
) -> CurrentFigures:
    """Each code's figure per period, ignoring retracted ones and, with `as_of`, later periods.

    Written for speed (it sees every row of a log when the log is read whole): within one code
    and period the last official figure in the log's order counts, else the last estimate, so
    one dict of every standing row, then one of the official ones over it, decide it.
    `ordered`: the rows are in the log's order already.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    retracts = list(map(itemgetter(RETRACTS), rows))
    gone = set(retracts)
    gone.discard(None)
    standing = rows
    if retracts.count(None) != len(rows):
        standing = [row for row, retracted in zip(rows, retracts, strict=True) if retracted is None]
    if gone:
        standing = [row for row in standing if row[ID] not in gone]
    if as_of is not None:
        last = (as_of.year, as_of.months)
        standing = [row for row in standing if (row[YEAR], row[MONTHS]) <= last]
    if not ordered:  # in the log's order, as outranks() sees it
        standing = sorted(standing, key=itemgetter(AT, ID))
    codes = list(map(itemgetter(CODE), standing))
    upper = {code: code.upper() for code in set(codes)}
    keys = list(
        zip(
            map(upper.__getitem__, codes),
            map(itemgetter(YEAR), standing),
            map(itemgetter(MONTHS), standing),
            strict=True,
        )
    )
    best = dict(zip(keys, standing, strict=True))
    official = list(map(eq, map(itemgetter(BASIS), standing), repeat("official")))
    best.update(zip(compress(keys, official), compress(standing, official), strict=True))
    return {(code, Period(year, months)): figure_of(row) for (code, year, months), row in best.items()}


def outranks(row: Row, held: Row) -> bool:
    """Whether `row` counts over `held` for one code and year: the later period wins; within one
    period official before estimate; then the one recorded later (the log's order)."""
    if row[MONTHS] != held[MONTHS]:
        return row[MONTHS] > held[MONTHS]
    official, held_official = row[BASIS] == "official", held[BASIS] == "official"
    if official != held_official:
        return official
    return (row[AT], row[ID]) > (held[AT], held[ID])


def figures_of_year(current: CurrentFigures, code: str, year: int) -> list[Figure]:
    """The code's figure for each checkpoint of `year`, earliest period first."""
    wanted = code.upper()
    found = [f for (c, period), f in current.items() if c == wanted and period.year == year]
    return sorted(found, key=lambda f: f.period)


def latest_of_year(current: CurrentFigures, code: str, year: int) -> Figure | None:
    """The code's current figure for `year`: the one with the latest period."""
    found = figures_of_year(current, code, year)
    return found[-1] if found else None


def current_figures(records: Iterable[Record], as_of: Period | None = None) -> CurrentFigures:
    """Each code's figure per period among records, as current_of_rows decides it."""
    return current_of_rows((row_of(r) for r in records), as_of)


# The v0.1 log ----------------------------------------------------------------------------


def parse_v01(data: bytes, path: Path) -> list[Row]:
    """The records of a v0.1 log (`[[record]]` tables, ids 1, 2, 3...), with the ids they get now.

    Each v0.1 id becomes the same ULID on every machine (time of the record, its number,
    a digest of its content), so that two clones that convert one log agree line for line.
    """
    import tomllib

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LogError(
            "error.log_damaged", path=path, detail=Message("error.log_not_utf8", {"byte": exc.start})
        ) from None
    try:
        table = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise LogError("error.log_damaged", path=path, detail=str(exc)) from None
    raw_records = table.get("record", [])
    if set(table) - {"record"} or not isinstance(raw_records, list):
        raise LogError("error.log_damaged", path=path, detail=Message("error.log_only_records"))
    headers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[record]]"]
    ids: dict[int, str] = {}
    records: list[Record] = []
    lines: list[int] = []
    last = 0
    for index, raw in enumerate(raw_records):
        line = headers[index] if index < len(headers) else "?"
        try:
            record = _v01_record(raw, ids)
            if record.v01_id is not None and record.v01_id <= last:
                raise _Damage("error.record_id_order", id=record.v01_id, last=last)
        except (_Damage, PeriodError) as exc:
            raise _damaged(path, line, exc.message) from None
        last = record.v01_id or last
        records.append(record)
        lines.append(line if isinstance(line, int) else 0)
    return check_log(Parsed([row_of(r) for r in records], lines), path)


def _v01_record(raw: Any, ids: dict[int, str]) -> Record:
    import hashlib

    from .ids import derived_id

    if not isinstance(raw, dict):
        raise _Damage("error.record_not_table")
    number = raw.get("id")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise _Damage("error.record_bad_id", value=_shown(number))
    recorded_at = raw.get("recorded_at")
    if not isinstance(recorded_at, datetime):
        raise _Damage("error.record_bad_time")
    if recorded_at.tzinfo is None:  # v0.1 accepted a local time typed by hand; read it as UTC
        recorded_at = recorded_at.replace(tzinfo=UTC)
    digest = hashlib.sha256(repr(sorted((k, str(v)) for k, v in raw.items())).encode("utf-8")).digest()
    record_id = ids[number] = derived_id(int(recorded_at.timestamp() * 1000), number, digest)
    code, user = _text(raw, "code"), _text(raw, "user")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise _Damage("error.record_not_text", key="note")
    if "retracts" in raw:
        retracts = raw["retracts"]
        if not isinstance(retracts, int) or isinstance(retracts, bool):
            raise _Damage("error.record_bad_retracts")
        if retracts not in ids:  # v0.1 only ever retracted an earlier record
            raise _Damage("error.retracts_missing", id=retracts)
        return Retraction(record_id, code, ids[retracts], recorded_at, user, note, number)
    value = raw.get("value")
    if value is None:
        raise _Damage("error.record_missing", key="value")
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, Decimal))
        or not figure_in_range(Decimal(value))
    ):
        raise _Damage("error.record_value_range", value=_shown(value))
    basis = raw.get("basis")
    if basis not in BASES:
        raise _Damage("error.record_bad_basis", value=_shown(basis))
    source = raw.get("source")
    if source is not None and not isinstance(source, str):
        raise _Damage("error.record_not_text", key="source")
    period = parse_period(_text(raw, "period"))
    figure = Decimal(value)
    if figure.as_tuple().exponent == -1 and figure == figure.to_integral_value():
        figure = figure.quantize(Decimal(1))  # v0.1 wrote 6950 as 6950.0 (tomli_w), and showed it as 6950
    return Figure(record_id, code, figure, period, basis, recorded_at, user, source, note, number)
