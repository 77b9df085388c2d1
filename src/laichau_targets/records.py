"""The record log: an append-only TOML file of reported figures and retractions."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from .errors import LogError, Message, PeriodError, RecordNotFoundError
from .periods import Period, parse_period

Basis = Literal["estimate", "official"]
BASES: tuple[Basis, ...] = ("estimate", "official")
LOG_FILE = "records.toml"


@dataclass
class Record:
    """One line of the log: a reported figure, or the retraction of one."""

    id: int
    code: str
    recorded_at: datetime
    user: str
    value: Decimal | None = None
    period: Period | None = None
    basis: Basis | None = None
    source: str | None = None
    note: str | None = None
    retracts: int | None = None

    @property
    def is_retraction(self) -> bool:
        return self.retracts is not None


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


def load_records(path: Path) -> list[Record]:
    """Every record of the log, oldest first; an absent log is an empty one."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except IsADirectoryError:
        raise LogError("error.log_is_folder", path=path) from None
    except OSError as exc:
        raise LogError("error.log_unreadable", path=path, reason=exc.strerror) from None
    return parse_records(data, path)


def parse_records(data: bytes, path: Path) -> list[Record]:
    """Validate the bytes of a log."""
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
    records = []
    headers: list[int] | None = None
    last_id = 0
    for index, raw in enumerate(raw_records):
        try:
            record = _record_from_table(raw)
            if record.id <= last_id:
                raise _Damage("error.record_id_order", id=record.id, last=last_id)
        except (_Damage, KeyError, PeriodError) as exc:
            if isinstance(exc, KeyError):
                problem = Message("error.record_missing", {"key": exc.args[0]})
            else:
                problem = exc.message
            if headers is None:
                headers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[record]]"]
            line = headers[index] if index < len(headers) else "?"
            raise LogError("error.log_record_damaged", path=path, line=line, detail=problem) from None
        last_id = record.id
        records.append(record)
    return records


class _Damage(Exception):
    """What is wrong with one record of the log."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        self.message = Message(message_key, params)
        super().__init__(self.message.text())


def _record_from_table(raw: Any) -> Record:
    if not isinstance(raw, dict):
        raise _Damage("error.record_not_table")
    record_id = raw["id"]
    if not isinstance(record_id, int) or isinstance(record_id, bool) or record_id < 1:
        raise _Damage("error.record_bad_id", value=repr(record_id))
    recorded_at = raw["recorded_at"]
    if not isinstance(recorded_at, datetime):
        raise _Damage("error.record_bad_time")
    common: dict[str, Any] = dict(
        id=record_id,
        code=_text(raw, "code"),
        recorded_at=recorded_at,
        user=_text(raw, "user"),
        note=_optional_text(raw, "note"),
    )
    if "retracts" in raw:
        retracts = raw["retracts"]
        if not isinstance(retracts, int) or isinstance(retracts, bool):
            raise _Damage("error.record_bad_retracts")
        return Record(retracts=retracts, **common)
    value = raw["value"]
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or not Decimal(value).is_finite():
        raise _Damage("error.record_bad_value", value=repr(value))
    basis = raw["basis"]
    if basis not in BASES:
        raise _Damage("error.record_bad_basis", value=repr(basis))
    return Record(
        value=Decimal(value),
        period=parse_period(_text(raw, "period")),
        basis=basis,
        source=_optional_text(raw, "source"),
        **common,
    )


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise _Damage("error.record_not_text", key=key)
    return value


def _optional_text(raw: dict[str, Any], key: str) -> str | None:
    return _text(raw, key) if key in raw else None


def retractable(records: list[Record], record_id: int | None) -> Record:
    """The figure an undo would retract."""
    gone = retracted_ids(records)
    if record_id is None:
        standing = [r for r in records if not r.is_retraction and r.id not in gone]
        if not standing:
            raise RecordNotFoundError("error.undo_nothing")
        return standing[-1]
    for record in records:
        if record.id == record_id:
            if record.is_retraction:
                raise RecordNotFoundError("error.undo_is_retraction", id=record_id)
            if record.id in gone:
                raise RecordNotFoundError("error.undo_already", id=record_id)
            return record
    raise RecordNotFoundError("error.undo_no_record", id=record_id)


def retracted_ids(records: list[Record]) -> set[int]:
    return {r.retracts for r in records if r.retracts is not None}


CurrentFigures = dict[tuple[str, Period], Record]
"""The figure that counts for each code and exact period: what every standing is judged from."""


def rank(figure: Record) -> tuple[bool, int]:
    """Within one period: official before estimate, then the most recent."""
    return (figure.basis == "official", figure.id)


def with_figure(current: CurrentFigures, figure: Record) -> CurrentFigures:
    """`current` updated by one new figure, in place; returned for convenience."""
    assert figure.period is not None
    key = (figure.code.upper(), figure.period)
    held = current.get(key)
    if held is None or rank(figure) > rank(held):
        current[key] = figure
    return current


def figures_of_year(current: CurrentFigures, code: str, year: int) -> list[Record]:
    """The code's figure for each checkpoint of `year`, earliest period first."""
    wanted = code.upper()
    found = [r for (c, period), r in current.items() if c == wanted and period.year == year]
    return sorted(found, key=lambda r: r.period or Period(year, 0))


