"""A plan file as read: its bytes, its text and its TOML, or the one problem that keeps it from
being a plan. Whatever a file holds (a FIFO, gigabytes, nesting thousands deep, an integer of
thousands of digits), reading it ends in a value or a PlanError that names it, never in a crash.
"""

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

# The bundled plans take ~500 bytes an indicator: 10 MB holds 20,000, which `validate` reads in
# two seconds; a larger file is no plan but a mistake, or an attack.
LARGEST_MB = 10


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
    read for ever, and so is a file too large to be a plan, before it is read."""
    import errno
    import stat

    largest = LARGEST_MB * 1_000_000
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
        found = os.fstat(handle.fileno())
        if stat.S_ISDIR(found.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(found.st_mode):
            raise PlanError(path, [Message("error.plan_not_file")])
        raw = handle.read(largest + 1) if found.st_size <= largest else b""
        if found.st_size > largest or len(raw) > largest:  # the size, or what was written since
            raise PlanError(path, [Message("error.plan_too_large", {"largest": LARGEST_MB})])
        return raw


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # deferred: start-up (a cached plan is not parsed)

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(path, [Message("error.plan_not_toml", {"detail": str(exc)})]) from None
    except RecursionError:  # arrays or inline tables nested hundreds deep: tomllib recurses
        raise PlanError(path, [Message("error.toml_too_deep")]) from None
    except (
        ValueError,
        ArithmeticError,
    ):  # an integer of 4,300 digits and more, an exponent of 10^18 and more
        long_number = re.compile(rf"[0-9_]{{{sys.get_int_max_str_digits()},}}|[eE][-+]?[0-9_]{{18,}}")
        line = next((n for n, row in enumerate(text.splitlines(), 1) if long_number.search(row)), None)
        huge = Message("error.plan_number_huge", {"range": FIGURE_RANGE})
        raise PlanError(
            path, [Message("error.at_line", {"line": line, "problem": huge}) if line else huge]
        ) from None


def shown(value: Any) -> Any:
    """A value of a plan file as a problem names it: an array or a table only by its beginning,
    so that writing the problem never fails (one can be nested thousands deep) and stays short."""
    if isinstance(value, (list, dict)):
        import reprlib  # deferred: only such a problem needs it

        short = reprlib.Repr()  # its own limits; Python 3.11 takes none as arguments
        short.maxlevel, short.maxlist, short.maxdict, short.maxstring = 3, 4, 4, 40
        return short.repr(value)
    return value
