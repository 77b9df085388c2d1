"""Numbers, targets, gaps and statuses as a person reads them, in either language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..formatting import human, rounded, spans
from ..inert import inert as inert
from ..inert import inert_json as inert_json
from ..messages import Texts, period_words
from ..periods import Period
from ..plans import Indicator, Plan, SeriesBreak
from ..records import Figure
from ..standing import Standing

if TYPE_CHECKING:
    from ..report import Report


def name(indicator: Indicator, texts: Texts) -> str:
    if texts.lang == "vi":
        return inert(indicator.display_vi or indicator.name_vi)
    return inert(indicator.name_en)


def unit(indicator: Indicator, texts: Texts) -> str:
    if texts.lang == "en" and indicator.unit_en:
        return inert(indicator.unit_en)
    return inert(indicator.unit)


def unit_after_name(indicator: Indicator, texts: Texts) -> str | None:
    """The unit to write after the name, unless it is % or the name already says it."""
    return unit_after(name(indicator, texts), unit(indicator, texts))


def unit_after(name: str, unit: str) -> str | None:
    """`unit`, unless it is % or empty or `name` already says it ("Bác sỹ/1 vạn dân")."""
    if unit.strip() in ("", "%") or _squeezed(unit) in _squeezed(name):
        return None
    return unit


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text.casefold())


def number(value: Decimal, texts: Texts, places: int | None = 2) -> str:
    return human(value, texts.lang, places)


def figure(value: Decimal, texts: Texts) -> str:
    """A recorded figure as it was typed: 9,0 stays 9,0."""
    return human(value, texts.lang, None)


def signed(value: Decimal, texts: Texts, places: int | None = 2) -> str:
    """`+129`, `-0,3`: a difference as review tables write it."""
    text = number(value, texts, places)
    return text if text.startswith("-") or text == "0" else "+" + text


def percent(value: Decimal, texts: Texts, places: int | None = 2) -> str:
    """`8.7%`, `8,7%`: no space, so that % never wraps onto a line of its own."""
    return number(value, texts, places) + "%"


def quantity(value: Decimal, indicator: Indicator, texts: Texts, places: int | None = 2) -> str:
    """A value with its unit: `8,7%`, `2.236 tỷ đồng`."""
    if indicator.is_percent:
        return percent(value, texts, places)
    return f"{number(value, texts, places)} {unit(indicator, texts)}".rstrip()


def usual_places(indicator: Indicator) -> int:
    """The decimals officers give the unit: those of its target (2.236 tỷ đồng: none; 225,5 nghìn
    tấn: one), two without a target."""
    if indicator.target is None:
        return 2
    exponent = indicator.target.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 2


def amount(value: Decimal, indicator: Indicator, texts: Texts, needed: bool = False) -> str:
    """A computed amount (pace, projection) in the indicator's unit; people and things are counted whole.

    What is still `needed` rounds up (833.3 workers a month is 834); a pace under one reads
    "<1", not 0.
    """
    if not indicator.counts_whole:
        return number(value, texts, usual_places(indicator))
    whole = value.to_integral_value(rounding=ROUND_CEILING if needed else ROUND_HALF_UP)
    if whole == 0 and value > 0:
        return "<1"
    return number(whole, texts, 0)


_SIGNS = {"at_least": "≥", "at_most": "≤", "about": "≈"}


def sign_before(comparison: str) -> str:
    """`≥ ` before a target's number in a table cell; nothing before a range."""
    sign = _SIGNS.get(comparison)
    return f"{sign} " if sign else ""


def target(indicator: Indicator, texts: Texts, compact: bool = False, with_unit: bool = True) -> str:
    """The target with its qualifier: `about 9%` (compact: `≈ 9%`), `6.5–7%`."""

    def value(v: Decimal) -> str:
        return quantity(v, indicator, texts, None) if with_unit or indicator.is_percent else figure(v, texts)

    if indicator.target is None:
        if indicator.proposal is None:
            return "–" if compact else texts("target.none")
        proposed = (
            quantity(indicator.proposal, indicator, texts)
            if with_unit or indicator.is_percent
            else figure(indicator.proposal, texts)
        )
        return texts("target.proposed" if compact else "target.none_proposed", proposal=proposed)
    if indicator.comparison == "range":
        assert indicator.target_high is not None
        return f"{figure(indicator.target, texts)}–{value(indicator.target_high)}"
    if compact:
        qualifier = _SIGNS[indicator.comparison]
    else:
        qualifier = texts(f"comparison.{indicator.comparison}")
    return f"{qualifier} {value(indicator.target)}"


