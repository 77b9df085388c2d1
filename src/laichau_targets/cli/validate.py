"""`targets validate`: check a plan file."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from .base import EXIT_ERROR, error, state_of


def validate(
    ctx: typer.Context,
    plan_file: Annotated[
        Optional[Path], typer.Argument(metavar="[FILE]", help="A plan file. Default: the one in use.")
    ] = None,
) -> None:
    """Check a plan file and list every problem with its line.

    Example: targets validate data/targets.toml
    """
    from ..errors import PlanError
    from ..plan import load_plan

    state = state_of(ctx)
    texts = state.texts
    path = plan_file or state.folder().plan_path
    try:
        plan = load_plan(path)
    except PlanError as exc:
        from ..render.words import inert

        for problem in exc.problems:
            typer.echo(inert(f"{path}: {problem.text(texts.lang)}"), err=True)
        error(texts("error.validate_count", path=path, count=len(exc.problems)))
        raise typer.Exit(EXIT_ERROR) from None
    typer.echo(
        texts("validate.ok", path=path, province=plan.province, year=plan.year, count=len(plan.indicators))
    )
