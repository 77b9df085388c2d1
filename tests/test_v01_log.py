"""A log (and a plan) written by v0.1 keeps every record: read as it is, converted on the first write.

tests/fixtures/v0.1/records.toml was written by the v0.1 code itself (see the README there)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from laichau_targets.log import RecordLog
from laichau_targets.records import Figure, Retraction

from .conftest import REPO, assert_same_as_v01, snapshot
from .helpers import en, error_line, json_report

FIXTURE = REPO / "tests" / "fixtures" / "v0.1"


STAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


def _cells(history: str) -> list[list[str]]:
    """History rows without the id column and the ids they mention."""
    rows = []
    for line in STAMP.sub("<when>", history).splitlines():
        cells = re.split(r"  +", line)[1:]
        rows.append([re.sub(r"#\w+", "#<id>", cell) for cell in cells])
    return rows


@pytest.fixture
def v01_folder(data_dir: Path) -> Path:
    shutil.copyfile(FIXTURE / "records.toml", data_dir / "records.toml")
    return data_dir


def test_a_v01_log_is_read_as_it_is(targets, v01_folder: Path) -> None:
    before = snapshot(v01_folder)
    history = targets("history")
    assert history.exit_code == 0
    v01 = _cells((FIXTURE / "history-v0.1.txt").read_text(encoding="utf-8"))
    # v0.1 wrote a period as its label; now it reads as people write it (issue 13), the same period
    spelled = {"2024-09 estimate": "Jan–Sep 2024, estimate", "2024 estimate": "2024, estimate"}
    spelled["2024 official"] = "2024, official"
    header, *rows = _cells(history.stdout)
    assert header == ["Recorded", "By", "Code", "Figure", "Period, basis", "Details"]
    # v0.1 wrote a figure bare; now its unit follows it (issue 20)
    unit = {
        "GRDP": "%",
        "FOREST": "%",
        "BUDGET": " billion VND",
        "GRAIN": " thousand tonnes",
        "JOBS": " workers",
    }
    with_units = [
        [*row[:3], f"{row[3]}{unit[row[2]]}", *row[4:]] if not row[3].startswith("retracts") else row
        for row in v01
    ]
    assert rows == [[spelled.get(cell, cell) for cell in row] for row in with_units]
    report = json.loads(targets("report", "--format", "json").stdout)
    old = json.loads((FIXTURE / "report-v0.1.json").read_text(encoding="utf-8"))
    assert (report["schema_version"], old["schema_version"]) == (3, 1)
    assert_same_as_v01(report, old)
    assert snapshot(v01_folder) == before


def test_the_first_write_converts_it_keeping_every_record(targets, v01_folder: Path) -> None:
    old_history = targets("history").stdout
    result = targets("record", "GRAIN", "230", "--period", "2024")
    assert result.exit_code == 0
    assert result.stderr == (
        "Converted the v0.1 record log records.toml (8 records) to records.jsonl; "
        "the old file is kept as records.v0.1.toml.\n"
    )
    assert not (v01_folder / "records.toml").exists()
    assert (v01_folder / "records.v0.1.toml").read_bytes() == (FIXTURE / "records.toml").read_bytes()
    records = RecordLog(v01_folder).records()
    assert [r.v01_id for r in records] == [1, 2, 3, 4, 5, 6, 7, 8, None]
    assert targets("history").stdout.splitlines()[:9] == old_history.splitlines()
    by_number = {r.v01_id: r for r in records}
    six, eight = by_number[6], by_number[8]
    assert isinstance(six, Retraction) and six.retracts == by_number[1].id  # the same figure as in v0.1
    assert isinstance(eight, Retraction) and eight.retracts == by_number[7].id
    one = by_number[1]
    assert isinstance(one, Figure)
    assert (one.source, one.note, one.user, one.recorded_at.isoformat()) == (
        "Cục Thống kê tỉnh Lai Châu",
        "ước tính, chờ số chính thức",
        "nguyen.thi.lan",
        "2026-11-29T20:04:24.243243+00:00",
    )
    again = targets("record", "GRAIN", "231", "--period", "2024")
    assert (again.exit_code, again.stderr) == (0, "")  # said once


def test_v01_numbers_still_name_their_records(targets, v01_folder: Path) -> None:
    result = targets("undo", "#3", "--note", "số cũ")
    assert result.exit_code == 0
    assert result.stdout.startswith("Retracted #")
    assert "(FOREST = 52.95 for 2024)" in result.stdout
    assert "Converted the v0.1 record log" in result.stderr


def test_two_clones_convert_one_log_to_the_same_lines(targets, v01_folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(v01_folder, other)
    assert targets("migrate").exit_code == 0
    assert targets("--data", str(other), "migrate").exit_code == 0
    assert (v01_folder / "records.jsonl").read_bytes() == (other / "records.jsonl").read_bytes()
    assert (
        targets("migrate").stdout == "records.jsonl is already in the current format; nothing to convert.\n"
    )


def test_a_v01_log_beside_a_new_one_is_read_with_it_and_merged_once(targets, v01_folder: Path) -> None:
    """A clone still on v0.1 pushed records.toml while another had converted: both are read, nothing twice."""
    targets("migrate")
    shutil.copyfile(FIXTURE / "records.toml", v01_folder / "records.toml")
    assert len(RecordLog(v01_folder).records()) == 8
    assert targets("record", "GRAIN", "230", "--period", "2024").exit_code == 0
    assert len(RecordLog(v01_folder).records()) == 9
    assert (v01_folder / "records.v0.1-2.toml").is_file()


def test_a_refused_first_write_leaves_the_v01_folder_as_it_was(targets, v01_folder: Path) -> None:
    before = snapshot(v01_folder)
    for args, message in [
        (["undo", "7ZZZZZZ"], error_line(en("error.undo_no_record", id="7ZZZZZZ"))),
        (["undo", "#7"], error_line(en("error.undo_already", id="#7"))),
    ]:
        result = targets(*args)
        assert (result.exit_code, result.stderr) == (2, message)
    assert snapshot(v01_folder) == before


@pytest.mark.reliability("damaged logs")
def test_a_damaged_v01_log_is_refused_with_its_line_and_left_alone(targets, v01_folder: Path) -> None:
    log = v01_folder / "records.toml"
    log.write_text(
        log.read_text(encoding="utf-8").replace("value = 52.95", "value = 1" + "0" * 25), encoding="utf-8"
    )
    before = snapshot(v01_folder)
    for args in (["show"], ["record", "GRDP", "9", "--period", "2024"], ["migrate"], ["undo"]):
        result = targets(*args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == error_line(
            en(
                "error.log_record_damaged",
                path=log,
                line=22,
                detail=en("error.record_value_range", value="10000000000000000000000000"),
            )
        )
    assert snapshot(v01_folder) == before


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(
    "added",
    [
        "x = " + "[" * 500 + "]" * 500,
        "x = " + "[" * 100_000 + "]" * 100_000,
        "x = " + "{a = " * 500 + "1" + "}" * 500,
        "x = " + "9" * 5000,
    ],
    ids=["arrays 500 deep", "arrays 100,000 deep", "inline tables 500 deep", "an integer of 5,000 digits"],
)
def test_a_v01_log_of_any_toml_is_one_error_line_naming_it(v01_folder: Path, added: str) -> None:
    """In a real process, whose stack is what a person's is: the parser recurses."""
    from .helpers import run

    log = v01_folder / "records.toml"
    log.write_text(log.read_text(encoding="utf-8") + added + "\n", encoding="utf-8")
    before = snapshot(v01_folder)
    for args in (["show"], ["check"], ["history"], ["record", "GRDP", "9", "--period", "2024"], ["migrate"]):
        result = run("--data", str(v01_folder), *args)
        assert (result.returncode, result.stdout) == (2, ""), (args, result.stderr[-300:])
        assert result.stderr == error_line(
            en("error.log_damaged", path=log, detail=en("error.toml_too_deep"))
        )
    assert snapshot(v01_folder) == before


