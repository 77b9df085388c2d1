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
    from ..render import words
    from ..tracker import failing

    state = state_of(ctx)
    texts = state.texts
    the_report = state.tracker().report(as_of)
    bad = failing(the_report, strict)
    typer.echo(words.headline(the_report, texts))
    typer.echo(words.plan_line(the_report, texts))
    for s in bad:
        typer.echo(texts("check.failing", code=s.indicator.code, status=words.status(s, texts)))
    if bad:
        raise typer.Exit(EXIT_CHECK_FAILED)
