"""Numbers as each kind of output writes them: for machines (`plain`) and for people (`human`).

A leaf, apart from the standard library: the catalogue fills its messages with `human`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Literal

# A notation of numbers, named after the language that writes them so: not the language of the
# output (messages.Lang), which is chosen apart (`--lang en record X 2.236,5 --locale vi`).
Locale = Literal["vi", "en"]
SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (grouping, decimal); --locale offers them in this order


def plain(value: Decimal) -> str:
    """The value as machines write it, with the decimals it was given: `8.7`, `9.0`, `2236`; no exponent."""
    if value.is_zero():
        value = value.copy_abs()
    return format(value, "f")


def rounded(value: Decimal, places: int) -> Decimal:
    """Round half up to `places` decimals, dropping trailing zeros (and the sign of a zero)."""
    quantum = Decimal(1).scaleb(-places)
    with localcontext() as context:
        # quantize refuses a result longer than the precision: give it the digits it needs.
        context.prec = max(context.prec, value.adjusted() + places + 2)
        result = value.quantize(quantum, rounding=ROUND_HALF_UP)
        if result.is_zero():
            return Decimal(0)
        if result == result.to_integral_value():
            return result.quantize(Decimal(1))
        return result.normalize()


def human(value: Decimal, locale: Locale = "en", places: int | None = None) -> str:
    """The value as people read it: grouped thousands, the locale's decimal mark."""
    if places is not None:
        value = rounded(value, places)
    text = plain(value)
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    integer, _, fraction = text.partition(".")
    group_sep, decimal_sep = SEPARATORS[locale]
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    out = group_sep.join(groups)
    if fraction:
        out += decimal_sep + fraction
    return sign + out


def spans(numbers: Iterable[int]) -> str:
    """Numbers as runs, the way people write rows or years: `5–9, 12`, `2021–2023, 2025`."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}\u2013{b}" for a, b in runs)
