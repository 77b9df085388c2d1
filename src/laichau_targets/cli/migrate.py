"""`targets migrate`: convert a v0.1 record log now rather than at the first write."""

import typer

from .app import state_of
from .output import tell_log


def migrate(ctx: typer.Context) -> None:
    state = state_of(ctx)
    tracker = state.tracker()
    if tracker.log.migrate() is None:
        typer.echo(state.texts("log.nothing_to_migrate", path=tracker.log.path.name))
    tell_log(tracker, state.texts)