def period(of: Period, texts: Texts, capital: bool = False) -> str:
    """The period as officers write it: `Quý I/2024`, `9 tháng/2024`, `Năm 2024`; `Jan–Sep 2024`."""
    return period_words(of, texts.lang, capital)


def period_short(standing: Standing, texts: Texts) -> str:
    """The period of the current figure; for a term, the years its figure comes from."""
    term = standing.term
    if term is not None:
        if term.rule == "level_by_end" and term.years_used:  # the latest year's level alone
            return str(term.years_used[-1])
        return spans(term.years_used)
    return "" if standing.record is None else period_of(standing.record, texts, True)


def period_of(record: Figure, texts: Texts, capital: bool = False) -> str:
    """`9 tháng/2024, ước`: the period and whether the figure is an estimate or official."""
    return f"{period(record.period, texts, capital)}, {texts(f'basis.{record.basis}')}"


def actual(standing: Standing, texts: Texts, with_unit: bool = False) -> str:
    """The current figure as typed: `9,0`, `8,7%` (a % always: it is part of how a rate reads)."""
    if standing.actual is None:
        return "–"
    if with_unit or standing.indicator.is_percent:
        return quantity(standing.actual, standing.indicator, texts, None)
    return figure(standing.actual, texts)


def latest(standing: Standing, texts: Texts, with_unit: bool = True) -> str:
    """The current figure with its period and basis: `1.850,5 (9 tháng/2024, ước)`."""
    if standing.term is not None:
        return term_latest(standing, texts, with_unit)
    if standing.record is None or standing.actual is None:
        return "–"
    return f"{actual(standing, texts, with_unit)} ({period_of(standing.record, texts)})"


def progress(standing: Standing, texts: Texts, baseline: bool = False) -> str:
    """`82.8%`; with `baseline`, what it is a share of when that is not the plan: `82,8% dự toán`."""
    if standing.progress is None:
        return "–"
    share = percent(standing.progress, texts, 1)
    # A term's target (above 4,500 billion by 2030) is the plan's, not a year's dự toán.
    if baseline and standing.indicator.measured_against != "plan" and standing.term is None:
        return texts(f"progress.of_{standing.indicator.measured_against}", share=share)
    return share


def gap(standing: Standing, texts: Texts) -> str:
    """The gap as the reports phrase it: points for rates, share of the plan (or budget estimate) for quantities."""
    if standing.gap is None or standing.difference is None:
        return "–"
    indicator = standing.indicator
    if indicator.is_percent:
        if standing.gap == 0:
            return texts("gap.on_target")
        above = standing.difference > 0
        if rounded(abs(standing.gap), 2) == 1:  # "1 point", as it is printed
            key = "gap.point_above" if above else "gap.point_below"
        else:
            key = "gap.points_above" if above else "gap.points_below"
        said = texts(key, gap=number(abs(standing.gap), texts))
    elif standing.progress is None:
        said = signed(standing.difference, texts)
    else:
        said = texts(
            f"gap.share_of_{indicator.measured_against}", progress=percent(standing.progress, texts, 1)
        )
    if standing.exceeded_beyond is not None:
        key = "gap.exceeded_from.at_most" if indicator.comparison == "at_most" else "gap.exceeded_from"
        said += "; " + texts(key, threshold=quantity(standing.exceeded_beyond, indicator, texts))
    if standing.scenario_target is not None:
        said += "; " + texts(
            "gap.scenario", target=quantity(standing.scenario_target, indicator, texts, None)
        )
    return said


def scenario(standing: Standing, texts: Texts) -> str:
    """The growth scenario's target the figure was judged against, else a dash."""
    if standing.scenario_target is None:
        return "–"
    return quantity(standing.scenario_target, standing.indicator, texts, None)


