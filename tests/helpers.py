"""What several test files share besides fixtures: how a test starts a process, and the console script.

Every process a test starts goes through `run_process` or `start_process`, which give the child
SIGINT at its default. pytest started under `nohup` or as a background job of a shell runs with
SIGINT ignored, and a child inherits that: Python then leaves it ignored, so a test that sends
Ctrl-C would hang or see the command run to its end. `Popen(restore_signals=True)` restores
SIGPIPE, SIGXFZ and SIGXFSZ only, never SIGINT.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(sys.executable).parent / "targets"
TARGETS = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "laichau_targets"]


def sigint_default() -> None:
    """In a child, before it runs its program: SIGINT at its default, whatever the tests ignore."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _child_setup(then: Callable[[], object] | None) -> Callable[[], None]:
    def setup() -> None:
        sigint_default()
        if then is not None:
            then()

    return setup


def run_process(args: list[Any], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    """subprocess.run, the child with SIGINT at its default (a `preexec_fn` given runs after that)."""
    return subprocess.run(args, preexec_fn=_child_setup(kwargs.pop("preexec_fn", None)), **kwargs)


def start_process(args: list[Any], **kwargs: Any) -> subprocess.Popen[Any]:
    """subprocess.Popen, the child with SIGINT at its default (a `preexec_fn` given runs after that)."""
    return subprocess.Popen(args, preexec_fn=_child_setup(kwargs.pop("preexec_fn", None)), **kwargs)


def run(
    *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The console script with `args`, in the test's environment with `env` added."""
    return run_process(
        [*(prefix or []), *TARGETS, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def cli(*args: str, data: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The console script on the data folder `data`, without colour."""
    full = {**os.environ, "LAICHAU_TARGETS_DATA": str(data), "NO_COLOR": "1", **(env or {})}
    return run_process([*TARGETS, *args], capture_output=True, text=True, env=full, timeout=120)


def without_root_powers() -> list[str]:
    """Root ignores file modes; dropping these capabilities makes it obey them like anyone else."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a folder unwritable for this process")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