def latest_of_year(current: CurrentFigures, code: str, year: int) -> Record | None:
    """The code's current figure for `year`: the one with the latest period."""
    found = figures_of_year(current, code, year)
    return found[-1] if found else None


def current_figures(records: list[Record], as_of: Period | None = None) -> CurrentFigures:
    """Each code's figure per period, ignoring retracted ones and, with `as_of`, later periods."""
    gone = retracted_ids(records)
    current: CurrentFigures = {}
    for record in records:
        if record.retracts is not None or record.id in gone:
            continue
        assert record.period is not None
        if as_of is not None and record.period > as_of:
            continue
        with_figure(current, record)
    return current


def record_table(record: Record) -> dict[str, Any]:
    """The record as the TOML table the log stores."""
    table: dict[str, Any] = {"id": record.id, "code": record.code}
    if record.retracts is not None:
        table["retracts"] = record.retracts
    else:
        assert record.value is not None and record.period is not None
        table["value"] = record.value
        table["period"] = record.period.label
        table["basis"] = record.basis
    table["recorded_at"] = record.recorded_at
    table["user"] = record.user
    for key in ("source", "note"):
        value = getattr(record, key)
        if value is not None:
            table[key] = value
    return table


def append_block(path: Path, record: Record, first: bool) -> os.stat_result:
    """Append one record under its own [[record]] header; returns the log's stat after it.

    The caller holds the writers' lock. A flat table under its own header: tomli_w would
    write a short array of tables inline.
    """
    import tomli_w

    block = ("" if first else "\n") + "[[record]]\n" + tomli_w.dumps(record_table(record))
    return _append_bytes(path, block.encode("utf-8"))


def _append_bytes(path: Path, data: bytes) -> os.stat_result:
    """One write at the end of the file, flushed to disk; on any failure the file is cut back."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LogError("error.log_unwritable", path=path, reason=exc.strerror) from None
    try:
        size = os.fstat(fd).st_size
        try:
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)
            return os.fstat(fd)
        except BaseException as exc:
            os.ftruncate(fd, size)
            if isinstance(exc, OSError):
                raise LogError("error.log_unwritable", path=path, reason=exc.strerror) from None
            raise
    finally:
        os.close(fd)


@contextmanager
def locked(folder: Path, shared: bool = False) -> Iterator[None]:
    """Lock the data folder itself: exclusive for writers, shared for readers of the log.

    Readers lock too, so that they never see a record half appended.
    """
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise LogError("error.folder_unopenable", path=folder, reason=exc.strerror) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
