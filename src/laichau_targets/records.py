"""Records: the figures and retractions of the log, one JSON object per line (docs/LOG-FORMAT.md).

This module turns lines into records and back, checks a log as a whole, and says which
figure is current. Reading and writing the file belongs to log.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal

from .errors import LogError, Message, PeriodError
from .numbers import figure_in_range
from .periods import Period, parse_period

Basis = Literal["estimate", "official"]
BASES: tuple[Basis, ...] = ("estimate", "official")
LOG_FILE = "records.jsonl"
V01_LOG_FILE = "records.toml"
_ID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")


@dataclass
class Figure:
    """A reported figure."""

    id: str
    code: str
    value: Decimal
    period: Period
    basis: Basis
    recorded_at: datetime
    user: str
    source: str | None = None
    note: str | None = None
    v01_id: int | None = None  # the number a v0.1 log gave it
    short: str = field(default="", compare=False, repr=False)  # filled in by the log that holds it


@dataclass
class Retraction:
    """The taking back of a figure; the figure stays in the log."""

    id: str
    code: str
    retracts: str
    recorded_at: datetime
    user: str
    note: str | None = None
    v01_id: int | None = None
    short: str = field(default="", compare=False, repr=False)


Record = Figure | Retraction


@dataclass
class NewFigure:
    """What `record` adds, before the log gives it an id."""

    code: str
    value: Decimal
    period: Period
    basis: Basis
    recorded_at: datetime
    user: str
    source: str | None = None
    note: str | None = None


# Lines -----------------------------------------------------------------------------------


def line_of(record: Record) -> bytes:
    """The record as one line of the log, newline included; keys in a fixed order."""
    import json

    row: dict[str, Any] = {"id": record.id, "code": record.code}
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
    return (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class Parsed:
    """Records read from the log in file order, each with its line number and a checksum of its line."""

    records: list[Record]
    lines: list[int]
    checksums: list[int]


def parse_lines(data: bytes, path: Path, first_line: int = 1) -> Parsed:
    """The records of a log's bytes (or of a tail of them starting at `first_line`)."""
    import json
    import zlib

    raw = data.split(b"\n")
    if raw and raw[-1].strip() == b"":
        raw.pop()
    numbered = [(n, line) for n, line in enumerate(raw, first_line) if line.strip()]
    try:
        rows = json.loads(b"[" + b",".join(line for _, line in numbered) + b"]")
    except (ValueError, RecursionError):
        rows = [_decode_line(line, n, path) for n, line in numbered]
    periods: dict[str, Period] = {}
    values: dict[str, Decimal] = {}
    records = []
    for (n, _), row in zip(numbered, rows, strict=True):
        try:
            records.append(_from_row(row, periods, values))
        except _Damage as exc:
            raise _damaged(path, n, exc.message) from None
        except PeriodError as exc:
            raise _damaged(path, n, exc.message) from None
    return Parsed(records, [n for n, _ in numbered], [zlib.crc32(line.strip()) for _, line in numbered])


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


def _from_row(row: Any, periods: dict[str, Period], values: dict[str, Decimal]) -> Record:
    """A record from one parsed line; `periods` and `values` remember what was already read."""
    if type(row) is not dict:
        raise _Damage("error.record_not_table")
    record_id = row.get("id")
    if type(record_id) is not str or not _ID.fullmatch(record_id):
        raise _Damage("error.record_bad_id", value=_shown(record_id))
    at = _text(row, "recorded_at")
    try:
        recorded_at = datetime.fromisoformat(at)
    except ValueError:
        raise _Damage("error.record_bad_time") from None
    if recorded_at.tzinfo is None:
        raise _Damage("error.record_bad_time")
    v01_id = row.get("v01_id")
    if v01_id is not None and (type(v01_id) is not int or v01_id < 1):
        raise _Damage("error.record_bad_v01_id", value=_shown(v01_id))
    note = row.get("note")
    if note is not None and type(note) is not str:
        raise _Damage("error.record_not_text", key="note")
    if "retracts" in row:
        retracts = row["retracts"]
        if type(retracts) is not str or not _ID.fullmatch(retracts):
            raise _Damage("error.record_bad_retracts")
        return Retraction(
            record_id, _text(row, "code"), retracts, recorded_at, _text(row, "user"), note, v01_id
        )
    text = _text(row, "value")
    value = values.get(text)
    if value is None:
        value = values[text] = _value(text)
    label = _text(row, "period")
    period = periods.get(label)
    if period is None:
        period = periods[label] = parse_period(label)
    basis = row.get("basis")
    if basis not in BASES:
        raise _Damage("error.record_bad_basis", value=_shown(basis))
    source = row.get("source")
    if source is not None and type(source) is not str:
        raise _Damage("error.record_not_text", key="source")
    return Figure(
        record_id,
        _text(row, "code"),
        value,
        period,
        basis,
        recorded_at,
        _text(row, "user"),
        source,
        note,
        v01_id,
    )


