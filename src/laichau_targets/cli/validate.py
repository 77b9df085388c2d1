"""`targets validate`: check a plan file."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import EXIT_ERROR
from ..inert import inert
from .app import english, state_of
from .output import echo


def validate(
    ctx: typer.Context,
    plan_file: Annotated[
        Optional[Path], typer.Argument(metavar="[FILE]", help=english("help.validate.plan_file"))
    ] = None,
) -> None:
    from ..inspection import validate as check
    from ..render import listing

    state = state_of(ctx)
    texts = state.texts
    found = check(plan_file or state.folder().plan_path, plan_file is not None, state.plan)
    if found.error is not None:
        from .failures import error

        if len(found.error.problems) == 1:  # a missing or unreadable file, or one problem: one line
            raise found.error
        for line in listing.validation_problems(found, texts):
            typer.echo(inert(line), err=True)
        error(texts("error.validate_count", path=found.checked, count=len(found.error.problems)), texts)
        raise typer.Exit(EXIT_ERROR)
    for line in listing.validated(found, texts):
        echo(line)
