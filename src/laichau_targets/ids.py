"""Record ids that need no coordination between machines: ULIDs, and their short forms.

A ULID is 48 bits of milliseconds since 1970 and 80 random bits, written as 26 characters of
Crockford's base 32, so that ids sort in the order they were made. People see and type the
shortest prefix that is unique in the log, and never fewer than 6 characters (git's way).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ID_LENGTH = 26
SHORTEST = 6
_VALUE = {char: n for n, char in enumerate(ALPHABET)}
# What people type for a Crockford digit: lower case, and the letters that look like digits.
_TYPED = str.maketrans("ILO", "110")


def encode(number: int) -> str:
    """A 128-bit number as 26 Crockford characters."""
    chars = []
    for _ in range(ID_LENGTH):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


def new_ids(milliseconds: int, count: int = 1) -> list[str]:
    """`count` fresh ids for that instant, rising: the random part of each next one is one more."""
    first = int.from_bytes(os.urandom(10), "big") >> 1  # room to count up without carrying into time
    return [encode((milliseconds << 80) | (first + n)) for n in range(count)]


def derived_id(milliseconds: int, number: int, digest: bytes) -> str:
    """A reproducible id: the same inputs give the same id on every machine (v0.1 records)."""
    rest = int.from_bytes(digest[:6], "big")
    return encode((milliseconds << 80) | ((number & 0xFFFFFFFF) << 48) | rest)


def typed_prefix(text: str) -> str | None:
    """A prefix as typed (any case, I/L for 1, O for 0) in the log's spelling, or None if it cannot be one."""
    prefix = text.strip().upper().translate(_TYPED)
    if not prefix or len(prefix) > ID_LENGTH or any(char not in _VALUE for char in prefix):
        return None
    return prefix


def common_prefix(a: str, b: str) -> int:
    """How many characters two ids share at the start (exactly when 5 or more: less never matters)."""
    if a[: SHORTEST - 1] != b[: SHORTEST - 1]:
        return 0
    n = SHORTEST - 1
    end = min(len(a), len(b))
    while n < end and a[n] == b[n]:
        n += 1
    return n


def short_form(record_id: str, neighbours: Iterable[str]) -> str:
    """The id's shortest beginning (at least 6 characters) that its neighbours in sorted order do not share."""
    shared = max((common_prefix(record_id, other) for other in neighbours), default=0)
    return record_id[: max(SHORTEST, shared + 1)]
