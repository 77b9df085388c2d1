"""The human report as plain parts (title, headline, table, sections) that md, html and text lay out."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..messages import Texts
from ..report import Report
from . import words


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    statuses: list[str]
    progress: list[Decimal | None]


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class Document:
    title: str
    intro: list[str]
    headline: str
    table_title: str
    table: Table
    sections: list[Section]


def build_document(report: Report, texts: Texts) -> Document:
    plan = report.plan
    intro = [
        texts(
            "report.source",
            title=words.inert(plan.title),
            site=words.inert(plan.site),
            author=words.inert(plan.author),
        )
    ]
    if report.as_of is not None:
        intro.append(texts("report.as_of", period=words.period(report.as_of, texts)))
    headers = [
        texts("col.code"),
        texts("col.indicator"),
        texts("col.unit"),
        texts("col.target"),
        texts("col.latest"),
        texts("col.progress"),
        texts("col.gap"),
        texts("col.status"),
    ]
    rows = [
        [
            words.inert(s.indicator.code),
            words.name(s.indicator, texts),
            words.unit(s.indicator, texts),
            words.target(s.indicator, texts, with_unit=False),
            words.latest(s, texts, with_unit=False),
            words.progress(s, texts),
            words.difference(s, texts),
            words.status(s, texts),
        ]
        for s in report.standings
    ]
    table = Table(
        headers=headers,
        rows=rows,
        statuses=[s.status for s in report.standings],
        progress=[s.progress for s in report.standings],
    )
    return Document(
        title=texts("report.title", province=words.inert(plan.province), year=plan.year),
        intro=intro,
        headline=words.headline(report, texts),
        table_title=texts("report.table"),
        table=table,
        sections=[
            Section(texts("report.remains"), items=remains(report, texts) or [texts("report.remains.none")]),
            Section(
                texts("report.rules"),
                paragraphs=[
                    texts(
                        "report.rules.text",
                        exceed_margin=words.percent(plan.settings.exceed_margin, texts),
                        about_tolerance=words.percent(plan.settings.about_tolerance, texts),
                        at_risk_band=words.percent(plan.settings.at_risk_band, texts),
                    )
                ],
                items=words.met_not_exceeded(report, texts) + words.overrides(report, texts),
            ),
            Section(texts("report.sources"), items=sources(report, texts) or [texts("report.sources.none")]),
            *notes(report, texts),
        ],
    )


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
    """Where each current figure came from."""
    lines = []
    for s in report.standings:
        record = s.record
        if record is None or s.actual is None:
            continue
        date = record.recorded_at.strftime(texts("date.format"))
        line = (
            f"{words.inert(s.indicator.code)} #{record.short or record.id}: "
            f"{words.quantity(s.actual, s.indicator, texts, None)}, {words.period_of(record, texts)}, "
            f"{texts('report.recorded', date=date, user=words.inert(record.user))}"
        )
        if record.source:
            line += f"; {words.inert(record.source)}"
        if record.note:
            line += f" ({words.inert(record.note)})"
        lines.append(line)
    return lines


def notes(report: Report, texts: Texts) -> list[Section]:
    """The plan's notes on its indicators, when it has any."""
    items = [
        f"{words.inert(s.indicator.code)}: {words.inert(s.indicator.note)}"
        for s in report.standings
        if s.indicator.note
    ]
    return [Section(texts("report.notes"), items=items)] if items else []
