"""`targets check`: a gate for scripts."""

from typing import Annotated

import typer

from ..exits import EXIT_CHECK_FAILED
from .app import AsOfOption, english, state_of


def check(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help=english("help.check.strict"))] = False,
    as_of: AsOfOption = None,
) -> None:
    from ..render import listing
    from ..tracker import failing

    state = state_of(ctx)
    the_report = state.tracker().report(as_of)
    bad = failing(the_report, strict)
    typer.echo(listing.check(the_report, bad, state.texts))
    if bad:
        state.tell_plan()  # a verdict, not a failure: the plan it judged is named as for the others
        raise typer.Exit(EXIT_CHECK_FAILED)
