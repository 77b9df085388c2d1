"""Year-to-date periods."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.errors import PeriodError
from laichau_targets.periods import Period, default_period, parse_period


@pytest.mark.parametrize(
    ("text", "months", "label"),
    [
        ("2024", 12, "2024"),
        ("2024-Q1", 3, "2024-Q1"),
        ("2024-q1", 3, "2024-Q1"),
        ("2024-H1", 6, "2024-H1"),
        ("2024-06", 6, "2024-H1"),
        ("2024-Q2", 6, "2024-H1"),
        ("2024-09", 9, "2024-09"),
        ("2024-Q3", 9, "2024-09"),
        ("2024-Q4", 12, "2024"),
        ("2024-12", 12, "2024"),
        ("2024-11", 11, "2024-11"),
    ],
)
def test_forms(text: str, months: int, label: str) -> None:
    period = parse_period(text, 2024)
    assert (period.year, period.months, period.label) == (2024, months, label)


@pytest.mark.parametrize(
    "text", ["", "24", "2024-13", "2024-00", "2024-Q5", "2024/06", "2024-6", "June", "2024-H3"]
)
@pytest.mark.reliability("bad periods")
def test_refuses_what_does_not_parse(text: str) -> None:
    with pytest.raises(PeriodError, match="does not parse"):
        parse_period(text)


@pytest.mark.reliability("bad periods")
def test_second_half_is_refused_with_the_year_to_date_reading() -> None:
    with pytest.raises(PeriodError, match=r"use 2024$"):
        parse_period("2024-H2")


@pytest.mark.reliability("bad periods")
def test_outside_the_plan_year_is_refused() -> None:
    with pytest.raises(PeriodError, match="lies outside the plan year 2024"):
        parse_period("2023-09", 2024)


def test_default_period() -> None:
    assert default_period(2024, date(2024, 5, 17)) == Period(2024, 5)
    assert default_period(2024, date(2026, 11, 27)) == Period(2024, 12)
    assert default_period(2024, date(2023, 12, 1)) == Period(2024, 12)


@given(st.integers(1900, 2200), st.integers(1, 12))
def test_every_label_reads_back_to_its_period(year: int, months: int) -> None:
    period = Period(year, months)
    assert parse_period(period.label, year) == period


@given(st.integers(1, 12), st.integers(1, 12))
def test_periods_order_by_months_covered(a: int, b: int) -> None:
    assert (Period(2024, a) < Period(2024, b)) == (a < b)
