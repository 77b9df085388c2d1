"""The record log: append-only lines, checked as a whole on load, damage reported with its line;
the line that declares its format, and a log that is no file."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from laichau_targets import log as log_module
from laichau_targets.cli import EXIT_ERROR
from laichau_targets.errors import LogError, PeriodError, RecordNotFoundError
from laichau_targets.ids import common_prefix
from laichau_targets.log import RecordLog
from laichau_targets.periods import Period
from laichau_targets.records import (
    Damage,
    Declaration,
    Figure,
    Record,
    Retraction,
    decoded,
    line_of,
    log_order,
    record_of,
)
from laichau_targets.standing import figures_of_year

from .conftest import REPO
from .helpers import WHEN, device, log_lines, log_of, run


def test_an_absent_log_is_empty(tmp_path: Path) -> None:
    assert RecordLog(tmp_path).records() == []
    assert RecordLog(tmp_path).contents().current_figures() == {}
    assert RecordLog(tmp_path).contents().history(None, None) == []
    assert list(tmp_path.iterdir()) == []


DECLARATION = '{"format":3,"log":"laichau-targets record log"}'


def figure(code: str = "GRDP", value: str = "8.7", months: int = 12, **extra) -> Figure:
    """A figure not yet written: its id is empty until the log gives it one."""
    return Figure(
        id="",
        code=code,
        value=Decimal(value),
        period=Period(2024, months),
        basis="estimate",
        recorded_at=extra.pop("recorded_at", WHEN),
        user="lan",
        **extra,
    )


def test_appends_keep_every_field_and_number_exactly(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    log.append([figure(value="8.70", source="Cục Thống kê", note='say "hi"\nnext line')])
    log.append(
        [
            figure(
                "BUDGET",
                "12345678901234567.5",
                9,
                recorded_at=WHEN + timedelta(seconds=1),
                reported_on=date(2024, 10, 1),
            )
        ]
    )
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
    assert (str(second.value), second.period.label, second.reported_on) == (
        "12345678901234567.5",
        "2024-09",
        date(2024, 10, 1),
    )
    lines = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
    # the first write declares the format; then one line each, text readable as typed
    assert len(lines) == 3 and lines[0] == DECLARATION and "Cục Thống kê" in lines[1]
    assert json.loads(lines[2])["value"] == "12345678901234567.5"
    assert json.loads(lines[2])["reported_on"] == "2024-10-01"
    assert [line.encode("utf-8") + b"\n" for line in lines[1:]] == [line_of(first), line_of(second)]


def latest(log: RecordLog | dict, code: str = "GRDP", year: int = 2024) -> Figure:
    current = log.contents().current_figures() if isinstance(log, RecordLog) else log
    return figures_of_year(current, code, year)[-1]


def test_many_figures_go_in_one_write_with_rising_ids(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    written = log.append([figure(value=str(n)) for n in range(5)])
    added = written.records
    assert [f.value for f in added] == [Decimal(n) for n in range(5)]
    assert [f.id for f in added] == sorted(f.id for f in added)  # the last of one batch counts
    assert latest(log).value == Decimal(4)
    assert latest(written.current).id == added[-1].id
    assert written.outranked == {f.id: added[:n:-1] for n, f in enumerate(added[:-1])}  # highest first
    assert [r.id for r in log.records()] == [f.id for f in added]
    # one batch: each record names it and its size, and the batch's id is no record's
    assert {(f.batch, f.batch_size) for f in added} == {(added[0].batch, 5)}
    assert added[0].batch is not None and added[0].batch not in {f.id for f in added}
    lines = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and lines[0] == DECLARATION
    assert [json.loads(line)["batch_size"] for line in lines[1:]] == [5] * 5


def test_one_figure_is_no_batch(tmp_path: Path) -> None:
    (added,) = RecordLog(tmp_path).append([figure()]).records
    assert (added.batch, added.batch_size) == (None, None)
    assert "batch" not in (tmp_path / "records.jsonl").read_text(encoding="utf-8")


def test_appending_never_rewrites_what_is_there(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    log.append([figure()])
    before = (tmp_path / "records.jsonl").read_bytes()
    log.append([figure(value="9")])
    after = (tmp_path / "records.jsonl").read_bytes()
    assert after.startswith(before) and after.count(DECLARATION.encode()) == 1


def test_the_order_is_the_time_recorded_not_the_order_of_lines(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    (later,) = log.append([figure(value="9", recorded_at=WHEN + timedelta(hours=1))]).records
    written = log.append([figure(value="8")])
    (earlier,) = written.records
    assert [r.id for r in log.records()] == [earlier.id, later.id]
    assert latest(log).value == Decimal(9)  # recorded later, so it counts
    assert written.outranked == {earlier.id: [later]}


def test_undo_appends_a_retraction(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    (first,) = log.append([figure(value="8.7")]).records
    (second,) = log.append([figure(value="8.9", recorded_at=WHEN + timedelta(seconds=1))]).records
    done = log.retract(None, WHEN, "lan", "typo")
    retraction, retracted = done.records
    assert isinstance(retraction, Retraction)
    assert (retracted.id, retraction.retracts, retraction.note) == (second.id, second.id, "typo")
    assert latest(done.current).id == first.id
    assert log.retract(None, WHEN, "lan", None).records[1].id == first.id
    with pytest.raises(RecordNotFoundError, match="there is no record to undo"):
        log.retract(None, WHEN, "lan", None)
    now_short = log.contents().shorts([first.id])[first.id]  # longer as the log grows
    with pytest.raises(RecordNotFoundError, match=f"record {now_short} is already retracted"):
        log.retract(now_short, WHEN, "lan", None)
    with pytest.raises(RecordNotFoundError, match=f"record {retraction.id} is itself a retraction"):
        log.retract(retraction.id, WHEN, "lan", None)
    with pytest.raises(RecordNotFoundError, match="there is no record 7ZZZZZZ"):
        log.retract("7ZZZZZZ", WHEN, "lan", None)
    with pytest.raises(RecordNotFoundError, match="01J is too short; give at least 6 characters"):
        log.retract("01J", WHEN, "lan", None)
    assert len(log.records()) == 4


def test_an_id_is_taken_by_any_unique_beginning_in_any_case(tmp_path: Path) -> None:
    log = RecordLog(tmp_path)
    written = log.append([figure(value=str(n)) for n in range(3)])
    added, shorts = written.records, written.shorts
    assert len(set(shorts.values())) == 3
    assert all(len(shorts[f.id]) >= 6 and f.id.startswith(shorts[f.id]) for f in added)
    assert shorts == log.contents().shorts(f.id for f in added)
    shared = added[0].id[: common_prefix(added[0].id, added[-1].id)]  # ids rise: first and last share least
    with pytest.raises(RecordNotFoundError, match=f"3 records start with {shared}"):
        log.retract(shared, WHEN, "lan", None)
    done = log.retract(shorts[added[1].id].lower(), WHEN, "lan", None)
    assert done.records[1].id == added[1].id


@pytest.fixture(params=["whole", "cache"])
def cache_dir(request, tmp_path: Path, monkeypatch) -> Path | None:
    """No cache (the log read whole), or a cache of every log however small (read through it)."""
    if request.param == "whole":
        return None
    monkeypatch.setattr(log_module, "CACHED_FROM", 0)
    return tmp_path / "cache"


def _two_figures(folder: Path) -> list[str]:
    """Two figures written by the log; their lines, without the line that declares the format."""
    log = RecordLog(folder)
    log.append([figure()])
    log.append([figure(value="9", months=9, recorded_at=WHEN + timedelta(seconds=1))])
    lines = (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines[0] == DECLARATION
    return lines[1:]


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


def _broken_over_two_lines(lines: list[str]) -> list[str]:
    """The first record broken inside a list of an unknown key, the next record after a comma
    on the line that ends it: read as one JSON array, the lines would make two records."""
    first = _with(lines[0])[:-1] + ', "x": [1'
    return [first, "2]}, " + _with(lines[1])]


DAMAGE = [
    (
        lambda lines: [lines[0], _with(lines[1], note="a \ud800 b")],
        "record at line 2: note holds half of a character (a lone \\u surrogate escape)",
    ),
    (lambda lines: [*lines, "{not json"], "record at line 3: not a JSON object on one line"),
    (
        lambda lines: [_with(lines[0], value="nine"), lines[1]],
        "record at line 1: value 'nine' is not a plain decimal number (digits 0-9, a point)",
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
        "record at line 2: value 'NaN' is not a plain decimal number (digits 0-9, a point)",
    ),
    (
        lambda lines: [_with(lines[0], period="2024-13"), lines[1]],
        "record at line 1: period '2024-13' does not parse",
    ),
    (lambda lines: [_with(lines[0], basis=None), lines[1]], "record at line 1: basis None is neither"),
    (
        lambda lines: [_with(lines[0], id="1"), lines[1]],
        "record at line 1: id '1' is not a record id (26 letters and digits, as targets writes them)",
    ),
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
    pytest.param(
        _broken_over_two_lines,
        "record at line 1: not a JSON object on one line",
        id="broken-over-two-lines",
    ),
]


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(("damage", "message"), DAMAGE)
@pytest.mark.parametrize("declared", [False, True], ids=["format-2", "format-3"])
def test_a_damaged_log_is_reported_with_its_line_and_never_written(
    tmp_path: Path, cache_dir: Path | None, damage, message, declared: bool
) -> None:
    """Whole, or through a cache made of the log before it was damaged (damage added at the end
    is then read as new lines on top of the cache), in a log with or without its format line."""
    folder = tmp_path / "data"
    folder.mkdir()
    lines = _two_figures(folder)
    head = [DECLARATION] if declared else []
    path = folder / "records.jsonl"
    path.write_text("\n".join([*head, *lines]) + "\n", encoding="utf-8")
    assert len(RecordLog(folder, cache_dir).contents().current_figures()) == 2
    assert cache_dir is None or len(list(cache_dir.iterdir())) == 1  # the cache of the good log
    path.write_text("\n".join([*head, *damage(lines)]) + "\n", encoding="utf-8")
    damaged = path.read_bytes()
    expected = message.format(id0=json.loads(lines[0])["id"])
    expected = re.sub(r"line (\d+)", lambda m: f"line {int(m[1]) + declared}", expected)
    for action in (
        lambda: RecordLog(folder, cache_dir).records(),
        lambda: RecordLog(folder, cache_dir).contents().current_figures(),
        lambda: RecordLog(folder, cache_dir).contents().history(None, None),
    ):
        with pytest.raises(LogError) as caught:
            action()
        assert f"{path}: damaged: " in str(caught.value) and expected in str(caught.value)
    with pytest.raises(LogError):
        RecordLog(folder, cache_dir).append([figure()])
    with pytest.raises(LogError):
        RecordLog(folder, cache_dir).retract(None, WHEN, "u", None)
    assert path.read_bytes() == damaged


def test_lines_are_counted_across_blank_lines(tmp_path: Path, cache_dir: Path | None) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    lines = _two_figures(folder)
    path = folder / "records.jsonl"
    path.write_text("\n".join([lines[0], "", "  ", lines[1], ""]) + "\n", encoding="utf-8")
    log = RecordLog(folder, cache_dir)
    assert [r.id for r in log.records()] == [json.loads(line)["id"] for line in lines]
    with open(path, "a", encoding="utf-8") as f:
        f.write(_with(lines[1], basis=None) + "\n")
    with pytest.raises(LogError, match="record at line 6: basis None"):
        RecordLog(folder, cache_dir).records()


def test_the_same_record_twice_counts_once_and_a_retraction_may_come_first(
    tmp_path: Path, cache_dir: Path | None
) -> None:
    lines = _two_figures(tmp_path)
    retraction = _retraction_of(lines[1])
    (tmp_path / "records.jsonl").write_text(
        "\n".join([retraction, lines[0], lines[1], lines[0], retraction, lines[1]]) + "\n", encoding="utf-8"
    )
    records = RecordLog(tmp_path, cache_dir).records()
    assert [type(r) for r in records] == [Figure, Figure, Retraction]
    assert latest(RecordLog(tmp_path, cache_dir)).value == Decimal("8.7")


def test_the_same_figure_retracted_twice_counts_once(tmp_path: Path, cache_dir: Path | None) -> None:
    lines = _two_figures(tmp_path)
    again = _retraction_of(lines[1], id="6" + "A" * 25)
    (tmp_path / "records.jsonl").write_text(
        "\n".join([*lines, _retraction_of(lines[1]), again]) + "\n", encoding="utf-8"
    )
    log = RecordLog(tmp_path, cache_dir)
    assert len(log.records()) == 4
    assert latest(log).value == Decimal("8.7")
    history = log.contents().history("GRDP", None)
    retracted = next(e for e in history if e.record.id == json.loads(lines[1])["id"])
    assert retracted.retracted_by is not None and retracted.retracted_by.id == "6" + "A" * 25  # the first


def test_text_that_is_not_unicode_is_never_written(tmp_path: Path) -> None:
    """Undecodable bytes of an argument arrive as lone surrogates; the log refuses them whole."""
    log = RecordLog(tmp_path)
    log.append([figure()])
    before = (tmp_path / "records.jsonl").read_bytes()
    with pytest.raises(LogError, match="the note is not valid text"):
        log.append([figure(note="caf\udce9")])
    with pytest.raises(LogError, match="the note is not valid text"):
        log.append([figure(value="5"), figure(note="caf\udce9")])
    assert (tmp_path / "records.jsonl").read_bytes() == before


def test_a_last_line_without_its_newline_gets_one_before_the_next(tmp_path: Path) -> None:
    lines = _two_figures(tmp_path)
    (tmp_path / "records.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (added,) = RecordLog(tmp_path).append([figure(value="5")]).records
    assert len(RecordLog(tmp_path).records()) == 3
    assert (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines() == [
        *lines,
        DECLARATION,
        line_of(added).decode("utf-8").rstrip("\n"),
    ]


def test_a_log_in_a_newer_format_is_refused_and_never_written(tmp_path: Path) -> None:
    lines = _two_figures(tmp_path)
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join([lines[0], '{"format":4,"log":"laichau-targets record log"}', lines[1]]) + "\n")
    before = path.read_bytes()
    with pytest.raises(LogError) as caught:
        RecordLog(tmp_path).records()
    assert str(caught.value) == (
        f"{path}: line 2 says it is written in format 4 of the log, by a newer targets; "
        "this one reads format 3 and older: upgrade targets"
    )
    with pytest.raises(LogError):
        RecordLog(tmp_path).append([figure()])
    assert path.read_bytes() == before


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
        lambda: RecordLog(tmp_path).contents(),
        lambda: RecordLog(tmp_path).append([figure()]),
        lambda: RecordLog(tmp_path).retract(None, WHEN, "lan", None),
    ):
        with pytest.raises(LogError, match=message):
            action()


def mostly(good: list[object], bad: list[object]) -> st.SearchStrategy[object]:
    """Good values most of the time, so that whole runs of good lines are common."""
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
                    ["8.7", "-0", "12345678901.123456789", "1850.5"], ["1e5", "x", "", "1" * 19, 8.7, "٣"]
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
                "later": mostly([[1, 2], {"a": 1}], ["]", None]),  # a key a later version may add
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
    "later",
]


@settings(max_examples=500, deadline=None)
@given(
    some_lines,
    st.sampled_from(["compact", "spaced", "compact", "spaced", "ascii", "shuffled", "two-on-a-line"]),
)
def test_lines_read_together_read_as_each_line_alone(tmp_path_factory, lines, style) -> None:
    """The log decodes its lines together (fastest) and falls back to one at a time: it reads the
    records each line holds alone, or names a line that is damaged alone."""
    encoded = []
    for one in lines:
        if "retracts" in one:  # a retraction as targets writes it
            one = {k: v for k, v in one.items() if k not in ("value", "period", "basis")}
        one = {k: one[k] for k in KEY_ORDER if k in one}
        if style == "shuffled":
            one = dict(reversed(one.items()))
        separators = (",", ":") if style == "compact" else (", ", ": ")
        encoded.append(json.dumps(one, ensure_ascii=style == "ascii", separators=separators))
    if style == "two-on-a-line" and len(encoded) > 1:
        encoded[:2] = [encoded[0] + ", " + encoded[1]]
    data = ("\n".join(encoded) + "\n").encode("utf-8")
    folder = tmp_path_factory.mktemp("log")
    (folder / "records.jsonl").write_bytes(data)

    alone: list[Record] = []
    damaged_alone = set()
    for n, line in enumerate(data.split(b"\n")[:-1], 1):
        try:
            found = record_of(decoded(line))
        except (Damage, PeriodError):
            damaged_alone.add(n)
        else:
            assert not isinstance(found, Declaration)
            alone.append(found)
    try:
        read = RecordLog(folder).records()
    except LogError as exc:
        line = re.search(r"record at line (\d+): ", str(exc))
        assert line is not None, str(exc)
        if damaged_alone:
            assert int(line[1]) in damaged_alone, str(exc)
        else:  # every line reads alone: what is wrong is between lines
            assert re.search(r"is also the id of a different record|it retracts|retracts itself", str(exc))
    else:
        assert not damaged_alone
        assert read == sorted(dict.fromkeys(alone), key=log_order)


any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)  # any text but lone surrogates


@settings(max_examples=400, deadline=None)
@example(False, "GRDP", 'a"b\\c', "\x7f\u2028\u2029", "\U0001f600\x00\x1f", None, None, None, WHEN)
@example(True, "GRDP", "lan", None, "sai", 3, None, 2, WHEN)
@given(
    st.booleans(),
    any_text.filter(bool),
    any_text,
    st.none() | any_text,
    st.none() | any_text,
    st.none() | st.integers(1, 10**18),
    st.none() | st.dates(),
    st.none() | st.integers(1, 10**6),
    st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2200, 1, 1),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=7))]),
    ),
)
def test_a_line_is_written_as_json_dumps_writes_it(
    retraction, code, user, source, note, v01_id, reported_on, batch_size, at
) -> None:
    """line_of writes what json.dumps writes (UTF-8, no spaces, keys in a fixed order), which the log reads back."""
    batch = None if batch_size is None else ids[2]
    record: Figure | Retraction
    if retraction:
        record = Retraction(ids[0], code, ids[1], at, user, note, v01_id, batch, batch_size)
    else:
        record = Figure(
            ids[0],
            code,
            Decimal("-12.50"),
            Period(2024, 9),
            "official",
            at,
            user,
            source,
            note,
            reported_on,
            v01_id,
            batch,
            batch_size,
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
        **({"reported_on": reported_on.isoformat()} if reported_on is not None and not retraction else {}),
        **({"v01_id": v01_id} if v01_id is not None else {}),
        **({"batch": batch, "batch_size": batch_size} if batch_size is not None else {}),
    }
    expected = (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    assert line_of(record) == expected
    assert record_of(decoded(line_of(record))) == record


def test_the_declaration_is_written_as_json_dumps_writes_it() -> None:
    assert line_of(Declaration(3)) == (DECLARATION + "\n").encode("utf-8")
    assert record_of(decoded(line_of(Declaration(3)))) == Declaration(3)


def test_a_log_written_by_a_newer_version_is_refused_not_misread(targets, data_dir: Path) -> None:
    (data_dir / "records.jsonl").write_text(
        '{"format":4,"log":"laichau-targets record log"}\n', encoding="utf-8"
    )
    done = targets("show")
    path = data_dir / "records.jsonl"
    assert (done.exit_code, done.stderr) == (
        2,
        f"Error: {path}: line 1 says it is written in format 4 of the log, by a newer targets; "
        "this one reads format 3 and older: upgrade targets\n",
    )


def test_a_log_of_the_previous_version_loads_with_every_record_and_gains_a_format_line(
    targets, data_dir: Path
) -> None:
    fixture = REPO / "tests" / "fixtures" / "v0.2"
    shutil.copy(fixture / "records.jsonl", data_dir / "records.jsonl")
    old = json.loads((fixture / "history.json").read_text(encoding="utf-8"))
    done = targets("history", "--format", "json")
    new = json.loads(done.stdout)
    keep = [key for key in old[0] if key != "short_id"]  # short ids may grow with the log
    assert [{k: row.get(k) for k in keep} for row in new] == [{k: row.get(k) for k in keep} for row in old]
    assert len(new) == 11
    before = (fixture / "records.jsonl").read_bytes()
    assert targets("record", "GRDP", "9.1", "--period", "2026").exit_code == 0
    after = (data_dir / "records.jsonl").read_bytes()
    assert after.startswith(before)  # every line kept as it was
    added = after[len(before) :].decode("utf-8").splitlines()
    assert json.loads(added[0]) == {"format": 3, "log": "laichau-targets record log"} and len(added) == 2
    assert len(json.loads(targets("history", "--format", "json").stdout)) == 12


def test_a_new_log_begins_with_its_format(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7").exit_code == 0
    assert log_lines(data_dir)[0] == '{"format":3,"log":"laichau-targets record log"}'


def test_migrate_names_damage_and_declares_the_format_of_an_older_log(targets, data_dir: Path) -> None:
    shutil.copy(REPO / "tests" / "fixtures" / "v0.2" / "records.jsonl", data_dir / "records.jsonl")
    assert targets("migrate").exit_code == 0
    assert log_lines(data_dir)[-1] == '{"format":3,"log":"laichau-targets record log"}'
    with open(data_dir / "records.jsonl", "a", encoding="utf-8") as handle:
        handle.write("garbage\n")
    done = targets("migrate")
    assert done.exit_code == 2 and "damaged: record at line 13: not a JSON object on one line" in done.stderr


@pytest.mark.reliability("odd environments")
def test_a_log_that_is_a_fifo_or_dev_null(folder: Path, tmp_path: Path) -> None:
    log = log_of(folder)
    os.mkfifo(log)
    shown = run("show")  # v0.1: waited for ever
    assert (shown.returncode, shown.stderr) == (
        EXIT_ERROR,
        f"Error: {log}: is not a regular file, so it cannot be a record log\n",
    )
    log.unlink()
    log.symlink_to(device(tmp_path, "null"))
    recorded = run("record", "SUM", "100", "--period", "2024")  # v0.1: EINVAL traceback
    assert (recorded.returncode, recorded.stderr) == (
        EXIT_ERROR,
        f"Error: {log}: is not a regular file, so it cannot be a record log\n",
    )
