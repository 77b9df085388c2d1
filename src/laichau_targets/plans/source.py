"""A plan file as read: its bytes, its text and its TOML, or the one problem that keeps it from
being a plan."""

from __future__ import annotations

import os
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import PlanError
from ..messages import Message
from ..numbers import FIGURE_RANGE
from ..values import Value


class Source(Value):
    """A plan file as read."""

    def __init__(self, path: Path, text: str, data: dict[str, Any], raw: bytes = b"") -> None:
        self.path = path
        self.text = text
        self.data = data
        self.raw = raw  # the bytes read, which a cache of the plans proves itself by


def read_source(path: Path) -> Source:
    """The file's bytes, text and TOML; its problem when it cannot be read as TOML."""
    try:
        raw = read_bytes(path)
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise PlanError(path, [Message("error.plan_missing")]) from None
    except IsADirectoryError:
        raise PlanError(path, [Message("error.plan_is_folder")]) from None
    except UnicodeDecodeError as exc:
        raise PlanError(path, [Message("error.plan_not_utf8", {"byte": exc.start})]) from None
    except OSError as exc:
        raise PlanError(path, [Message("error.plan_unreadable", {"reason": exc.strerror})]) from None
    return Source(path, text, _parse_toml(text, path), raw)


def read_bytes(path: Path) -> bytes:
    """The plan file's bytes (its text once a byte-order mark, from Notepad, is left out); what
    is not a regular file (a FIFO, a link to /dev/zero in a cloned repository) is refused, not
    read for ever."""
    import errno
    import stat

    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(mode):
            raise PlanError(path, [Message("error.plan_not_file")])
        return handle.read()


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # deferred: start-up (a cached plan is not parsed)

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(path, [Message("error.plan_not_toml", {"detail": str(exc)})]) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        long_number = re.compile(rf"[0-9_]{{{sys.get_int_max_str_digits()},}}")
        line = next((n for n, row in enumerate(text.splitlines(), 1) if long_number.search(row)), None)
        huge = Message("error.plan_number_huge", {"range": FIGURE_RANGE})
        raise PlanError(
            path, [Message("error.at_line", {"line": line, "problem": huge}) if line else huge]
        ) from None
