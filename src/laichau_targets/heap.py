"""Making a great many objects at once: a whole log's rows, a large cache."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while the objects are made, and those kept frozen out of
    later collections: otherwise it walks the growing heap again and again (~0.1 s of a
    100,000-record read). Rows and what marshal makes hold no cycles; frozen objects are
    never collected, which is harmless in a command that ends soon.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if collecting:
            gc.enable()
