"""`targets undo`: take back a record."""

from typing import Annotated, Optional

import typer

from .base import standing_line, state_of, tell_migration


def undo(
    ctx: typer.Context,
    record_id: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[ID]",
            help="The record to retract: the beginning of its id (6 characters or more), as `targets history` shows it. Default: the last one standing.",
        ),
    ] = None,
    note: Annotated[Optional[str], typer.Option(help="Why it is taken back.")] = None,
) -> None:
    """Take back a record by appending a retraction.

    Nothing is deleted: the history keeps both.

    Example: targets undo 01JD3KX2 --note "typed into the wrong indicator"
    """
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    done = tracker.undo(record_id, note)
    tell_migration(tracker, texts)
    gone = done.retracted
    typer.echo(
        texts(
            "undo.done",
            id=gone.short,
            code=gone.code,
            value=words.number(gone.value, texts, None),
            period=gone.period.label,
            by=done.retraction.short,
        )
    )
    typer.echo(standing_line(done.standing, texts, gone.code, gone.period.year))
