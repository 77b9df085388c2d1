"""The house: `mypy --strict` finds no error in the source, and ruff finds nothing to lint or reformat."""

from __future__ import annotations

import sys

import pytest

from .conftest import REPO
from .helpers import run_process


def test_mypy_strict_finds_no_error() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install '.[test]'")
    result = run_process(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            "/dev/null",
            str(REPO / "src"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_is_clean(command: list[str]) -> None:
    pytest.importorskip("ruff", reason="ruff is in the test extra: pip install '.[test]'")
    result = run_process(
        [sys.executable, "-m", "ruff", *command, "src", "tests", "bench"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
