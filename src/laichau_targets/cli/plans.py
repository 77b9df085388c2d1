"""`targets plans`: the plans of the data folder."""

import typer

from .app import state_of
from .output import columns


def plans(ctx: typer.Context) -> None:
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    header = [texts(f"plans.col.{name}") for name in ("plan", "kind", "targets", "complete", "source")]
    rows = [header]
    for plan in tracker.plans.plans:
        mark = " *" if plan is tracker.plan else ""
        rows.append(
            [
                words.inert(plan.name) + mark,
                texts(f"plan_kind.{'term' if plan.is_term else 'annual'}"),
                str(len(plan.indicators)),
                texts("plans.yes" if plan.complete else "plans.no"),
                words.plan_source(plan),
            ]
        )
    typer.echo(columns(rows))
    typer.echo(texts("plans.current_mark"))