def scenarios(report: Report, texts: Texts) -> list[str]:
    """`GRDP: H1 2026: the target is the growth scenario's 8%`: the table's Target column gives the
    year's, so each figure judged against a checkpoint's scenario says which it was."""
    return [
        f"{inert(s.indicator.code)}: {period(s.record.period, texts, capital=True)}: "
        + texts("gap.scenario", target=scenario(s, texts))
        for s in report.standings
        if s.scenario_target is not None and s.record is not None and s.record.period is not None
    ]


def difference(standing: Standing, texts: Texts) -> str:
    """Figure − target as a signed number: `+129`, `-0,3 điểm` (points for rates)."""
    if standing.difference is None:
        return "–"
    if standing.indicator.is_percent:
        return texts("gap.points_short", gap=signed(standing.difference, texts))
    return signed(standing.difference, texts)


def status(standing: Standing, texts: Texts, in_sentence: bool = False) -> str:
    """`Đúng tiến độ` in a table or after a colon; `đúng tiến độ` inside a sentence."""
    label = texts.status(standing.status)
    if in_sentence:
        label = label[:1].lower() + label[1:]
    if standing.scenario_target is not None:
        label += " " + texts("status.vs_scenario")
    return label + " *" if standing.overridden else label


def headline(report: Report, texts: Texts) -> str:
    """ "9/17 indicators met or exceeded; 2 at risk; ..." with only the counts that are not zero."""
    counts = report.summary.counts
    parts = [texts("headline.met", met=report.summary.met_or_exceeded, total=report.summary.total)]
    # In the order reviews count: đạt và vượt, cơ bản đạt, không đạt; then what is still to come.
    order = ("basically_met", "not_met", "on_track", "at_risk", "off_track", "in_progress")
    for key in (*order, "no_data", "not_judged", "no_target"):
        if counts[key]:
            parts.append(texts(f"headline.{key}", n=counts[key]))
    return "; ".join(parts)


def overrides(report: Report, texts: Texts) -> list[str]:
    """One line per verdict set by hand."""
    return [
        f"{inert(s.indicator.code)} *: {texts('report.override', reason=inert(s.override.reason))}"
        for s in report.standings
        if s.override is not None
    ]


def change(standing: Standing, texts: Texts) -> str:
    """So với cùng kỳ as review tables give it: the figure as a share of last year's, `79.8%`; `–`
    for a rate (a comparison with the year before already) and when last year's is unknown."""
    if standing.series_break is not None and standing.record is not None:
        return texts("change.break")
    if standing.previous_ratio is None:
        return "–"
    return percent(standing.previous_ratio, texts, 1)


def series_break(standing: Standing, texts: Texts) -> str | None:
    """Why a comparison (or the verdict) was not made, after the code: the break, its day, its source."""
    found = standing.series_break
    if found is None:
        return None
    return f"{inert(standing.indicator.code)}: {break_reason(found, standing, texts)}"


def break_reason(found: SeriesBreak, standing: Standing, texts: Texts) -> str:
    """`not compared with the year before: from 2027, a new … standard (Nghị định 351/2025/NĐ-CP)`."""
    reason = (texts.lang == "en" and found.reason_en) or found.reason
    key = (
        "break.unit_gone" if found.unit_gone else "break.term" if standing.term is not None else "break.year"
    )
    starts = found.starts
    day = (
        texts("break.whole_year", year=starts.year)
        if (starts.month, starts.day) == (1, 1)
        else starts.strftime(texts("date.format"))
    )
    line = texts(key, day=day, reason=inert(reason))
    return f"{line} ({inert(found.source)})" if found.source else line


def basically_met_rule(plan: Plan, texts: Texts) -> list[str]:
    """The band of "cơ bản đạt", when the plan states one."""
    band = plan.settings.basically_met_band
    return [] if band is None else [texts("report.rules.basically_met", band=percent(band, texts))]


def plan_line(report: Report, texts: Texts) -> str:
    """Which plan an output shows, and whether the file holds all of it."""
    return plan_line_of(report.plan, texts)


def plan_line_of(plan: Plan, texts: Texts) -> str:
    line = texts(f"report.plan.{'term' if plan.is_term else 'annual'}", name=inert(plan.name))
    if not plan.complete:
        line += " " + texts("report.incomplete", count=len(plan.indicators))
    if plan.is_draft:
        line += " " + texts("report.draft")
    elif plan.adopted_by:
        line += " " + texts("report.adopted_by", by=inert(plan.adopted_by))
    return line