def _value(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _Damage("error.record_bad_value", value=_shown(text)) from None
    if not figure_in_range(value):
        raise _Damage("error.record_value_range", value=_shown(text))
    return value


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if type(value) is not str:
        raise _Damage("error.record_missing" if value is None else "error.record_not_text", key=key)
    return value


def _shown(value: object) -> str:
    """A damaged value as the message shows it: short, whatever its size."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# The log as a whole ----------------------------------------------------------------------


def check_log(parsed: Parsed, path: Path) -> list[Record]:
    """The distinct records in the log's order, after checking the log as a whole.

    The same record twice counts once; two different records with one id, and a
    retraction of what is not a figure of its code in the log, are damage.
    """
    by_id: dict[str, tuple[Record, int]] = {}
    for record, line in zip(parsed.records, parsed.lines, strict=True):
        held = by_id.get(record.id)
        if held is None:
            by_id[record.id] = (record, line)
        elif held[0] != record:
            raise _damaged(path, line, Message("error.record_id_taken", {"id": record.id, "line": held[1]}))
    for record, line in by_id.values():
        if isinstance(record, Retraction):
            problem = retraction_problem(record, by_id.get(record.retracts, (None, 0))[0])
            if problem is not None:
                raise _damaged(path, line, problem)
    records = [record for record, _ in by_id.values()]
    records.sort(key=attrgetter("recorded_at", "id"))  # the log's order, never the order of its lines
    return records


def retraction_problem(retraction: Retraction, target: Record | None) -> Message | None:
    """What makes a retraction impossible, if anything."""
    if retraction.retracts == retraction.id:
        return Message("error.retracts_itself")
    if target is None:
        return Message("error.retracts_missing", {"id": retraction.retracts})
    if isinstance(target, Retraction):
        return Message("error.retracts_retraction", {"id": retraction.retracts})
    if target.code.upper() != retraction.code.upper():
        return Message(
            "error.retracts_other_code",
            {"id": retraction.retracts, "code": target.code, "named": retraction.code},
        )
    return None


def retracted_ids(records: Iterable[Record]) -> set[str]:
    return {r.retracts for r in records if isinstance(r, Retraction)}


def standing_figures(records: Iterable[Record]) -> list[Figure]:
    """The figures nothing retracted, in the order given."""
    records = list(records)
    gone = retracted_ids(records)
    return [r for r in records if isinstance(r, Figure) and r.id not in gone]


CurrentFigures = dict[tuple[str, int], Figure]


def rank(figure: Figure) -> tuple[int, bool, datetime, str]:
    """The later period wins; within one period official before estimate, then the one recorded later."""
    return (figure.period.months, figure.basis == "official", figure.recorded_at, figure.id)


def with_figure(current: CurrentFigures, figure: Figure) -> CurrentFigures:
    """`current` updated by one new figure, in place; returned for convenience."""
    key = (figure.code.upper(), figure.period.year)
    held = current.get(key)
    if held is None or rank(figure) > rank(held):
        current[key] = figure
    return current


def current_figures(records: Iterable[Record], as_of: Period | None = None) -> CurrentFigures:
    """Each code's current figure per year, ignoring retracted ones and, with `as_of`, later periods."""
    current: CurrentFigures = {}
    for figure in standing_figures(records):
        if as_of is None or figure.period <= as_of:
            with_figure(current, figure)
    return current


# The v0.1 log ----------------------------------------------------------------------------


def parse_v01(data: bytes, path: Path) -> list[Record]:
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
    parsed = Parsed(records, lines, [0] * len(records))
    return check_log(parsed, path)


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
    return Figure(record_id, code, Decimal(value), period, basis, recorded_at, user, source, note, number)
