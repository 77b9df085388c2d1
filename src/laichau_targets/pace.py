"""The pace the rest of a term needs: what each remaining year must do for a term target to be met.

Worked out as Vietnamese reviews work it out ("để đạt mục tiêu đến năm 2030, các năm 2026–2030
cần tăng bình quân 12,48%/năm"), from the full-year figures of the term's years so far:

- an average annual rate, compounded: the rate r that the k remaining years need so that
  (1 + g1)…(1 + gm)(1 + r)^k = (1 + T)^N, N the term's years;
- a level to reach by the end year: the change per year still needed from the latest level,
  and the same as a rate, compounded;
- an amount summed over the term: what is still missing, shared by the remaining years;
- an average reduction per year: the reductions still missing, shared by the remaining years.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext

from .values import Value

HUNDRED = Decimal(100)


class Pace(Value):
    """What each remaining year needs (`first`..`last`): `needed`, per year in the target's unit
    (points of growth for a rate); `needed_high`, to the upper bound of a range; `as_rate`, for a
    level, the change as a yearly rate in %. `reached`: the target is met whatever comes, no pace."""

    def __init__(
        self,
        rule: str,
        first: int,
        last: int,
        needed: Decimal | None,
        needed_high: Decimal | None = None,
        as_rate: Decimal | None = None,
        reached: bool = False,
    ) -> None:
        self.rule = rule
        self.first = first
        self.last = last
        self.needed = needed
        self.needed_high = needed_high
        self.as_rate = as_rate
        self.reached = reached


def average_rate(target: Decimal, years: int, rates: Sequence[Decimal]) -> Decimal:
    """The yearly rate (%) the remaining years need for the term's rates to average `target` (%)."""
    with localcontext() as context:
        context.prec = 28
        done = Decimal(1)
        for rate in rates:
            done *= 1 + rate / HUNDRED
        left = years - len(rates)
        need = (1 + target / HUNDRED) ** years / done
        return ((need ** (Decimal(1) / left)) - 1) * HUNDRED


def level_rate(latest: Decimal, target: Decimal, years: int) -> Decimal | None:
    """The yearly rate (%) that takes `latest` to `target` in `years`; None from a level of zero or less."""
    if latest <= 0 or target <= 0:
        return None
    with localcontext() as context:
        context.prec = 28
        return ((target / latest) ** (Decimal(1) / years) - 1) * HUNDRED


def pace_of(
    rule: str, term: tuple[int, int], target: Decimal, target_high: Decimal | None,
    figures: dict[int, Decimal], at_most: bool = False,
) -> Pace | None:  # fmt: skip
    """The pace the years after the last one recorded need, from the full-year figures by year; None
    when no pace can be worked out: the term is over or has no year left, a year before the last
    recorded one is missing (but for a level, which needs only the latest), or the rule (an amount
    each year) needs none."""
    first_year, end = term
    done = sorted(figures)
    if not done or done[-1] >= end:
        return None
    # A level needs only the latest year's figure; a rate or a sum needs every year from the first.
    if rule != "level_by_end" and done != list(range(first_year, first_year + len(done))):
        return None
    left, years = end - done[-1], end - first_year + 1
    later = (done[-1] + 1, end)
    values = [figures[year] for year in done]
    if rule == "average_annual_rate":
        needed = average_rate(target, years, values)
        high = None if target_high is None else average_rate(target_high, years, values)
        return Pace(rule, *later, needed, high, reached=needed <= 0)
    if rule == "level_by_end":
        latest = values[-1]
        reached = latest <= target if at_most else latest >= target
        change = (target - latest) / left
        return Pace(rule, *later, None if reached else change, as_rate=None if reached else level_rate(latest, target, left), reached=reached)  # fmt: skip
    if rule in ("amount_over_term", "average_reduction"):
        total = target * years if rule == "average_reduction" else target
        missing = total - sum(values, Decimal(0))
        return Pace(rule, *later, None if missing <= 0 else missing / left, reached=missing <= 0)
    return None
