"""`targets paths`: which data folder, plan and log are in use."""

import typer

from .app import state_of
from .output import echo


def paths(ctx: typer.Context) -> None:
    from ..inspection import paths as where
    from ..render import listing

    state = state_of(ctx)
    for line in listing.paths(where(state.folder()), state.texts):
        echo(line)
