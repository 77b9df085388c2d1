"""The human report as plain parts (title, headline, table, sections) that md, html and text lay out."""

from __future__ import annotations

from decimal import Decimal

from ..formatting import spans
from ..messages import Texts
from ..records import Figure
from ..report import Report
from ..standing import Standing
from ..values import Value
from . import words


class Table(Value):
    def __init__(
        self,
        headers: list[str],
        rows: list[list[str]],
        statuses: list[str],
        progress: list[Decimal | None],
        columns: list[str] | None = None,
    ) -> None:
        self.headers = headers
        self.rows = rows
        self.statuses = statuses
        self.progress = progress
        self.columns = [] if columns is None else columns  # what each column is, for layouts that style them


class Section(Value):
    def __init__(
        self, title: str, paragraphs: list[str] | None = None, items: list[str] | None = None
    ) -> None:
        self.title = title
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.items = [] if items is None else items


class Document(Value):
    def __init__(
        self,
        title: str,
        intro: list[str],
        headline: str,
        table_title: str,
        table: Table,
        sections: list[Section],
    ) -> None:
        self.title = title
        self.intro = intro
        self.headline = headline
        self.table_title = table_title
        self.table = table
        self.sections = sections


COLUMNS = ["code", "name", "unit", "target", "num", "progress", "gap", "change", "status"]
TERM_COLUMNS = ["code", "name", "unit", "target", "num", "progress", "gap", "years", "needed", "status"]


def build_document(report: Report, texts: Texts) -> Document:
    plan = report.plan
    intro = [source_line(report, texts), words.plan_line(report, texts)]
    note = plan.note_en if texts.lang == "en" and plan.note_en else plan.note
    if note:
        intro.append(texts("report.plan_note", note=words.inert(note)))
    if report.as_of is not None:
        intro.append(texts("report.as_of", period=words.period(report.as_of, texts)))
    with_scenario = any(s.scenario_target is not None for s in report.standings)
    headers = [
        texts("col.code"),
        texts("col.indicator"),
        texts("col.unit"),
        texts("col.target"),
        *([texts("col.scenario")] if with_scenario else []),
        texts("col.latest"),
        texts("col.progress"),
        texts("col.gap"),
        texts("col.years" if plan.is_term else "col.change"),
        *([texts("col.needed")] if plan.is_term else []),
        texts("col.status"),
    ]
    rows = [
        [
            words.inert(s.indicator.code),
            words.name(s.indicator, texts),
            words.unit(s.indicator, texts),
            words.term_target(s.indicator, texts, plan.year, with_unit=False)
            if plan.is_term
            else words.target(s.indicator, texts, with_unit=False),
            *([words.scenario(s, texts)] if with_scenario else []),
            words.latest(s, texts, with_unit=False),
            words.progress(s, texts, baseline=True),
            words.difference(s, texts),
            term_years(s, texts) if plan.is_term else words.change(s, texts),
            *([words.pace_cell(s, texts)] if plan.is_term else []),
            words.status(s, texts),
        ]
        for s in report.standings
    ]
    table = Table(
        headers=headers,
        rows=rows,
        statuses=[s.status for s in report.standings],
        progress=[s.progress for s in report.standings],
        columns=TERM_COLUMNS if plan.is_term else _with_scenario(COLUMNS) if with_scenario else COLUMNS,
    )
    if plan.is_term:
        title = texts(
            "report.title.term",
            province=words.inert(plan.province),
            years=words.years(plan.first_year, plan.year),
        )
    else:
        title = texts("report.title", province=words.inert(plan.province), year=plan.year)
    sections = [
        Section(texts("report.remains"), items=remains(report, texts) or [texts("report.remains.none")])
    ]
    if plan.is_term:
        details = [
            words.term_detail(s, texts)
            for s in report.standings
            if s.term and s.series_break is None and (s.term.value is not None or s.status == "not_judged")
        ]
        sections.append(Section(texts("report.term"), items=details or [texts("report.sources.none")]))
        paces = [line for s in report.standings if (line := words.pace_line(s, texts, plan.year))]
        if paces:
            sections.append(Section(texts("report.pace"), items=paces))
    projections = [line for s in report.standings if (line := words.projection(s, texts)) is not None]
    if projections:
        sections.append(Section(texts("report.projections"), items=projections))
    broken = [line for s in report.standings if (line := words.series_break(s, texts)) is not None]
    if broken:
        sections.append(Section(texts("report.breaks"), items=broken))
    shares = [line for s in report.standings if (line := words.baselines(s, texts)) is not None]
    if shares:
        sections.append(Section(texts("report.baselines"), items=shares))
    return Document(
        title=title,
        intro=intro,
        headline=words.headline(report, texts),
        table_title=texts("report.table"),
        table=table,
        sections=[
            *sections,
            Section(
                texts("report.rules"),
                paragraphs=[
                    texts(
                        "report.rules.text",
                        exceed_margin=words.percent(plan.settings.exceed_margin, texts),
                        about_tolerance=words.percent(plan.settings.about_tolerance, texts),
                        at_risk_band=words.percent(plan.settings.at_risk_band, texts),
                    ),
                    *words.basically_met_rule(plan, texts),
                ],
                items=words.met_not_exceeded(report, texts) + words.overrides(report, texts),
            ),
            Section(texts("report.sources"), items=sources(report, texts) or [texts("report.sources.none")]),
            *notes(report, texts),
        ],
    )


