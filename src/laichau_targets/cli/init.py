"""`targets init`: start a data folder."""

from pathlib import Path
from typing import Annotated

import typer

from ..datafolder import init_data_folder
from .app import english, state_of
from .output import echo


def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help=english("help.init.directory"))],
) -> None:
    texts = state_of(ctx).texts
    folder = init_data_folder(directory, follow_date=True)
    echo(texts("init.plan", path=folder.plan_path))
    echo(texts("init.next", path=directory))
