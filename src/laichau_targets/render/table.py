"""`targets show`: the coloured progress table for a person at a terminal."""

from __future__ import annotations

import os
import sys
from decimal import Decimal
from typing import TextIO

from ..messages import Texts
from ..report import Report
from . import words

STATUS_STYLE = {
    "exceeded": "bold green",
    "met": "green",
    "on_track": "cyan",
    "at_risk": "yellow",
    "off_track": "red",
    "not_met": "bold red",
    "no_data": "dim",
}
BAR_CELLS = 10
DEFAULT_WIDTH = 100


def bar(progress: Decimal | None) -> str:
    """A progress bar of ten cells; a figure beyond the target fills it."""
    if progress is None:
        return "·" * BAR_CELLS
    filled = max(0, min(BAR_CELLS, int(progress / 10 + Decimal("0.5"))))
    return "█" * filled + "░" * (BAR_CELLS - filled)


def console_width(stream: TextIO) -> int | None:
    """The terminal's width at a terminal, else 100 (or COLUMNS) so that a pipe gets a stable table."""
    if os.environ.get("COLUMNS"):
        return None
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return None
    return DEFAULT_WIDTH


def render(report: Report, texts: Texts, stream: TextIO | None = None, wide: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    stream = stream or sys.stdout
    console = Console(file=stream, width=console_width(stream), highlight=False, emoji=False)
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(texts("col.code"), no_wrap=True)
    table.add_column(texts("col.indicator"), ratio=1, min_width=16)
    table.add_column(texts("col.target"), justify="right")
    table.add_column(texts("col.latest"), justify="right")
    table.add_column(texts("col.progress"), no_wrap=True)
    table.add_column(texts("col.gap"))
    table.add_column(texts("col.status"))
    if wide:
        table.add_column(texts("col.projected"), justify="right")
        table.add_column(texts("col.pace_so_far"), justify="right")
        table.add_column(texts("col.pace_needed"), justify="right")
    for s in report.standings:
        style = STATUS_STYLE[s.status]
        row = [
            Text(words.inert(s.indicator.code), style="bold"),
            Text(words.name(s.indicator, texts)),
            Text(words.target(s.indicator, texts)),
            Text(words.latest(s, texts)),
            Text.assemble((bar(s.progress), style), " ", words.progress(s, texts)),
            Text(words.gap(s, texts)),
            Text(words.status(s, texts), style=style),
        ]
        if wide:
            row += [
                Text("–" if v is None else words.number(v, texts))
                for v in (s.projected, s.pace_so_far, s.pace_needed)
            ]
        table.add_row(*row)
    console.print(table)
    console.print()
    console.print(Text(words.headline(report, texts), style="bold"))
    for line in words.overrides(report, texts):
        console.print(Text(line))
