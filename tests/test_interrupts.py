"""Ctrl-C, at any moment: status 130 and no traceback (run it under nohup too: the children get
SIGINT back at its default)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_INTERRUPTED

from .helpers import TARGETS, run_process, start_process


def test_ctrl_c_is_not_status_1(folder: Path, tmp_path: Path) -> None:
    import signal
    import time

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    process = start_process([*TARGETS, "report", "-o", str(fifo)], stderr=subprocess.PIPE, text=True)
    for _ in range(1200):  # until it waits for a reader of the FIFO: past start-up, inside the command
        if "partner" in Path(f"/proc/{process.pid}/wchan").read_text() or process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (EXIT_INTERRUPTED, "")  # v0.1: 1 and "Aborted!"


@pytest.mark.parametrize("module", ["typer", "laichau_targets.tracker", "rich.console"])
def test_ctrl_c_while_the_program_loads_is_status_130_and_no_traceback(folder: Path, module: str) -> None:
    """SIGINT arrives as `module` is first imported: once a KeyboardInterrupt traceback, or
    click's "Aborted!" and status 1. A hook on the import makes the moment exact."""
    probe = (
        "import os, signal, sys\n"
        "class Hook:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Hook())\n"
        "from laichau_targets.entry import main\n"
        "sys.argv = ['targets', 'show']\n"
        "main()\n"
    )
    done = run_process([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (EXIT_INTERRUPTED, "", "")
