"""`targets paths`: which data folder, plan and log are in use."""

import typer

from .app import state_of
from .output import echo


def paths(ctx: typer.Context) -> None:
    from ..render import listing
    from ..tracker import paths as where

    state = state_of(ctx)
    for line in listing.paths(where(state.folder()), state.texts):
        echo(line)
