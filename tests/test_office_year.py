"""The office's year: today decides which plan and period a command uses, and says so when it does not."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.plans import load_plans

from .conftest import REPO, Targets

NO_PLAN_2023 = "Using the 2024 plan: the folder has no plan for 2023 yet (targets plan new 2023).\n"
NO_PLAN_2027 = "Using the 2026 plan: the folder has no plan for 2027 yet (targets plan new 2027).\n"
PINNED_2024 = "Using the 2024 plan, which the folder pins; this year's is --plan 2026.\n"


@pytest.fixture
def dated(targets: Targets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder made by `targets init`, which follows the date."""
    folder = tmp_path / "office"
    assert targets("init", str(folder)).exit_code == 0
    monkeypatch.setenv("LAICHAU_TARGETS_DATA", str(folder))
    return folder


def at(day: str, targets: Targets, *args: str):
    return targets(*args, env={"LAICHAU_TARGETS_TODAY": day})


def marked_plan(output: str) -> str:
    (line,) = [line for line in output.splitlines() if " * " in line]
    return line.split()[0]


@pytest.mark.parametrize(
    ("day", "plan", "notice"),
    [
        ("2023-06-01", "2024", NO_PLAN_2023),  # before every plan: the earliest
        ("2024-01-01", "2024", ""),
        ("2025-07-15", "2025", ""),
        ("2026-12-07", "2026", ""),
        ("2026-12-31", "2026", ""),
        ("2027-01-01", "2026", NO_PLAN_2027),  # after the last: the latest before today
    ],
)
def test_a_folder_made_by_init_uses_this_years_plan(
    targets, dated: Path, day: str, plan: str, notice: str
) -> None:
    result = at(day, targets, "plans")
    assert result.exit_code == 0
    assert marked_plan(result.stdout) == plan
    assert result.stderr == notice


def test_init_leaves_the_pin_as_a_comment(targets, dated: Path) -> None:
    entry = (dated / "targets.toml").read_text(encoding="utf-8")
    assert 'current_plan = "2024"' in (REPO / "data" / "targets.toml").read_text(encoding="utf-8")
    assert '\n# current_plan = "2024"  # pins a plan; without it, commands use this year\'s plan\n' in entry


@pytest.mark.parametrize(
    ("day", "period", "said"),
    [
        ("2026-03-31", "2026-Q1", "Q1 2026"),
        ("2026-11-15", "2026-11", "Jan–Nov 2026"),
        ("2026-12-01", "2026", "2026"),  # in December the figure is the whole year's
        ("2026-12-31", "2026", "2026"),
        ("2027-01-01", "2027-01", "Jan 2027"),  # a new year with no plan yet: still today's year
    ],
)
def test_record_without_a_period_files_the_figure_under_today(
    targets, dated: Path, day: str, period: str, said: str
) -> None:
    result = at(day, targets, "record", "GRDP", "8.1")
    assert result.exit_code == 0
    assert f"GRDP = 8.1% for {said} (estimate)." in result.stdout
    assert result.stderr.startswith(f"No --period given: used {said}.\n")
    (line,) = [
        json.loads(text) for text in (dated / "records.jsonl").read_text().splitlines() if '"code"' in text
    ]
    assert line["period"] == period


