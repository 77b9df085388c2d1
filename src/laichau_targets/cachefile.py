"""Small caches of what is slow to rebuild, in the user's cache folder, keyed by a file's identity.

A cache names the file it stands for by device, inode, size and modification time; when
the file changes in any way, the cache no longer matches and is rebuilt from the file.
marshal is the fastest format to load that the standard library has, and a cache is no
one's to read. A cache that cannot be read or written only costs speed.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

CACHE_VERSION = 2  # 2: the log state holds a figure per period, not per year


def signature(path: Path) -> list[int] | None:
    """The identity of a file as it is now, or None when it cannot be looked at."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return signature_of(stat)


def signature_of(stat: os.stat_result) -> list[int]:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def cache_path(cache_dir: Path, kind: str, source: Path) -> Path:
    """One cache file per source file; a clash of names only costs a rebuild."""
    name = str(source.resolve()).encode("utf-8")
    return cache_dir / f"{kind}-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.cache"


def read(path: Path, expected: list[int]) -> Any | None:
    """What was cached for the file with signature `expected`, else None."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("source") != expected:
        return None
    return data.get("data")


def write(path: Path, source_signature: list[int], data: Any) -> None:
    """Cache `data` for the file with that signature, atomically."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        blob = marshal.dumps({"version": CACHE_VERSION, "source": source_signature, "data": data})
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(blob)
        os.replace(temp, path)
    except (OSError, ValueError):
        try:
            temp.unlink()
        except OSError:
            pass
