"""Caches (of the log, of the plans) in the user's own cache folder, never the data folder: read only
from a folder that the user alone can write, opened without following links, and believed only for
the bytes whose SHA-256 they name (docs/LOG-FORMAT.md). A failure only ever costs speed."""

from __future__ import annotations

import marshal
import os
import stat
import zlib
from pathlib import Path
from typing import Any, NamedTuple

_MAGIC = b"laichau-targets cache 2\n"  # the number is raised whenever what a cache holds changes
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class Cached(NamedTuple):
    """A cache as read: the length and digest of the bytes it describes, and its two parts."""

    length: int
    digest: bytes
    head: Any  # what every command needs
    rest: bytes  # what some need: unmarshalled only then


class Cache:
    """The cache of `kind` for the file `source` (by its real path), in `folder` (None: no cache)."""

    def __init__(self, folder: Path | None, kind: str, source: Path) -> None:
        self.folder = folder
        where = os.path.realpath(source).encode("utf-8", "surrogateescape")  # one file by any name
        self.name = f"{kind}-{zlib.crc32(where):08x}{zlib.adler32(where):08x}.cache"

    def load(self) -> Cached | None:
        """The cache, if it is whole; whether it describes the log is for the reader to check."""
        folder = _open_folder(self.folder, make=False)
        if folder is None:
            return None
        try:
            fd = os.open(self.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
        except OSError:
            return None
        finally:
            os.close(folder)
        try:
            found = os.fstat(fd)
            if not stat.S_ISREG(found.st_mode) or found.st_uid != os.geteuid():
                return None
            with open(fd, "rb", closefd=False) as file:
                blob = file.read()
        except OSError:
            return None
        finally:
            os.close(fd)
        parts = _parts(blob)
        if parts is None:
            return None
        proof, head, rest = parts
        try:
            return Cached(int.from_bytes(proof[32:], "big"), proof[:32], marshal.loads(head), rest)
        except (ValueError, EOFError, TypeError):
            return None

    def save(self, length: int, digest: bytes, head: Any, rest: Any) -> None:
        """Cache `head` and `rest` for the log whose first `length` bytes have that digest; a failure costs only speed."""
        folder = _open_folder(self.folder, make=True)
        if folder is None:
            return
        temp = f".{self.name}.{os.getpid()}.{os.urandom(4).hex()}"
        try:
            blob = _MAGIC + digest + length.to_bytes(8, "big")
            for part in (marshal.dumps(head), marshal.dumps(rest)):
                blob += zlib.crc32(part).to_bytes(4, "big") + len(part).to_bytes(8, "big") + part
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            with open(os.open(temp, flags, 0o600, dir_fd=folder), "wb") as file:
                file.write(blob)
            os.replace(temp, self.name, src_dir_fd=folder, dst_dir_fd=folder)
        except (OSError, ValueError):
            try:
                os.unlink(temp, dir_fd=folder)
            except OSError:
                pass
        finally:
            os.close(folder)


def rest_of(cached: Cached) -> Any:
    """The part of a cache that only some commands need."""
    return marshal.loads(cached.rest)


def _parts(blob: bytes) -> tuple[bytes, bytes, bytes] | None:
    """The proof and the two parts of a cache, each of which passed its checksum; None if one fails."""
    if not blob.startswith(_MAGIC):
        return None
    at = len(_MAGIC) + 40
    proof, parts = blob[len(_MAGIC) : at], []
    for _ in range(2):
        crc, length = int.from_bytes(blob[at : at + 4], "big"), int.from_bytes(blob[at + 4 : at + 12], "big")
        part = blob[at + 12 : at + 12 + length]
        if len(part) != length or zlib.crc32(part) != crc:
            return None
        parts.append(part)
        at += 12 + length
    return proof, parts[0], parts[1]


def _open_folder(folder: Path | None, make: bool) -> int | None:
    """The cache folder opened, if it is a folder (not a link) that the user alone can write."""
    if folder is None:
        return None
    try:
        if make:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(folder, _FOLDER)
    except OSError:
        return None
    found = os.fstat(fd)
    if found.st_uid != os.geteuid() or found.st_mode & 0o022:
        os.close(fd)
        return None
    return fd