def plan_source(plan: Plan) -> str:
    """The plan's source document in one short line: its title, and where it was published."""
    title = inert(plan.title)
    return f"{title} — {inert(plan.site)}" if plan.site else title


def listed(items: Sequence[str], texts: Texts) -> str:
    """`2021-2025, 2026-2030 and 2021-2030`: a list as a sentence joins it."""
    if len(items) < 2:
        return "".join(items)
    return texts("words.and", first=", ".join(items[:-1]), last=items[-1])


def years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def term_target(
    indicator: Indicator, texts: Texts, last_year: int, compact: bool = False, with_unit: bool = True
) -> str:
    """A term target as the sources word it: `9–10% a year on average`, `at least 65 million VND by 2025`."""
    text = target(indicator, texts, compact=compact, with_unit=with_unit and not compact)
    if indicator.term_rule is None:
        return text
    return f"{text} {texts(f'term_rule.{indicator.term_rule}', year=last_year)}"


def term_latest(standing: Standing, texts: Texts, with_unit: bool = True) -> str:
    """The term figure with the years it comes from: `9.2% (2021–2024)`."""
    term = standing.term
    if term is None or term.value is None:
        return "–"
    indicator = standing.indicator
    shown = with_unit or indicator.is_percent
    text = quantity(term.value, indicator, texts) if shown else number(term.value, texts)
    if term.rule == "level_by_end":  # the latest year's level alone
        return f"{text} ({texts('term.year', year=term.years_used[-1])})"
    return f"{text} ({spans(term.years_used)})"


RUNNING = frozenset({"in_progress", "on_track", "at_risk", "off_track"})


def term_detail(standing: Standing, texts: Texts) -> str:
    """How the term figure was found, and what is still missing, in one line; for a term that
    ended with years missing, only what is missing."""
    term = standing.term
    assert term is not None
    indicator = standing.indicator
    code = inert(indicator.code)
    if term.value is None:
        return f"{code}: " + texts("term.lacking", years=spans(term.missing_years))
    used = spans(term.years_used)
    if term.rule == "average_annual_rate":
        parts = [texts("term.compounded", value=quantity(term.value, indicator, texts), years=used)]
    elif term.rule == "level_by_end":
        parts = [texts("term.level", value=quantity(term.value, indicator, texts), year=term.years_used[-1])]
        if term.met_early is not None:
            parts.append(texts("term.met_early", year=term.met_early))
    elif term.rule == "amount_each_year":
        assert term.total is not None and term.years_met is not None
        parts = [
            texts("term.total", total=quantity(term.total, indicator, texts), years=used),
            texts("term.average", value=quantity(term.value, indicator, texts)),
            texts(
                "term.years_met",
                years=", ".join(str(y) for y in term.years_met) or "–",
                met=len(term.years_met),
                count=len(term.years_used),
            ),
        ]
    elif term.rule == "amount_over_term":
        parts = [texts("term.total", total=quantity(term.value, indicator, texts), years=used)]
    else:
        parts = [texts("term.average_reduction", value=quantity(term.value, indicator, texts), years=used)]
    if term.missing_years:
        running = standing.status in RUNNING
        key = "term.missing" if running else "term.missing_ended"
        parts.append(texts(key, years=spans(term.missing_years)))
    return f"{code}: " + "; ".join(parts)


def pace_cell(standing: Standing, texts: Texts) -> str:
    """What each remaining year of a term needs, in a table cell: `12.48–16.65%`, `+4.1 (3.2%)`."""
    pace = standing.term.pace if standing.term is not None else None
    if pace is None:
        return "–"
    if pace.reached:
        return texts("pace.reached_cell")
    assert pace.needed is not None
    indicator = standing.indicator
    if pace.rule == "average_annual_rate":
        if pace.needed_high is not None:
            return f"{number(pace.needed, texts)}–{percent(pace.needed_high, texts)}"
        return percent(pace.needed, texts)
    if pace.rule == "level_by_end":
        sign = "-" if pace.needed < 0 else "+"
        change = sign + amount(abs(pace.needed), indicator, texts, needed=True)
        if indicator.is_percent:
            change = texts("gap.points_short", gap=change)
        return change if pace.as_rate is None else f"{change} ({percent(pace.as_rate, texts)})"
    return amount(pace.needed, indicator, texts, needed=True)


