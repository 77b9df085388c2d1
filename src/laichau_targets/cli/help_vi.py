"""--help in Vietnamese: each command module's HELP_VI put in place of the English, and click's own words.

Loaded only when a Vietnamese reader asks for help; the English texts stay in the docstrings
and options, where Typer reads them.
"""

import sys
from typing import Any

import typer

from .typer_private import HelpFormatter

# Words of the help that click and Typer write themselves.
WORDS = {
    "Usage": "Cách dùng",
    "Options": "Tùy chọn",
    "Arguments": "Tham số",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    "[required]": "[bắt buộc]",
    "[default: ": "[mặc định: ",
}

# The usage line's placeholders; a command's own (CODE, FILE) stay as its help names them.
USAGE_WORDS = {"[OPTIONS]": "[TÙY_CHỌN]", "COMMAND": "LỆNH", "[ARGS]...": "[THAM_SỐ]..."}


# Click's messages for a mistake in the command line; what they quote stays as it was typed.
USAGE_ERRORS = (
    (r"Missing argument '(.+?)'\.", r"Thiếu tham số '\1'."),
    (r"Missing option '(.+?)'\.", r"Thiếu tùy chọn '\1'."),
    (r"No such option: ", "Không có tùy chọn "),
    (r"\(Possible options: (.+)\)", r"(tùy chọn gần giống: \1)"),
    (r"No such command '(.+?)'\.", r"Không có lệnh '\1'."),
    (r"Did you mean (.+)\?", r"Có phải định gõ \1?"),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)", r"Thừa tham số (\1)"),
    (r"Option '(.+?)' requires an argument\.", r"Tùy chọn '\1' cần một giá trị."),
    (r"Invalid value for (.+?): ", r"Giá trị không hợp lệ cho \1: "),
    (r"(.+?) is not one of (.+)\.$", r"\1 không phải một trong \2."),
    (r"(.+?) is not a valid (?:int|integer)(?: range)?\.", r"\1 không phải số nguyên."),
    (r"(.+?) is not in the range (.+)\.", r"\1 nằm ngoài khoảng \2."),
)


def usage_error(message: str, where: str) -> str:
    """A click usage error as a Vietnamese reader reads it, pointing to the help."""
    import re

    for english, vietnamese in USAGE_ERRORS:
        message = re.sub(english, vietnamese, message)
    return f"{message} (xem '{where} --help')"


def _words(text: str) -> str:
    for english, vietnamese in WORDS.items():
        text = text.replace(english, vietnamese)
    return text


class VietnameseHelpFormatter(HelpFormatter):
    """Click's help layout with its own words in Vietnamese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        words = [USAGE_WORDS.get(word, word) for word in args.split(" ")]
        super().write_usage(prog, " ".join(words), prefix=f"{WORDS['Usage']}: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_words(heading))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _words(text)) for term, text in rows], col_max, col_spacing)


class VietnameseHelpContext(typer.Context):
    formatter_class = VietnameseHelpFormatter


def texts_of(command: Any) -> dict[str, str]:
    """The Vietnamese help a command's module gives (HELP_VI), or an empty one."""
    callback = getattr(command, "callback", None)
    module = sys.modules.get(getattr(callback, "__module__", ""), None)
    found: dict[str, str] = getattr(module, "HELP_VI", {})
    return found


def _translate(command: Any, texts: dict[str, str]) -> None:
    if "" in texts:
        command.help = texts[""]
        command.short_help = texts[""].split("\n", 1)[0]
    if "epilog" in texts:
        command.epilog = texts["epilog"]
    for param in command.params:
        if param.name in texts:
            param.help = texts[param.name]
    command.context_class = VietnameseHelpContext


def into_vietnamese(group: Any) -> None:
    """Every command's help, options and the group's own, in Vietnamese."""
    from . import HELP_VI  # the group's texts, beside its options

    _translate(group, HELP_VI)
    for command in group.commands.values():
        _translate(command, {**COMMON, **texts_of(command)})


# Options several commands share.
COMMON = {
    "as_of": "Đánh giá như tại kỳ này, ví dụ '6 tháng/2024' hoặc 2024-H1.",
    "owner": "Chỉ các chỉ tiêu do đơn vị này báo cáo (owner trong kế hoạch).",
}
