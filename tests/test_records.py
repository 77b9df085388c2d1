"""The record log: append-only lines, checked as a whole on load, damage reported with its line."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from laichau_targets import records as records_module
from laichau_targets.errors import LogError, RecordNotFoundError
from laichau_targets.ids import common_prefix
from laichau_targets.log import RecordLog
from laichau_targets.periods import Period
from laichau_targets.records import (
    CODE,
    ID,
    MONTHS,
    RETRACTS,
    YEAR,
    Figure,
    NewFigure,
    Retraction,
    Row,
    current_of_rows,
    latest_of_year,
    line_of,
    outranks,
    row_of,
)

WHEN = datetime(2024, 10, 5, 9, 30, tzinfo=UTC)


def figure(code: str = "GRDP", value: str = "8.7", months: int = 12, **extra) -> NewFigure:
    return NewFigure(
        code=code,
        value=Decimal(value),
        period=Period(2024, months),
        basis="estimate",
        recorded_at=extra.pop("recorded_at", WHEN),
        user="lan",
        **extra,
    )


def test_an_absent_log_is_empty(tmp_path: Path) -> None:
    assert RecordLog(tmp_path).records() == []
    assert RecordLog(tmp_path).state().current == {}
    assert list(tmp_path.iterdir()) == []


def test_appends_keep_every_field_and_number_exactly(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    log.append_figures([figure(value="8.70", source="Cục Thống kê", note='say "hi"\nnext line')])
    log.append_figures([figure("BUDGET", "12345678901234567.5", 9, recorded_at=WHEN + timedelta(seconds=1))])
    first, second = log.records()
    assert isinstance(first, Figure) and isinstance(second, Figure)
    assert (first.code, first.value, str(first.value), first.period, first.basis) == (
        "GRDP",
        Decimal("8.7"),
        "8.70",
        Period(2024, 12),
        "estimate",
    )
    assert (first.recorded_at, first.user, first.source, first.note) == (
        WHEN,
        "lan",
        "Cục Thống kê",
        'say "hi"\nnext line',
    )
    assert (str(second.value), second.period.label) == ("12345678901234567.5", "2024-09")
    lines = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "Cục Thống kê" in lines[0]  # one line each, text readable as typed
    assert json.loads(lines[1])["value"] == "12345678901234567.5"


def test_many_figures_go_in_one_write_with_rising_ids(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    added = log.append_figures([figure(value=str(n)) for n in range(5)])
    state = log.state()
    assert [f.value for f in added] == [Decimal(n) for n in range(5)]
    assert [f.id for f in added] == sorted(f.id for f in added)  # the last of one batch counts
    assert latest_of_year(state.current, "GRDP", 2024).value == Decimal(4)
    assert [r.id for r in log.records()] == [f.id for f in added]


def test_appending_never_rewrites_what_is_there(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    log.append_figures([figure()])
    before = (tmp_path / "records.jsonl").read_bytes()
    log.append_figures([figure(value="9")])
    assert (tmp_path / "records.jsonl").read_bytes().startswith(before)


def test_the_order_is_the_time_recorded_not_the_order_of_lines(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    later = log.append_figures([figure(value="9", recorded_at=WHEN + timedelta(hours=1))])
    earlier = log.append_figures([figure(value="8")])
    assert [r.id for r in log.records()] == [earlier[0].id, later[0].id]
    assert latest_of_year(log.state().current, "GRDP", 2024).value == Decimal(
        9
    )  # recorded later, so it counts


def test_undo_appends_a_retraction(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    (first,) = log.append_figures([figure(value="8.7")])
    (second,) = log.append_figures([figure(value="8.9", recorded_at=WHEN + timedelta(seconds=1))])
    done = log.retract(None, WHEN, "lan", "typo")
    assert (done.retracted.id, done.retraction.retracts, done.retraction.note) == (
        second.id,
        second.id,
        "typo",
    )
    assert latest_of_year(done.current, "GRDP", 2024).id == first.id
    assert log.retract(None, WHEN, "lan", None).retracted.id == first.id
    with pytest.raises(RecordNotFoundError, match="there is no record to undo"):
        log.retract(None, WHEN, "lan", None)
    now_short = next(r.short for r in log.records() if r.id == first.id)  # longer as the log grows
    with pytest.raises(RecordNotFoundError, match=f"record {now_short} is already retracted"):
        log.retract(now_short, WHEN, "lan", None)
    retraction = done.retraction.id
    with pytest.raises(RecordNotFoundError, match=f"record {retraction} is itself a retraction"):
        log.retract(retraction, WHEN, "lan", None)
    with pytest.raises(RecordNotFoundError, match="there is no record 7ZZZZZZ"):
        log.retract("7ZZZZZZ", WHEN, "lan", None)
    with pytest.raises(RecordNotFoundError, match="01J is too short; give at least 6 characters"):
        log.retract("01J", WHEN, "lan", None)
    assert len(log.records()) == 4


def test_an_id_is_taken_by_any_unique_beginning_in_any_case(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    added = log.append_figures([figure(value=str(n)) for n in range(3)])
    shorts = {f.short for f in added}
    assert len(shorts) == 3 and all(len(f.short) >= 6 and f.id.startswith(f.short) for f in added)
    shared = added[0].id[: common_prefix(added[0].id, added[-1].id)]  # ids rise: first and last share least
    with pytest.raises(RecordNotFoundError, match=f"3 records start with {shared}"):
        log.retract(shared, WHEN, "lan", None)
    done = log.retract(added[1].short.lower(), WHEN, "lan", None)
    assert done.retracted.id == added[1].id


def _two_figures(folder: Path) -> list[str]:
    log = RecordLog(folder)
    log.append_figures([figure()])
    log.append_figures([figure(value="9", months=9, recorded_at=WHEN + timedelta(seconds=1))])
    return (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()


def _with(line: str, **changes: object) -> str:
    row = json.loads(line)
    row.update(changes)
    return json.dumps({k: v for k, v in row.items() if v is not None})  # escapes, as any JSON writer may


def _retraction_of(line: str, **changes: object) -> str:
    row = json.loads(line)
    retraction = {
        "id": "7" + row["id"][1:],
        "code": row["code"],
        "retracts": row["id"],
        "recorded_at": row["recorded_at"],
        "user": "u",
    }
    retraction.update(changes)
    return json.dumps(retraction)


DAMAGE = [
    (
        lambda lines: [lines[0], _with(lines[1], note="a \ud800 b")],
        "record at line 2: note holds half of a character (a lone \\u surrogate escape)",
    ),
    (lambda lines: [*lines, "{not json"], "record at line 3: not a JSON object on one line"),
    (
        lambda lines: [_with(lines[0], value="nine"), lines[1]],
        "record at line 1: value 'nine' is not a number",
    ),
    (
        lambda lines: [lines[0], _with(lines[1], value="1" + "0" * 25)],
        "record at line 2: value '10000000000000000000000000' is outside the range a figure may have",
    ),
    (
        lambda lines: [lines[0], _with(lines[1], value="0." + "0" * 400 + "1")],
        "record at line 2: value '0.00000000000000000000",
    ),
    (
        lambda lines: [lines[0], _with(lines[1], value="NaN")],
        "record at line 2: value 'NaN' is outside the range",
    ),
    (
        lambda lines: [_with(lines[0], period="2024-13"), lines[1]],
        "record at line 1: period '2024-13' does not parse",
    ),
    (lambda lines: [_with(lines[0], basis=None), lines[1]], "record at line 1: basis None is neither"),
    (lambda lines: [_with(lines[0], id="1"), lines[1]], "record at line 1: id '1' is not"),
    (
        lambda lines: [lines[0], _with(lines[1], id=json.loads(lines[0])["id"])],
        "record at line 2: id {id0} is also the id of a different record at line 1",
    ),
    (
        lambda lines: [*lines, _retraction_of(lines[0], retracts="7" * 26)],
        "record at line 3: it retracts 77777777777777777777777777, which is not in the log",
    ),
    (
        lambda lines: [*lines, _retraction_of(lines[0], retracts="7" + json.loads(lines[0])["id"][1:])],
        "record at line 3: the retraction retracts itself",
    ),
    (
        lambda lines: [
            *lines,
            _retraction_of(lines[0]),
            _retraction_of(lines[0], id="6" + "Z" * 25, retracts="7" + json.loads(lines[0])["id"][1:]),
        ],
        "record at line 4: it retracts 7",
    ),
    (
        lambda lines: [*lines, _retraction_of(lines[0], code="JOBS")],
        "record at line 3: it retracts {id0}, a figure of GRDP, but names JOBS",
    ),
]


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(("damage", "message"), DAMAGE)
@pytest.mark.parametrize("piece", [records_module._PIECE, 1])  # the whole log at once, or a line at a time
def test_a_damaged_log_is_reported_with_its_line_and_never_written(
    tmp_path: Path, monkeypatch, damage, message, piece: int
) -> None:
    monkeypatch.setattr(records_module, "_PIECE", piece)
    lines = _two_figures(tmp_path)
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(damage(lines)) + "\n", encoding="utf-8")
    damaged = path.read_bytes()
    expected = message.format(id0=json.loads(lines[0])["id"])
    for action in (lambda: RecordLog(tmp_path).records(), lambda: RecordLog(tmp_path).state()):
        with pytest.raises(LogError) as caught:
            action()
        assert f"{path}: damaged: " in str(caught.value) and expected in str(caught.value)
    with pytest.raises(LogError):
        RecordLog(tmp_path).append_figures([figure()])
    with pytest.raises(LogError):
        RecordLog(tmp_path).retract(None, WHEN, "u", None)
    assert path.read_bytes() == damaged


@pytest.mark.parametrize("piece", [records_module._PIECE, 1, 300])
def test_lines_are_counted_across_pieces_and_blank_lines(tmp_path: Path, monkeypatch, piece: int) -> None:
    monkeypatch.setattr(records_module, "_PIECE", piece)
    lines = _two_figures(tmp_path)
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join([lines[0], "", "  ", lines[1], ""]) + "\n", encoding="utf-8")
    assert [r.id for r in RecordLog(tmp_path).records()] == [json.loads(line)["id"] for line in lines]
    with open(path, "a", encoding="utf-8") as f:
        f.write(_with(lines[1], basis=None) + "\n")
    with pytest.raises(LogError, match="record at line 6: basis None"):
        RecordLog(tmp_path).records()


def test_the_same_record_twice_counts_once_and_a_retraction_may_come_first(tmp_path: Path) -> None:
    lines = _two_figures(tmp_path)
    retraction = _retraction_of(lines[1])
    (tmp_path / "records.jsonl").write_text(
        "\n".join([retraction, lines[0], lines[1], lines[0], retraction, lines[1]]) + "\n", encoding="utf-8"
    )
    records = RecordLog(tmp_path).records()
    assert [type(r) for r in records] == [Figure, Figure, Retraction]
    assert latest_of_year(RecordLog(tmp_path).state().current, "GRDP", 2024).value == Decimal("8.7")


def test_the_same_figure_retracted_twice_counts_once(tmp_path: Path) -> None:
    lines = _two_figures(tmp_path)
    again = _retraction_of(lines[1], id="6" + "A" * 25)
    (tmp_path / "records.jsonl").write_text(
        "\n".join([*lines, _retraction_of(lines[1]), again]) + "\n", encoding="utf-8"
    )
    log = RecordLog(tmp_path)
    assert len(log.records()) == 4
    assert latest_of_year(log.state().current, "GRDP", 2024).value == Decimal("8.7")


def test_text_that_is_not_unicode_is_never_written(tmp_path: Path) -> None:
    """Undecodable bytes of an argument arrive as lone surrogates; the log refuses them whole."""
    log = RecordLog(tmp_path)
    log.append_figures([figure()])
    before = (tmp_path / "records.jsonl").read_bytes()
    with pytest.raises(LogError, match="the note is not valid text"):
        log.append_figures([figure(note="caf\udce9")])
    assert (tmp_path / "records.jsonl").read_bytes() == before


def test_a_last_line_without_its_newline_gets_one_before_the_next(tmp_path: Path) -> None:
    lines = _two_figures(tmp_path)
    (tmp_path / "records.jsonl").write_text("\n".join(lines), encoding="utf-8")
    RecordLog(tmp_path).append_figures([figure(value="5")])
    assert len(RecordLog(tmp_path).records()) == 3


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a folder, not a record log"),
        (lambda p: os.mkfifo(p), "is not a regular file"),
        (lambda p: p.symlink_to("/dev/zero"), "is not a regular file"),
    ],
)
def test_a_log_that_is_not_a_file(tmp_path: Path, make, message) -> None:
    if not stat.S_ISCHR(os.stat("/dev/zero").st_mode):
        pytest.skip("/dev/zero is not a device on this machine")
    make(tmp_path / "records.jsonl")
    for action in (
        lambda: RecordLog(tmp_path).records(),
        lambda: RecordLog(tmp_path).state(),
        lambda: RecordLog(tmp_path).append_figures([figure()]),
    ):
        with pytest.raises(LogError, match=message):
            action()


some_rows = st.lists(
    st.tuples(
        st.integers(0, 5),  # time recorded, in seconds: ties are common
        st.sampled_from(["GRDP", "grdp", "JOBS"]),
        st.sampled_from([3, 6, 12]),
        st.integers(2023, 2024),
        st.booleans(),  # official
        st.integers(-1, 20),  # which earlier record it retracts instead, if >= 0
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(some_rows, st.sampled_from([None, Period(2024, 3), Period(2024, 6), Period(2023, 12)]))
def test_the_current_figures_are_those_that_outrank_every_other(spec, as_of) -> None:
    rows: list[Row] = []
    for n, (second, code, months, year, official, retracts) in enumerate(spec):
        record_id = f"01J9E0{n:020d}"
        if 0 <= retracts < n and rows[retracts][RETRACTS] is None:
            target = rows[retracts]
            rows.append(row_of(Retraction(record_id, target[CODE], target[ID], WHEN, "lan")))
            continue
        at = WHEN + timedelta(seconds=second)
        new = NewFigure(
            code, Decimal(n), Period(year, months), "official" if official else "estimate", at, "lan"
        )
        rows.append(row_of(Figure(record_id, *vars(new).values())))
    gone = {row[RETRACTS] for row in rows}
    standing = [
        row
        for row in rows
        if row[RETRACTS] is None
        and row[ID] not in gone
        and (as_of is None or Period(row[YEAR], row[MONTHS]) <= as_of)
    ]
    expected = {
        (row[CODE].upper(), Period(row[YEAR], row[MONTHS])): row[ID]
        for row in standing
        if not any(
            outranks(other, row)
            for other in standing
            if (other[CODE].upper(), other[YEAR], other[MONTHS])
            == (row[CODE].upper(), row[YEAR], row[MONTHS])
        )
    }
    found = current_of_rows(list(reversed(rows)), as_of)  # in any order of the file
    assert {key: figure.id for key, figure in found.items()} == expected
    if as_of is not None:  # what RecordLog.current_as_of relies on
        every = current_of_rows(rows)
        assert found == {key: figure for key, figure in every.items() if key[1] <= as_of}


def mostly(good: list[object], bad: list[object]) -> st.SearchStrategy[object]:
    """Good values most of the time, so that whole pieces of good lines are common."""
    return st.sampled_from(good * (6 * max(1, len(bad)) // len(good) + 1) + bad)


texts = mostly(
    ["lan", "Cục Thống kê", "ước tính", "\u2028", "x" * 40], ["", 'nói "ước"', "a\\b", "tab\there"]
)
plain_texts = st.sampled_from(["lan", "Cục Thống kê", "\u2028", "x" * 40])  # never escaped, never empty
ids = ["01J9E0" + "0" * 19 + c for c in "0123"]


def lines_of(text: st.SearchStrategy[object], source: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.lists(
        st.fixed_dictionaries(
            {
                "id": mostly(ids, ["81J9E0" + "0" * 20, "01j9e0" + "0" * 20]),
                "code": mostly(["GRDP", "grdp", "JOBS"], ["", 3]),
                "value": mostly(
                    ["8.7", "-0", "12345678901.123456789", "1850.5"], ["1e5", "x", "", "1" * 19, 8.7]
                ),
                "period": mostly(["2024", "2024-Q1", "2024-09"], ["2024-13", ""]),
                "basis": mostly(["estimate", "official"], ["Official", None]),
                "recorded_at": mostly(
                    ["2024-10-05T09:30:12.345678+07:00", "2024-10-05T09:30:12+00:00"],
                    ["2024-10-05T09:30:12", "Z", ""],
                ),
                "user": text,
            },
            optional={
                "source": source,
                "note": text,
                "v01_id": mostly([1, 3], [0, -1, "2", 10**20]),
                "retracts": mostly(ids, ["x"]),
            },
        ),
        min_size=1,
        max_size=4,
    )


some_lines = st.one_of(
    lines_of(texts, mostly(["Cục Thống kê", "GSO"], [None, ""])),
    lines_of(plain_texts, st.sampled_from(["Cục Thống kê", "GSO"])),  # plain lines, fields right or wrong
)


KEY_ORDER = [
    "id",
    "code",
    "retracts",
    "value",
    "period",
    "basis",
    "recorded_at",
    "user",
    "source",
    "note",
    "v01_id",
]


@settings(max_examples=500, deadline=None)
@given(some_lines, st.sampled_from(["compact", "spaced", "compact", "spaced", "ascii", "shuffled"]))
def test_plain_lines_read_as_json_reads_them(tmp_path_factory, lines, style) -> None:
    """Lines in the plain form are read field by field, without a JSON decoder: always to the same rows or damage."""
    encoded = []
    for one in lines:
        if "retracts" in one:  # a retraction as targets writes it
            one = {k: v for k, v in one.items() if k not in ("value", "period", "basis")}
        one = {k: one[k] for k in KEY_ORDER if k in one}
        if style == "shuffled":
            one = dict(reversed(one.items()))
        separators = (",", ":") if style == "compact" else (", ", ": ")
        encoded.append(json.dumps(one, ensure_ascii=style == "ascii", separators=separators))
    data = ("\n".join(encoded) + "\n").encode("utf-8")
    path = tmp_path_factory.mktemp("log") / "records.jsonl"

    def outcome() -> object:
        try:
            return records_module.parse_lines(data, path).rows
        except LogError as exc:
            return str(exc)

    plain = outcome()
    plain_rows = records_module._plain_rows
    try:
        records_module._plain_rows = lambda *args: None  # every line decoded as JSON
        assert plain == outcome()
    finally:
        records_module._plain_rows = plain_rows


any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)  # any text but lone surrogates


@settings(max_examples=400, deadline=None)
@example(False, "GRDP", 'a"b\\c', "\x7f\u2028\u2029", "\U0001f600\x00\x1f", None, WHEN)
@given(
    st.booleans(),
    any_text.filter(bool),
    any_text,
    st.none() | any_text,
    st.none() | any_text,
    st.none() | st.integers(1, 10**18),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=7))])),
)
def test_a_line_is_written_as_json_dumps_writes_it(retraction, code, user, source, note, v01_id, at) -> None:
    """line_of writes JSON by hand (start-up): byte for byte what json.dumps would write, which the log reads back."""
    record: Figure | Retraction
    if retraction:
        record = Retraction(ids[0], code, ids[1], at, user, note, v01_id)
    else:
        record = Figure(
            ids[0], code, Decimal("-12.50"), Period(2024, 9), "official", at, user, source, note, v01_id
        )
    row = {
        "id": record.id,
        "code": code,
        **(
            {"retracts": ids[1]}
            if retraction
            else {"value": "-12.50", "period": "2024-09", "basis": "official"}
        ),
        "recorded_at": at.isoformat(),
        "user": user,
        **({"source": source} if source is not None and not retraction else {}),
        **({"note": note} if note is not None else {}),
        **({"v01_id": v01_id} if v01_id is not None else {}),
    }
    expected = (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    assert line_of(record) == expected
