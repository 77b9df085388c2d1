"""Small inline SVG charts of one indicator, for the HTML report: no script, nothing fetched.

An annual plan's chart puts this year's checkpoints against the target line, last year's
checkpoints beside them; a term plan's chart puts each year's full-year figure against the
term target.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from ..messages import Texts
from ..plans import Indicator, Plan, Settings
from ..records import Figure
from ..report import Report
from ..standing import MET_OR_EXCEEDED, Standing, full_year_status
from . import words

WIDTH = 320
HEIGHT = 164
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 22, 48
LAST_YEAR = "#afb8c1"
NEUTRAL = "#8c959f"  # a bar no target of its own judges
MET, SHORT = "#2da44e", "#cf222e"
TARGET = "#1f2328"
MISSING = "#d1d9e0"
FONT = 'font-family="system-ui, sans-serif"'


def chart(standing: Standing, texts: Texts, report: Report) -> str:
    """The indicator's chart in the report's plan as an <svg> element."""
    if report.plan.is_term:
        return _term_chart(standing, texts, report.plan, report.annual)
    return _year_chart(standing, texts, report.plan)


def has_figures(standing: Standing) -> bool:
    if standing.term is not None:
        return bool(standing.term.figures)
    return bool(standing.checkpoints or standing.previous_checkpoints)


class _Scale:
    """From values (targets included) to heights in the plot, zero always shown."""

    def __init__(self, values: list[Decimal]) -> None:
        self.low = min([Decimal(0), *values])
        self.high = max([Decimal(0), *values])
        if self.high == self.low:
            self.high = self.low + 1
        self.high += (self.high - self.low) / 10  # room above the tallest bar for its label
        self.plot = HEIGHT - TOP - BOTTOM

    def y(self, value: Decimal) -> float:
        return TOP + float((self.high - value) / (self.high - self.low)) * self.plot


def _svg(label: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, size: int = 10, anchor: str = "middle", fill: str = TARGET) -> str:
    # A white outline under the letters keeps a figure readable where it crosses the target line.
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" {FONT} '
        f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape(text)}</text>'
    )


def _bar(x: float, width: float, scale: _Scale, value: Decimal, fill: str) -> str:
    top, zero = scale.y(max(value, Decimal(0))), scale.y(min(value, Decimal(0)))
    return f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" height="{max(zero - top, 1):.1f}" fill="{fill}"/>'


def _targets(standing: Standing) -> list[Decimal]:
    indicator = standing.indicator
    return [end for end in (indicator.target, indicator.target_high) if end is not None]


def _target_lines(standing: Standing, scale: _Scale, texts: Texts) -> list[str]:
    out = []
    for value in _targets(standing):
        y = scale.y(value)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{TARGET}" '
            f'stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
    return out


def _zero_line(scale: _Scale) -> str:
    y = scale.y(Decimal(0))
    return f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{MISSING}"/>'


def _legend(standing: Standing, texts: Texts, items: list[tuple[str, str]]) -> list[str]:
    """The bars' colours on one line, the dashed target line with the target on the next: a
    range such as "kế hoạch 9–10%" would not fit beside three colours in a phone's card."""
    out = []
    x = float(LEFT)
    for colour, label in items:
        out.append(f'<rect x="{x:.1f}" y="{HEIGHT - 25}" width="9" height="9" fill="{colour}"/>')
        out.append(_text(x + 12, HEIGHT - 17, label, 10, "start"))
        x += 20 + 5.5 * len(label)
    x = float(LEFT)
    y = HEIGHT - 6.5
    out.append(
        f'<line x1="{x:.1f}" x2="{x + 14:.1f}" y1="{y}" y2="{y}" stroke="{TARGET}" stroke-width="1.5" '
        f'stroke-dasharray="5 3"/>'
    )
    label = f"{texts('chart.target')} {words.target(standing.indicator, texts, compact=True)}"
    out.append(_text(x + 18, HEIGHT - 3, label, 10, "start"))
    return out


def _checkpoint_label(months: int, texts: Texts) -> str:
    return texts("chart.year") if months == 12 else texts("chart.months", n=months)


def _judged(indicator: Indicator, value: Decimal, settings: Settings) -> str:
    """A bar's colour against a target that applies to its own period."""
    return MET if full_year_status(indicator, value, settings) in MET_OR_EXCEEDED else SHORT


def _label(x: float, scale: _Scale, value: Decimal, texts: Texts) -> str:
    """Every bar says its value."""
    return _text(x, scale.y(max(value, Decimal(0))) - 3, words.number(value, texts, None), 9)


