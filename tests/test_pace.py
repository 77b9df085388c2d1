"""The pace the rest of a term needs, worked by hand for each of the four term rules (issue 19)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.pace import average_rate, pace_of

D = Decimal
GRDP_2021_2025 = {2021: D("7.42"), 2022: D("7.42"), 2023: D("-2.77"), 2024: D("9.0"), 2025: D("7.52")}


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(D("0.01"))


def test_the_master_plans_growth_needs_12_48_a_year_from_2026_and_13_11_once_2026_grew_10() -> None:
    """GRDP about 9-11 %/yr over 2021-2030 (Quyết định 1585/QĐ-TTg), after 2021-2025 averaged 5.63 %."""
    pace = pace_of("average_annual_rate", (2021, 2030), D(9), D(11), GRDP_2021_2025)
    assert pace is not None
    assert (pace.first, pace.last, rounded(pace.needed), rounded(pace.needed_high)) == (
        2026,
        2030,
        D("12.48"),
        D("16.65"),
    )
    after_2026 = pace_of("average_annual_rate", (2021, 2030), D(9), D(11), {**GRDP_2021_2025, 2026: D(10)})
    assert after_2026 is not None
    assert (after_2026.first, rounded(after_2026.needed), rounded(after_2026.needed_high)) == (
        2027,
        D("13.11"),
        D("18.37"),
    )
    assert not pace.reached


def test_a_level_by_the_end_year_needs_a_change_per_year_and_as_a_rate() -> None:
    """GRDP per capita 116.6 million VND in 2030, from 79 in 2025: (116.6 − 79) / 5 = 7.52 a year,
    and (116.6 / 79)^(1/5) − 1 = 8.10 % a year."""
    pace = pace_of("level_by_end", (2021, 2030), D("116.6"), None, {2021: D(50), 2022: D(55), 2023: D(60), 2024: D("55.89"), 2025: D(79)})  # fmt: skip
    assert pace is not None
    assert (pace.first, pace.last, rounded(pace.needed), rounded(pace.as_rate)) == (
        2026,
        2030,
        D("7.52"),
        D("8.10"),
    )


def test_an_amount_summed_over_the_term_shares_what_is_missing_among_the_years_left() -> None:
    """Investment of 168,000 billion VND over 2021-2030; 90,000 by 2025: 78,000 / 5 = 15,600 a year."""
    so_far = {2021: D(16000), 2022: D(17000), 2023: D(18000), 2024: D(19000), 2025: D(20000)}
    pace = pace_of("amount_over_term", (2021, 2030), D(168000), None, so_far)
    assert pace is not None and (pace.first, pace.needed) == (2026, D(15600))


def test_an_average_reduction_shares_the_reductions_still_missing() -> None:
    """Poverty down 3 points a year over 2021-2025: 15 in all; 3.2 + 2.9 + 3.5 = 9.6 by 2023, so
    2024 and 2025 need (15 − 9.6) / 2 = 2.7 each."""
    pace = pace_of(
        "average_reduction", (2021, 2025), D(3), None, {2021: D("3.2"), 2022: D("2.9"), 2023: D("3.5")}
    )
    assert pace is not None and (pace.first, pace.last, pace.needed) == (2024, 2025, D("2.7"))


@pytest.mark.parametrize(
    ("rule", "target", "figures"),
    [
        ("level_by_end", D(65), {2021: D(60), 2022: D(66)}),
        ("amount_over_term", D(100), {2021: D(60), 2022: D(45)}),
        ("average_reduction", D(3), {2021: D(8), 2022: D(8)}),
        ("average_annual_rate", D(2), {2021: D(20), 2022: D(20)}),
    ],
)
def test_a_target_already_reached_says_so_and_gives_no_pace(
    rule: str, target: Decimal, figures: dict[int, Decimal]
) -> None:
    pace = pace_of(rule, (2021, 2025), target, None, figures)
    assert pace is not None and pace.reached
    if rule != "average_annual_rate":
        assert pace.needed is None


def test_no_pace_when_the_term_is_over_a_year_is_missing_or_nothing_is_recorded() -> None:
    assert pace_of("average_annual_rate", (2021, 2025), D(9), None, GRDP_2021_2025) is None  # all recorded
    gap = {year: value for year, value in GRDP_2021_2025.items() if year != 2023}
    assert pace_of("average_annual_rate", (2021, 2030), D(9), None, gap) is None
    assert pace_of("average_annual_rate", (2021, 2030), D(9), None, {}) is None
    assert pace_of("amount_each_year", (2021, 2030), D(9), None, GRDP_2021_2025) is None


@given(
    st.lists(st.decimals(min_value=-20, max_value=30, places=2), min_size=1, max_size=9),
    st.decimals(min_value=-5, max_value=20, places=2),
)
def test_the_years_left_at_the_needed_rate_average_the_target_exactly(
    rates: list[Decimal], target: Decimal
) -> None:
    years = 10
    needed = average_rate(target, years, rates)
    product = Decimal(1)
    for rate in [*rates, *[needed] * (years - len(rates))]:
        product *= 1 + rate / 100
    assert abs(product ** (Decimal(1) / years) - 1 - target / 100) < Decimal("1e-12")
