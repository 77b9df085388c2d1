"""`targets record`: what it writes, what it says, and the bad input it refuses whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.datafolder import DataFolder
from laichau_targets.log import RecordLog
from laichau_targets.periods import default_period
from laichau_targets.tracker import Tracker

from .conftest import log_ids, snapshot
from .helpers import en, now, recorded


def test_record_prints_the_new_standing(targets, data_dir: Path) -> None:
    result = targets("record", "GRDP", "8.7", "--period", "2024")
    assert result.exit_code == 0
    (only,) = log_ids(data_dir)  # a lone record is shown by the shortest form, 6 characters
    assert result.stdout == (
        f"{recorded(en, only[:6], 'GRDP', '8.7%', '2024')}\n"
        f"{now(en, 'GRDP', 'not_met', en('gap.points_below', gap='0.3'))}\n"
    )
    assert result.stderr == ""


def test_negative_figures_are_values_not_options(targets, data_dir: Path) -> None:
    result = targets("record", "GRDP", "-0,5", "--period", "2024")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{recorded(en, log_ids(data_dir)[0][:6], 'GRDP', '-0.5%', '2024')}\n"
        f"{now(en, 'GRDP', 'not_met', en('gap.points_below', gap='9.5'))}\n"
    )


def test_period_defaults_to_this_month_in_the_plan_year_else_the_full_year(targets, data_dir: Path) -> None:
    result = targets("record", "FOREST", "52.1")
    expected = default_period(2024, date.today()).label
    assert result.exit_code == 0
    assert result.stderr == f"No --period given: used {expected}.\n"
    assert f"for {expected} (estimate)" in result.stdout
    tracker = Tracker(DataFolder(data_dir, "test"))
    done = tracker.record("FOREST", "52.2", today=date(2024, 5, 20))
    assert (done.record.period.label, done.period_defaulted) == ("2024-05", True)


def test_a_value_ten_times_off_is_recorded_with_a_warning(targets, data_dir: Path) -> None:
    exactly_ten_times = targets("record", "BUDGET", "22360", "--period", "2024")
    assert (exactly_ten_times.exit_code, exactly_ten_times.stderr) == (0, "")
    result = targets("record", "BUDGET", "22400", "--period", "2024")
    assert result.exit_code == 0
    shown, rest = result.stdout.split(":", 1)
    assert log_ids(data_dir)[1].startswith(shown.removeprefix("Recorded #"))
    assert rest.startswith(" BUDGET = 22,400 billion VND for 2024 (estimate).\n")
    assert (
        result.stderr == "Warning: 22,400 is more than 10 times above the target 2,236; did you mean 2,240?\n"
    )
    low = targets("record", "GRAIN", "2.255", "--period", "2024", "--locale", "en")
    assert low.stderr == "Warning: 2.255 is more than 10 times below the target 225.5; did you mean 225.5?\n"
    assert len(RecordLog(data_dir).records()) == 3


def _damage_plan(folder: Path) -> None:
    plan = folder / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('kind = "level"', 'kind = "stock"'), encoding="utf-8"
    )


def _damage_log(folder: Path) -> None:
    with open(folder / "records.jsonl", "a", encoding="utf-8") as log:
        log.write('{"id": "01J9E0ZZZZZZZZZZZZZZZZZZZZ", "code": "GRDP", "value": 8,8}\n')


def _log_is_a_folder(folder: Path) -> None:
    (folder / "records.jsonl").unlink()
    (folder / "records.jsonl").mkdir()


BAD_INPUTS = [
    # (args, how the folder is spoiled first, the one error line expected)
    (
        ["record", "GRPD", "8.7"],
        None,
        "Error: " + en("error.unknown_code_suggest", code="GRPD", suggestion="GRDP"),
    ),
    (["record", "GRDP", "abc"], None, "Error: " + en("error.not_a_number", text="abc")),
    (["record", "GRDP", ""], None, "Error: " + en("error.not_a_number", text="")),
    (["record", "GRDP", "nan"], None, "Error: " + en("error.not_a_number", text="nan")),
    (["record", "GRDP", "inf"], None, "Error: " + en("error.not_a_number", text="inf")),
    (["record", "GRDP", "8..7"], None, "Error: '8..7' is not a number: its digit grouping is broken"),
    (["record", "GRDP", "1,2.3.4"], None, "Error: '1,2.3.4' is not a number: its digit grouping is broken"),
    (
        ["record", "BUDGET", "2.236,5", "--locale", "en"],
        None,
        "Error: '2.236,5' does not read as a number in English notation (--locale en)",
    ),
    (
        ["record", "GRDP", "8.7", "--period", "Q1"],
        None,
        "Error: " + en("error.period_unparsable", text="Q1"),
    ),
    (
        ["record", "GRDP", "8.7", "--period", "2024-Q3"],
        None,
        "Error: period '2024-Q3': quarter III alone is not year-to-date and is not recorded; from January to the end of that quarter is 2024-09 (Jan–Sep 2024)",
    ),
    (
        ["--lang", "vi", "record", "GRDP", "8,7", "--period", "Quý II/2024"],
        None,
        "Lỗi: kỳ 'Quý II/2024': số liệu riêng quý II không phải số lũy kế từ đầu năm nên không ghi được; số liệu lũy kế đến hết quý II ghi kỳ 6 tháng/2024 (2024-H1)",
    ),
    (
        ["show", "--plan", "2023"],
        None,
        "Error: no plan named '2023' in this data folder; the plans are 2024, 2021-2025, 2025, 2026",
    ),
    (
        ["record", "FOREST", "101"],
        None,
        "Error: 101 is above the largest plausible FOREST value, 100 (max in the plan)",
    ),
    (
        ["record", "JOBS", "-5", "--period", "2024"],
        None,
        "Error: -5 is below the smallest plausible JOBS value, 0 (min in the plan)",
    ),
    (
        ["record", "GRDP", "8.7"],
        _damage_plan,
        "Error: {plan}: 7 problems: line {stock}: indicator GRDP_PC has kind 'stock'; use one of level, growth_rate, accumulating; ",
    ),
    (
        ["record", "GRDP", "8.7", "--period", "2024"],
        _damage_log,  # line 1 declares the log's format, line 2 is the figure recorded first
        "Error: " + en("error.log_record_damaged", path="{log}", line=3, detail=en("error.record_not_json")),
    ),
    (["record", "GRDP", "8.7"], _log_is_a_folder, "Error: {log}: is a folder, not a record log"),
    (["show"], _log_is_a_folder, "Error: {log}: is a folder, not a record log"),
]


def _reliability_class(args: list[str], spoil, message: str) -> str:
    if spoil is _damage_plan:
        return "malformed plans"
    if spoil is not None:
        return "damaged logs"
    return "bad periods" if message.startswith("Error: period") else "bad values"


@pytest.mark.parametrize(
    ("args", "spoil", "message"),
    [pytest.param(*case, marks=pytest.mark.reliability(_reliability_class(*case))) for case in BAD_INPUTS],
)
def test_bad_input_exits_2_with_one_error_line_and_changes_nothing(
    targets, data_dir: Path, args, spoil, message
) -> None:
    targets("record", "GRDP", "8.6", "--period", "2024-09")
    if spoil:
        spoil(data_dir)
    before = snapshot(data_dir)
    result = targets(*args)
    plan = data_dir / "targets.toml"
    stock = next(
        (n for n, line in enumerate(plan.read_text().splitlines(), 1) if line == 'kind = "stock"'), 0
    )
    expected = message.format(plan=plan, log=data_dir / "records.jsonl", stock=stock)
    assert result.exit_code == EXIT_ERROR
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(expected)
    assert "Traceback" not in result.stderr
    assert snapshot(data_dir) == before
