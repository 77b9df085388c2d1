"""`targets undo`: take back a record."""

from typing import Annotated, Optional

import typer

from .base import standing_line, state_of


def undo(
    ctx: typer.Context,
    record_id: Annotated[
        Optional[int],
        typer.Argument(metavar="[ID]", help="The record to retract. Default: the last one standing."),
    ] = None,
    note: Annotated[Optional[str], typer.Option(help="Why it is taken back.")] = None,
) -> None:
    """Take back a record by appending a retraction.

    Nothing is deleted: the history keeps both.

    Example: targets undo 7 --note "typed into the wrong indicator"
    """
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    done = state.tracker().undo(record_id, note)
    gone = done.retracted
    assert gone.value is not None and gone.period is not None
    typer.echo(
        texts(
            "undo.done",
            id=gone.id,
            code=gone.code,
            value=words.number(gone.value, texts, None),
            period=gone.period.label,
            by=done.retraction.id,
        )
    )
    typer.echo(standing_line(done.standing, texts, gone.code, gone.period.year))
