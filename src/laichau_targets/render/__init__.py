"""Output formats, one module each; the core never imports these.

`FORMATS` is the one table of them: it drives the dispatch, the `--format` choices and the
choice of a format by the extension of `--output`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..messages import Texts
    from ..report import Report

    Renderer = Callable[[Report, Texts], str | bytes]


class OutputFormat:
    """A report format: its name, the file extensions that mean it, and whether it is bytes.

    A plain class rather than a dataclass: the table is built on every start-up.
    """

    def __init__(
        self, name: str, extensions: tuple[str, ...], render: Renderer, binary: bool, for_people: bool
    ) -> None:
        self.name = name
        self.extensions = extensions
        self.render = render
        self.binary = binary
        self.for_people = for_people


def _md(report: Report, texts: Texts) -> str:
    from . import markdown

    return markdown.render(report, texts)


def _json(report: Report, texts: Texts) -> str:
    from . import json_report

    return json_report.render(report)


def _csv(report: Report, texts: Texts) -> str:
    from . import csv_report

    return csv_report.render(report)


def _html(report: Report, texts: Texts) -> str:
    from . import html

    return html.render(report, texts)


def _text(report: Report, texts: Texts) -> str:
    from . import text

    return text.render(report, texts)


def _xlsx(report: Report, texts: Texts) -> bytes:
    from . import xlsx

    return xlsx.render(report, texts)


def _docx(report: Report, texts: Texts) -> bytes:
    from . import docx

    return docx.render(report, texts)


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("md", (".md", ".markdown"), _md, binary=False, for_people=True),
        OutputFormat("json", (".json",), _json, binary=False, for_people=False),
        OutputFormat("csv", (".csv",), _csv, binary=False, for_people=False),
        OutputFormat("html", (".html", ".htm"), _html, binary=False, for_people=True),
        OutputFormat("text", (".txt",), _text, binary=False, for_people=True),
        OutputFormat("xlsx", (".xlsx",), _xlsx, binary=True, for_people=True),
        OutputFormat("docx", (".docx",), _docx, binary=True, for_people=True),
    )
}
DEFAULT_FORMAT = "md"


def choose_format(name: str | None, output: Path | None) -> OutputFormat:
    """The format asked for; else the one `output`'s extension names; else Markdown.

    A file name without an extension names no format (`-o /dev/stdout`); an extension
    that is not one of ours is refused rather than answered with Markdown, and so is one that
    names another format than the one asked for (a Word document called .xlsx opens as neither).
    """
    suffix = output.suffix if output is not None else ""
    named = next((f for f in FORMATS.values() if suffix.lower() in f.extensions), None) if suffix else None
    if name is not None:
        if name not in FORMATS:
            raise OutputError("error.unknown_format", format=name, choices=", ".join(FORMATS))
        if named is not None and named.name != name:
            raise OutputError("error.format_extension", path=output, format=name, extension=suffix)
        return FORMATS[name]
    if not suffix:
        return FORMATS[DEFAULT_FORMAT]
    if named is None:
        known = ", ".join(ext for fmt in FORMATS.values() for ext in fmt.extensions)
        raise OutputError("error.unknown_extension", path=output, extension=suffix, known=known)
    return named


def render(report: Report, fmt: str, texts: Texts) -> str | bytes:
    """The report in the format named `fmt`: text, or bytes for a binary format."""
    return choose_format(fmt, None).render(report, texts)


def write_output(report: Report, fmt: OutputFormat, texts: Texts, output: Path | None) -> None:
    """Print the report, or write it to `output` (see `write_file`).

    A binary format is never written to a terminal, where it would only garble the screen.
    """
    if output is None and fmt.binary and sys.stdout.isatty():
        raise OutputError("error.binary_to_terminal", format=fmt.name)
    content = _rendered(report, fmt, texts)
    if output is None:
        if isinstance(content, str):
            sys.stdout.write(content)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        return
    write_file(output, content if isinstance(content, bytes) else content.encode("utf-8"))


def _rendered(report: Report, fmt: OutputFormat, texts: Texts) -> str | bytes:
    """The report made; a workbook's temporary files on a full disk are one error, not a traceback."""
    try:
        return fmt.render(report, texts)
    except OSError as exc:
        raise OutputError("error.render_unwritable", reason=exc.strerror or str(exc)) from None
    except Exception as exc:
        # lxml, writing openpyxl's temporary files, reports a failed write as its own IO_ error.
        if type(exc).__name__ == "SerialisationError" and str(exc).startswith("IO_"):
            # The writers it left open (generators) fail again when collected; the command is
            # ending with its one error line, so nothing more is said.
            sys.unraisablehook = lambda unraisable: None
            raise OutputError("error.render_unwritable", reason=str(exc)) from None
        raise


def write_file(output: Path, data: bytes) -> None:
    """Write `data` (a report, a workbook) to `output`.

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
            with open(output, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError("error.output_unwritable", path=output, reason=exc.strerror) from None
        return
    _replace(output, data, None if status is None else stat.S_IMODE(status.st_mode))


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
