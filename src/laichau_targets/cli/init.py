"""`targets init`: start a data folder."""

from pathlib import Path
from typing import Annotated

import typer

from ..datafolder import init_data_folder
from .app import state_of
from .output import echo


def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The new data folder.")],
) -> None:
    """Start a data folder with the bundled Lai Châu 2024 plan.

    Never overwrites a plan that is there.

    Example: targets init ~/plans/laichau-2024
    """
    texts = state_of(ctx).texts
    folder = init_data_folder(directory)
    echo(texts("init.plan", path=folder.plan_path))
    echo(texts("init.next", path=directory))


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Tạo thư mục dữ liệu với kế hoạch Lai Châu 2024 kèm theo chương trình.\n\nKhông bao giờ ghi đè kế hoạch đã có.\n\nVí dụ: targets init ~/ke-hoach/laichau-2024",
    "directory": "Thư mục dữ liệu mới.",
}