def test_the_record_time_is_the_clock_not_the_fixed_day(targets, dated: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    assert at("2020-01-01", targets, "record", "GRDP", "8.1", "--period", "2026").exit_code == 0
    after = datetime.now(UTC)
    (line,) = [
        json.loads(text) for text in (dated / "records.jsonl").read_text().splitlines() if '"code"' in text
    ]
    recorded_at = datetime.fromisoformat(line["recorded_at"])
    assert before <= recorded_at <= after


def test_a_pinned_folder_keeps_its_plan_and_says_so(targets, data_dir: Path) -> None:
    result = at("2026-12-07", targets, "record", "GRDP", "8.7")
    assert result.exit_code == 0
    assert "GRDP = 8.7% for 2024 (estimate)." in result.stdout  # the README's second command still works
    assert result.stderr == "No --period given: used 2024.\n" + PINNED_2024
    shown = at("2026-12-07", targets, "show")
    assert shown.exit_code == 0 and shown.stderr == PINNED_2024
    in_vietnamese = at("2026-12-07", targets, "--lang", "vi", "show")
    assert in_vietnamese.stderr == (
        "Đang dùng kế hoạch 2024 mà thư mục chọn sẵn; kế hoạch năm nay là --plan 2026.\n"
    )


def test_no_notice_when_the_plan_is_asked_for_or_is_this_years(targets, data_dir: Path) -> None:
    assert at("2026-12-07", targets, "show", "--plan", "2026").stderr == ""
    assert at("2026-12-07", targets, "--plan", "2024", "show").stderr == ""
    assert at("2024-12-07", targets, "show").stderr == ""


def test_a_failed_command_says_only_its_error(targets, data_dir: Path) -> None:
    result = at("2026-12-07", targets, "record", "NOPE", "1")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")


def test_a_day_that_is_no_date_is_refused(targets, data_dir: Path) -> None:
    result = at("2026-13-01", targets, "show")
    assert result.exit_code == EXIT_ERROR
    assert result.stdout == ""
    assert result.stderr == (
        "Error: LAICHAU_TARGETS_TODAY=2026-13-01 is not a date; write it as YYYY-MM-DD, e.g. 2026-12-07\n"
    )


@settings(deadline=None)  # the first example reads the bundled plans: slow on a loaded machine
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_the_plan_of_a_day_is_the_latest_annual_plan_not_after_it(day: date) -> None:
    plans = load_plans(REPO / "data" / "targets.toml")
    unpinned = type(plans)(plans.plans, None, plans.path)
    chosen = unpinned.choose(None, day)
    annual_years = sorted(plan.year for plan in plans.plans if not plan.is_term)
    not_after = [year for year in annual_years if year <= day.year]
    assert not chosen.is_term
    assert chosen.year == (not_after[-1] if not_after else annual_years[0])
    assert plans.choose(None, day).name == "2024"  # the bundled folder pins the seed's plan


def test_a_page_made_with_source_date_epoch_is_the_same_each_time(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    fixed = {"SOURCE_DATE_EPOCH": "1796601600"}  # 2026-12-07 00:00 UTC
    first = targets("report", "--format", "html", env=fixed)
    second = targets("report", "--format", "html", env=fixed)
    assert first.exit_code == 0
    assert first.stdout == second.stdout
    assert "Report made 2026-12-07 00:00." in first.stdout
    unset = targets("report", "--format", "html")
    assert "Report made 2026-12-07 00:00." not in unset.stdout


@pytest.mark.parametrize("text", ["yesterday", "-5", "1e9", "99999999999999999999"])
def test_a_source_date_epoch_that_is_no_time_is_refused(targets, data_dir: Path, text: str) -> None:
    result = targets("report", "--format", "html", env={"SOURCE_DATE_EPOCH": text})
    assert result.exit_code == EXIT_ERROR
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: SOURCE_DATE_EPOCH={text} is not a time; give it as seconds since 1970-01-01 UTC, e.g. 1796601600\n"
    )


# What the seed page states of the master plan, read by a person: (code, target, comparison, rule).
MASTER_TARGETS = [
    ("GRDP", ["9", "11"], "range", "average_annual_rate"),
    ("AGRI_VA", "5", "about", "average_annual_rate"),
    ("INDUSTRY_GROWTH", "13.6", "about", "average_annual_rate"),
    ("SERVICES_GROWTH", "7.9", "about", "average_annual_rate"),
    ("GRDP_PC", "116.6", "at_least", "level_by_end"),
    ("INVESTMENT", "168000", "about", "amount_over_term"),
    ("PRODUCTIVITY", "8.2", "at_least", "average_annual_rate"),
    ("BUDGET", "4500", "at_least", "level_by_end"),
    ("TRADE", "13", "about", "average_annual_rate"),
    ("TOURIST_VISITS", "2000000", "at_least", "level_by_end"),
]
# How the source writes the figures it rounds to words.
IN_WORDS = {"168000": "168 nghìn", "2000000": "2 triệu"}


def test_the_master_plan_holds_the_seeds_targets_each_with_its_sentence() -> None:
    from laichau_targets.formatting import human

    from .test_plans_bundled import seed_quotes

    plans = load_plans(REPO / "data" / "targets.toml")
    master = plans.named("2021-2030")
    assert (master.first_year, master.year, master.complete, master.status) == (2021, 2030, False, "adopted")
    assert master.adopted_by == "Quyết định số 1585/QĐ-TTg ngày 07/12/2023 của Thủ tướng Chính phủ"
    got = [
        (
            i.code,
            [str(i.target), str(i.target_high)] if i.target_high is not None else str(i.target),
            i.comparison,
            i.term_rule,
        )
        for i in master.indicators
    ]
    assert got == MASTER_TARGETS
    (quote,) = [q for q in seed_quotes() if "2021 - 2030" in q and "116,6" in q]
    codes_2024 = set(plans.named("2024").codes)
    for indicator in master.indicators:
        assert indicator.source in quote, indicator.code
        ends = [indicator.target, indicator.target_high]
        for end in (str(e) for e in ends if e is not None):
            assert IN_WORDS.get(end, human(Decimal(end), "vi")) in indicator.source, indicator.code
    # The indicators the 2024 plan has keep its codes (and its description).
    assert {"GRDP", "AGRI_VA", "GRDP_PC", "BUDGET"} <= codes_2024


def test_the_bundled_folder_has_no_targets_for_2026_to_2030() -> None:
    plans = load_plans(REPO / "data" / "targets.toml")
    assert not [p.name for p in plans.plans if p.is_term and p.first_year == 2026]
    assert all(p.year <= 2026 or p.first_year <= 2021 for p in plans.plans)


GRDP_2021_2025 = ("7.42", "7.42", "-2.77", "9.0", "7.52")


def record_years(targets: Targets, code: str, first: int, values: tuple[str, ...]) -> None:
    for year, value in enumerate(values, first):
        assert targets("record", code, value, "--period", str(year), "--official").exit_code == 0


def paces(targets: Targets) -> dict[str, dict | None]:
    report = json.loads(targets("report", "--plan", "2021-2030", "--format", "json").stdout)
    return {row["code"]: row["term"]["pace"] for row in report["indicators"]}


def test_the_pace_the_master_plans_remaining_years_need(targets, data_dir: Path) -> None:
    record_years(targets, "GRDP", 2021, GRDP_2021_2025)
    record_years(targets, "GRDP_PC", 2024, ("60", "70"))
    record_years(targets, "INVESTMENT", 2021, ("12000", "15000"))
    found = paces(targets)
    assert found["GRDP"] == {
        "first_year": 2026,
        "last_year": 2030,
        "reached": False,
        "per_year": 12.48,
        "per_year_to_high": 16.65,
        "as_rate": None,
    }
    # A level needs only its latest year: (116.6 - 70) / 5 a year, 10.74% a year compounded.
    assert found["GRDP_PC"] == {**found["GRDP"], "per_year": 9.32, "per_year_to_high": None, "as_rate": 10.74}
    # An amount over the term: (168,000 - 27,000) / 8 remaining years.
    assert found["INVESTMENT"] == {
        **found["GRDP"],
        "first_year": 2023,
        "per_year": 17625,
        "per_year_to_high": None,
    }
    assert found["BUDGET"] is None  # nothing recorded: nothing to work from
    review = targets("--lang", "vi", "report", "--plan", "2021-2030", "--format", "md").stdout
    assert (
        "- GRDP: Để đạt mục tiêu đến năm 2030, các năm 2026–2030 cần tăng bình quân 12,48%/năm"
        " (16,65%/năm để đạt mức cao 11%)\n"
    ) in review
    assert (
        "- GRDP\\_PC: Để đạt mục tiêu đến năm 2030, các năm 2026–2030 cần tăng thêm bình quân"
        " 9,3 triệu đồng/năm (tương đương 10,74%/năm)\n"
    ) in review
    assert (
        "- INVESTMENT: Để đạt mục tiêu đến năm 2030, các năm 2023–2030 cần đạt bình quân 17.625 tỷ đồng/năm\n"
        in review
    )
    shown = targets("show", "--plan", "2021-2030", env={"COLUMNS": "140"}).stdout.splitlines()
    assert shown[0].split()[-2:] == ["Needed/yr", "Status"]
    assert shown[1].split()[-3:] == ["12.48–16.65%", "In", "progress"]
    assert shown[5].split()[-4:] == ["+9.3", "(10.74%)", "In", "progress"]


def test_a_year_more_changes_the_pace_and_a_reached_level_needs_none(targets, data_dir: Path) -> None:
    record_years(targets, "GRDP", 2021, (*GRDP_2021_2025, "10"))
    record_years(targets, "GRDP_PC", 2025, ("70", "120"))
    found = paces(targets)
    assert (found["GRDP"]["first_year"], found["GRDP"]["per_year"], found["GRDP"]["per_year_to_high"]) == (
        2027,
        13.11,
        18.37,
    )
    assert found["GRDP_PC"] == {
        "first_year": 2027,
        "last_year": 2030,
        "reached": True,
        "per_year": None,
        "per_year_to_high": None,
        "as_rate": None,
    }
    review = targets("report", "--plan", "2021-2030", "--format", "md").stdout
    assert "- GRDP\\_PC: the 2030 target is reached already; the remaining years need no pace\n" in review
    assert (
        "- GRDP: To reach the 2030 target, the years 2027–2030 need to grow 13.11% a year on average"
        in review
    )


def test_a_check_that_fails_names_the_pinned_plan_like_the_other_commands(
    targets, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAICHAU_TARGETS_TODAY", "2026-12-07")
    assert targets("record", "GRDP", "8.1", "--period", "2024").exit_code == 0
    notice = targets("show").stderr
    assert notice == "Using the 2024 plan, which the folder pins; this year's is --plan 2026.\n"
    failed = targets("check")
    assert (failed.exit_code, failed.stderr) == (1, notice)  # a verdict, not an error: the notice stays
