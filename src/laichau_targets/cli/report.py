"""`targets report`: a full report in one of the formats."""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .base import AsOfOption, state_of


class Format(str, Enum):
    md = "md"
    json = "json"
    csv = "csv"
    html = "html"
    text = "text"


def report(
    ctx: typer.Context,
    format: Annotated[
        Optional[Format],
        typer.Option(
            "--format", "-f", help="md, json, csv, html or text. Default: from --output's extension, else md."
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
    """Write a full report in md, json, csv, html or text.

    md, html and text are for people; json (see report.schema.json) and csv for scripts.

    Example: targets report --format md --output report.md
    """
    from ..errors import OutputError
    from ..render import EXTENSIONS, write_output

    state = state_of(ctx)
    if output == "":  # Path("") would be the current folder
        raise OutputError("error.output_empty")
    target = Path(output) if output is not None else None
    chosen = format.value if format else None
    if chosen is None and target is not None:
        chosen = EXTENSIONS.get(target.suffix.lower())
    the_report = state.tracker().report(as_of)
    write_output(the_report, chosen or "md", state.texts, target)


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Lập báo cáo đầy đủ dạng md, json, csv, html hoặc text.\n\nmd, html và text để người đọc; json (xem targets schema) và csv cho chương trình.\n\nVí dụ: targets report --format md --output bao-cao.md",
    "format": "md, json, csv, html hoặc text. Mặc định: theo phần mở rộng của --output, không thì md.",
    "output": "Ghi ra tệp FILE thay vì in ra màn hình: tệp được thay trọn vẹn một lần, thiết bị hay FIFO thì ghi thẳng vào.",
}
