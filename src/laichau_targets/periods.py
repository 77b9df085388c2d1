"""Year-to-date periods: `2024-Q1`, `2024-H1` or `2024-06`, `2024-09`, `2024`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import PeriodError

_FORM = re.compile(r"(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?")


@dataclass(frozen=True, order=True)
class Period:
    """The months from January to the end of `months` of `year`."""

    year: int
    months: int

    @property
    def is_full_year(self) -> bool:
        return self.months == 12

    @property
    def share_of_year(self) -> float:
        return self.months / 12

    @property
    def label(self) -> str:
        if self.months == 12:
            return str(self.year)
        if self.months == 3:
            return f"{self.year}-Q1"
        if self.months == 6:
            return f"{self.year}-H1"
        return f"{self.year}-{self.months:02d}"

    def __str__(self) -> str:
        return self.label

    def a_year_earlier(self) -> Period:
        """The same period of the previous year: what "so với cùng kỳ" compares with."""
        from dataclasses import replace

        return replace(self, year=self.year - 1)


def parse_period(text: str, plan_year: int | None = None) -> Period:
    """Read a period; with `plan_year`, refuse one outside that year."""
    match = _FORM.fullmatch(text.strip().upper())
    if not match:
        raise PeriodError("error.period_unparsable", text=text)
    year_text, month, quarter, half = match.groups()
    if half == "2":
        raise PeriodError("error.period_second_half", text=text, year=year_text)
    months = 12
    if month:
        months = int(month)
    elif quarter:
        months = 3 * int(quarter)
    elif half:
        months = 6
    period = Period(int(year_text), months)
    if plan_year is not None and period.year != plan_year:
        raise PeriodError("error.period_outside_year", text=text, year=plan_year)
    return period


def default_period(plan_year: int, today: date) -> Period:
    """The current month when today falls in the plan year, else the full year."""
    if today.year == plan_year:
        return Period(plan_year, today.month)
    return Period(plan_year, 12)
