"""`targets plans`: the plans of the data folder."""

import typer

from .app import state_of


def plans(ctx: typer.Context) -> None:
    from ..render import listing

    state = state_of(ctx)
    tracker = state.tracker()
    typer.echo(listing.plans(tracker.plans, tracker.plan, state.texts))
