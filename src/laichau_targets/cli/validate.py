"""`targets validate`: check a plan file."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import EXIT_ERROR
from .app import english, state_of
from .output import echo


def validate(
    ctx: typer.Context,
    plan_file: Annotated[
        Optional[Path], typer.Argument(metavar="[FILE]", help=english("help.validate.plan_file"))
    ] = None,
) -> None:
    from ..errors import PlanError
    from ..plan import entry_point_naming, load_plans

    state = state_of(ctx)
    texts = state.texts
    path = plan_file or state.folder().plan_path
    entry = entry_point_naming(path) if plan_file is not None and path.is_file() else None
    try:
        found = load_plans(entry or path)
        chosen = [found.named(state.plan)] if state.plan else list(found.plans)
        if entry is not None:  # the file given, checked with the folder that names it
            chosen = [
                plan for plan in chosen if plan.path is not None and plan.path.resolve() == path.resolve()
            ]
    except PlanError as exc:
        from ..inert import inert
        from .failures import error

        if len(exc.problems) == 1:  # a missing or unreadable file, or one problem: one line
            raise
        for problem in exc.problems:
            # A problem of a plan file the entry point names already starts with that file.
            where = "" if problem.key == "error.plan_problem" else f"{entry or path}: "
            typer.echo(inert(where + problem.text(texts.lang)), err=True)
        error(texts("error.validate_count", path=entry or path, count=len(exc.problems)))
        raise typer.Exit(EXIT_ERROR) from None
    for plan in chosen:
        line = texts(
            "validate.ok",
            path=path if entry is not None else plan.path or path,
            province=plan.province,
            year=plan.name,
            count=len(plan.indicators),
        )
        echo(line if entry is None else line + texts("validate.with_entry", entry=entry))
