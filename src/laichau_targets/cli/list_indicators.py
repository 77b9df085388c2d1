"""`targets list`: the plan's indicators."""

import typer

from .app import OwnerOption, state_of
from .output import columns


def list_indicators(ctx: typer.Context, owner: OwnerOption = None) -> None:
    from ..owners import owned_by
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    plan = state.tracker().plan
    indicators = list(plan.indicators)
    if owner is not None:
        indicators = owned_by(indicators, owner)
    with_owner = any(i.owner for i in indicators)
    rows = [
        (
            words.inert(i.code),
            texts(f"kind.{i.kind}"),
            words.term_target(i, texts, plan.year) if plan.is_term else words.target(i, texts),
            *([words.inert(i.owner or "–")] if with_owner else []),
            words.name(i, texts),
        )
        for i in indicators
    ]
    typer.echo(columns(rows))
    typer.echo(words.plan_line_of(plan, texts))
