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
    send_to: Annotated[
        Optional[str],
        typer.Option("--send-to", metavar="TEXT", help=english("help.template.send_to")),
    ] = None,
) -> None:
    from ..errors import OutputError
    from ..render import write_file
    from ..render.template import template as workbook

    state = state_of(ctx)
    texts = state.texts
    if output.suffix.lower() != ".xlsx":
        raise OutputError("error.template_extension", path=output)
    chosen = state.tracker().for_template(owner, period)
    write_file(output, workbook(chosen.plan, chosen.indicators, texts, chosen.period, owner, send_to))
    echo(texts("template.done", path=output, count=len(chosen.indicators)))
