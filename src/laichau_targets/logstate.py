"""What `show` and `record` need from the log, kept beside it so that years of records stay fast.

The state (the last id and each code's current figure) is cached in the user's cache
folder, keyed by the log's identity, size and modification time. A log changed by anything
but `targets` no longer matches and is parsed whole once; an append by `targets` updates
the state under the writers' lock, so it never parses the log again.
"""

from __future__ import annotations

import marshal
import os
import zlib
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .periods import Period
from .records import (
    CurrentFigures,
    NewFigure,
    Record,
    append_block,
    current_figures,
    load_records,
    locked,
    retractable,
    with_figure,
)

CACHE_VERSION = 1


@dataclass
class LogState:
    """The last id of the log and each code's current figure per year."""

    last_id: int
    current: CurrentFigures


def cache_file(cache_dir: Path, log: Path) -> Path:
    """One cache file per log; a clash of names only costs a re-read, since the log's identity is checked."""
    name = str(log.resolve()).encode("utf-8")
    return cache_dir / f"log-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.cache"


def _signature(stat: os.stat_result) -> list[int]:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def state_of(records: list[Record]) -> LogState:
    return LogState(records[-1].id if records else 0, current_figures(records))


def load_state(log: Path, cache_dir: Path | None) -> LogState:
    """The state of the log, from the cache when it still describes the log."""
    with locked(log.parent, shared=True):
        return _state_under_lock(log, cache_dir)


def _state_under_lock(log: Path, cache_dir: Path | None) -> LogState:
    try:
        signature = _signature(os.stat(log))
    except FileNotFoundError:
        return LogState(0, {})
    except OSError:
        signature = None
    if cache_dir is not None and signature is not None:
        cached = _read(cache_file(cache_dir, log), signature)
        if cached is not None:
            return cached
    state = state_of(load_records(log))
    if cache_dir is not None and signature is not None:
        _write(cache_file(cache_dir, log), signature, state)
    return state


def append_figure(log: Path, figure: NewFigure, cache_dir: Path | None) -> tuple[Record, LogState]:
    """Append a reported figure; returns it as recorded and the log's new state."""
    with locked(log.parent):
        state = _state_under_lock(log, cache_dir)
        record = Record(
            id=state.last_id + 1,
            code=figure.code,
            value=figure.value,
            period=figure.period,
            basis=figure.basis,
            recorded_at=figure.recorded_at,
            user=figure.user,
            source=figure.source,
            note=figure.note,
        )
        stat = append_block(log, record, first=state.last_id == 0)
        state = LogState(record.id, with_figure(dict(state.current), record))
        if cache_dir is not None:
            _write(cache_file(cache_dir, log), _signature(stat), state)
        return record, state


def append_retraction(
    log: Path, record_id: int | None, recorded_at: datetime, user: str, note: str | None, cache_dir: Path | None
) -> list[Record]:
    """Retract the named record, or the last one standing; returns the whole log, the retraction last."""
    with locked(log.parent):
        records = load_records(log)
        target = retractable(records, record_id)
        retraction = Record(
            id=(records[-1].id if records else 0) + 1,
            code=target.code,
            recorded_at=recorded_at,
            user=user,
            note=note,
            retracts=target.id,
        )
        stat = append_block(log, retraction, first=not records)
        records.append(retraction)
        if cache_dir is not None:
            _write(cache_file(cache_dir, log), _signature(stat), state_of(records))
        return records


def read_records(log: Path) -> list[Record]:
    """Every record of the log, read under the readers' lock."""
    with locked(log.parent, shared=True):
        return load_records(log)


def _read(path: Path, signature: list[int]) -> LogState | None:
    try:
        data = marshal.loads(path.read_bytes())
        if data.get("version") != CACHE_VERSION or data.get("log") != signature:
            return None
        current: CurrentFigures = {}
        for row in data["current"]:
            year, months = row["period"]
            record = Record(
                id=row["id"],
                code=row["code"],
                value=Decimal(row["value"]),
                period=Period(year, months),
                basis=row["basis"],
                recorded_at=datetime.fromisoformat(row["recorded_at"]),
                user=row["user"],
                source=row.get("source"),
                note=row.get("note"),
            )
            with_figure(current, record)
        return LogState(data["last_id"], current)
    except (OSError, ValueError, KeyError, TypeError, EOFError, AttributeError):
        return None  # an unreadable or foreign cache is as good as none


def _write(path: Path, signature: list[int], state: LogState) -> None:
    rows: list[dict[str, Any]] = []
    for record in state.current.values():
        assert record.period is not None and record.value is not None
        rows.append(
            {
                "id": record.id,
                "code": record.code,
                "value": str(record.value),
                "period": [record.period.year, record.period.months],
                "basis": record.basis,
                "recorded_at": record.recorded_at.isoformat(),
                "user": record.user,
                "source": record.source,
                "note": record.note,
            }
        )
    data = {"version": CACHE_VERSION, "log": signature, "last_id": state.last_id, "current": rows}
    # marshal: the fastest format to load that the standard library has, and the cache is no one's to read.
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(marshal.dumps(data))
        os.replace(temp, path)
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass  # a cache that cannot be written only costs speed
