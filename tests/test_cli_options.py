"""Global options go where people put them, and shell completion costs ordinary commands nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Targets
from .helpers import run_process


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--lang", "vi", "report", "--format", "md"], ["report", "--format", "md", "--lang", "vi"]),
        (["--lang", "vi", "list"], ["list", "--lang=vi"]),
        (["--lang", "vi", "check"], ["check", "--lang", "vi"]),
    ],
)
def test_an_option_after_the_command_gives_the_same_output(
    data_dir: Path, targets: Targets, before: list[str], after: list[str]
) -> None:
    first, second = targets(*before), targets(*after)
    assert (second.exit_code, second.output) == (first.exit_code, first.output)
    english = targets(*[arg for arg in before if arg not in ("--lang", "vi")])
    assert english.output != first.output  # Vietnamese was chosen in both


def test_data_after_the_command_chooses_the_folder(tmp_path: Path, targets: Targets) -> None:
    folder = tmp_path / "elsewhere"
    assert targets("init", str(folder)).exit_code == 0
    result = targets("record", "GRDP", "8.7", "--period", "2024", "--data", str(folder))
    assert result.exit_code == 0, result.output
    assert "GRDP" in (folder / "records.jsonl").read_text(encoding="utf-8")


def test_a_global_option_without_its_value_is_one_error_line(data_dir: Path, targets: Targets) -> None:
    for args in (["show", "--lang"], ["--lang"]):
        result = targets(*args)
        assert result.exit_code == 2
        assert result.output == "Error: Option '--lang' requires an argument. (see 'targets --help')\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--data", "", "record", "GRDP", "8.7"], "Error: --data is empty: name a folder (. for this one)\n"),
        (["record", "GRDP", "8.7", "--data", ""], "Error: --data is empty: name a folder (. for this one)\n"),
        (["--data=", "show"], "Error: --data is empty: name a folder (. for this one)\n"),
        (["init", ""], "Error: DIR is empty: name a folder (. for this one)\n"),
        (
            ["--lang", "vi", "init", ""],
            "Error: DIR để trống: hãy ghi tên một thư mục (. là thư mục hiện tại)\n",
        ),
    ],
)
def test_an_empty_folder_is_refused_not_taken_for_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, targets: Targets, args: list[str], said: str
) -> None:
    """`targets init "$DIR"` with DIR unset set up the folder the user stood in."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LAICHAU_TARGETS_LANG", raising=False)
    result = targets(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)
    assert list(tmp_path.iterdir()) == []


def test_the_current_folder_is_still_chosen_by_a_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, targets: Targets
) -> None:
    monkeypatch.chdir(tmp_path)
    assert targets("init", ".").exit_code == 0
    assert targets("--data", ".", "record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    assert (tmp_path / "records.jsonl").exists()


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
    assert words.split() == ["md", "json", "csv", "html", "text", "xlsx"]


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


def test_a_misspelt_command_gets_the_nearest_name(data_dir: Path, targets: Targets) -> None:
    """Commands load when asked for, so the names to suggest are taken from the list of them all."""
    result = targets("shwo")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: No such command 'shwo'. Did you mean 'show'? (see 'targets --help')\n"


def test_after_a_double_dash_an_option_name_is_a_value(data_dir: Path, targets: Targets) -> None:
    result = targets("history", "--", "--lang")
    assert result.stderr == "Error: unknown indicator '--lang'; `targets list` shows the codes\n"


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
