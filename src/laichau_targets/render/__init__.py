"""Output formats, one module each; the core never imports these."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError

if TYPE_CHECKING:
    from ..messages import Texts
    from ..report import Report

FORMATS = ("md", "json", "csv", "html", "text")
EXTENSIONS = {
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}


def render(report: Report, fmt: str, texts: Texts) -> str:
    """The report in one format, as text."""
    if fmt == "json":
        from . import json_report

        return json_report.render(report)
    if fmt == "csv":
        from . import csv_report

        return csv_report.render(report)
    if fmt == "md":
        from . import markdown

        return markdown.render(report, texts)
    if fmt == "html":
        from . import html

        return html.render(report, texts)
    if fmt == "text":
        from . import text

        return text.render(report, texts)
    raise OutputError("error.unknown_format", format=fmt, choices=", ".join(FORMATS))


def write_output(report: Report, fmt: str, texts: Texts, output: Path | None) -> None:
    """Print the report, or write it to `output` atomically: a reader never sees half a file."""
    import tempfile

    text = render(report, fmt, texts)
    if output is None:
        sys.stdout.write(text)
        return
    target = output.resolve()
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError("error.output_unwritable", path=output, reason=exc.strerror) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        os.unlink(temp)
        raise OutputError("error.output_unwritable", path=output, reason=exc.strerror) from None
