"""`targets template`: a workbook for a department to fill in and give back to `targets import`."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import OwnerOption, english, state_of
from .output import echo


def template(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help=english("help.template.output"))
    ],
    owner: OwnerOption = None,
    period: Annotated[
        Optional[str],
        typer.Option(metavar="PERIOD", help=english("help.template.period")),
    ] = None,
) -> None:
    from ..errors import OutputError
    from ..owners import owned_by
    from ..periods import parse_period
    from ..render import write_file
    from ..render.xlsx import template as workbook

    state = state_of(ctx)
    texts = state.texts
    if output.suffix.lower() != ".xlsx":
        raise OutputError("error.template_extension", path=output)
    plan = state.tracker().plan
    indicators = owned_by(plan.indicators, owner) if owner is not None else list(plan.indicators)
    label = parse_period(period, plan.year).label if period else None
    write_file(output, workbook(plan, indicators, texts, label, owner))
    echo(texts("template.done", path=output, count=len(indicators)))
