"""argv.py: the argument list before click reads it, as pure functions (no process, no app)."""

from __future__ import annotations

import pytest

from laichau_targets.cli.app import COMMANDS as ALL_COMMANDS
from laichau_targets.cli.argv import (
    asks_for_help,
    command_position,
    empty_folder_argument,
    hoist_global_options,
    lang_asked,
    not_utf8_argument,
    refusal,
    value_missing,
)

COMMANDS = ["show", "record", "report", "list", "history"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["report", "--format", "md", "--lang", "vi"], ["--lang", "vi", "report", "--format", "md"]),
        (["list", "--data=d", "--lang", "en"], ["--data=d", "--lang", "en", "list"]),
        (["--data", "show", "show"], ["--data", "show", "show"]),  # a folder named like a command
        (["--data", "list", "show", "--lang", "vi"], ["--data", "list", "--lang", "vi", "show"]),
        (["record", "GRDP", "8.7", "--", "--lang", "vi"], ["record", "GRDP", "8.7", "--", "--lang", "vi"]),
        (["show", "--lang"], ["show", "--lang"]),  # no value: left for the usage error
        (["--version"], ["--version"]),
    ],
)
def test_global_options_after_the_command_move_before_it(args: list[str], expected: list[str]) -> None:
    assert hoist_global_options(args, COMMANDS) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show"], 0),
        (["--lang", "vi", "show"], 2),
        (["--data", "show", "list"], 2),  # a folder named like a command is the option's value
        (["--wide"], None),
        ([], None),
    ],
)
def test_the_command_stands_after_the_global_options_and_their_values(
    args: list[str], expected: int | None
) -> None:
    assert command_position(args, COMMANDS) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "vi", "show"], "vi"),
        (["show", "--lang=en"], "en"),
        (["show", "--lang"], None),
        (["show"], None),
    ],
)
def test_the_language_asked_for_is_read_before_click(args: list[str], expected: str | None) -> None:
    assert lang_asked(args) == expected


@pytest.mark.parametrize(
    ("args", "expected"), [([], True), (["record", "--help"], True), (["record", "GRDP", "1"], False)]
)
def test_help_is_asked_by_no_arguments_or_by_help(args: list[str], expected: bool) -> None:
    assert asks_for_help(args) is expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "--lang"], "--lang"),
        (["--plan"], "--plan"),
        (["show", "--lang", "vi"], None),
        (["record", "--", "--data"], None),  # after `--` an option's name is a value
        (["show", "--wide"], None),
    ],
)
def test_a_global_option_at_the_end_lacks_its_value(args: list[str], expected: str | None) -> None:
    assert value_missing(args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--data", "", "show"], "--data"),
        (["--data=", "show"], "--data"),
        (["init", ""], "DIR"),
        (["--data", ".", "show"], None),
        (["record", "GRDP", ""], None),  # an empty value is record's own business
        (["--", "--data", ""], None),
    ],
)
def test_an_empty_folder_argument_is_found(args: list[str], expected: str | None) -> None:
    assert empty_folder_argument(args, list(ALL_COMMANDS)) == expected


def test_an_argument_that_is_not_utf8_is_found() -> None:
    undecodable = b"GRDP\xff".decode("utf-8", "surrogateescape")
    assert not_utf8_argument(["record", undecodable, "1"]) == undecodable
    assert not_utf8_argument(["record", "Sở Tài chính"]) is None


def test_refusals_name_their_catalogue_message_and_spare_completion() -> None:
    names = list(ALL_COMMANDS)
    assert refusal(["show", "--lang"], names, completing=False) == (
        "usage.requires_argument",
        {"option": "--lang"},
    )
    assert refusal(["show", "--lang"], names, completing=True) is None  # still being typed
    assert refusal(["--data", "", "show"], names, completing=False) == (
        "error.folder_empty",
        {"what": "--data"},
    )
    bad = b"\xff".decode("utf-8", "surrogateescape")
    assert refusal(["show", "--owner", bad], names, completing=True) == (
        "error.argument_not_utf8",
        {"arg": bad},
    )
    assert refusal(["show", "--wide"], names, completing=False) is None
