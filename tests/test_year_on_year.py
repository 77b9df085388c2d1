"""Last year's figures: "so với cùng kỳ", the seasonal projection, and a growth rate within the year."""

from __future__ import annotations

from pathlib import Path

from laichau_targets.messages import Texts
from laichau_targets.render import render

from .helpers import by_code, json_report, record, tracker


def test_so_voi_cung_ky_is_a_ratio_for_a_quantity_and_nothing_for_a_rate(years: Path) -> None:
    record(years, ("BUDGET", "2000", "2024-09"), ("BUDGET", "2445", "2025-09"))
    record(years, ("GRDP", "8.7", "2024"), ("GRDP", "8.1", "2025"))
    record(years, ("FOREST", "52.95", "2024"))  # no 2025 figure: nothing to compare
    got = by_code(json_report(years))
    # 2445 / 2000 = 1.2225: "bằng 122,3% so với cùng kỳ", the change (+22.25 %) kept beside it for scripts.
    budget = got["BUDGET"]
    assert (budget["ratio_to_previous_year"], budget["change_from_previous_year"], budget["change_unit"]) == (
        122.25,
        22.25,
        "percent",
    )
    assert budget["previous_year_figure"] == 2000 and budget["previous_year_period"] == "2024-09"
    # A growth rate already is a comparison with the year before: no cùng kỳ of it.
    grdp = got["GRDP"]
    assert (grdp["ratio_to_previous_year"], grdp["change_from_previous_year"], grdp["change_unit"]) == (
        None,
        None,
        None,
    )
    assert grdp["previous_year_figure"] == 8.7
    assert (
        got["FOREST"]["change_from_previous_year"] is None and got["FOREST"]["ratio_to_previous_year"] is None
    )
    md = render(tracker(years).report(), "md", Texts("en"))
    assert "| 122.3% |" in md and "| +0.1 pt | – | Exceeded |" in md
    assert "| 122,3% |" in render(tracker(years).report(), "md", Texts("vi"))
    rows = render(tracker(years).report(), "csv", Texts("en")).splitlines()
    assert "change_from_previous_year" in rows[0] and ",22.25,percent," in rows[1]
    assert rows[0].endswith(",plan") and all(row.endswith(",2025") for row in rows[1:])


def test_the_seasonal_projection_uses_last_years_share_at_the_same_checkpoint(years: Path) -> None:
    # 2024: 800 by June of 2,000 for the year, 40 %. 2025: 1,100 by June.
    record(years, ("BUDGET", "800", "2024-H1"), ("BUDGET", "2000", "2024"), ("BUDGET", "1100", "2025-H1"))
    budget = by_code(json_report(years))["BUDGET"]
    assert (budget["projected"], budget["projection_method"]) == (2750, "seasonal")  # 1,100 / 0.40
    assert budget["status"] == "on_track"  # 2,750 reaches 2,727
    md = render(tracker(years).report(), "md", Texts("en"))
    assert "BUDGET: 2,750 tỷ đồng by year end, at last year's share of the year by H1 2024" in md


def test_without_last_years_checkpoint_the_projection_is_the_straight_line(years: Path) -> None:
    record(years, ("BUDGET", "2000", "2024"), ("BUDGET", "1100", "2025-H1"))
    budget = by_code(json_report(years))["BUDGET"]
    assert (budget["projected"], budget["projection_method"]) == (2200, "straight_line")  # 1,100 x 12 / 6
    assert budget["status"] == "off_track"  # 2,200 is 19 % short of 2,727
    assert "(straight line)" in render(tracker(years).report(), "md", Texts("en"))


def test_a_growth_rate_within_the_year_is_never_a_share_of_its_target(years: Path) -> None:
    record(years, ("GRDP", "10.3", "2025-H1"))
    grdp = by_code(json_report(years))["GRDP"]
    assert grdp["progress"] is None and grdp["gap"] == -2.3 and grdp["status"] == "on_track"
    md = render(tracker(years).report(), "md", Texts("en"))
    assert "128.8%" not in md and "| – | +2.3 pt |" in md  # no progress: 2.3 points above the target