def _year_chart(standing: Standing, texts: Texts, plan: Plan) -> str:
    """This year's checkpoints beside last year's (grey). A bar is coloured only against a target of
    its own checkpoint: the year's target for the full year, the growth scenario's for a checkpoint
    that has one; other bars are neutral."""
    indicator = standing.indicator
    this = {r.period.months: r.value for r in standing.checkpoints if r.period and r.value is not None}
    last = {
        r.period.months: r.value for r in standing.previous_checkpoints if r.period and r.value is not None
    }
    slots = sorted(set(this) | set(last))
    scale = _Scale([*this.values(), *last.values(), *_targets(standing)])
    slot = (WIDTH - LEFT - RIGHT) / max(len(slots), 1)
    bar = min(slot * 0.36, 28)
    body = [_zero_line(scale)]
    for n, months in enumerate(slots):
        middle = LEFT + slot * (n + 0.5)
        if months in last:
            body.append(_bar(middle - bar - 1, bar, scale, last[months], LAST_YEAR))
            body.append(_label(middle - 1 - bar / 2, scale, last[months], texts))
        if months in this:
            value = this[months]
            own = indicator.target if months == 12 else indicator.scenario_target(months)
            if own is None or not indicator.has_target:
                colour = NEUTRAL
            else:
                goal = indicator if months == 12 else indicator.replace(target=own, target_high=None)
                colour = _judged(goal, value, plan.settings)
            body.append(_bar(middle + 1, bar, scale, value, colour))
            body.append(_label(middle + 1 + bar / 2, scale, value, texts))
        body.append(_text(middle, HEIGHT - BOTTOM + 13, _checkpoint_label(months, texts), 10))
    body += _target_lines(standing, scale, texts)
    legend = [
        (LAST_YEAR, str(plan.year - 1)),
        (MET, texts("chart.year_met")),
        (SHORT, texts("chart.year_short")),
    ]
    body += _legend(standing, texts, [*legend, (NEUTRAL, texts("chart.unjudged"))])
    label = f"{indicator.code}: {words.name(indicator, texts)}"
    return _svg(label, body)


def _term_chart(standing: Standing, texts: Texts, plan: Plan, annual: dict[int, Plan]) -> str:
    """Each year's full-year figure. A bar is coloured only against a target that applies to its
    year: that year's own annual plan, an amount the term asks each year, or a level the term asks
    by its end year; other bars are neutral."""
    indicator = standing.indicator
    years = plan.years
    assert standing.term is not None
    figures: dict[int, Figure] = {r.period.year: r for r in standing.term.figures if r.period is not None}
    values = {year: r.value for year, r in figures.items() if r.value is not None}
    scale = _Scale([*values.values(), *_targets(standing)])
    slot = (WIDTH - LEFT - RIGHT) / len(years)
    bar = min(slot * 0.5, 30)
    body = [_zero_line(scale)]
    for n, year in enumerate(years):
        middle = LEFT + slot * (n + 0.5)
        if year in values:
            value = values[year]
            body.append(
                _bar(middle - bar / 2, bar, scale, value, _year_colour(indicator, year, value, plan, annual))
            )
            body.append(_label(middle, scale, value, texts))
        else:
            body.append(_text(middle, scale.y(Decimal(0)) - 3, "–", 10, fill=LAST_YEAR))
        body.append(_text(middle, HEIGHT - BOTTOM + 13, str(year), 10))
    body += _target_lines(standing, scale, texts)
    legend = [
        (MET, texts("chart.year_met")),
        (SHORT, texts("chart.year_short")),
        (NEUTRAL, texts("chart.unjudged")),
    ]
    body += _legend(standing, texts, legend)
    label = f"{indicator.code}: {words.name(indicator, texts)}"
    return _svg(label, body)


def _year_colour(indicator: Indicator, year: int, value: Decimal, plan: Plan, annual: dict[int, Plan]) -> str:
    own = annual.get(year)
    wanted = indicator.code.upper()
    of_year = next((i for i in own.indicators if i.code.upper() == wanted), None) if own else None
    if own is not None and of_year is not None and of_year.has_target:
        return _judged(of_year, value, own.settings)
    if indicator.has_target and (
        indicator.term_rule == "amount_each_year"
        or (indicator.term_rule == "level_by_end" and year == plan.year)
    ):
        return _judged(indicator, value, plan.settings)
    return NEUTRAL
