"""The plans of a folder as last read and checked, cached for as long as their files and the code
that reads them are byte for byte the same (the package's cache.py says where and how a cache is
believed).

Reading four plan files with the TOML parser and checking them costs a command ~7 ms, a tenth
of `record` (docs/PERFORMANCE.md); proving the cache, by the SHA-256 of the very bytes that were
read and of the modules that decide what they mean, costs ~0.5 ms.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..cache import Cache
from ..errors import PlanError
from ..numbers import figure_in_range
from ..values import Value
from .model import CACHED_CLASSES, Plans
from .source import read_bytes

# The modules whose code decides what a plan means, by their files in the package: the reader
# need not be loaded to prove a cache (it is not, when the cache answers).
_READERS = (
    "plans/model.py",
    "plans/fields.py",
    "plans/folder.py",
    "plans/source.py",
    "plans/indicators.py",
    "plans/reader.py",
    "numbers.py",
    "periods.py",
    "values.py",
)


def cached_plans(cache_dir: Path | None, entry: Path) -> Plans | None:
    """The plans cached for the entry point `entry`, if its files and the code are what they were."""
    found = Cache(cache_dir, "plans", entry).load()
    if found is None or not isinstance(found.head, tuple) or len(found.head) != 2:
        return None
    names, frozen = found.head
    try:  # read as the reader reads them: a FIFO or a link to /dev/zero in a file's place is no wait
        sources = [(Path(name), read_bytes(entry.parent / name)) for name in names]
    except (OSError, PlanError, TypeError, ValueError):
        return None
    if proof(entry, sources) != found.digest:
        return None
    try:
        plans = _thaw(frozen, {cls.__name__: cls for cls in CACHED_CLASSES})
    except Exception:  # what this version never writes: a cache that fails costs only speed
        return None
    return plans if isinstance(plans, Plans) else None


def keep_plans(cache_dir: Path | None, entry: Path, sources: list[tuple[Path, bytes]], plans: Value) -> None:
    """Cache plans as read from `sources` (each file's name in the folder and the bytes that were read)."""
    digest = proof(entry, sources)
    if digest is not None:
        head = ([str(name) for name, _ in sources], _freeze(plans))
        Cache(cache_dir, "plans", entry).save(0, digest, head, None)


def proof(entry: Path, sources: list[tuple[Path, bytes]]) -> bytes | None:
    """The SHA-256 of the plan files' names and bytes, and the checksums of the code that reads them;
    None when the code cannot be read (then nothing is cached)."""
    try:  # CPython's own SHA-256 takes 0.7 ms to load; hashlib's OpenSSL 2.5 ms, a tenth of a `record`
        from _sha256 import sha256
    except ImportError:  # Python 3.12 and later name it _sha2, whose loading costs as little
        from hashlib import sha256

    hashed = sha256(str(entry).encode("utf-8", "surrogateescape"))
    package = Path(__file__).parent.parent
    try:  # a checksum tells one version of our own code from another; it needs no digest
        for module in _READERS:
            hashed.update(b"%08x" % zlib.crc32((package / module).read_bytes()))
    except OSError:
        return None
    for name, data in sources:
        hashed.update(b"\0%d\0%s\0" % (len(data), str(name).encode("utf-8", "surrogateescape")))
        hashed.update(data)
    return bytes(hashed.digest())


def _freeze(value: Any) -> Any:
    """Plans in a form marshal can store: each plan object, Decimal, Path and tuple as a tagged tuple."""
    if isinstance(value, Value):
        return ("value", type(value).__name__, {name: _freeze(item) for name, item in vars(value).items()})
    if isinstance(value, (Decimal, Path)):
        return (type(value).__name__, str(value))
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, [_freeze(item) for item in value])
    if isinstance(value, dict):
        return ("dict", {key: _freeze(item) for key, item in value.items()})
    return value


def _thaw(value: Any, classes: dict[str, Callable[..., Any]]) -> Any:
    if type(value) is not tuple:
        return value
    kind, content = value[0], value[-1]
    if kind == "value":
        return classes[value[1]](**{name: _thaw(item, classes) for name, item in content.items()})
    if kind == "Decimal":
        number = Decimal(content)
        if not figure_in_range(number):
            raise ValueError(content)
        return number
    if kind in ("Path", "PosixPath"):
        return Path(content)
    if kind == "dict":
        return {key: _thaw(item, classes) for key, item in content.items()}
    items = [_thaw(item, classes) for item in content]
    return tuple(items) if kind == "tuple" else items
