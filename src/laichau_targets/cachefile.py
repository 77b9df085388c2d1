"""Small caches of what is slow to rebuild, each proving what it describes.

A cache file is a run of blocks, each its length, a checksum of its content and the content,
so that a byte changed on disk is seen. The first block names the state of the file it
stands for (by device, inode, size, modification time and change time, which no program can
set back, or by the length and checksums of the part it describes) and holds the cache;
blocks appended after it (`add`) hold what was added since, so that a large cache grows
without being written again. A cache whose first block fails a check, or that cannot be read
at all, is ignored and rebuilt, and a later block that fails one ends the file there: a
cache only ever costs speed. marshal is the fastest format to load that the standard library
has, and a cache is no one's to read. A cache is believed only when no one but the user
running the command could have written it (_read_file).
"""

from __future__ import annotations

import marshal
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CACHE_VERSION = 8  # raised whenever what a cache holds, or what a reading checks, changes
_MAGIC = b"targets-cache\x03"
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


def cache_path(cache_dir: Path, kind: str, source: Path, as_named: bool = False) -> Path:
    """One cache file per source file (`as_named`: per name it is given by, for a cache that
    holds the name); a clash of names only costs a rebuild."""
    name = os.path.realpath(source).encode("utf-8", "surrogateescape")  # realpath: no error on a loop
    if as_named:
        name += b"\x00" + os.fsencode(source)
    return cache_dir / f"{kind}-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.cache"


def checksum(data: bytes | memoryview) -> bytes:
    return (zlib.crc32(data) ^ 0x5A5A5A5A).to_bytes(4, "big") + zlib.adler32(data).to_bytes(4, "big")


def read(path: Path, expected: Any) -> Any | None:
    """What was cached for the source whose signature is `expected`, else None."""
    found = read_any(path)
    if found is None or found[0] != expected:
        return None
    return found[1]


def read_any(path: Path) -> tuple[Any, Any] | None:
    """The signature of the source a cache was made for, and what it holds; None if it proves nothing."""
    found = read_added(path)
    return None if found is None else (found[0], found[1])


def read_added(path: Path) -> tuple[Any, Any, list[Any]] | None:
    """As read_any, with what was added to the cache since it was written, in order."""
    blob = _read_file(path)
    if blob is None or blob[: len(_MAGIC)] != _MAGIC:
        return None
    blocks = _blocks(memoryview(blob))
    first = next(blocks, None)
    if not isinstance(first, dict) or first.get("version") != CACHE_VERSION or "source" not in first:
        return None
    return first["source"], first.get("data"), list(blocks)


def _read_file(path: Path) -> bytes | None:
    """A cache's bytes, if it is a regular file (a FIFO put in its place would block, a device
    never end) that the user running the command owns and no one else may write.

    Checksums catch what goes wrong by accident, not what is written on purpose: a cache is
    believed, as Python believes its own bytecode, only when no one but its user could have
    written it. Another user's cache in a shared folder is made again."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with open(fd, "rb") as file:
        try:
            found = os.fstat(fd)
            if not stat.S_ISREG(found.st_mode) or found.st_uid != os.geteuid() or found.st_mode & 0o022:
                return None
            return file.read()
        except OSError:
            return None


def owner_only(*sources: Path) -> bool:
    """Whether someone may not read one of the sources (or it cannot be looked at): a cache of
    them is then written for its owner's eyes only, so that it tells no one what they hide."""
    try:
        return not all(os.stat(source).st_mode & stat.S_IROTH for source in sources)
    except (OSError, ValueError):
        return True


def _blocks(blob: memoryview) -> Iterator[Any]:
    """The content of each block that proves itself, up to the first that does not."""
    at = len(_MAGIC)
    while at + _HEAD <= len(blob):
        length = int.from_bytes(blob[at : at + 4], "big")
        content = blob[at + _HEAD : at + _HEAD + length]
        if len(content) != length or blob[at + 4 : at + _HEAD] != checksum(content):
            return
        try:
            yield _loads(content)
        except (ValueError, EOFError, TypeError):
            return
        at += _HEAD + length


def _loads(content: memoryview) -> Any:
    """marshal.loads; a large cache (the rows of a big log) with the collector paused (heap.py)."""
    if len(content) < _LARGE:
        return marshal.loads(content)
    from .heap import collector_paused

    with collector_paused():
        return marshal.loads(content)


_LARGE = 1 << 20


def _block(content: Any) -> bytes:
    payload = marshal.dumps(content)
    return len(payload).to_bytes(4, "big") + checksum(payload) + payload


_HEAD = 4 + 8  # a block's length and checksum


def write(path: Path, source_signature: Any, data: Any, *, owner_only: bool) -> None:
    """Cache `data` for the source with that signature, atomically; a failure only costs speed.

    No one else may write it (see _read_file), nor read it if `owner_only` (see owner_only())."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        block = _block({"version": CACHE_VERSION, "source": source_signature, "data": data})
        _make_folder(path.parent)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC  # never a file or link already there
        with open(os.open(temp, flags, 0o600 if owner_only else 0o644), "wb") as file:
            file.write(_MAGIC + block)
        os.replace(temp, path)
    except (OSError, ValueError):
        try:
            temp.unlink()
        except OSError:
            pass


def add(path: Path, addition: Any) -> None:
    """Append a block to an existing cache, in one write; a failure only costs speed.

    The reader decides whether the addition applies to what the cache holds, so an addition
    that lands in a cache replaced meanwhile, or twice, does no harm.
    """
    try:
        block = _block(addition)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
    except (OSError, ValueError):
        return
    try:
        os.write(fd, block)  # one write: a reader or a kill sees the block whole or cut, never mixed
    except OSError:
        pass
    finally:
        os.close(fd)


def _make_folder(folder: Path) -> None:
    """The cache folder, ignored by git whatever folder holds it."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# caches of targets: safe to delete\n*\n", encoding="utf-8")
