"""`targets history`: the records with their provenance."""

from enum import Enum
from typing import Annotated, Optional

import typer

from .app import english, state_of


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"


def history(
    ctx: typer.Context,
    code: Annotated[
        Optional[str], typer.Argument(metavar="[CODE]", help=english("help.history.code"))
    ] = None,
    code_option: Annotated[
        Optional[str], typer.Option("--code", metavar="CODE", help=english("help.history.code_option"))
    ] = None,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=0, metavar="N", help=english("help.history.limit"))
    ] = None,
    format: Annotated[
        HistoryFormat,
        typer.Option("--format", "-f", help=english("help.history.format")),
    ] = HistoryFormat.text,
) -> None:
    from ..render import listing

    state = state_of(ctx)
    texts = state.texts
    if code and code_option and code.upper() != code_option.upper():
        raise typer.BadParameter(
            texts("usage.two_codes", first=code, second=code_option), param_hint="--code"
        )
    wanted = code or code_option
    tracker = state.tracker()
    found = tracker.history(wanted, limit)
    if format is HistoryFormat.json:
        typer.echo(listing.history_json(found))
    elif found.entries:
        typer.echo(listing.history(found, texts))
    elif limit == 0:  # the last none of them, as asked
        return
    elif wanted and tracker.history(None, 1).entries:  # others exist: say whose are missing
        typer.echo(texts("history.none_for", code=tracker.plan.indicator(wanted).code))
    else:
        typer.echo(texts("history.none"))
