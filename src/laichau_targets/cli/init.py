"""`targets init`: start a data folder."""

from pathlib import Path
from typing import Annotated

import typer

from ..datafolder import init_data_folder
from .base import state_of


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
    typer.echo(texts("init.plan", path=folder.plan_path))
    typer.echo(texts("init.next", path=directory))
