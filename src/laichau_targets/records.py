"""The lines of the record log (a figure, a retraction, a declaration of its format): one type per kind,
one codec (`line_of`, `record_of`) and the rule of which figure counts (docs/LOG-FORMAT.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, Literal, NamedTuple

from .errors import LogError, PeriodError
from .messages import Message
from .numbers import figure_in_range
from .periods import Period, parse_period

Basis = Literal["estimate", "official"]
BASES: tuple[Basis, ...] = ("estimate", "official")
LOG_FILE = "records.jsonl"
TORN_FILE = "records.torn.jsonl"  # where a writer moves a torn tail
V01_LOG_FILE = "records.toml"  # the log of v0.1
BACKUP_FILE = "records.v0.1.toml"  # where it is kept once converted
FORMAT = 3  # the log format this version writes; a log that declares none is format 2
FORMAT_NAME = "laichau-targets record log"
_ID = r"[0-7][0-9A-HJKMNP-TV-Z]{25}"
_DECIMAL = r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"  # ASCII digits only, no "8_7"


class Figure(NamedTuple):
    """A reported figure; `id` is empty until the log gives it one."""

    id: str
    code: str
    value: Decimal
    period: Period
    basis: Basis
    recorded_at: datetime
    user: str
    source: str | None = None
    note: str | None = None
    reported_on: date | None = None  # the day the figure was reported, when not the day it was typed
    v01_id: int | None = None  # the number a v0.1 log gave it
    batch: str | None = None  # the write it came in, when that write held more than one record
    batch_size: int | None = None  # how many records that write held


class Retraction(NamedTuple):
    """The taking back of a figure; the figure stays in the log."""

    id: str
    code: str
    retracts: str
    recorded_at: datetime
    user: str
    note: str | None = None
    v01_id: int | None = None
    batch: str | None = None
    batch_size: int | None = None


class Declaration(NamedTuple):
    """A line that says which format of the log the lines after it are written in."""

    format: int


Record = Figure | Retraction
CurrentFigures = dict[tuple[str, Period], Figure]
"""The figure that counts for each code (in capitals) and period: what every standing is judged from."""


# Writing ---------------------------------------------------------------------------------


def line_of(record: Record | Declaration) -> bytes:
    """The record as one line of the log, newline included, its keys in a fixed order."""
    if isinstance(record, Declaration):
        return _dumps({"format": record.format, "log": FORMAT_NAME})
    row: dict[str, Any] = {"id": record.id, "code": record.code}
    if isinstance(record, Figure):
        row.update(value=str(record.value), period=record.period.label, basis=record.basis)
    else:
        row["retracts"] = record.retracts
    row.update(recorded_at=record.recorded_at.isoformat(), user=record.user)
    fields = record._asdict()
    row.update((key, fields[key]) for key in _OPTIONAL if fields.get(key) is not None)
    if "reported_on" in row:
        row["reported_on"] = row["reported_on"].isoformat()
    for key in ("code", "user", "source", "note"):
        if not _is_text(row.get(key) or ""):
            raise LogError("error.text_undecodable", key=key)
    return _dumps(row)


_OPTIONAL = ("source", "note", "reported_on", "v01_id", "batch", "batch_size")


def _dumps(row: dict[str, Any]) -> bytes:
    import json  # deferred: start-up (a command that writes nothing needs no JSON)

    return (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# Reading ---------------------------------------------------------------------------------


class Damage(Exception):
    """What is wrong with one line of the log."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        self.message = Message(message_key, params)
        super().__init__(message_key)


def record_of(raw: Any, seen: dict[str, Any] | None = None) -> Record | Declaration:
    """The record (or declaration) one decoded line holds, every field checked; Damage says what is
    wrong. `seen` remembers the values and periods already checked, as many lines share a few."""
    if type(raw) is not dict:
        raise Damage("error.record_not_table")
    if "id" not in raw and "format" in raw:
        version = raw["format"]
        if type(version) is not int or version < 1:
            raise Damage("error.log_bad_format", value=_shown(version))
        return Declaration(version)
    get, seen = raw.get, {} if seen is None else seen
    record_id, code, user = _id(raw, "id"), _text(raw, "code"), _text(raw, "user")
    recorded_at = _time(_text(raw, "recorded_at"))
    note = None if get("note") is None else _text(raw, "note")
    v01_id, batch, batch_size = get("v01_id"), get("batch"), get("batch_size")
    if v01_id is not None and not _positive(v01_id):
        raise Damage("error.record_bad_v01_id", value=_shown(v01_id))
    if batch is not None or batch_size is not None:
        batch = _id(raw, "batch")
        if not _positive(batch_size):
            raise Damage("error.record_bad_batch_size", value=_shown(batch_size))
    if "retracts" in raw:
        retracts = _id(raw, "retracts")
        return Retraction(record_id, code, retracts, recorded_at, user, note, v01_id, batch, batch_size)
    text, label = _text(raw, "value"), _text(raw, "period")
    value = seen.get(text)
    if value is None:
        value = seen[text] = _value(text)
    period = seen.get("period " + label)
    if period is None:
        period = seen["period " + label] = parse_period(label)
    basis = get("basis")
    if basis != "estimate" and basis != "official":
        raise Damage("error.record_bad_basis", value=_shown(basis))
    reported_on = None if get("reported_on") is None else _date(_text(raw, "reported_on"))
    source = None if get("source") is None else _text(raw, "source")
    return Figure(
        record_id, code, value, period, basis, recorded_at, user, source, note, reported_on, v01_id, batch, batch_size
    )  # fmt: skip


