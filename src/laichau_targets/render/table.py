"""`targets show`: the coloured progress table for a person at a terminal.

The table fits the width it is given, from 80 columns up. Code, name, target, latest figure,
gap and status always stand in it, on one line per indicator; to make room the names are
shortened (and the table says so), the progress bar shrinks and then goes, and the other
columns move to a second table keyed by code: nothing is dropped. `--wide` adds columns the
same way (`wide_columns`), so a column added there fits any width too.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TextIO

from ..messages import Texts
from ..report import Report
from ..standing import Standing
from ..values import Value
from . import words

if TYPE_CHECKING:
    from rich.text import Text

STATUS_STYLE = {
    "exceeded": "bold green",
    "met": "green",
    "on_track": "cyan",
    "at_risk": "yellow",
    "off_track": "red",
    "not_met": "bold red",
    "no_data": "dim",
    "in_progress": "magenta",
    "no_target": "dim",
    "basically_met": "yellow",
    "not_judged": "dim",
}
SPARKS = "▁▂▃▄▅▆▇█"
BAR_CELLS = (8, 4, 0)  # tried in turn until the table fits
DEFAULT_WIDTH = 100  # a pipe gets a stable table
NAME_MIN = 24  # narrower than this, names would say too little: other columns move out first
GAPS = (2, 1)  # spaces between columns: two when they fit, else one


def bar(progress: Decimal | None, cells: int = BAR_CELLS[0]) -> str:
    """A progress bar; a figure beyond the target fills it."""
    if progress is None:
        return "·" * cells
    filled = max(0, min(cells, int(progress * cells / 100 + Decimal("0.5"))))
    return "█" * filled + "░" * (cells - filled)


def console_width(stream: TextIO) -> int:
    """COLUMNS (when it is a width: not 0), else the terminal's width, else 100."""
    if os.environ.get("COLUMNS", "").isdigit() and int(os.environ["COLUMNS"]) > 0:
        return int(os.environ["COLUMNS"])
    if getattr(stream, "isatty", lambda: False)():
        return shutil.get_terminal_size().columns
    return DEFAULT_WIDTH


class Column(Value):
    """One column of the table: a header and a cell per indicator, in plan order."""

    def __init__(
        self,
        header: str,
        cells: list[Text],
        justify: Literal["left", "right"] = "left",
        essential: bool = False,
    ) -> None:
        self.header = header
        self.cells = cells
        self.justify = justify
        self.essential = essential  # never moves out of the main table

    @cached_property
    def width(self) -> int:
        from rich.cells import cell_len

        return max([cell_len(self.header), *(cell.cell_len for cell in self.cells)])


def sparkline(standing: Standing, texts: Texts) -> str:
    """The indicator's figures for one kind of checkpoint as a row of bars, labelled with it: a
    term's full years, or the current figure's checkpoint last year and this year (`9M ▃█`)."""
    if standing.term is not None:
        figures = list(standing.term.figures)
    elif standing.record is not None and standing.record.period is not None:
        months = standing.record.period.months
        figures = [
            f
            for f in (*standing.previous_checkpoints, *standing.checkpoints)
            if f.period is not None and f.period.months == months
        ]
    else:
        figures = []
    found = standing.series_break
    if found is not None and figures and figures[-1].period is not None:
        last = figures[-1].period  # figures before a series break are not drawn beside those after it
        figures = [
            f
            for f in figures
            if f.period is None
            or not found.splits((f.period.year, f.period.months), (last.year, last.months))
        ]
    values = [f.value for f in figures if f.value is not None]
    if not values:
        return ""
    first = figures[0].period
    label = (
        texts("spark.year") if first is None or first.is_full_year else texts("spark.months", n=first.months)
    )
    low, high = min(values), max(values)
    if high == low:
        return f"{label} {SPARKS[len(SPARKS) // 2] * len(values)}"
    return f"{label} " + "".join(SPARKS[int((v - low) / (high - low) * (len(SPARKS) - 1))] for v in values)


