"""The annex (Biểu số NN) an office attaches to its report, described once for the xlsx and the
Word outputs: the issuing body, the title in capitals, the attachment line, and one row per
indicator under its group (I. CHỈ TIÊU KINH TẾ, II. …), with last year's figure, this year's plan
and estimate, the comparisons in %, next year's plan and a note.

As reviews compare: a rate (a growth rate, a change over the year) has no "So sánh (%)"; its
difference from the plan in points goes in the note. A figure is shown as it was typed (9,0
stays 9,0); a cell with no figure is empty.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..errors import OutputError
from ..formatting import human
from ..messages import Texts
from ..plans import GROUPS, Indicator
from ..report import Report
from ..standing import Standing
from ..values import Value
from . import words

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class Amount(Value):
    """A number in a cell, as typed, with what stands before it (≥ of a target)."""

    def __init__(self, value: Decimal, prefix: str = "") -> None:
        self.value = value
        self.prefix = prefix

    def text(self, texts: Texts) -> str:
        return self.prefix + human(self.value, texts.lang, None)


Cell = Amount | str | None


class AnnexRow(Value):
    """A row of the table: a group's heading (`group` set, its cells empty) or an indicator's cells."""

    def __init__(self, cells: tuple[Cell, ...], group: tuple[str, str] | None = None) -> None:
        self.cells = cells
        self.group = group  # ("I", "CHỈ TIÊU KINH TẾ")


class Annex(Value):
    """Everything the annex shows, in the reader's language."""

    def __init__(
        self,
        number: str,
        issuer: tuple[str, ...],
        motto: tuple[str, str],
        place_date: str,
        title: str,
        attached: str,
        headers: tuple[str, ...],
        compare: tuple[int, int],
        compare_title: str,
        rows: tuple[AnnexRow, ...],
    ) -> None:
        self.number = number  # "Biểu số 01"
        self.issuer = issuer  # ("ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU")
        self.motto = motto  # ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
        self.place_date = place_date  # "Lai Châu, ngày 07 tháng 12 năm 2026"
        self.title = title
        self.attached = attached  # "(Kèm theo Báo cáo số …)"
        self.headers = headers  # one per column; the two "So sánh (%)" columns under `compare_title`
        self.compare = compare  # the columns (0-based, first and last) "So sánh (%)" spans
        self.compare_title = compare_title
        self.rows = rows


def build_annex(report: Report, texts: Texts, today: date) -> Annex:
    """The annex of `report`'s annual plan: this year against its plan and last year, next year's plan."""
    plan = report.plan
    if plan.is_term:  # a term has its review (the workbook's table of years), and no annex
        raise OutputError("error.annex_term", name=plan.name)
    heading = report.heading
    province = words.inert(plan.province)
    issuer = (
        tuple(line.strip() for line in words.inert(heading.issuer).split("\\n") if line.strip())
        if heading.issuer
        else (texts("annex.issuer"), texts("annex.issuer.province", province=province.upper()))
    )
    attached = (
        texts("annex.attached_to", report=words.inert(heading.attached_to))
        if heading.attached_to
        else texts("annex.attached_blank", year=today.year, province=province)
    )
    next_plan = report.next_plan
    official = all(
        s.record is None or s.record.basis == "official" for s in report.standings if _full_year(s)
    ) and any(_full_year(s) for s in report.standings)
    headers = [
        texts("annex.col.no"),
        texts("annex.col.indicator"),
        texts("annex.col.unit"),
        texts("annex.col.previous", year=plan.year - 1),
        texts("annex.col.plan", year=plan.year),
        texts("annex.col.actual" if official else "annex.col.estimate", year=plan.year),
        texts("annex.col.vs_plan"),
        texts("annex.col.vs_last_year"),
    ]
    if next_plan is not None:
        key = "annex.col.next_draft" if next_plan.is_draft else "annex.col.next"
        headers.append(texts(key, year=next_plan.year))
    headers.append(texts("annex.col.note"))
    title_key = (
        "annex.title"
        if next_plan is None
        else "annex.title.draft"
        if next_plan.is_draft
        else "annex.title.next"
    )
    return Annex(
        number=texts("annex.number", number=words.inert(heading.annex_number)),
        issuer=issuer,
        motto=(texts("annex.motto"), texts("annex.motto.line")),
        place_date=texts(
            "annex.place_date",
            place=province,
            day=f"{today.day:02d}",
            month=f"{today.month:02d}",
            year=today.year,
        ),
        title=texts(title_key, year=plan.year, next=plan.year + 1, province=province.upper()),
        attached=attached,
        headers=tuple(headers),
        compare=(6, 7),
        compare_title=texts("annex.col.compare"),
        rows=tuple(_rows(report, texts, next_plan is not None)),
    )


