"""What `show` and `record` need from the log, cached so that years of records stay fast.

The state (the last id and each code's current figure) is cached (cachefile.py) for the
log as it is. A log changed by anything but `targets` no longer matches and is parsed
whole once; an append by `targets` updates the state under the writers' lock, so neither
`show` nor `record` parses the log again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import cachefile
from .periods import Period
from .records import (
    CurrentFigures,
    NewFigure,
    Record,
    append_block,
    current_figures,
    load_records,
    locked,
    record_table,
    retractable,
    with_figure,
)


@dataclass
class LogState:
    """The last id of the log and each code's current figure per year."""

    last_id: int
    current: CurrentFigures


def state_of(records: list[Record]) -> LogState:
    return LogState(records[-1].id if records else 0, current_figures(records))


def load_state(log: Path, cache_dir: Path | None) -> LogState:
    """The state of the log, from the cache when it still describes the log."""
    with locked(log.parent, shared=True):
        return _state_under_lock(log, cache_dir)


def _state_under_lock(log: Path, cache_dir: Path | None) -> LogState:
    try:
        signature: list[int] | None = cachefile.signature_of(os.stat(log))
    except FileNotFoundError:
        return LogState(0, {})
    except OSError:
        signature = None  # load_records says what is wrong
    if cache_dir is not None and signature is not None:
        cached = _decode(cachefile.read(cachefile.cache_path(cache_dir, "log", log), signature))
        if cached is not None:
            return cached
    state = state_of(load_records(log))
    if cache_dir is not None and signature is not None:
        cachefile.write(cachefile.cache_path(cache_dir, "log", log), signature, _encode(state))
    return state


def _save(log: Path, cache_dir: Path | None, stat: os.stat_result, state: LogState) -> None:
    if cache_dir is not None:
        cachefile.write(
            cachefile.cache_path(cache_dir, "log", log), cachefile.signature_of(stat), _encode(state)
        )


def append_figure(log: Path, figure: NewFigure, cache_dir: Path | None) -> tuple[Record, LogState]:
    """Append a reported figure; returns it as recorded and the log's new state."""
    records, state = append_figures(log, [figure], cache_dir)
    return records[0], state


# Until the record log class (issue 10) lands with its own append_figures: one append of many
# figures, under one lock and in one write, for `targets import`.
def append_figures(
    log: Path, figures: list[NewFigure], cache_dir: Path | None
) -> tuple[list[Record], LogState]:
    """Append figures under one lock with one write; returns them as recorded and the new state."""
    import tomli_w

    from .records import _append_bytes

    with locked(log.parent):
        state = _state_under_lock(log, cache_dir)
        current = dict(state.current)
        records = []
        blocks = []
        for n, figure in enumerate(figures, state.last_id + 1):
            record = Record(
                id=n,
                code=figure.code,
                value=figure.value,
                period=figure.period,
                basis=figure.basis,
                recorded_at=figure.recorded_at,
                user=figure.user,
                source=figure.source,
                note=figure.note,
            )
            records.append(record)
            with_figure(current, record)
            blocks.append("[[record]]\n" + tomli_w.dumps(record_table(record)))
        text = ("" if state.last_id == 0 else "\n") + "\n".join(blocks)
        stat = _append_bytes(log, text.encode("utf-8"))
        state = LogState(records[-1].id if records else state.last_id, current)
        _save(log, cache_dir, stat, state)
        return records, state


def append_retraction(
    log: Path,
    record_id: int | None,
    recorded_at: datetime,
    user: str,
    note: str | None,
    cache_dir: Path | None,
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
        _save(log, cache_dir, stat, state_of(records))
        return records


def read_records(log: Path) -> list[Record]:
    """Every record of the log, read under the readers' lock."""
    with locked(log.parent, shared=True):
        return load_records(log)


def _decode(data: Any) -> LogState | None:
    if data is None:
        return None
    try:
        current: CurrentFigures = {}
        for row in data["current"]:
            year, months = row["period"]
            with_figure(
                current,
                Record(
                    id=row["id"],
                    code=row["code"],
                    value=Decimal(row["value"]),
                    period=Period(year, months),
                    basis=row["basis"],
                    recorded_at=datetime.fromisoformat(row["recorded_at"]),
                    user=row["user"],
                    source=row["source"],
                    note=row["note"],
                ),
            )
        return LogState(data["last_id"], current)
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None  # a foreign cache is as good as none


def _encode(state: LogState) -> dict[str, Any]:
    rows = []
    for record in state.current.values():
        assert record.period is not None
        rows.append(
            {
                "id": record.id,
                "code": record.code,
                "value": str(record.value),
                "period": (record.period.year, record.period.months),
                "basis": record.basis,
                "recorded_at": record.recorded_at.isoformat(),
                "user": record.user,
                "source": record.source,
                "note": record.note,
            }
        )
    return {"last_id": state.last_id, "current": rows}
