"""The app as click and Typer make it: its version, help and commands, global options wherever
they stand, and every usage error as one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from laichau_targets import __version__
from laichau_targets.cli import EXIT_ERROR, app

from .conftest import REPO, Targets, snapshot
from .helpers import en, error_line


def test_version(targets) -> None:
    result = targets("--version")
    assert (result.exit_code, result.stdout) == (0, f"targets {__version__}\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["record", "GRPD", "8.7"],
            f"Error: {en('error.unknown_code_suggest', code='GRPD', suggestion='GRDP')}",
        ),
        (["record", "GRDP", "abc"], f"Error: {en('error.not_a_number', text='abc')}"),
        (
            ["record", "GRDP", "8.7", "--period", "2024-13"],
            f"Error: {en('error.period_unparsable', text='2024-13')}",
        ),
        (["record", "GRDP"], "Error: Missing argument 'VALUE'. (see 'targets record --help')"),
        (
            ["record", "GRDP", "8.7", "--bogus"],
            "Error: Got unexpected extra argument(s) (--bogus) (see 'targets record --help')",
        ),
        (["show", "--bogus"], "Error: No such option: --bogus (see 'targets show --help')"),
        (["--bogus", "show"], "Error: No such option: --bogus (see 'targets --help')"),
        (
            ["--lang", "fr", "show"],
            "Error: Invalid value for '--lang': 'fr' is not one of 'en', 'vi'. (see 'targets --help')",
        ),
        (["bogus"], "Error: No such command 'bogus'. (see 'targets --help')"),
        (
            ["report", "--format", "pdf"],
            "Error: Invalid value for '--format' / '-f': 'pdf' is not one of 'md', 'json', 'csv', 'html', 'text', 'xlsx', 'docx'. (see 'targets report --help')",
        ),
    ],
)
@pytest.mark.reliability("bad values")
def test_bad_input_is_one_error_line_exit_2_and_writes_nothing(
    targets, data_dir: Path, args, message
) -> None:
    targets("record", "FOREST", "51", "--period", "2024")
    before = snapshot(data_dir)
    result = targets(*args)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert snapshot(data_dir) == before


def _commands() -> list[str]:
    """The app's commands, as its group lists them: a new command is tested without editing a list."""
    import typer.main

    return sorted(typer.main.get_command(app).list_commands(None))  # type: ignore[arg-type]


def test_the_command_list_is_the_apps() -> None:
    assert {"show", "record", "report", "list", "validate"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(targets, command: str) -> None:
    result = targets(command, "--help")
    assert result.exit_code == 0
    assert "Example: targets" in result.stdout


def test_the_app_object_is_the_console_script() -> None:
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"targets": "laichau_targets.entry:main"}  # which sets up Ctrl-C, then runs cli.main
    entry = (REPO / "src" / "laichau_targets" / "entry.py").read_text(encoding="utf-8")
    assert "from .cli import main as run" in entry and entry.rstrip().endswith("run()")


def test_no_command_shows_the_help(targets) -> None:
    result = targets()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: targets [OPTIONS] COMMAND [ARGS]...")
    assert "  check     A gate for scripts: exit 1 when an indicator is failing.\n" in result.stdout


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
            "Lỗi: DIR để trống: hãy ghi tên một thư mục (. là thư mục hiện tại)\n",
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


def test_a_misspelt_command_gets_the_nearest_name(data_dir: Path, targets: Targets) -> None:
    """Commands load when asked for, so the names to suggest are taken from the list of them all."""
    result = targets("shwo")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: No such command 'shwo'. Did you mean 'show'? (see 'targets --help')\n"


def test_after_a_double_dash_an_option_name_is_a_value(data_dir: Path, targets: Targets) -> None:
    result = targets("history", "--", "--lang")
    assert result.stderr == error_line(en("error.unknown_code", code="--lang"))
