"""Numbers as people type them; formatting.py writes them.

Values are `Decimal` throughout, so that 9 - 8.7 is 0.3 and not 0.2999...
"""

from __future__ import annotations

import re
from decimal import Decimal

from .errors import NumberError
from .formatting import SEPARATORS, Locale
from .messages import Message

# The figures a log may hold: generous for any real statistic (a budget in đồng is ~1e13),
# and small enough that every format writes them exactly and no arithmetic overflows.
FIGURE_MAX_DIGITS = 20
FIGURE_MAX_ABS = Decimal("1e18")
FIGURE_MIN_EXPONENT = -9


def figure_in_range(value: Decimal) -> bool:
    """Whether `value` may be a figure: finite, at most 20 significant digits, below 1e18, no finer than 1e-9."""
    if not value.is_finite():
        return False
    # As typed, without the arithmetic context: normalize() would round to 28 digits and raise
    # Overflow past 1e999999, and a zero like 0e-999999999 would be written with a billion zeros.
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite, so never 'n', 'N' or 'F'
    if value.is_zero():
        return FIGURE_MIN_EXPONENT <= exponent <= FIGURE_MAX_DIGITS
    significant = len(digits)
    while digits[significant - 1] == 0:  # trailing zeros say how it was typed, not how exact it is
        significant -= 1
        exponent += 1
    return (
        value.adjusted() < FIGURE_MAX_ABS.adjusted()
        and significant <= FIGURE_MAX_DIGITS
        and exponent >= FIGURE_MIN_EXPONENT
    )


# The range in words, for the errors that refuse a value outside it.
FIGURE_RANGE = Message(
    "range.figure",
    {"digits": FIGURE_MAX_DIGITS, "magnitude": FIGURE_MAX_ABS.adjusted(), "exponent": FIGURE_MIN_EXPONENT},
)


def checked_figure(value: Decimal) -> Decimal:
    """`value` if it may be a figure (`figure_in_range`); else a NumberError naming the range."""
    if not figure_in_range(value):
        raise NumberError("error.figure_out_of_range", value=quoted(value), range=FIGURE_RANGE)
    return value


def quoted(value: Decimal) -> str:
    """A number as an error message quotes it: exact, or with an exponent when it is long."""
    text = str(value)
    return text if len(text) <= 24 or not value.is_finite() else format(value, ".6e")


_SHAPE = re.compile(r"[0-9][0-9.,]*")


def parse_number(text: str, locale: Locale | None = None, reading: Locale | None = None) -> Decimal:
    """Read a number written in the Vietnamese or the English convention.

    A trailing `%` and a leading sign are allowed. `locale` insists on one convention. What
    reads differently in the two (`2.236`, `2,236`) is read by `locale`, else by `reading`
    (the language of the output), else refused.
    """
    raw = text
    body = text.strip().replace("\u2212", "-")
    if body.endswith("%"):
        body = body[:-1].rstrip()
    sign = ""
    if body[:1] in ("+", "-"):
        sign, body = body[:1], body[1:].lstrip()
    if sign == "+":
        sign = ""
    if not _SHAPE.fullmatch(body) or body[-1] in ".,":
        raise NumberError("error.not_a_number", text=raw)
    digits = _plain_digits(raw, sign, body, locale, reading)
    return Decimal(sign + digits)


def notation_of(text: str) -> Locale | None:
    """The one notation `text` can be written in: "vi" for 47,6, 1.850,5 or 2.850.000; "en" for 47.6,
    1,850.5 or 2,850,000; None for a number that reads the same in both (285) or differently in
    each (2.850, 2,850), and for text that is no number.
    """
    try:
        parse_number(text, None, "vi")  # only a number is evidence: not 1.2.3, not 12,3456.7
    except NumberError:
        return None
    body = text.strip().replace("\u2212", "-").removesuffix("%").rstrip().lstrip("+-").lstrip()
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_sep = "." if body.rfind(".") > body.rfind(",") else ","
    elif dots + commas > 1:
        decimal_sep = "," if dots else "."  # a mark written more than once groups thousands
    elif dots + commas == 1:
        integer, _, fraction = body.partition("." if dots else ",")
        if len(fraction) == 3 and 1 <= len(integer) <= 3 and integer.strip("0") != "":
            return None  # 2.850: a decimal point or a thousands separator
        decimal_sep = "." if dots else ","
    else:
        return None
    return "vi" if decimal_sep == "," else "en"


def _plain_digits(raw: str, sign: str, body: str, locale: Locale | None, reading: Locale | None) -> str:
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_sep = "." if body.rfind(".") > body.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        integer, _, fraction = body.rpartition(decimal_sep)
        if body.count(decimal_sep) > 1 or not _valid_groups(integer, group_sep):
            raise NumberError("error.broken_grouping", text=raw)
        _check_locale(raw, locale, decimal_sep)
        return integer.replace(group_sep, "") + "." + fraction
    if not dots and not commas:
        return body
    sep = "." if dots else ","
    if dots + commas > 1:
        if not _valid_groups(body, sep):
            raise NumberError("error.broken_grouping", text=raw)
        _check_locale(raw, locale, "," if sep == "." else ".")
        return body.replace(sep, "")
    integer, _, fraction = body.partition(sep)
    could_be_grouping = len(fraction) == 3 and 1 <= len(integer) <= 3 and integer.strip("0") != ""
    if not could_be_grouping:
        return integer + "." + fraction
    locale = locale or reading
    if locale is None:
        grouped = Decimal(sign + integer + fraction)
        decimal = Decimal(sign + integer + "." + fraction)
        vi, en = (grouped, decimal) if sep == "." else (decimal, grouped)
        # Decimals, so that the message writes both readings in its own language's notation.
        raise NumberError("error.ambiguous_number", text=raw, vi=vi, en=en)
    group_sep, _ = SEPARATORS[locale]
    if sep == group_sep:
        return integer + fraction
    return integer + "." + fraction


def _valid_groups(integer: str, group_sep: str) -> bool:
    groups = integer.split(group_sep)
    return (
        1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and all(g.isdigit() for g in groups)
    )


def _check_locale(raw: str, locale: Locale | None, decimal_sep: str) -> None:
    if locale is not None and SEPARATORS[locale][1] != decimal_sep:
        raise NumberError(f"error.wrong_locale_{locale}", text=raw)
