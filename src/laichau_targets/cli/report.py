"""`targets report`: a full report in one of the formats."""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from ..render import FORMATS
from .app import AsOfOption, english, state_of

if TYPE_CHECKING:
    FormatName = str
else:  # Typer lists and checks the values of a Literal: those of the one table of formats
    FormatName = Literal[tuple(FORMATS)]


def report(
    ctx: typer.Context,
    format: Annotated[
        Optional[FormatName],
        typer.Option(
            "--format",
            "-f",
            help=english("help.report.format"),
        ),
    ] = None,
    output: Annotated[
        Optional[str],
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=english("help.report.output"),
        ),
    ] = None,
    as_of: AsOfOption = None,
    annex_number: Annotated[
        Optional[str], typer.Option("--annex-number", metavar="NN", help=english("help.report.annex_number"))
    ] = None,
    attached_to: Annotated[
        Optional[str], typer.Option("--attached-to", metavar="TEXT", help=english("help.report.attached_to"))
    ] = None,
    issuer: Annotated[
        Optional[str], typer.Option("--issuer", metavar="TEXT", help=english("help.report.issuer"))
    ] = None,
) -> None:
    from ..errors import OutputError
    from ..render import choose_format, write_output

    state = state_of(ctx)
    if output == "":  # Path("") would be the current folder
        raise OutputError("error.output_empty")
    target = Path(output) if output is not None else None
    tracker = state.tracker()
    if target is not None and tracker.folder.holds(target, tracker.plans.files):
        raise OutputError("error.output_is_data", path=target)
    chosen = choose_format(format, target)
    from ..periods import made_at_of
    from ..report import heading_of

    heading = heading_of(tracker.plan, annex_number, attached_to, issuer)
    the_report = tracker.report(as_of, made_at=made_at_of(os.environ), heading=heading)
    write_output(the_report, chosen, state.texts, target)
