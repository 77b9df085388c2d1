"""The core is typed: mypy finds no error in it (it found two real ones before this test existed)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import REPO


def test_mypy_finds_no_error() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install '.[test]'")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--cache-dir", "/dev/null", str(REPO / "src")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert (result.returncode, result.stdout) == (0, "")