def _full_year(s: Standing) -> bool:
    return s.record is not None and s.record.period is not None and s.record.period.is_full_year


def _rows(report: Report, texts: Texts, with_next: bool) -> list[AnnexRow]:
    """The indicators under their groups, in the groups' order; without groups, one list."""
    standings = report.standings
    grouped = any(s.indicator.group for s in standings)
    order = [*GROUPS, None] if grouped else [None]
    out: list[AnnexRow] = []
    number = 0
    width = 10 if with_next else 9
    for n, group in enumerate(key for key in order if any(s.indicator.group == key for s in standings)):
        if grouped:
            name = texts(f"annex.group.{group or 'other'}")
            out.append(AnnexRow((ROMAN[n], name, *(None,) * (width - 2)), group=(ROMAN[n], name)))
        for s in standings:
            if s.indicator.group != group:
                continue
            number += 1
            out.append(AnnexRow(_cells(report, s, texts, number, with_next)))
    return out


def _cells(report: Report, s: Standing, texts: Texts, number: int, with_next: bool) -> tuple[Cell, ...]:
    indicator = s.indicator
    previous = report.previous_year.get(indicator.code)
    full_year = _full_year(s)
    actual = s.record.value if full_year and s.record is not None else None
    rate = indicator.kind == "growth_rate"
    vs_plan = None if rate or not full_year or s.progress is None else _ratio(s.progress)
    vs_last = None if rate or not full_year or s.previous_ratio is None else _ratio(s.previous_ratio)
    cells: list[Cell] = [
        str(number),
        words.name(indicator, texts),
        words.unit(indicator, texts),
        None if previous is None or previous.value is None else Amount(previous.value),
        _target(indicator, texts),
        None if actual is None else Amount(actual),
        vs_plan,
        vs_last,
    ]
    if with_next:
        assert report.next_plan is not None
        upcoming = next((i for i in report.next_plan.indicators if i.code == indicator.code), None)
        cells.append(None if upcoming is None else _target(upcoming, texts))
    cells.append(_note(s, texts, full_year) or None)
    return tuple(cells)


def _ratio(value: Decimal) -> Amount:
    """`79,8`: a comparison in % to one decimal, as annexes give it."""
    return Amount(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _target(indicator: Indicator, texts: Texts) -> Cell:
    if indicator.target is None:
        return None
    if indicator.comparison == "range":
        return words.target(indicator, texts, compact=True, with_unit=False)
    return Amount(indicator.target, words.sign_before(indicator.comparison))


def _note(s: Standing, texts: Texts, full_year: bool) -> str:
    """A rate's difference from its plan in points; a figure within the year; a series break."""
    parts = []
    if s.record is not None and s.record.value is not None and not full_year:
        # The year's figure is still to come: what there is so far.
        parts.append(f"{words.period_of(s.record, texts)}: {words.figure(s.record.value, texts)}")
    elif (
        full_year and s.indicator.kind == "growth_rate" and s.actual is not None and s.status != "not_judged"
    ):
        difference = s.actual - s.indicator.goal
        key = (
            "annex.note.above"
            if difference > 0
            else "annex.note.below"
            if difference < 0
            else "annex.note.on"
        )
        parts.append(texts(key, gap=human(abs(difference), texts.lang, 2)))
    if full_year and s.indicator.measured_against != "plan" and s.progress is not None:
        parts.append(
            texts(f"annex.note.{s.indicator.measured_against}")
        )  # "So sánh với kế hoạch" is with the dự toán
    if s.series_break is not None:
        parts.append(texts("change.break"))
    return "; ".join(parts)
