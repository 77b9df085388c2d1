"""Long work shows its progress: a bar on a terminal, nothing in a pipe or in CI.

The bar appears only once the work has lasted `delay` seconds, so that quick work
draws nothing; rich is imported only then.
"""

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Optional, TextIO

Update = Callable[[int, Optional[int]], None]  # done so far, all (when known)


def on_terminal(stream: TextIO) -> bool:
    """A person watching: a terminal, not CI (which often fakes one), not a dumb one."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return getattr(stream, "isatty", lambda: False)()


class _LazyBar:
    def __init__(self, description: str, stream: TextIO, delay: float) -> None:
        self.description = description
        self.stream = stream
        self.started_at = time.monotonic()
        self.delay = delay
        self.display: Any = None
        self.task: Any = None

    def update(self, done: int, total: Optional[int]) -> None:
        if self.display is None:
            if time.monotonic() - self.started_at < self.delay:
                return
            self.start(total)
        self.display.update(self.task, completed=done, total=total)

    def start(self, total: Optional[int]) -> None:
        from rich.console import Console  # deferred: start-up; only for a bar that shows
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.display = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self.display.start()
        self.task = self.display.add_task(self.description, total=total)

    def stop(self) -> None:
        if self.display is not None:
            self.display.stop()


@contextmanager
def progress_bar(
    description: str, stream: Optional[TextIO] = None, delay: float = 1.0
) -> Iterator[Optional[Update]]:
    """An update callback that draws a bar on a terminal; None when nobody is watching."""
    stream = stream or sys.stderr
    if not on_terminal(stream):
        yield None
        return
    bar = _LazyBar(description, stream, delay)
    try:
        yield bar.update
    finally:
        bar.stop()
