"""`targets show`: the coloured progress table for a person at a terminal."""

from __future__ import annotations

import os
import shutil
import sys
from decimal import Decimal
from typing import TextIO

from ..messages import Texts
from ..report import Report
from ..standing import Standing
from . import words

STATUS_STYLE = {
    "exceeded": "bold green",
    "met": "green",
    "on_track": "cyan",
    "at_risk": "yellow",
    "off_track": "red",
    "not_met": "bold red",
    "no_data": "dim",
    "in_progress": "magenta",
}
BAR_CELLS = 8
DEFAULT_WIDTH = 100
WIDE_WIDTH = 150
NARROW_WIDTH = 90


def bar(progress: Decimal | None) -> str:
    """A progress bar; a figure beyond the target fills it."""
    if progress is None:
        return "·" * BAR_CELLS
    filled = max(0, min(BAR_CELLS, int(progress * BAR_CELLS / 100 + Decimal("0.5"))))
    return "█" * filled + "░" * (BAR_CELLS - filled)


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(standing: Standing) -> str:
    """The indicator's recent figures as a row of bars: last year's checkpoints, then this year's."""
    if standing.term is not None:
        records = list(standing.term.figures)
    else:
        records = [*standing.previous_checkpoints, *standing.checkpoints]
    values = [r.value for r in records if r.value is not None]
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[len(SPARKS) // 2] * len(values)
    return "".join(SPARKS[int((v - low) / (high - low) * (len(SPARKS) - 1))] for v in values)


def console_width(stream: TextIO, wide: bool) -> int | None:
    """The terminal's width (or COLUMNS), else 100 so that a pipe gets a stable table.

    --wide never squeezes below 150 columns: its extra columns would crush the names.
    """
    width = None
    if os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    elif getattr(stream, "isatty", lambda: False)():
        width = shutil.get_terminal_size().columns
    else:
        width = DEFAULT_WIDTH
    return max(width, WIDE_WIDTH) if wide else width


def render(report: Report, texts: Texts, stream: TextIO | None = None, wide: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    stream = stream or sys.stdout
    width = console_width(stream, wide)
    narrow = width is not None and width < NARROW_WIDTH
    console = Console(file=stream, width=width, highlight=False, emoji=False)
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", collapse_padding=True)
    table.add_column(
        texts("col.code"), no_wrap=True, min_width=max(len(i.code) for i in report.plan.indicators)
    )
    table.add_column(texts("col.indicator"), ratio=1, min_width=10)
    if not narrow:
        table.add_column(texts("col.target"), justify="right", no_wrap=True)
    table.add_column(texts("col.latest"), justify="right", no_wrap=True)
    if not narrow:
        table.add_column(texts("col.period"), no_wrap=True)
    table.add_column(texts("col.progress"), no_wrap=True, justify="right" if narrow else "left")
    if not narrow:
        table.add_column(texts("col.gap"), justify="right", no_wrap=True)
    table.add_column(texts("col.status"), max_width=None if wide else 14)
    if wide:
        table.add_column(texts("col.projected"), justify="right", no_wrap=True)
        table.add_column(texts("col.pace_so_far"), justify="right", no_wrap=True)
        table.add_column(texts("col.pace_needed"), justify="right", no_wrap=True)
        table.add_column(texts("col.change"), justify="right", no_wrap=True)
        table.add_column(texts("col.trend"), no_wrap=True)
    for s in report.standings:
        style = STATUS_STYLE[s.status]
        indicator = s.indicator
        name = Text(words.name(indicator, texts))
        if not indicator.is_percent:
            name.append(f" · {words.unit(indicator, texts)}", style="dim")
        latest = Text("–" if s.actual is None else words.number(s.actual, texts, None))
        status = Text(words.status(s, texts), style=style)
        if narrow:
            table.add_row(
                Text(words.inert(indicator.code), style="bold"),
                name,
                latest,
                Text(words.progress(s, texts), style=style),
                status,
            )
            continue
        row = [
            Text(words.inert(indicator.code), style="bold"),
            name,
            Text(words.target(indicator, texts, compact=True, with_unit=False)),
            latest,
            Text(words.period_short(s, texts)),
            Text.assemble((bar(s.progress), style), " ", words.progress(s, texts)),
            Text(words.gap_short(s, texts)),
            status,
        ]
        if wide:
            row += [
                Text("–" if v is None else words.number(v, texts))
                for v in (s.projected, s.pace_so_far, s.pace_needed)
            ]
            if s.projection_method == "seasonal":
                row[-3].append(" ~", style="dim")  # last year's seasonal share, not the straight line
            row += [Text(words.change(s, texts)), Text(sparkline(s), style=style)]
        table.add_row(*row)
    console.print(table)
    console.print()
    console.print(Text(words.headline(report, texts), style="bold"))
    console.print(Text(words.plan_line(report, texts)))
    if wide and any(s.projection_method == "seasonal" for s in report.standings):
        console.print(Text(texts("show.seasonal_mark"), style="dim"))
    for line in words.overrides(report, texts):
        console.print(Text(line))
