"""`targets report`: a full report in one of the formats."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..render import FORMATS
from .app import AsOfOption, state_of

if TYPE_CHECKING:
    FormatName = str
else:  # Typer lists and checks the members of an Enum: these, from the one table of formats
    FormatName = StrEnum("FormatName", [(name, name) for name in FORMATS])


def report(
    ctx: typer.Context,
    format: Annotated[
        Optional[FormatName],
        typer.Option(
            "--format",
            "-f",
            help="Default: from the extension of --output, else md.",
        ),
    ] = None,
    output: Annotated[
        Optional[str],
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of standard output: a file is replaced atomically, a device or FIFO written through.",
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Write a full report in md, json, csv, html, text or xlsx.

    md, html, text and xlsx are for people; json (see report.schema.json) and csv for scripts.
    xlsx is a file: give --output (or pipe it), never a terminal.

    Example: targets report --output bao-cao.xlsx
    """
    from ..errors import OutputError
    from ..render import choose_format, write_output

    state = state_of(ctx)
    if output == "":  # Path("") would be the current folder
        raise OutputError("error.output_empty")
    target = Path(output) if output is not None else None
    tracker = state.tracker()
    if target is not None and tracker.folder.holds(target, tracker.plans.files):
        raise OutputError("error.output_is_data", path=target)
    chosen = choose_format(format, target)
    the_report = tracker.report(as_of)
    write_output(the_report, chosen, state.texts, target)


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Lập báo cáo đầy đủ dạng md, json, csv, html, text hoặc xlsx.\n\nmd, html, text và xlsx để người đọc; json (xem targets schema) và csv cho chương trình. xlsx là tệp: dùng --output (hoặc chuyển qua ống), không in ra màn hình.\n\nVí dụ: targets report --output bao-cao.xlsx",
    "format": "Mặc định: theo phần mở rộng của --output, không thì md.",
    "output": "Ghi ra tệp FILE thay vì in ra màn hình: tệp được thay trọn vẹn một lần, thiết bị hay FIFO thì ghi thẳng vào.",
}