@pytest.mark.parametrize(("written", "shown"), [("nan", "NaN"), ("inf", "Infinity"), ("-inf", "-Infinity")])
def test_a_v01_value_that_is_no_number_is_named_as_a_person_writes_it(
    targets, v01_folder: Path, written: str, shown: str
) -> None:
    log = v01_folder / "records.toml"
    log.write_text(
        log.read_text(encoding="utf-8").replace("value = 52.95", f"value = {written}"), encoding="utf-8"
    )
    result = targets("show")
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"value {shown} is outside the range" in result.stderr
    assert "Decimal(" not in result.stderr


def test_a_v01_log_with_first_quarter_periods_keeps_its_meaning(targets, data_dir) -> None:
    (data_dir / "records.toml").write_text(
        '[[record]]\nid = 1\ncode = "JOBS"\nvalue = 1970.5\nperiod = "2024-Q1"\nbasis = "estimate"\n'
        'recorded_at = 2024-04-10T08:00:00Z\nuser = "lan"\n',
        encoding="utf-8",
    )
    jobs = json.loads(targets("report", "--format", "json").stdout)["indicators"][14]
    assert (jobs["code"], jobs["period"], jobs["projected"], jobs["status"]) == (
        "JOBS",
        "2024-Q1",
        7882,
        "off_track",
    )
    assert "| 1.970,5 (quý I/2024, ước) |" in targets("--lang", "vi", "report", "--format", "md").stdout


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(
    ("old", "new", "line", "detail"),
    [
        ('id = 6\ncode = "GRDP"', 'id = 6\ncode = "FOREST"', 52, "a figure of GRDP, but names FOREST"),
        ("recorded_at = 2026-11-29 20:04:24.243243+00:00", "recorded_at = 1969-12-31 23:00:00+00:00", 1, "outside the range of dates and times"),
        ('id = 8\ncode = "GRAIN"\nretracts = 7', 'id = 8\ncode = "GRAIN"\nretracts = 6', 69, "which is itself a retraction"),
    ],
)  # fmt: skip
def test_damage_in_a_v01_log_names_the_v01_file_and_its_line(
    targets, data_dir: Path, old: str, new: str, line: int, detail: str
) -> None:
    text = (REPO / "tests" / "fixtures" / "v0.1" / "records.toml").read_text(encoding="utf-8")
    assert old in text
    (data_dir / "records.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    assert text.splitlines()[line - 1] == "[[record]]"
    before = snapshot(data_dir)
    done = targets("history")
    assert (done.exit_code, done.stdout) == (2, "")
    assert done.stderr.startswith(f"Error: {data_dir / 'records.toml'}: damaged: record at line {line}: ")
    assert detail in done.stderr
    assert snapshot(data_dir) == before


def test_a_log_record_with_a_key_of_the_wrong_type(tmp_path: Path) -> None:
    from laichau_targets.errors import LogError
    from laichau_targets.log import RecordLog

    (tmp_path / "records.toml").write_text(
        '[[record]]\nid = 1\ncode = 7\nretracts = 1\nrecorded_at = 2024-01-01T00:00:00Z\nuser = "u"\n',
        encoding="utf-8",
    )
    with pytest.raises(LogError, match="record at line 1: code is not text"):
        RecordLog(tmp_path).records()


V01 = Path(__file__).parent / "fixtures" / "v0.1"


def test_a_v01_plan_and_log_give_the_same_report_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "v01"
    folder.mkdir()
    for name in ("targets.toml", "records.toml"):  # the plan file and the log as v0.1 wrote them
        shutil.copyfile(V01 / name, folder / name)
    before = snapshot(folder)
    old = json.loads((V01 / "report-v0.1.json").read_text(encoding="utf-8"))
    now = json_report(folder)
    assert {k: now["plan"][k] for k in old["plan"]} == old["plan"]
    assert_same_as_v01(now, old)
    assert now["plan"]["name"] == "2024" and now["plan"]["complete"] is True
    assert snapshot(folder) == before  # read as it is: nothing converted, nothing written
