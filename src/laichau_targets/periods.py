"""Year-to-date periods: `2024-Q1`, `2024-H1` or `2024-06`, `2024-09`, `2024`, and as officers write them.

Every period runs from January: "6 tháng/2024" is the first half, "9 tháng/2024" the nine
months to September. A quarter alone ("quý II/2024") is refused, never reinterpreted: the
first quarter is the only one that is also year-to-date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import cache, total_ordering

from .errors import PeriodError

ROMAN = ("I", "II", "III", "IV")
YEARS = range(1900, 2201)  # of a plan or a period: the log writes a year in four digits
MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# The forms below are matched against the text folded by `_fold`: lower case, no diacritics, one space.
_YEAR = r"(?P<year>\d{4})"
_SEP = r"\s*(?:/|-|\s|nam)\s*"  # "6 tháng/2024", "6 tháng năm 2024", "Q1 2024"


_LOG_MONTHS = tuple(f"{month:02d}" for month in range(1, 13))


def _log_form(text: str) -> dict[str, str | None] | None:
    """The parts of a period in the log's spelling (2024, 2024-q1, 2024-h1, 2024-09, lower case),
    else None. Read by hand: most periods typed are in it, and compiling even one regular
    expression costs a command ~0.5 ms."""
    year, dash, rest = text.partition("-")
    if len(year) != 4 or not year.isdecimal():
        return None
    if not dash:
        return {"year": year}
    if rest in _LOG_MONTHS:
        return {"year": year, "month": rest}
    if rest in ("q1", "q2", "q3", "q4"):
        return {"year": year, "quarter": rest[1]}
    if rest in ("h1", "h2"):
        return {"year": year, "half": rest[1]}
    return None


@cache
def _written_forms() -> list[re.Pattern[str]]:
    """The spellings officers write, folded by `_fold`."""
    return [
        re.compile(rf"(?:ca\s*)?nam\s*{_YEAR}"),
        re.compile(rf"(?:quy|q)\s*(?P<quarter>[1-4]|iv|i{{1,3}}){_SEP}{_YEAR}"),
        re.compile(rf"h(?P<half>[12]){_SEP}{_YEAR}"),
        re.compile(rf"(?P<months>\d{{1,2}})\s*(?:t|thang|months?)(?:\s*dau)?{_SEP}{_YEAR}"),
        re.compile(rf"(?P<jan>jan)(?:\s*-\s*(?P<end>[a-z]{{3}}))?\s+{_YEAR}"),
        re.compile(rf"thang\s*(?P<month_alone>\d{{1,2}}){_SEP}{_YEAR}"),
        re.compile(rf"(?P<last_months>\d{{1,2}})\s*(?:t|thang)\s*cuoi{_SEP}{_YEAR}"),  # "6 tháng cuối năm"
    ]


@total_ordering
class Period:
    """The months from January to the end of `months` of `year`; ordered by year, then months.

    Written by hand rather than as a frozen dataclass, for start-up (values.py says why).
    """

    __slots__ = ("months", "year")

    def __init__(self, year: int, months: int) -> None:
        self.year = year
        self.months = months

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.year, self.months) == (other.year, other.months)

    def __lt__(self, other: Period) -> bool:
        return (self.year, self.months) < (other.year, other.months)

    def __hash__(self) -> int:
        return hash((self.year, self.months))

    def __repr__(self) -> str:
        return f"Period(year={self.year}, months={self.months})"

    @property
    def is_full_year(self) -> bool:
        return self.months == 12

    @property
    def share_of_year(self) -> float:
        return self.months / 12

    @property
    def label(self) -> str:
        """The period as the log, JSON and CSV write it."""
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
        return Period(self.year - 1, self.months)


def _fold(text: str) -> str:
    """Lower case without diacritics, dashes as '-', spaces collapsed: 'Quý I/2024' → 'quy i/2024'."""
    text = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text)


def parse_period(text: str, plan_year: int | None = None) -> Period:
    """Read a period in the machine form or as officers write it; with `plan_year`, refuse another year."""
    parts: dict[str, str | None] | None = _log_form(text.strip().lower())  # read without folding
    if parts is None:
        folded = _fold(text)
        match = next((m for m in (form.fullmatch(folded) for form in _written_forms()) if m), None)
        if match is None:
            raise PeriodError("error.period_unparsable", text=text)
        parts = match.groupdict()
    period = _period(text, parts)
    if plan_year is not None and period.year != plan_year:
        raise PeriodError("error.period_outside_year", text=text, year=plan_year)
    return period


def _period(text: str, parts: dict[str, str | None]) -> Period:
    year_text = parts["year"]
    assert year_text is not None
    year = int(year_text)
    if year not in YEARS:
        raise PeriodError("error.period_year", text=text, first=YEARS[0], last=YEARS[-1])
    months = _months(text, year, parts)
    if not 1 <= months <= 12:
        raise PeriodError("error.period_unparsable", text=text)
    return Period(year, months)


def _months(text: str, year: int, parts: dict[str, str | None]) -> int:
    """The months from January that the parts of a period name; refused when they are not year to date."""
    if parts.get("month") or parts.get("months"):
        return int(str(parts.get("month") or parts.get("months")))
    if parts.get("quarter"):
        quarter = str(parts["quarter"])
        number = int(quarter) if quarter.isdigit() else ROMAN.index(quarter.upper()) + 1
        if number != 1:
            alone = Period(year, 3 * number)
            raise PeriodError("error.period_quarter_alone", text=text, quarter=ROMAN[number - 1], period=alone, label=alone.label)  # fmt: skip
        return 3
    if parts.get("half") == "2" or parts.get("last_months") == "6":
        raise PeriodError("error.period_second_half", text=text, year=year)
    if parts.get("half"):
        return 6
    if parts.get("jan"):
        end = parts.get("end") or "jan"
        if end not in MONTHS_EN:
            raise PeriodError("error.period_unparsable", text=text)
        return MONTHS_EN.index(end) + 1
    if parts.get("month_alone"):
        months = int(str(parts["month_alone"]))
        if months != 1 and 1 <= months <= 12:
            alone = Period(year, months)
            raise PeriodError("error.period_month_alone", text=text, month=months, period=alone, label=alone.label)  # fmt: skip
        return months
    return 0 if parts.get("last_months") else 12  # the last months of a year are not year-to-date


TODAY_ENV = (
    "LAICHAU_TARGETS_TODAY"  # fixes "today" for scripts and tests: defaults only, never a record's time
)


def today_of(environ: Mapping[str, str]) -> date:
    """Today, or the day LAICHAU_TARGETS_TODAY names (YYYY-MM-DD)."""
    fixed = environ.get(TODAY_ENV)
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise PeriodError("error.today_unparsable", env=TODAY_ENV, text=fixed) from None


SOURCE_DATE_ENV = "SOURCE_DATE_EPOCH"  # reproducible-builds.org: the time a made output carries


def made_at_of(environ: Mapping[str, str]) -> datetime:
    """The time an output says it was made: now, or SOURCE_DATE_EPOCH (seconds since 1970, in UTC)."""
    fixed = environ.get(SOURCE_DATE_ENV)
    if not fixed:
        return datetime.now(UTC).astimezone()
    if not fixed.isdigit():
        raise PeriodError("error.source_date_unparsable", env=SOURCE_DATE_ENV, text=fixed)
    try:
        return datetime.fromtimestamp(int(fixed), UTC)
    except (OverflowError, OSError, ValueError):
        raise PeriodError("error.source_date_unparsable", env=SOURCE_DATE_ENV, text=fixed) from None


def day_of(text: str, today: date) -> date:
    """A day as typed: 2025-11-20 or as officers write it, 20/11/2025; never after `today`."""
    cleaned = text.strip()
    day = None
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        parts = cleaned.replace("-", "/").replace(".", "/").split("/")
        if len(parts) == 3 and all(p.isdecimal() for p in parts) and len(parts[2]) == 4:
            try:
                day = date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                day = None
    if day is None:
        raise PeriodError("error.day_unparsable", text=text)
    if day > today:
        raise PeriodError("error.day_after_today", text=text, today=today.isoformat())
    return day


def default_period(plan_year: int, today: date) -> Period:
    """The current month when today falls in the plan year, else the full year."""
    if today.year == plan_year:
        return Period(plan_year, today.month)
    return Period(plan_year, 12)