def pace_line(standing: Standing, texts: Texts, last_year: int) -> str | None:
    """The review's sentence on what the rest of a term needs: "Để đạt mục tiêu đến năm 2030, các
    năm 2026–2030 cần tăng bình quân 12,48%/năm"."""
    pace = standing.term.pace if standing.term is not None else None
    if pace is None:
        return None
    indicator = standing.indicator
    code = inert(indicator.code)
    if pace.reached:
        return f"{code}: " + texts("pace.reached", year=last_year)
    assert pace.needed is not None
    span = (
        texts("pace.years", years=years(pace.first, pace.last))
        if pace.first < pace.last
        else texts("pace.year", year=pace.last)
    )
    start = texts("pace.to_reach", year=last_year, span=span)
    if pace.rule == "average_annual_rate":
        line = texts("pace.average_annual_rate", start=start, rate=percent(pace.needed, texts))
        if pace.needed_high is not None and indicator.target_high is not None:
            line += texts(
                "pace.upper",
                rate=percent(pace.needed_high, texts),
                high=quantity(indicator.target_high, indicator, texts, None),
            )
    elif pace.rule == "level_by_end":
        key = "pace.level_by_end" if pace.needed >= 0 else "pace.level_by_end.down"
        change = abs(pace.needed)
        if indicator.is_percent:
            shown = texts("gap.points_short", gap=number(change, texts))
        else:
            shown = quantity(change, indicator, texts, usual_places(indicator))
        line = texts(key, start=start, change=shown)
        if pace.as_rate is not None:
            line += texts("pace.as_rate", rate=percent(abs(pace.as_rate), texts))
    elif pace.rule == "amount_over_term":
        line = texts(
            "pace.amount_over_term",
            start=start,
            amount=quantity(pace.needed, indicator, texts, usual_places(indicator)),
        )
    else:
        line = texts(
            "pace.average_reduction",
            start=start,
            value=quantity(pace.needed, indicator, texts, usual_places(indicator)),
        )
    return f"{code}: {line}"


def projection(standing: Standing, texts: Texts) -> str | None:
    """The year-end projection of a quantity, naming the method that gave it."""
    if standing.projected is None or standing.projection_method is None or standing.record is None:
        return None
    indicator = standing.indicator
    value = quantity(standing.projected, indicator, texts, usual_places(indicator))
    assert standing.record.period is not None
    if standing.projection_method == "seasonal":
        last = standing.record.period.a_year_earlier()
        return texts(
            "projection.seasonal", code=inert(indicator.code), value=value, period=period(last, texts)
        )
    return texts("projection.straight_line", code=inert(indicator.code), value=value)


def baselines(standing: Standing, texts: Texts) -> str | None:
    """ "bằng 26% dự toán Trung ương giao, 25% dự toán HĐND tỉnh giao": the share of each baseline."""
    indicator = standing.indicator
    if not standing.baseline_progress or standing.progress is None:
        return None
    vi = texts.lang == "vi"
    primary = (indicator.baseline_vi if vi else indicator.baseline_en) or texts("baseline.primary")
    parts = [texts("baseline.share", share=percent(standing.progress, texts, 1), name=inert(primary))]
    for baseline, share in standing.baseline_progress:
        if share is not None:
            name_ = baseline.name_vi if vi else baseline.name_en
            parts.append(texts("baseline.share", share=percent(share, texts, 1), name=inert(name_)))
    return f"{inert(indicator.code)}: " + texts("baseline.line", shares=", ".join(parts))


def met_not_exceeded(report: Report, texts: Texts) -> list[str]:
    """Where Met stands beside a figure past its target: the figure at which Exceeded begins."""
    lines = []
    for s in report.standings:
        if s.exceeded_beyond is None or s.actual is None:
            continue
        key = "gap.exceeded_from.at_most" if s.indicator.comparison == "at_most" else "gap.exceeded_from"
        lines.append(
            texts(
                "report.met_not_exceeded",
                code=inert(s.indicator.code),
                figure=quantity(s.actual, s.indicator, texts, None),
                exceeded_from=texts(key, threshold=quantity(s.exceeded_beyond, s.indicator, texts)),
                margin=percent(report.plan.settings.exceed_margin, texts),
            )
        )
    return lines
