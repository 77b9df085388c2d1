"""The report as plain text, for e-mail and terminals without colour."""

from __future__ import annotations

import io

from ..messages import Texts
from ..report import Report
from . import words
from .document import build_document

WIDTH = 100
UNIT_COLUMN = 2
LEFT_OUT = ("unit", "years")  # the unit goes after the name; a term's years are in its latest figure
CHANGE_WIDTH = 9  # "Year on year" wraps over two lines: the names need the room more


def render(report: Report, texts: Texts) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    doc = build_document(report, texts)
    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDTH, color_system=None, highlight=False, emoji=False, markup=False)
    console.print(Text(doc.title))
    console.print(Text("=" * min(len(doc.title), WIDTH)))
    for line in doc.intro:
        console.print(Text(line))
    console.print()
    console.print(Text(doc.headline))
    console.print()
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="")
    # 100 columns are few: the unit goes after the name, "(tỷ đồng)", rather than in a column of its own,
    # and a term's years are in its latest figure.
    columns = [n for n, kind in enumerate(doc.table.columns) if kind not in LEFT_OUT]
    for n in columns:
        narrow = CHANGE_WIDTH if doc.table.columns[n] == "change" else None
        table.add_column(doc.table.headers[n], no_wrap=n == 0, ratio=3 if n == 1 else 2, max_width=narrow)
    for row in doc.table.rows:
        unit = words.unit_after(row[1], row[UNIT_COLUMN])
        cells = [f"{row[1]} ({unit})" if n == 1 and unit else row[n] for n in columns]
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)
    for section in doc.sections:
        console.print()
        console.print(Text(section.title))
        console.print(Text("-" * len(section.title)))
        for paragraph in section.paragraphs:
            console.print(Text(paragraph))
        for item in section.items:
            console.print(Text("- " + item))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