def decoded(line: bytes | bytearray | str) -> Any:
    """One line as JSON; Damage says how it fails to be one object on one line."""
    import json  # deferred: start-up

    try:
        return json.loads(line)
    except UnicodeDecodeError as exc:
        raise Damage("error.log_not_utf8", byte=exc.start) from None
    except (ValueError, RecursionError):
        text = (line if isinstance(line, str) else line.decode("utf-8")).strip()
    try:
        second = text.find("{", json.JSONDecoder().raw_decode(text)[1]) + 1  # `echo "$A,$B" >> records.jsonl`
    except (ValueError, RecursionError):
        second = 0
    raise Damage("error.record_two_on_a_line", column=second) if second else Damage("error.record_not_json")


def _id(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if type(value) is str and _pattern(_ID).fullmatch(value):
        return value
    if value is None:
        raise Damage("error.record_missing", key=key)
    if type(value) is str and _pattern(_ID).fullmatch(value.upper()):
        raise Damage("error.record_id_case", key=key, value=_shown(value), upper=value.upper())
    raise Damage("error.record_not_an_id", key=key, value=_shown(value))


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if type(value) is not str:
        raise Damage("error.record_missing" if value is None else "error.record_not_text", key=key)
    if not value.isascii() and not _is_text(value):
        raise Damage("error.record_surrogate", key=key)
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Damage("error.record_bad_date", key="reported_on", value=_shown(text)) from None


def _is_text(text: str) -> bool:
    """Whether a string can be written out: JSON's \\ud800 escapes can make halves of characters."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Damage("error.record_bad_time") from None
    if moment.tzinfo is None:
        raise Damage("error.record_bad_time")
    try:
        moment.astimezone(UTC)  # the log's order compares instants: each must have one
    except OverflowError:
        raise Damage("error.record_time_range", value=_shown(text)) from None
    return moment


def _value(text: str) -> Decimal:
    if not _pattern(_DECIMAL).fullmatch(text):
        raise Damage("error.record_bad_value", value=_shown(text))
    try:
        value = Decimal(text)
    except InvalidOperation:  # an exponent of 10^18 digits and more
        raise Damage("error.record_value_range", value=_shown(text)) from None
    if not figure_in_range(value):
        raise Damage("error.record_value_range", value=_shown(text))
    return value


@cache  # compiled when first needed: compiling costs a command start-up ~0.1 ms each
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def _positive(value: Any) -> bool:
    return type(value) is int and value >= 1


def _shown(value: object) -> str:
    """A damaged value as the message shows it: short, whatever its size."""
    text = str(value) if isinstance(value, (int, float)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def damaged(path: object, line: int, damage: Damage | PeriodError) -> LogError:
    """The error of a damaged line, naming the file and the line."""
    return LogError("error.log_record_damaged", path=path, line=line, detail=damage.message)


# Which figure counts ---------------------------------------------------------------------


def log_order(record: Record) -> tuple[datetime, str]:
    """The log's order: the time recorded, then the id; never the order of lines in the file."""
    return (record.recorded_at, record.id)


def rank(figure: Figure) -> tuple[bool, datetime, str]:
    """Within one code and period, the figure of highest rank counts: an official figure over an
    estimate, then the one recorded later."""
    return (figure.basis == "official", figure.recorded_at, figure.id)


def current_figures(records: Iterable[Record]) -> CurrentFigures:
    """The figure that counts for each code and period, among records: retracted figures never count."""
    records = list(records)
    retracted = {r.retracts for r in records if type(r) is Retraction}
    standing = [r for r in records if type(r) is Figure and r.id not in retracted]
    standing.sort(key=rank)
    return {(figure.code.upper(), figure.period): figure for figure in standing}