def _with_scenario(columns: list[str]) -> list[str]:
    at = columns.index("num")
    return [*columns[:at], "scenario", *columns[at:]]


def source_line(report: Report, texts: Texts) -> str:
    """The plan's source document: title, site and author, as far as the plan names them."""
    plan = report.plan
    title = words.inert(plan.title)
    if plan.site and plan.author:
        return texts(
            "report.source", title=title, site=words.inert(plan.site), author=words.inert(plan.author)
        )
    if plan.site:
        return texts("report.source.short", title=title, site=words.inert(plan.site))
    return texts("report.source.title", title=title)


def term_years(standing: Standing, texts: Texts) -> str:
    """The years a term figure used, and those still missing."""
    term = standing.term
    if term is None or not term.years_used:
        return "–"
    return spans(term.years_used)


def remains(report: Report, texts: Texts) -> list[str]:
    """For each indicator short of its target: the gap, and the monthly pace a quantity still needs."""
    lines = []
    for s in report.standings:
        if s.gap is None or s.gap <= 0 or s.status in ("met", "exceeded"):
            continue
        line = f"{words.inert(s.indicator.code)} – {words.name(s.indicator, texts)}: {words.gap(s, texts)}"
        if not s.indicator.is_percent:
            remaining = words.amount(s.gap, s.indicator, texts)
            line += f" ({texts('gap.remaining', gap=remaining, unit=words.unit(s.indicator, texts))})"
        if s.pace_needed is not None and s.pace_so_far is not None:
            line += "; " + texts(
                "report.remains.pace",
                needed=words.amount(s.pace_needed, s.indicator, texts, needed=True),
                unit=words.unit(s.indicator, texts),
                so_far=words.amount(s.pace_so_far, s.indicator, texts),
            )
        lines.append(line)
    return lines


def sources(report: Report, texts: Texts) -> list[str]:
    """Where each current figure came from (for a term: each year's)."""
    lines = []
    for s in report.standings:
        for record in s.term.figures if s.term is not None else (s.record,):
            if record is not None and record.value is not None:
                lines.append(source_of(s, record, texts, report.short(record.id)))
    return lines


def source_of(s: Standing, record: Figure, texts: Texts, short: str) -> str:
    """One figure with its provenance."""
    assert record.value is not None
    date = record.recorded_at.strftime(texts("date.format"))
    line = (
        f"{words.inert(s.indicator.code)} #{short}: "
        f"{words.quantity(record.value, s.indicator, texts, None)}, {words.period_of(record, texts)}, "
        f"{texts('report.recorded', date=date, user=words.inert(record.user))}"
    )
    if record.reported_on is not None and record.reported_on != record.recorded_at.date():
        line += f" ({texts('history.reported_on', date=record.reported_on.strftime(texts('date.format')))})"
    if record.source:
        line += f"; {words.inert(record.source)}"
    if record.note:
        line += f" ({words.inert(record.note)})"
    return line


def notes(report: Report, texts: Texts) -> list[Section]:
    """The plan's notes on its indicators, when it has any."""
    english = texts.lang == "en"
    items = [
        f"{words.inert(s.indicator.code)}: {words.inert((english and s.indicator.note_en) or s.indicator.note)}"
        for s in report.standings
        if s.indicator.note
    ]
    return [Section(texts("report.notes"), items=items)] if items else []
