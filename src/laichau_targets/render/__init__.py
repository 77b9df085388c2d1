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
    """Print the report, or write it to `output` (see `write_text`)."""
    text = render(report, fmt, texts)
    if output is None:
        sys.stdout.write(text)
        return
    write_text(output, text)


def write_text(output: Path, text: str) -> None:
    """Write `text` to `output` as UTF-8.

    A regular file (or a new one) is replaced atomically, so that a reader never sees half a
    file, and keeps its mode (a new one gets the user's umask). What is not a regular file, a
    terminal, /dev/null, /dev/stdout or a FIFO, is written straight through and never replaced.
    """
    import stat

    try:
        status: os.stat_result | None = os.stat(output)
    except FileNotFoundError:
        status = None
    except OSError as exc:  # a symlink loop, a path through a file, no permission
        raise OutputError("error.output_unwritable", path=output, reason=exc.strerror) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError("error.output_is_folder", path=output)
    # /dev/stdout and /dev/fd/N name a descriptor, even when a regular file is behind it.
    descriptor = str(output.absolute()).startswith(("/dev/std", "/dev/fd/", "/proc/"))
    if status is not None and (descriptor or not stat.S_ISREG(status.st_mode)):
        try:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise OutputError("error.output_unwritable", path=output, reason=exc.strerror) from None
        return
    _replace(output, text.encode("utf-8"), None if status is None else stat.S_IMODE(status.st_mode))


def _replace(output: Path, data: bytes, mode: int | None) -> None:
    """Write a temporary file beside `output`, then rename it over `output` in one step."""
    import secrets

    target = output.resolve()
    temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        # 0o666 and O_EXCL: a new report gets the user's umask, like a shell redirection.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise OutputError("error.output_unwritable", path=output, reason=exc.strerror) from None
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError as exc:
        os.unlink(temp)
        raise OutputError("error.output_unwritable", path=output, reason=exc.strerror) from None
