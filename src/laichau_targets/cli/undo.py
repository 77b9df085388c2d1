"""`targets undo`: take back a record."""

from typing import Annotated, Optional

import typer

from .app import english, state_of
from .output import standing_line, tell_log


def undo(
    ctx: typer.Context,
    record_id: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[ID]",
            help=english("help.undo.record_id"),
        ),
    ] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help=english("help.undo.note"))] = None,
) -> None:
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    done = tracker.undo(record_id, note)
    state.written = done.shorts[done.retraction.id]
    tell_log(tracker, texts)
    gone = done.retracted
    typer.echo(
        texts(
            "undo.done",
            id=done.shorts[gone.id],
            code=gone.code,
            value=words.figure(gone.value, texts),
            period=words.period(gone.period, texts),
            by=done.shorts[done.retraction.id],
        )
    )
    terms = tracker.terms_judging(gone.code, gone.period.year) if gone.period.is_full_year else []
    typer.echo(standing_line(done.standing, texts, gone.code, gone.period.year, terms))
