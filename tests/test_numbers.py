"""Numbers as people type them, in either convention, and as outputs write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.errors import NumberError
from laichau_targets.numbers import human, parse_number, plain


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8.7", "8.7"),
        ("8,7", "8.7"),
        ("8.7%", "8.7"),
        ("8,7 %", "8.7"),
        ("2236", "2236"),
        ("2.236,5", "2236.5"),
        ("2,236.5", "2236.5"),
        ("0.236", "0.236"),
        ("0,236", "0.236"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("12345,678", "12345.678"),
        ("-3,8", "-3.8"),
        ("−0.5", "-0.5"),
        ("+4", "4"),
        (" 51,5 ", "51.5"),
    ],
)
def test_reads_what_reads_the_same_in_both_conventions(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(("text", "vi", "en"), [("2.236", "2236", "2.236"), ("2,236", "2.236", "2236")])
@pytest.mark.reliability("bad values")
def test_ambiguous_numbers_need_a_locale(text: str, vi: str, en: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert str(caught.value) == (
        f"{text!r} is ambiguous: {vi} in Vietnamese notation, {en} in English notation; "
        "add --locale vi or --locale en"
    )
    assert parse_number(text, "vi") == Decimal(vi)
    assert parse_number(text, "en") == Decimal(en)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "1e3",
        "8.7.1,2",
        "1..2",
        ".5",
        "5.",
        "8,7,1",
        "1,2.3.4",
        "12.34,5.6",
        "%",
        "--1",
        "0x10",
    ],
)
@pytest.mark.reliability("bad values")
def test_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.reliability("bad values")
def test_a_locale_that_contradicts_the_text_is_refused() -> None:
    with pytest.raises(NumberError, match="does not read as a number in English notation"):
        parse_number("2.236,5", "en")


def test_plain_has_no_float_noise_and_no_exponent() -> None:
    assert plain(Decimal(9) - Decimal("8.7")) == "0.3"
    assert plain(Decimal("1E+3")) == "1000"
    assert plain(Decimal("2236.50")) == "2236.5"


def test_human_follows_the_language() -> None:
    assert human(Decimal("2236"), "vi") == "2.236"
    assert human(Decimal("51.5"), "vi") == "51,5"
    assert human(Decimal("2236"), "en") == "2,236"
    assert human(Decimal("-1234567.25"), "en") == "-1,234,567.25"
    assert human(Decimal("96.6666"), "en", 1) == "96.7"


decimals = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False, allow_infinity=False
)


@given(decimals, st.sampled_from(["vi", "en"]))
def test_every_number_written_in_either_convention_reads_back(value: Decimal, locale: str) -> None:
    written = human(value, locale)  # type: ignore[arg-type]
    assert parse_number(written, locale) == value  # type: ignore[arg-type]


@given(decimals)
def test_machine_form_reads_back_without_a_locale_unless_ambiguous(value: Decimal) -> None:
    written = plain(value)
    try:
        assert parse_number(written) == value
    except NumberError as exc:
        assert "ambiguous" in str(exc)
        assert parse_number(written, "en") == value


@pytest.mark.reliability("bad values")
@given(st.text(max_size=12))
def test_whatever_it_accepts_is_a_finite_number(text: str) -> None:
    try:
        value = parse_number(text)
    except NumberError:
        return
    assert value.is_finite()
