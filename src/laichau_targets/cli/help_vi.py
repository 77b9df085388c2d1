"""Click's help and usage errors in Vietnamese: the catalogue's texts put in place of the English.

Loaded only when a Vietnamese reader asks for help or makes a mistake in the command line.
Every text is in the catalogue (messages.py): the program's, each command's and each
parameter's help under `help.` (help_key says which), click's own words under `click.`, its
usage errors under `usage.`; Typer reads the English ones when a command is built.
"""

import re
from collections.abc import Callable
from typing import Any

import typer

from ..messages import CATALOGUE, Texts
from .typer_private import HelpFormatter

VI = Texts("vi")

# Click's messages for a mistake in the command line, as click writes them, and the catalogue's
# sentence for each; what they quote (a named group) stays as it was typed. Applied in order.
USAGE_ERRORS = (
    (r"Missing argument '(?P<name>.+?)'\.", "usage.missing_argument"),
    (r"Missing option '(?P<name>.+?)'\.", "usage.missing_option"),
    (r"No such option: ", "usage.no_such_option"),
    (r"\(Possible options: (?P<options>.+)\)", "usage.possible_options"),
    (r"No such command '(?P<name>.+?)'\.", "usage.no_such_command"),
    (r"Did you mean (?P<names>.+)\?", "usage.did_you_mean"),
    (r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.+)\)", "usage.extra_arguments"),
    (r"Option '(?P<option>.+?)' requires an argument\.", "usage.requires_argument"),
    (r"Invalid value for (?P<name>.+?): ", "usage.invalid_value"),
    (r"(?P<value>.+?) is not one of (?P<choices>.+)\.$", "usage.not_one_of"),
    (r"(?P<value>.+?) is not a valid (?:int|integer)(?: range)?\.", "usage.not_an_integer"),
    (r"(?P<value>.+?) is not in the range (?P<range>.+)\.", "usage.out_of_range"),
)


def usage_error(message: str) -> str:
    """A click usage error as a Vietnamese reader reads it."""
    for pattern, key in USAGE_ERRORS:
        message = re.sub(pattern, _sentence(key), message)
    return message


def _sentence(key: str) -> Callable[[re.Match[str]], str]:
    """The catalogue's sentence `key` filled with what click quoted."""
    return lambda found: VI(key, **found.groupdict())


# Words of the help that click and Typer write themselves, and the usage line's placeholders:
# (English, Vietnamese), looked up once.
WORDS = [
    (CATALOGUE[key]["en"], VI(key))
    for key in (
        "click.usage",
        "click.options",
        "click.arguments",
        "click.commands",
        "click.help_option",
        "click.required",
        "click.default",
    )
]
USAGE_WORDS = {
    CATALOGUE[key]["en"]: VI(key)
    for key in ("click.usage.options", "click.usage.command", "click.usage.args")
}


def _words(text: str) -> str:
    for english, vietnamese in WORDS:
        text = text.replace(english, vietnamese)
    return text


class VietnameseHelpFormatter(HelpFormatter):
    """Click's help layout with its own words in Vietnamese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        words = [USAGE_WORDS.get(word, word) for word in args.split(" ")]
        super().write_usage(prog, " ".join(words), prefix=f"{VI('click.usage')}: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_words(heading))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _words(text)) for term, text in rows], col_max, col_spacing)


class VietnameseHelpContext(typer.Context):
    formatter_class = VietnameseHelpFormatter


def help_key(command: str, parameter: str | None = None) -> str:
    """The catalogue key of a command's help (`targets` for the program's), or of one of its
    parameters: its own, else the one of an option several commands share."""
    if parameter is None:
        return f"help.{command}"
    own = f"help.{command}.{parameter}"
    return own if own in CATALOGUE or command == "targets" else f"help.option.{parameter}"


def _translate(command: Any, name: str) -> None:
    """A help text is no template: taken as the catalogue holds it, as app.english takes the English."""
    text = CATALOGUE[help_key(name)]["vi"]
    command.help = text
    command.short_help = text.split("\n", 1)[0]
    if command.epilog:
        command.epilog = CATALOGUE[help_key(name, "epilog")]["vi"]
    for param in command.params:
        if param.name != "help":  # click's own, whose words _words translates
            param.help = CATALOGUE[help_key(name, param.name)]["vi"]
    command.context_class = VietnameseHelpContext


def into_vietnamese(group: Any) -> None:
    """Every command's help, options and the group's own, in Vietnamese."""
    _translate(group, "targets")
    for name, command in group.commands.items():
        _translate(command, name)
        for sub, subcommand in getattr(command, "commands", {}).items():  # plan new, target set
            _translate(subcommand, f"{name}.{sub}")
