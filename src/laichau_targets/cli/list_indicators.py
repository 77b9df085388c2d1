"""`targets list`: the plan's indicators."""

import typer

from .app import OwnerOption, state_of


def list_indicators(ctx: typer.Context, owner: OwnerOption = None) -> None:
    from ..render import listing

    state = state_of(ctx)
    tracker = state.tracker()
    typer.echo(listing.indicators(tracker.plan, tracker.indicators(owner), state.texts))
