"""Several plans in one data folder: which one a command judges by, --plan, and figures of a year
no plan judges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from laichau_targets.errors import UnknownPlanError
from laichau_targets.messages import Texts
from laichau_targets.render import render

from .conftest import log_ids
from .helpers import en, headline, now, plan_line, recorded, tracker, vi


def test_a_figure_for_a_year_without_a_plan_is_kept_and_judged_by_none(years: Path) -> None:
    done = tracker(years).record("FOREST", "52", "2023")
    assert done.standing is None and done.record.period is not None and done.record.period.year == 2023
    assert len(tracker(years).records()) == 1
    done = tracker(years).record("FOREST", "53.5", "2024")
    assert done.standing is not None and done.standing.status == "exceeded"  # the 2024 plan: 52.9


def test_every_output_names_its_plan(years: Path) -> None:
    for plan, line in [(None, "Plan 2025 (annual)."), ("2024", "Plan 2024 (annual).")]:
        report = tracker(years, plan).report()
        for fmt in ("md", "html", "text"):
            assert line in render(report, fmt, Texts("en")), (plan, fmt)
        assert json.loads(render(report, "json", Texts("en")))["plan"]["name"] == (plan or "2025")
    with pytest.raises(
        UnknownPlanError, match="no plan named '2023' in this data folder; the plans are 2024, 2025"
    ):
        tracker(years, "2023")


def test_plans_lists_every_plan_and_marks_the_current_one(targets, data_dir: Path) -> None:
    result = targets("plans")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[:6] for line in lines[:6]] == [
        ["Plan", "Kind", "Status", "Targets", "Complete", "Adopted"],
        ["2024", "*", "annual", "adopted", "17", "no"],
        ["2021-2025", "term", "adopted", "22", "no", "–"],
        ["2025", "annual", "adopted", "2", "no", "–"],
        ["2026", "annual", "adopted", "3", "no", "–"],
        ["2021-2030", "term", "adopted", "10", "no", "Quyết"],
    ]
    assert lines[-1] == "* the plan commands use without --plan"
    # --plan before or after the command moves the mark.
    for args in (["--plan", "2026", "plans"], ["plans", "--plan", "2026"]):
        marked = [line.split()[0] for line in targets(*args).stdout.splitlines() if " * " in line]
        assert marked == ["2026"]


def test_plan_option_on_show_report_check_list_and_validate(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.1", "--period", "2025")
    assert targets("show", "--plan", "2025").stdout.splitlines()[-1] == plan_line(en, "2025", 2)
    assert targets("--plan", "2025", "report", "-f", "md").stdout.startswith(
        "# Lai Châu 2025: progress against the socio-economic plan"
    )
    check = targets("check", "--plan", "2025")
    assert check.exit_code == 0 and check.stdout.splitlines()[0] == headline(en, 1, 2, no_data=1)
    assert [line.split()[0] for line in targets("list", "--plan", "2025").stdout.splitlines()] == [
        "GRDP",
        "POOR",
        "Plan",
    ]
    assert targets("validate", "--plan", "2026").stdout == (
        en("validate.ok", path=data_dir / "plans" / "2026.toml", province="Lai Châu", year=2026, count=3)
        + "\n"
    )
    term = targets("report", "--plan", "2021-2025", "-f", "md").stdout
    assert term.startswith("# Lai Châu 2021–2025: review of the term plan\n")
    assert "| GRDP | GRDP growth | % | 9–10% a year on average | 8.1% (2025) |" in term


def test_record_for_a_year_without_a_plan_keeps_the_figure_and_says_so(targets, data_dir: Path) -> None:
    result = targets("record", "BUDGET", "1900", "--period", "2023")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{recorded(en, log_ids(data_dir)[0][:6], 'BUDGET', '1,900 billion VND', '2023')}\n"
        "BUDGET: no annual plan judges 2023 figures of it; it counts in the term review of "
        "2021-2025 and 2021-2030 (targets show --plan 2021-2025)\n"
    )
    before_any = targets("record", "BUDGET", "1800", "--period", "2019")
    assert before_any.stdout.splitlines()[1] == (
        "BUDGET: no plan of this folder judges 2019 figures of it; the figure is kept (for year-on-year comparisons)"
    )
    assert targets("--lang", "vi", "record", "BUDGET", "1.850", "--period", "2022").stdout.splitlines()[
        1
    ] == (
        "BUDGET: không có kế hoạch năm nào đánh giá số liệu năm 2022; đánh giá giai đoạn 2021-2025 và 2021-2030 "
        "có tính số liệu này (targets show --plan 2021-2025)"
    )
    in_vietnamese = targets("--lang", "vi", "record", "BUDGET", "2.204,3", "--period", "2024")
    assert in_vietnamese.stdout.splitlines()[1] == now(vi, "BUDGET", "not_met", "đạt 98,6% dự toán")
    # 2,204.3 against 1,900 the year before: 116.0 % of it, the ratio a review gives.
    md = targets("--lang", "vi", "report", "-f", "md").stdout
    assert "| 116% | Không đạt |" in md
