"""The record log: an append-only TOML file of reported figures and retractions."""

from __future__ import annotations

import fcntl
import os
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import tomli_w

from .errors import LogError, Message, PeriodError, RecordNotFoundError
from .periods import Period, parse_period

Basis = Literal["estimate", "official"]
BASES: tuple[Basis, ...] = ("estimate", "official")
LOG_FILE = "records.toml"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LogError("error.log_damaged", path=path, detail=Message("error.log_not_utf8", {"byte": exc.start})) from None
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
                headers = [
                    n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[record]]"
                ]
            line = headers[index] if index < len(headers) else "?"
            raise LogError("error.log_record_damaged", path=path, line=line, detail=problem) from None
        last_id = record.id
        records.append(record)
    return records


class _Damage(Exception):
    """What is wrong with one record of the log."""

    def __init__(self, key: str, **params: Any) -> None:
        self.message = Message(key, params)
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
    common = dict(
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


def append_figure(path: Path, figure: NewFigure) -> list[Record]:
    """Append a reported figure; returns the whole log, the new record last."""

    def build(records: list[Record], new_id: int) -> Record:
        return Record(
            id=new_id,
            code=figure.code,
            value=figure.value,
            period=figure.period,
            basis=figure.basis,
            recorded_at=figure.recorded_at,
            user=figure.user,
            source=figure.source,
            note=figure.note,
        )

    return _append(path, build)


def append_retraction(
    path: Path, record_id: int | None, recorded_at: datetime, user: str, note: str | None = None
) -> list[Record]:
    """Retract the named record, or the last one still standing; returns the whole log, the retraction last."""

    def build(records: list[Record], new_id: int) -> Record:
        target = retractable(records, record_id)
        return Record(
            id=new_id,
            code=target.code,
            recorded_at=recorded_at,
            user=user,
            note=note,
            retracts=target.id,
        )

    return _append(path, build)


def retractable(records: list[Record], record_id: int | None) -> Record:
    """The figure an undo would retract."""
    gone = retracted_ids(records)
    figures = [r for r in records if not r.is_retraction]
    if record_id is None:
        standing = [r for r in figures if r.id not in gone]
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


def _append(path: Path, build: Callable[[list[Record], int], Record]) -> list[Record]:
    with _locked(path.parent):
        records = load_records(path)
        record = build(records, (records[-1].id if records else 0) + 1)
        # A flat table under its own header: tomli_w would write a short array of tables inline.
        block = ("\n" if records else "") + "[[record]]\n" + tomli_w.dumps(record_table(record))
        _append_bytes(path, block.encode("utf-8"))
        return [*records, record]


def _append_bytes(path: Path, data: bytes) -> None:
    """One write at the end of the file; on any failure the file is cut back to its old size."""
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
        except BaseException as exc:
            os.ftruncate(fd, size)
            if isinstance(exc, OSError):
                raise LogError("error.log_unwritable", path=path, reason=exc.strerror) from None
            raise
    finally:
        os.close(fd)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Serialize writers of one data folder with an exclusive lock on the folder itself."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise LogError("error.folder_unopenable", path=folder, reason=exc.strerror) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