def wide_columns(report: Report, texts: Texts) -> list[Column]:
    """The columns `--wide` adds: the projection to year end (~: from last year's seasonal share),
    the monthly paces, the change on the same period of last year, and the recent figures."""
    from rich.text import Text

    def amounts(pick: Callable[[Standing], Decimal | None], needed: bool = False) -> list[Text]:
        cells = []
        for s in report.standings:
            value = pick(s)
            cells.append(Text("–" if value is None else words.amount(value, s.indicator, texts, needed)))
        return cells

    projected = amounts(lambda s: s.projected)
    for cell, s in zip(projected, report.standings, strict=True):
        if s.projection_method == "seasonal":
            cell.append(" ~", style="dim")
    return [
        Column(texts("col.projected"), projected, "right"),
        Column(texts("col.pace_so_far"), amounts(lambda s: s.pace_so_far), "right"),
        Column(texts("col.pace_needed"), amounts(lambda s: s.pace_needed, needed=True), "right"),
        Column(texts("col.change"), [Text(words.change(s, texts)) for s in report.standings], "right"),
        Column(
            texts("col.trend"),
            [Text(sparkline(s, texts), style=STATUS_STYLE[s.status]) for s in report.standings],
        ),
    ]


def render(
    report: Report, texts: Texts, stream: TextIO | None = None, wide: bool = False, width: int | None = None
) -> None:
    """The table, at `width` columns (default: the terminal's, see console_width)."""
    from rich.console import Console
    from rich.text import Text

    stream = stream or sys.stdout
    width = width or console_width(stream)

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise  # the BrokenPipeError, to the CLI: rich would exit 1, which means "check failed"

    console = _Console(file=stream, width=width, highlight=False, emoji=False)
    extras = wide_columns(report, texts) if wide else []
    main, moved, gap = _fit(report, texts, extras, width)
    lines, shortened = _lines(main, gap, width, flexible=1)
    code = main[0]
    for group in _groups(moved, width - code.width - gap, gap):
        lines.append(Text(""))
        lines += _lines([code, *group], gap, width)[0]
    sentences = [
        Text(""),
        Text(words.headline(report, texts), style="bold"),
        Text(words.plan_line(report, texts)),
    ]
    if wide and any(s.projection_method == "seasonal" for s in report.standings):
        sentences.append(Text(texts("show.seasonal_mark"), style="dim"))
    sentences += [
        Text(line)
        for line in words.met_not_exceeded(report, texts)
        + words.overrides(report, texts)
        + words.scenarios(report, texts)
    ]
    if shortened:
        sentences.append(Text(texts("show.shortened"), style="dim"))
    for sentence in sentences:  # wrapped between words; the table's lines fit already
        lines += sentence.wrap(console, width) if sentence else [sentence]
    for line in lines:
        line.rstrip()
    console.print(
        Text("\n").join(lines), soft_wrap=True, crop=False, overflow="ignore"
    )  # one print: one write


def _columns(report: Report, texts: Texts, bar_cells: int) -> list[Column]:
    """The main table's columns, with a progress bar of `bar_cells` cells (0: the share alone)."""
    from rich.text import Text

    standings = report.standings
    styles = [STATUS_STYLE[s.status] for s in standings]
    names = []
    for s in standings:
        name = Text(words.name(s.indicator, texts))
        unit = words.unit_after_name(s.indicator, texts)
        if unit:
            name.append(f" · {unit}", style="dim")
        names.append(name)
    progress = []
    for s, style in zip(standings, styles, strict=True):
        share = words.progress(s, texts, baseline=True)
        progress.append(
            Text.assemble((bar(s.progress, bar_cells), style), " ", share) if bar_cells else Text(share)
        )
    return [
        Column(
            texts("col.code"),
            [Text(words.inert(s.indicator.code), style="bold") for s in standings],
            essential=True,
        ),
        Column(texts("col.indicator"), names, essential=True),
        Column(
            texts("col.target"),
            [Text(words.target(s.indicator, texts, compact=True, with_unit=False)) for s in standings],
            "right",
            essential=True,
        ),
        Column(
            texts("col.latest"), [Text(words.actual(s, texts)) for s in standings], "right", essential=True
        ),
        Column(
            texts("col.period"),
            [Text(words.period_short(s, texts)) for s in standings],
        ),
        Column(texts("col.progress"), progress, "left" if bar_cells else "right"),
        Column(
            texts("col.gap"), [Text(words.difference(s, texts)) for s in standings], "right", essential=True
        ),
        *(
            [Column(texts("col.needed"), [Text(words.pace_cell(s, texts)) for s in standings], "right")]
            if report.plan.is_term
            else []
        ),
        Column(
            texts("col.status"),
            [Text(words.status(s, texts), style=style) for s, style in zip(standings, styles, strict=True)],
            essential=True,
        ),
    ]


