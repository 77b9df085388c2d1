"""Year-to-date periods, in the machine form and as officers write them; quarters never reinterpreted."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets import periods as periods_module
from laichau_targets.errors import PeriodError
from laichau_targets.messages import LANGS, period_words
from laichau_targets.periods import Period, default_period, parse_period

from .conftest import snapshot


@pytest.mark.parametrize(
    ("text", "months", "label"),
    [
        ("2024", 12, "2024"),
        ("2024-Q1", 3, "2024-Q1"),
        ("2024-q1", 3, "2024-Q1"),
        ("2024-H1", 6, "2024-H1"),
        ("2024-06", 6, "2024-H1"),
        ("2024-09", 9, "2024-09"),
        ("2024-12", 12, "2024"),
        ("2024-11", 11, "2024-11"),
        # as officers write them
        ("Quý I/2024", 3, "2024-Q1"),
        ("quý I/2024", 3, "2024-Q1"),
        ("QUÝ I/2024", 3, "2024-Q1"),
        ("quy 1/2024", 3, "2024-Q1"),
        ("Quý I năm 2024", 3, "2024-Q1"),
        ("6 tháng/2024", 6, "2024-H1"),
        ("6 THÁNG/2024", 6, "2024-H1"),
        ("6 thang/2024", 6, "2024-H1"),
        ("6 tháng đầu năm 2024", 6, "2024-H1"),
        ("6T/2024", 6, "2024-H1"),
        ("9T/2024", 9, "2024-09"),
        ("9t/2024", 9, "2024-09"),
        ("9 tháng/2024", 9, "2024-09"),
        ("9 tháng năm 2024", 9, "2024-09"),
        ("11 tháng/2024", 11, "2024-11"),
        ("Năm 2024", 12, "2024"),
        ("năm 2024", 12, "2024"),
        ("nam 2024", 12, "2024"),
        ("Cả năm 2024", 12, "2024"),
        ("tháng 1/2024", 1, "2024-01"),
        # as the English output writes them
        ("Q1 2024", 3, "2024-Q1"),
        ("H1 2024", 6, "2024-H1"),
        ("Jan–Sep 2024", 9, "2024-09"),
        ("jan-sep 2024", 9, "2024-09"),
        ("Jan 2024", 1, "2024-01"),
        ("9 months 2024", 9, "2024-09"),
    ],
)
def test_forms(text: str, months: int, label: str) -> None:
    period = parse_period(text, 2024)
    assert (period.year, period.months, period.label) == (2024, months, label)


def test_a_decomposed_spelling_reads_like_the_composed_one() -> None:
    assert parse_period(unicodedata.normalize("NFD", "Quý I/2024")) == Period(2024, 3)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "24",
        "2024-13",
        "2024-00",
        "2024-Q5",
        "2024/06",
        "2024-6",
        "June",
        "2024-H3",
        "13 tháng/2024",
        "0T/2024",
        "3 tháng cuối năm 2024",
    ],
)
@pytest.mark.reliability("bad periods")
def test_refuses_what_does_not_parse(text: str) -> None:
    with pytest.raises(PeriodError, match="does not parse"):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        ("2024-Q2", "2024-H1"),
        ("Quý II/2024", "2024-H1"),
        ("quy iii/2024", "2024-09"),
        ("2024-Q3", "2024-09"),
        ("Q4 2024", "2024"),
    ],
)
@pytest.mark.reliability("bad periods")
def test_a_quarter_alone_is_refused_never_reinterpreted(text: str, pointer: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    english = caught.value.text("en")
    assert "alone is not year-to-date and is not recorded" in english
    assert f"from January to the end of that quarter is {pointer} (" in english


def test_the_quarter_refusal_points_to_the_officers_spelling_in_vietnamese() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("quý III/2024")
    assert caught.value.text("vi") == (
        "kỳ 'quý III/2024': số liệu riêng quý III không phải số lũy kế từ đầu năm nên không ghi được; "
        "số liệu lũy kế đến hết quý III ghi kỳ 9 tháng/2024 (2024-09)"
    )


@pytest.mark.reliability("bad periods")
def test_one_month_alone_is_refused_with_the_year_to_date_reading() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("tháng 9/2024")
    assert caught.value.text("en").endswith("from January to month 9 is 2024-09 (Jan–Sep 2024)")


@pytest.mark.parametrize("text", ["2024-H2", "6 tháng cuối năm 2024", "6 thang cuoi nam 2024"])
@pytest.mark.reliability("bad periods")
def test_second_half_is_refused_with_the_year_to_date_reading(text: str) -> None:
    with pytest.raises(PeriodError, match=r"use 2024$"):
        parse_period(text)


@pytest.mark.reliability("bad periods")
def test_outside_the_plan_year_is_refused() -> None:
    with pytest.raises(PeriodError, match="lies outside the plan year 2024"):
        parse_period("9 tháng/2023", 2024)


def test_default_period() -> None:
    assert default_period(2024, date(2024, 5, 17)) == Period(2024, 5)
    assert default_period(2024, date(2026, 11, 27)) == Period(2024, 12)
    assert default_period(2024, date(2023, 12, 1)) == Period(2024, 12)


@pytest.mark.parametrize(
    ("months", "vi", "en"),
    [
        (3, "Quý I/2024", "Q1 2024"),
        (6, "6 tháng/2024", "H1 2024"),
        (9, "9 tháng/2024", "Jan–Sep 2024"),
        (12, "Năm 2024", "2024"),
        (1, "Tháng 1/2024", "Jan 2024"),
        (11, "11 tháng/2024", "Jan–Nov 2024"),
    ],
)
def test_periods_in_words(months: int, vi: str, en: str) -> None:
    assert period_words(Period(2024, months), "vi", capital=True) == vi
    assert period_words(Period(2024, months), "en", capital=True) == en


@given(st.integers(1900, 2200), st.integers(1, 12))
def test_every_label_reads_back_to_its_period(year: int, months: int) -> None:
    period = Period(year, months)
    assert parse_period(period.label, year) == period


def _without_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(
    st.integers(1900, 2200),
    st.integers(1, 12),
    st.sampled_from(LANGS),
    st.booleans(),
    st.sampled_from([str.lower, str.upper, str.title, _without_diacritics, lambda t: f"  {t} "]),
)
def test_every_period_in_words_reads_back_in_any_case_with_or_without_diacritics(
    year: int, months: int, lang: str, capital: bool, spelling
) -> None:
    period = Period(year, months)
    assert parse_period(spelling(period_words(period, lang, capital))) == period


@given(st.text(max_size=20))
def test_anything_else_is_a_period_or_one_period_error(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodError as exc:
        assert exc.text("vi") and exc.text("en")
        return
    assert 1 <= period.months <= 12 and parse_period(period.label) == period


@given(st.integers(0, 9999), st.sampled_from(["{y}", "{y}-Q1", "{y}-H1", "{y}-09", "Năm {y}", "9T/{y}"]))
def test_a_year_outside_1900_to_2200_is_refused_in_every_spelling(year: int, form: str) -> None:
    """The log writes a year in four digits: year 1 was once written as "1" and broke the log."""
    text = form.format(y=f"{year:04d}")
    if 1900 <= year <= 2200:
        assert parse_period(text).year == year
    else:
        with pytest.raises(PeriodError) as refused:
            parse_period(text)
        assert refused.value.text("en") == f"period '{text}': the year must be from 1900 to 2200"


NEAR_LOG_FORMS = [
    year + dash + suffix
    for year in ("2024", "\u0662\u0660\u0662\u0664", "\u00b2024", "202", "20245", "x024", " 2024")
    for dash in ("", "-", "--")
    for suffix in [f"{p}{n}" for p in ("q", "h", "0", "1", "") for n in range(-1, 14)]
    + ["q", "Q1", "x", "09 "]
]


LOG_FORM = r"(?P<year>\d{4})(?:-(?:(?P<month>0[1-9]|1[0-2])|q(?P<quarter>[1-4])|h(?P<half>[12])))?"


def _read_by_the_pattern(text: str) -> dict[str, str] | None:
    import re

    match = re.fullmatch(LOG_FORM, text)
    return None if match is None else {k: v for k, v in match.groupdict().items() if v is not None}


def test_the_log_spelling_is_read_by_hand_as_its_regular_expression_reads_it() -> None:
    """_log_form skips compiling a pattern at start-up; it must read exactly what the pattern reads."""
    differ = [text for text in NEAR_LOG_FORMS if periods_module._log_form(text) != _read_by_the_pattern(text)]
    assert differ == []


@given(st.text("0123456789-qh\u0662\u00b2 ", max_size=9))
def test_any_text_is_read_by_hand_as_the_pattern_reads_it(text: str) -> None:
    assert periods_module._log_form(text) == _read_by_the_pattern(text)


def test_spelled_periods_are_accepted_and_written_back_as_officers_write_them(targets, data_dir) -> None:
    for args in [
        ("JOBS", "1970", "--period", "quý I/2024"),
        ("BUDGET", "1.850,5", "--period", "9T/2024"),
        ("GRDP", "8,7", "--period", "Năm 2024"),
        ("FOREST", "53", "--period", "6 tháng/2024"),
    ]:
        assert targets("--lang", "vi", "record", *args).exit_code == 0
    data = json.loads(targets("report", "--format", "json").stdout)
    periods = {i["code"]: i["period"] for i in data["indicators"] if i["period"]}
    assert periods == {"JOBS": "2024-Q1", "BUDGET": "2024-09", "GRDP": "2024", "FOREST": "2024-H1"}
    md = targets("--lang", "vi", "report", "--format", "md").stdout
    assert "| 1.970 (quý I/2024, ước) |" in md
    assert "| 1.850,5 (9 tháng/2024, ước) |" in md
    assert "| 8,7% (năm 2024, ước) |" in md
    assert "| 53% (6 tháng/2024, ước) |" in md
    english = targets("--lang", "en", "report", "--format", "md").stdout
    assert "| 1,850.5 (Jan–Sep 2024, estimate) |" in english and "September" not in english


def test_a_quarter_alone_is_refused_and_nothing_is_written(targets, data_dir) -> None:
    before = snapshot(data_dir)
    result = targets("record", "JOBS", "2000", "--period", "2024-Q2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: period '2024-Q2': quarter II alone is not year-to-date and is not recorded; "
        "from January to the end of that quarter is 2024-H1 (H1 2024)\n"
    )
    assert snapshot(data_dir) == before
