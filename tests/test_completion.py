"""Shell completion: what the shells get, and that it costs ordinary commands nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import run_process


def _script() -> str:
    found = shutil.which("targets", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the console script is not installed beside this Python")
    return found


def _run_with(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The console script, with no arguments, given `env` (how a shell asks for completions)."""
    return run_process(
        [_script()],
        capture_output=True,
        text=True,
        env={**os.environ, "LAICHAU_TARGETS_DATA": str(data_dir), **env},
    )


def _complete(data_dir: Path, **env: str) -> str:
    result = _run_with(data_dir, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_completes_commands_and_choices(data_dir: Path) -> None:
    assert _complete(
        data_dir, _TARGETS_COMPLETE="complete_bash", COMP_WORDS="targets his", COMP_CWORD="1"
    ) == ("history\n")
    words = _complete(
        data_dir, _TARGETS_COMPLETE="complete_bash", COMP_WORDS="targets report --format ", COMP_CWORD="3"
    )
    assert words.split() == ["md", "json", "csv", "html", "text", "xlsx", "docx"]


def test_bash_completes_the_value_of_a_global_option(data_dir: Path) -> None:
    """Once, the check for a missing value answered the shell with an error line instead."""
    words = _complete(
        data_dir, _TARGETS_COMPLETE="complete_bash", COMP_WORDS="targets --lang ", COMP_CWORD="2"
    )
    assert words.split() == ["en", "vi"]


def test_completion_started_by_hand_is_one_error_line(data_dir: Path) -> None:
    result = _run_with(data_dir, _TARGETS_COMPLETE="complete_bash")
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr
        == "Error: _TARGETS_COMPLETE is for a shell's completion, which also sets 'COMP_WORDS'\n"
    )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_its_completion_script(data_dir: Path, shell: str) -> None:
    script = _complete(data_dir, _TARGETS_COMPLETE=f"source_{shell}")
    assert f"complete_{shell}" in script and "_TARGETS_COMPLETE" in script


def test_show_completion_prints_the_script_for_the_running_shell(data_dir: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    result = run_process(  # a second command, so that bash stays the parent rather than exec the script
        [bash, "-c", f"'{_script()}' --show-completion; exit $?"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    assert "_targets_completion()" in result.stdout and "complete_bash" in result.stdout


@pytest.mark.parametrize("args", [["show"], ["record", "JOBS", "100", "--period", "2024-09"], ["--help"]])
def test_ordinary_commands_never_set_up_completion(data_dir: Path, args: list[str]) -> None:
    """Typer imports its completion module anyway; its shells are registered only when completing."""
    probe = (
        "import sys\nfrom laichau_targets.cli import main\n"
        f"sys.argv = ['targets', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\nelse:\n    code = 0\n"
        "sys.stdout = sys.__stdout__\n"
        "from typer._click import shell_completion\n"
        "print('EXIT', code, 'BASH', shell_completion.get_completion_class('bash'))\n"
    )
    result = run_process(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "LAICHAU_TARGETS_DATA": str(data_dir)},
    )
    assert result.stdout.splitlines()[-1] == "EXIT 0 BASH None", result.stderr
