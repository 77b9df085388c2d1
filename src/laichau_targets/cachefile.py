"""Small caches of what is slow to rebuild, each proving what it describes.

A cache file starts with a checksum of its own content, so that a byte changed on disk is
seen; inside, it names the state of the file it stands for by device, inode, size,
modification time and change time (which no program can set back). A cache that fails
either check, or cannot be read at all, is ignored and rebuilt: it only ever costs speed.
marshal is the fastest format to load that the standard library has, and a cache is no one's
to read.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

CACHE_VERSION = 4  # raised whenever what a cache holds, or what a reading checks, changes
_MAGIC = b"targets-cache\x02"
FOLDER = ".targets-cache"


def signature(path: Path) -> list[int] | None:
    """The identity of a file as it is now, or None when it cannot be looked at."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return signature_of(stat)


def signature_of(stat: os.stat_result) -> list[int]:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def cache_path(cache_dir: Path, kind: str, source: Path) -> Path:
    """One cache file per source file; a clash of names only costs a rebuild."""
    name = os.path.realpath(source).encode("utf-8", "surrogateescape")  # realpath: no error on a loop
    return cache_dir / f"{kind}-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.cache"


def checksum(data: bytes) -> bytes:
    return (zlib.crc32(data) ^ 0x5A5A5A5A).to_bytes(4, "big") + zlib.adler32(data).to_bytes(4, "big")


def read(path: Path, expected: Any) -> Any | None:
    """What was cached for the source whose signature is `expected`, else None."""
    found = read_any(path)
    if found is None or found[0] != expected:
        return None
    return found[1]


def read_any(path: Path) -> tuple[Any, Any] | None:
    """The signature of the source a cache was made for, and what it holds; None if it proves nothing."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 8
    if blob[: len(_MAGIC)] != _MAGIC or blob[len(_MAGIC) : head] != checksum(blob[head:]):
        return None
    try:
        data = marshal.loads(blob[head:])
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or "source" not in data:
        return None
    return data["source"], data.get("data")


def write(path: Path, source_signature: Any, data: Any) -> None:
    """Cache `data` for the source with that signature, atomically; a failure only costs speed."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        payload = marshal.dumps({"version": CACHE_VERSION, "source": source_signature, "data": data})
        _make_folder(path.parent)
        temp.write_bytes(_MAGIC + checksum(payload) + payload)
        os.replace(temp, path)
    except (OSError, ValueError):
        try:
            temp.unlink()
        except OSError:
            pass


def _make_folder(folder: Path) -> None:
    """The cache folder, ignored by git whatever folder holds it."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# caches of targets: safe to delete\n*\n", encoding="utf-8")
