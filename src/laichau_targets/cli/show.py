"""`targets show`: the coloured progress table."""

from typing import Annotated

import typer

from .base import AsOfOption, state_of


def show(
    ctx: typer.Context,
    wide: Annotated[bool, typer.Option("--wide", help="Add the projection and pace columns.")] = False,
    as_of: AsOfOption = None,
) -> None:
    """Show every indicator's progress as a coloured table.

    The headline under the table counts the indicators by status.

    Example: targets show --wide
    """
    from ..render import table

    state = state_of(ctx)
    report = state.tracker().report(as_of)
    table.render(report, state.texts, wide=wide)
