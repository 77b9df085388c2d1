"""Text from files, arguments and the environment made safe for any output.

A leaf that imports only the standard library: the one `Error:` line of the command line uses
it, and must not pull in the renderers, the plans and the standings with it.
"""

from __future__ import annotations

import re
from functools import cache


# C0 and C1 controls (ESC starts every OSC and CSI sequence; U+009B is a CSI by itself), line and
# paragraph separators, the bidirectional controls that reorder what a reader sees, and lone
# surrogates (bytes that were not UTF-8, kept by Python's surrogateescape). None is printable
# (str.isprintable), so most text needs no search; compiled on first use, it costs ~0.7 ms.
@cache
def unsafe() -> re.Pattern[str]:
    return re.compile(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
    )


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def inert(text: object) -> str:
    """Text from a file, an argument or the environment, made safe for any output.

    On one line, with every character that could steer a terminal, reorder the line or fail
    to encode shown as an escape (`\\x1b`, `\\u202e`, `\\xff`). Paths may be passed as they are.
    """
    text = str(text)
    if text.isprintable():  # no unsafe character, no line break
        return text
    text = re.sub(r"\s*[\r\n\t]+\s*", " ", text)  # compiled once, when first needed
    return unsafe().sub(lambda m: _escape(m.group()), text)


def inert_json(text: str) -> str:
    """JSON as json.dumps writes it, with what it leaves raw (DEL, C1 and bidirectional controls,
    undecodable bytes) escaped as well: the same JSON, which a terminal or an editor cannot obey."""
    return unsafe().sub(lambda m: f"\\u{ord(m.group()):04x}", text)