def _fit(
    report: Report, texts: Texts, extras: list[Column], width: int
) -> tuple[list[Column], list[Column], int]:
    """The main table's columns, the columns moved to a second table, and the gap between columns.

    Whole names come first: the bar shrinks and goes, and the --wide columns move out, before a
    name is shortened; then the progress and period columns move out rather than a name
    shrink below NAME_MIN.
    """
    built: dict[int, list[Column]] = {}  # by bar size: each built once
    for kept in range(len(extras), -1, -1):
        for cells in BAR_CELLS:
            if cells not in built:
                built[cells] = _columns(report, texts, cells)
            base = built[cells]
            for gap in GAPS:
                columns = base + extras[:kept]
                if _room_for_name(columns, gap, width) >= columns[1].width:
                    return columns, extras[kept:], gap
    gap = GAPS[-1]
    columns = list(built[0])
    moved = list(extras)
    for column in reversed(list(columns)):  # the rightmost optional column moves first
        if _room_for_name(columns, gap, width) >= NAME_MIN:
            break
        if not column.essential:
            columns.remove(column)
            moved.insert(0, column)
    return columns, moved, gap


def _room_for_name(columns: list[Column], gap: int, width: int) -> int:
    return width - sum(c.width for c in columns[2:]) - columns[0].width - gap * (len(columns) - 1)


def _groups(columns: list[Column], room: int, gap: int) -> list[list[Column]]:
    """The moved columns in as few tables as fit beside the code."""
    groups: list[list[Column]] = []
    used = 0
    for column in columns:
        if groups and used + gap + column.width <= room:
            groups[-1].append(column)
            used += gap + column.width
        else:
            groups.append([column])
            used = column.width
    return groups


def _shortened_name(cell: Text, size: int) -> Text:
    """A name cut to `size` cells: the name is shortened and its unit kept whole ("· tỷ đồng"), or,
    with too little room for both, the unit left out, never cut to "· b…"."""
    from rich.cells import cell_len
    from rich.text import Text

    name, dot, unit = cell.plain.rpartition(" · ")
    if dot and cell_len(dot + unit) + 8 <= size:
        shortened = Text(name)
        shortened.truncate(size - cell_len(dot + unit), overflow="ellipsis")
        shortened.append(dot + unit, style="dim")
        return shortened
    shortened = Text(name or cell.plain)
    shortened.truncate(size, overflow="ellipsis")
    return shortened


def _lines(
    columns: list[Column], gap: int, width: int, flexible: int | None = None
) -> tuple[list[Text], bool]:
    """The header and one line per indicator; the `flexible` column takes the room left, shortened to fit."""
    from rich.text import Text

    widths = [c.width for c in columns]
    shortened = False
    if flexible is not None:
        room = max(4, width - sum(widths) + widths[flexible] - gap * (len(columns) - 1))
        if room < widths[flexible]:
            widths[flexible] = room
            shortened = True
    sep = " " * gap
    rows = [[Text(c.header, style="bold") for c in columns]]
    rows += [[c.cells[n].copy() for c in columns] for n in range(len(columns[0].cells))]
    lines = []
    for row in rows:
        line = Text()
        for index, (cell, column, size) in enumerate(zip(row, columns, widths, strict=True)):
            if index:
                line.append(sep)
            if cell.cell_len > size and index == flexible:
                cell = _shortened_name(cell, size)
            elif cell.cell_len > size:
                cell.truncate(size, overflow="ellipsis")
            if column.justify == "right":
                cell.pad_left(size - cell.cell_len)
            elif index < len(columns) - 1:
                cell.pad_right(size - cell.cell_len)
            line.append_text(cell)
        lines.append(line)
    return lines, shortened
