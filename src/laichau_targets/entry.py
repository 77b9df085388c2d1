"""The console script `targets`: Ctrl-C at any moment, even while the program is still being
loaded, ends it with status 130 and no traceback (nor click's "Aborted!" and status 1)."""

import signal
from typing import Any, NoReturn

from .exits import EXIT_INTERRUPTED


def _interrupted(signum: int, frame: Any) -> NoReturn:
    raise SystemExit(EXIT_INTERRUPTED)


def main() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started ignoring it
        signal.signal(signal.SIGINT, _interrupted)
    from .cli import main as run

    run()
