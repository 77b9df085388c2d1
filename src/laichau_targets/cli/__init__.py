"""The `targets` command: arguments in, core calls, output out. Nothing here decides a standing.

One module per command, listed in app.COMMANDS and loaded only when it runs. Beside them:
app.py (the Typer app, its group and the global options), argv.py (the argument list before
click reads it), failures.py (failures into the one `Error:` line and an exit status) and
output.py (what commands print besides a renderer's output). This module is the console script.
"""

import errno
import io
import os
import sys
from typing import Any

from ..exits import (
    EXIT_BROKEN_PIPE,
    EXIT_CHECK_FAILED,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_WRITTEN_NOT_PRINTED,
)
from .app import app

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_CHECK_FAILED",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_WRITTEN_NOT_PRINTED",
    "app",
    "main",
]


COMPLETE_VAR = "_TARGETS_COMPLETE"


class _ClosedOutput(io.TextIOBase):
    """Standard output when the program was started with it closed (`>&-`): every write fails."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    @property
    def buffer(self) -> "_ClosedOutput":  # what bytes are written to (a workbook): fails alike
        return self


def _guard_standard_streams() -> None:
    """Put /dev/null behind closed standard descriptors, so that no file opened later (the log)
    takes their number; a closed standard output then fails on the first write, as it should."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    else:
        _write_whole_or_fail()
    for stream in (sys.stdout, sys.stderr):  # PYTHONIOENCODING=ascii: what it cannot show, escaped
        if not (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-").startswith("utf"):
            try:
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
            except (AttributeError, ValueError):
                pass


class _WholeWrites(io.RawIOBase):
    """Standard output whose every write is written whole or raises.

    A write past the space left on a disk (or a file-size limit) writes what fits and returns
    its count; Python's buffered stdout then dropped the rest without a word, and a report cut
    short ended with status 0. Here the rest is written again, and the second write raises
    (ENOSPC, EFBIG), which the command turns into one error line and status 2.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            done += os.write(self._fd, view[done:])
        return done


def _write_whole_or_fail() -> None:
    stream = sys.stdout
    if stream is not sys.__stdout__ or not isinstance(stream, io.TextIOWrapper):
        return  # a test's capture, or a stream someone else gave: left alone
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_WholeWrites(fd)),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.line_buffering,
    )


def main() -> None:
    """The console script."""
    _guard_standard_streams()
    if os.environ.get(COMPLETE_VAR):  # the shell asks for completions: Typer's shells, loaded only now
        from .typer_private import completion_init

        completion_init()
        try:
            app(prog_name="targets")
        except KeyError as missing:  # a variable the shell sets (COMP_WORDS...): run by hand
            from .failures import error

            error(f"{COMPLETE_VAR} is for a shell's completion, which also sets {missing}")
            raise SystemExit(EXIT_ERROR) from None
    app(prog_name="targets")
