"""The v0.1 record log, `records.toml` (`[[record]]` tables numbered 1, 2, 3...), read as it is until
the first write converts it; each number becomes the same id on every machine (docs/LOG-FORMAT.md)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import LogError, PeriodError
from .ids import derived_id
from .messages import Message
from .numbers import figure_in_range
from .periods import parse_period
from .records import BASES, Basis, Damage, Figure, Record, Retraction, damaged, line_of, record_of


def read_v01(data: bytes, path: Path) -> list[Record]:
    """The records of a v0.1 log in the order of its file, with the ids they have now."""
    import tomllib

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _damaged_file(path, Message("error.log_not_utf8", {"byte": exc.start})) from None
    try:
        table = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise _damaged_file(path, str(exc)) from None
    except (RecursionError, ValueError, ArithmeticError):  # nesting thousands deep, 5,000 digits, 1e10^18
        raise _damaged_file(path, Message("error.toml_too_deep")) from None
    raw_records = table.get("record", [])
    if set(table) - {"record"} or not isinstance(raw_records, list):
        raise _damaged_file(path, Message("error.log_only_records"))
    headers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[record]]"]
    ids: dict[int, str] = {}
    records: list[Record] = []
    by_id: dict[str, Record] = {}
    last = 0
    for index, raw in enumerate(raw_records):
        try:
            record = _record(raw, ids)
            if record.v01_id is not None and record.v01_id <= last:
                raise Damage("error.record_id_order", id=record.v01_id, last=last)
            record_of(json.loads(line_of(record)))  # the one check of every field a line has
            if isinstance(record, Retraction):
                _retracts(record, by_id.get(record.retracts))
            by_id[record.id] = record
        except (Damage, PeriodError) as exc:
            raise damaged(path, headers[index] if index < len(headers) else 0, exc) from None
        last = record.v01_id or last
        records.append(record)
    return records


def _retracts(retraction: Retraction, target: Record | None) -> None:
    """v0.1 retracted only an earlier figure, of the same code."""
    if isinstance(target, Retraction):
        raise Damage("error.retracts_retraction", id=retraction.retracts)
    if target is not None and target.code.upper() != retraction.code.upper():
        raise Damage(
            "error.retracts_other_code", id=retraction.retracts, code=target.code, named=retraction.code
        )


def _damaged_file(path: Path, detail: object) -> LogError:
    return LogError("error.log_damaged", path=path, detail=detail)


def _record(raw: Any, ids: dict[int, str]) -> Record:
    if not isinstance(raw, dict):
        raise Damage("error.record_not_table")
    number = raw.get("id")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise Damage("error.record_bad_v01_id", value=str(number)[:40])
    recorded_at = raw.get("recorded_at")
    if not isinstance(recorded_at, datetime):
        raise Damage("error.record_bad_time")
    if recorded_at.tzinfo is None:  # v0.1 accepted a local time typed by hand; read it as UTC
        recorded_at = recorded_at.replace(tzinfo=UTC)
    try:
        if recorded_at.astimezone(UTC).year < 1970:  # an id holds the time since 1970
            raise OverflowError
    except OverflowError:
        raise Damage("error.record_time_range", value=recorded_at.isoformat()) from None
    digest = hashlib.sha256(repr(sorted((k, str(v)) for k, v in raw.items())).encode("utf-8")).digest()
    record_id = ids[number] = derived_id(int(recorded_at.timestamp() * 1000), number, digest)
    code, user, note = _text(raw, "code"), _text(raw, "user"), _optional(raw, "note")
    if "retracts" in raw:
        retracts = raw["retracts"]
        if not isinstance(retracts, int) or isinstance(retracts, bool):
            raise Damage("error.record_bad_retracts")
        if retracts not in ids:  # v0.1 only ever retracted an earlier record
            raise Damage("error.retracts_missing", id=retracts)
        return Retraction(record_id, code, ids[retracts], recorded_at, user, note, v01_id=number)
    return Figure(record_id, code, _value(raw), parse_period(_text(raw, "period")), _basis(raw), recorded_at,
                  user, _optional(raw, "source"), note, v01_id=number)  # fmt: skip


def _value(raw: dict[str, Any]) -> Decimal:
    value = raw.get("value")
    if value is None:
        raise Damage("error.record_missing", key="value")
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, Decimal))
        or not figure_in_range(Decimal(value))
    ):
        raise Damage("error.record_value_range", value=str(value)[:40])
    figure = Decimal(value)
    if figure.as_tuple().exponent == -1 and figure == figure.to_integral_value():
        figure = figure.quantize(Decimal(1))  # v0.1 wrote 6950 as 6950.0 (tomli_w), and showed it as 6950
    return figure


def _basis(raw: dict[str, Any]) -> Basis:
    basis = raw.get("basis")
    if basis not in BASES:
        raise Damage("error.record_bad_basis", value=repr(basis)[:40])
    return "official" if basis == "official" else "estimate"


def _optional(raw: dict[str, Any], key: str) -> str | None:
    return None if raw.get(key) is None else _text(raw, key)


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        raise Damage("error.record_missing" if value is None else "error.record_not_text", key=key)
    return value
