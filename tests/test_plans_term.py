"""Term plans: the review of five years by each of the four term rules, in progress while a year is missing."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.datafolder import init_data_folder
from laichau_targets.messages import Texts
from laichau_targets.render import render

from .helpers import GRDP_YEARS, by_code, en, headline, json_report, plan_line, record, tracker


def compounded(rates: list[str]) -> float:
    """(Π(1 + r/100))^(1/n) − 1, in %: the "bình quân giai đoạn" of Vietnamese reviews."""
    growth = math.prod(1 + float(r) / 100 for r in rates)
    return round((growth ** (1 / len(rates)) - 1) * 100, 2)


def test_a_term_review_compounds_five_annual_growth_rates(term: Path) -> None:
    record(term, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items()))
    grdp = by_code(json_report(term, "2021-2025"))["GRDP"]
    expected = compounded(list(GRDP_YEARS.values()))
    assert expected == 9.03  # not the plain mean, 9.04
    assert grdp["actual"] == expected and grdp["term"]["figure"] == expected
    assert (
        grdp["term"]["years_used"] == [2021, 2022, 2023, 2024, 2025] and grdp["term"]["missing_years"] == []
    )
    assert grdp["status"] == "met"  # within 9–10 %
    md = render(tracker(term, "2021-2025").report(), "md", Texts("en"))
    assert md.startswith("# Test 2021–2025: review of the term plan")
    assert "| GRDP | GRDP en | % | 9–10% a year on average | 9.03% (2021–2025) |" in md


def test_a_term_with_a_year_missing_is_in_progress_and_names_it(term: Path) -> None:
    record(term, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items() if year != "2023"))
    grdp = by_code(json_report(term, "2021-2025"))["GRDP"]
    assert grdp["status"] == "in_progress" and grdp["term"]["missing_years"] == [2023]
    assert grdp["actual"] == compounded([r for y, r in GRDP_YEARS.items() if y != "2023"])
    md = render(tracker(term, "2021-2025").report(), "md", Texts("en"))
    assert "in progress: no full-year figure for 2023" in md and "| In progress |" in md
    assert "1 in progress" in md


def test_a_level_by_the_end_year_is_met_early_the_first_year_it_is_reached(term: Path) -> None:
    record(
        term,
        *(("GRDP_PC", v, y) for y, v in [("2021", "48"), ("2022", "56"), ("2023", "65.2"), ("2024", "64")]),
    )
    pc = by_code(json_report(term, "2021-2025"))["GRDP_PC"]
    assert pc["term"]["first_reached"] == 2023 and pc["term"]["met_early"] == 2023
    assert pc["status"] == "in_progress" and pc["actual"] == 64  # 2024 fell back; 2025 still to come
    record(term, ("GRDP_PC", "65.5", "2025"))
    pc = by_code(json_report(term, "2021-2025"))["GRDP_PC"]
    assert (pc["status"], pc["actual"], pc["term"]["met_early"]) == ("met", 65.5, 2023)
    assert "met early, in 2023" in render(tracker(term, "2021-2025").report(), "md", Texts("en"))
    assert "về đích sớm năm 2023" in render(tracker(term, "2021-2025").report(), "md", Texts("vi"))


def test_an_amount_each_year_gives_the_years_that_met_it_and_the_total(term: Path) -> None:
    record(term, *(("JOBS", v, y) for y, v in [("2021", "8600"), ("2022", "8400"), ("2023", "9000")]))
    jobs = by_code(json_report(term, "2021-2025"))["JOBS"]
    assert jobs["term"]["years_met"] == [2021, 2023] and jobs["term"]["total"] == 26000
    assert jobs["actual"] == 8666.67 and jobs["status"] == "in_progress"
    assert jobs["term"]["missing_years"] == [2024, 2025]
    md = render(tracker(term, "2021-2025").report(), "md", Texts("en"))
    assert "met in 2 of 3 years (2021, 2023)" in md


def test_an_average_reduction_per_year(term: Path) -> None:
    record(
        term,
        *(
            ("POOR", v, str(y))
            for y, v in zip(range(2021, 2026), ["3.5", "3.2", "2.9", "3.1", "3.3"], strict=True)
        ),
    )
    poor = by_code(json_report(term, "2021-2025"))["POOR"]
    assert poor["actual"] == 3.2  # (3.5 + 3.2 + 2.9 + 3.1 + 3.3) / 5
    assert poor["status"] == "exceeded"  # beyond 3 by more than 1 % of it


def test_the_bundled_term_review_with_the_years_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "bundled"
    init_data_folder(folder)
    record(folder, ("BUDGET", "3100", "2024"), ("BUDGET", "2900", "2025"), ("JOBS", "9000", "2024"))
    data = json_report(folder, "2021-2025")
    assert data["plan"] == data["plan"] | {"name": "2021-2025", "kind": "term", "complete": False}
    budget = by_code(data)["BUDGET"]
    assert (budget["status"], budget["term"]["met_early"], budget["actual"]) == ("not_met", 2024, 2900)
    text = render(tracker(folder, "2021-2025").report(), "md", Texts("en"))
    assert en("report.incomplete", count=22) in text


@given(st.lists(st.decimals(min_value=-50, max_value=80, places=1), min_size=1, max_size=5))
def test_the_compounded_rate_lies_between_the_years_rates_and_keeps_a_steady_one(rates) -> None:
    from laichau_targets.standing import compounded_rate

    found = compounded_rate(rates)
    assert min(rates) - Decimal("0.01") <= found <= max(rates) + Decimal("0.01")
    assert compounded_rate([rates[0]] * 3) == rates[0].quantize(Decimal("0.01"))
    assert abs(float(found) - compounded([str(r) for r in rates])) <= 0.01


def test_show_of_a_term_in_progress(targets, data_dir: Path) -> None:
    for year, rate in GRDP_YEARS.items():
        if year != "2025":
            targets("record", "GRDP", rate, "--period", year)
    lines = targets("show", "--plan", "2021-2025").stdout.splitlines()
    grdp = next(line for line in lines if line.startswith("GRDP "))
    assert "8.83%" in grdp and "2021–2024" in grdp and "-0.17 pt" in grdp and "In progress" in grdp
    assert lines[-3:-1] == [
        headline(en, 0, 22, in_progress=1, no_data=21),
        plan_line(en, "2021-2025", 22, "term"),
    ]
