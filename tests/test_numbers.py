"""Numbers as people type them, in either convention, and as outputs write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.errors import NumberError
from laichau_targets.formatting import human, plain
from laichau_targets.numbers import parse_number


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


@pytest.mark.parametrize(
    ("text", "vi", "en", "in_english", "in_vietnamese"),
    [
        (
            "2.236",
            "2236",
            "2.236",
            "2,236 if written in Vietnamese notation, 2.236 if in",
            "2.236 nếu viết theo cách Việt Nam, 2,236 nếu",
        ),
        (
            "2,236",
            "2.236",
            "2236",
            "2.236 if written in Vietnamese notation, 2,236 if in",
            "2,236 nếu viết theo cách Việt Nam, 2.236 nếu",
        ),
    ],
)
@pytest.mark.reliability("bad values")
def test_without_a_locale_an_ambiguous_number_is_refused_with_both_readings_in_the_readers_notation(
    text: str, vi: str, en: str, in_english: str, in_vietnamese: str
) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert caught.value.text("en") == (
        f"{text!r} is ambiguous: {in_english} English notation; add --locale vi or --locale en"
    )
    assert caught.value.text("vi") == (
        f"{text!r} có hai cách hiểu: {in_vietnamese} viết theo cách tiếng Anh; thêm --locale vi hoặc --locale en"
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


def test_plain_has_no_float_noise_and_no_exponent_and_keeps_the_decimals_typed() -> None:
    assert plain(Decimal(9) - Decimal("8.7")) == "0.3"
    assert plain(Decimal("1E+3")) == "1000"
    assert plain(Decimal("2236.50")) == "2236.50"
    assert plain(Decimal("-0.0")) == "0.0"


@pytest.mark.parametrize(
    ("typed", "locale", "shown"),
    [
        ("9,0", "vi", "9,0"),
        ("9.0", "en", "9.0"),
        ("9", "vi", "9"),
        ("2.236,50", "vi", "2.236,50"),
        ("6950", "en", "6,950"),
    ],
)
def test_a_figure_shows_as_it_was_typed(typed: str, locale: str, shown: str) -> None:
    assert human(parse_number(typed, locale), locale) == shown  # type: ignore[arg-type]


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
@given(st.text(alphabet="0123456789.,+-−% eEinfa", max_size=12))
def test_whatever_it_accepts_reads_back_from_its_machine_form(text: str) -> None:
    try:
        value = parse_number(text, "en")
    except NumberError:
        return
    assert parse_number(plain(value), "en") == value
