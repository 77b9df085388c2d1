"""The record log: append-only, validated on load, damage reported with its line."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from laichau_targets.errors import LogError, RecordNotFoundError
from laichau_targets.logstate import append_figure, append_retraction
from laichau_targets.periods import Period
from laichau_targets.records import NewFigure, load_records

WHEN = datetime(2024, 10, 5, 9, 30, tzinfo=UTC)


def figure(code: str = "GRDP", value: str = "8.7", months: int = 12, **extra) -> NewFigure:
    return NewFigure(
        code=code,
        value=Decimal(value),
        period=Period(2024, months),
        basis="estimate",
        recorded_at=WHEN,
        user="lan",
        **extra,
    )


def test_an_absent_log_is_empty(tmp_path: Path) -> None:
    assert load_records(tmp_path / "records.toml") == []


def test_appends_keep_every_field_and_number_exactly(tmp_path: Path) -> None:
    log = tmp_path / "records.toml"
    append_figure(log, figure(value="8.7", source="Cục Thống kê", note='say "hi"\nnext line'), None)
    append_figure(log, figure("BUDGET", "2236.5", 9), None)
    first, second = load_records(log)
    assert (first.id, first.code, first.value, first.period, first.basis) == (
        1,
        "GRDP",
        Decimal("8.7"),
        Period(2024, 12),
        "estimate",
    )
    assert (first.recorded_at, first.user, first.source, first.note) == (
        WHEN,
        "lan",
        "Cục Thống kê",
        'say "hi"\nnext line',
    )
    assert (second.id, second.value, second.period.label) == (2, Decimal("2236.5"), "2024-09")


def test_appending_never_rewrites_what_is_there(tmp_path: Path) -> None:
    log = tmp_path / "records.toml"
    append_figure(log, figure(), None)
    before = log.read_bytes()
    append_figure(log, figure(value="9"), None)
    assert log.read_bytes().startswith(before)


def test_undo_appends_a_retraction(tmp_path: Path) -> None:
    log = tmp_path / "records.toml"
    append_figure(log, figure(value="8.7"), None)
    append_figure(log, figure(value="8.9"), None)
    records = append_retraction(log, None, WHEN, "lan", "typo", None)
    assert (records[-1].id, records[-1].retracts, records[-1].note) == (3, 2, "typo")
    records = append_retraction(log, None, WHEN, "lan", None, None)
    assert records[-1].retracts == 1
    with pytest.raises(RecordNotFoundError, match="there is no record to undo"):
        append_retraction(log, None, WHEN, "lan", None, None)
    with pytest.raises(RecordNotFoundError, match="record 1 is already retracted"):
        append_retraction(log, 1, WHEN, "lan", None, None)
    with pytest.raises(RecordNotFoundError, match="record 3 is itself a retraction"):
        append_retraction(log, 3, WHEN, "lan", None, None)
    with pytest.raises(RecordNotFoundError, match="there is no record 99"):
        append_retraction(log, 99, WHEN, "lan", None, None)
    assert len(load_records(log)) == 4


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t + "\n[[record]]\nid = 3\ncode = \n", "damaged: Invalid value (at line 21, column 8)"),
        (
            lambda t: t.replace("value = 9\n", 'value = "nine"\n'),
            "damaged: record at line 10: value 'nine' is not a number",
        ),
        (
            lambda t: t.replace('period = "2024-09"', 'period = "2024-13"'),
            "damaged: record at line 10: period '2024-13' does not parse",
        ),
        (lambda t: t.replace("id = 2", "id = 1"), "damaged: record at line 10: id 1 does not follow id 1"),
        (lambda t: t.replace('basis = "estimate"\n', "", 1), "damaged: record at line 1: basis is missing"),
    ],
)
def test_a_damaged_log_is_reported_with_its_line_and_never_written(tmp_path: Path, damage, message) -> None:
    log = tmp_path / "records.toml"
    append_figure(log, figure(), None)
    append_figure(log, figure(value="9", months=9), None)
    log.write_text(damage(log.read_text(encoding="utf-8")), encoding="utf-8")
    damaged = log.read_bytes()
    with pytest.raises(LogError) as caught:
        load_records(log)
    assert message in str(caught.value)
    with pytest.raises(LogError):
        append_figure(log, figure(), None)
    assert log.read_bytes() == damaged


def test_a_log_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "records.toml").mkdir()
    with pytest.raises(LogError, match="is a folder, not a record log"):
        load_records(tmp_path / "records.toml")
