"""Odd environments a careless user or a script gives the program: each ends well (a helper's findings)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .helpers import TARGETS, run_process


def run(*args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_process(
        [*TARGETS, *args], capture_output=True, text=True, env={**os.environ, **env}, cwd=cwd, timeout=60,
        encoding="utf-8", errors="replace",
    )  # fmt: skip


@pytest.mark.reliability("odd environments")
def test_columns_zero_is_no_width(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    done = targets("show", env={"COLUMNS": "0"})
    assert done.exit_code == 0 and done.stdout == targets("show").stdout  # as if unset: 100 columns, piped


@pytest.mark.reliability("odd environments")
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_output_that_cannot_show_vietnamese_gets_escapes_not_a_traceback(
    data_dir: Path, encoding: str
) -> None:
    env = {"LAICHAU_TARGETS_DATA": str(data_dir), "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    assert run("record", "GRDP", "8,7", "--period", "Năm 2024", "--lang", "vi", env=env).returncode == 0
    for args in (("show", "--lang", "vi"), ("history",), ("report", "--format", "md", "--lang", "vi")):
        done = run(*args, env=env)
        assert (done.returncode, "Traceback" in done.stderr) == (0, False), args
    shown = run("show", "--lang", "vi", env=env).stdout
    assert "Ch\\u1ec9 ti" in shown  # Chỉ tiêu: what the encoding lacks, as an escape


def test_history_of_the_last_none_prints_nothing(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    assert (targets("history", "--limit", "0").exit_code, targets("history", "--limit", "0").stdout) == (
        0,
        "",
    )


@pytest.mark.reliability("odd environments")
@pytest.mark.parametrize("variable", ["XDG_CACHE_HOME", "XDG_DATA_HOME"])
def test_a_relative_xdg_folder_is_ignored_as_its_specification_says(
    targets, data_dir: Path, variable: str
) -> None:
    """A relative folder would put the caches wherever the command runs: in the data folder itself."""
    os.chdir(data_dir)
    assert targets("record", "GRDP", "8.7", "--period", "2024", env={variable: "."}).exit_code == 0
    assert targets("show", env={variable: "."}).exit_code == 0
    assert not (data_dir / "laichau-targets").exists()
