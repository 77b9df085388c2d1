"""The report as one self-contained HTML page: inline CSS, no scripts, nothing fetched."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from ..messages import Texts
from ..report import Report
from .document import build_document

COLOURS = {
    "exceeded": "#1a7f37",
    "met": "#2da44e",
    "on_track": "#0969da",
    "at_risk": "#bf8700",
    "off_track": "#cf222e",
    "not_met": "#a40e26",
    "no_data": "#8c959f",
    "in_progress": "#8250df",
    "no_target": "#8c959f",
    "basically_met": "#7d4e00",
    "not_judged": "#8c959f",
}

STYLE = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.intro { color: var(--muted); margin: .25rem 0; }
.headline { font-weight: 600; font-size: 1.05rem; padding: .6rem .8rem; background: #f6f8fa; border-left: 4px solid #0969da; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { font-size: .85rem; color: var(--muted); }
td.code { font-weight: 600; white-space: nowrap; }
td.num, td.target, td.gap, td.change { text-align: right; white-space: nowrap; }
td.num, td.target { white-space: normal; }  /* a figure with its period, a term target with its year, may wrap; the name keeps room to read */
td.name { min-width: 12rem; }
.bar { width: 6rem; height: .6rem; background: #eaeef2; border-radius: .3rem; overflow: hidden; }
.bar span { display: block; height: 100%; }
.status { font-weight: 600; white-space: nowrap; }
ul { padding-left: 1.25rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: .75rem; }
figure { margin: 0; border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .6rem; break-inside: avoid; }
figcaption { font-size: .9rem; margin-bottom: .25rem; }
figcaption b { margin-right: .35rem; }
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
li { margin: .2rem 0; }
@media (max-width: 40rem) {
  body { font-size: 14px; }
  thead { display: none; }
  table, tbody, tr, td { display: block; width: 100%; }
  tr { border: 1px solid var(--line); border-radius: .4rem; margin: 0 0 .75rem; padding: .4rem .6rem; }
  td { border: 0; padding: .1rem 0; display: flex; gap: .5rem; text-align: left; white-space: normal; }
  tr { display: flex; flex-direction: column; }
  td::before { content: attr(data-label); flex: 0 0 6.5rem; color: var(--muted); font-size: .85rem; }
  td.num, td.target, td.gap, td.change { text-align: left; }
  td.name { order: -1; font-weight: 600; font-size: 1.05rem; }  /* each card leads with the indicator's name */
  td.name::before { content: none; }
  .charts { grid-template-columns: 1fr; }
}
@media print {
  @page { margin: 12mm; }
  html { font-size: 11px; }
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  tr { break-inside: avoid; }
  .bar span, .headline, .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _bar(progress: Decimal | None, status: str) -> str:
    """No bar where there is no share of the plan (a rate, no figure): an empty bar reads as 0 %."""
    if progress is None:
        return ""
    width = max(0, min(100, int(progress)))
    return f'<div class="bar"><span style="width:{width}%;background:{COLOURS[status]}"></span></div>'


def charts(report: Report, texts: Texts) -> list[str]:
    """A chart per indicator that has figures; the others named in one line."""
    from . import chart, words

    drawn = [s for s in report.standings if chart.has_figures(s)]
    empty = [words.inert(s.indicator.code) for s in report.standings if not chart.has_figures(s)]
    out = [f'<h2 id="charts">{escape(texts("report.charts"))}</h2>', '<div class="charts">']
    for s in drawn:
        caption = f"<b>{escape(words.inert(s.indicator.code))}</b>{escape(words.name(s.indicator, texts))}"
        svg = chart.chart(s, texts, report)
        out.append(f"<figure><figcaption>{caption}</figcaption>{svg}</figure>")
    out.append("</div>")
    if empty:
        out.append(f"<p>{escape(texts('chart.none', codes=', '.join(empty)))}</p>")
    return out


def _dated(report: Report, texts: Texts) -> str:
    """When the figures are from and when this page was made: a page outlives the moment it was made."""
    from . import words

    made = report.made_at.strftime(texts("date.format") + " %H:%M")
    records = [
        record
        for s in report.standings
        for record in (s.term.figures if s.term is not None else (s.record,))
        if record is not None and record.period is not None
    ]
    if not records:
        return texts("report.made", made=made)
    latest = max(r.period for r in records if r.period is not None)
    recorded = max(r.recorded_at for r in records).astimezone().strftime(texts("date.format"))
    return texts("report.figures_dated", period=words.period(latest, texts), date=recorded, made=made)


def render(report: Report, texts: Texts) -> str:
    doc = build_document(report, texts)
    out = [
        "<!doctype html>",
        f'<html lang="{texts.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{escape(doc.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    out += [f'<p class="intro">{escape(line)}</p>' for line in [*doc.intro, _dated(report, texts)]]
    out.append(f'<p class="headline">{escape(doc.headline)}</p>')
    out.append(f"<h2>{escape(doc.table_title)}</h2>")
    out.append('<div class="table-wrap"><table>')
    out.append(
        "<thead><tr>"
        + "".join(
            f'<th class="{c}">{escape(h)}</th>'
            for c, h in zip(doc.table.columns, doc.table.headers, strict=True)
        )
        + "</tr></thead>"
    )
    out.append("<tbody>")
    for row, status, progress in zip(doc.table.rows, doc.table.statuses, doc.table.progress, strict=True):
        cells = []
        for css, header, value in zip(doc.table.columns, doc.table.headers, row, strict=True):
            text = escape(value)
            if css == "progress":
                text = f"{_bar(progress, status)}{text}"
            elif css == "status":
                text = f'<span style="color:{COLOURS[status]}">{text}</span>'
            cells.append(f'<td class="{css}" data-label="{escape(header)}">{text}</td>')
        out.append(f'<tr class="{status}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    out += charts(report, texts)
    for section in doc.sections:
        out.append(f"<h2>{escape(section.title)}</h2>")
        out += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
        if section.items:
            out.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in section.items) + "</ul>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
