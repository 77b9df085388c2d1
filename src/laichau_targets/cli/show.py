"""`targets show`: the coloured progress table."""

from typing import Annotated

import typer

from .app import AsOfOption, OwnerOption, english, state_of


def show(
    ctx: typer.Context,
    wide: Annotated[bool, typer.Option("--wide", help=english("help.show.wide"))] = False,
    as_of: AsOfOption = None,
    owner: OwnerOption = None,
) -> None:
    from ..render import table

    state = state_of(ctx)
    table.render(state.tracker().report(as_of, owner), state.texts, wide=wide)
