"""`targets list`: the plan's indicators."""

import typer

from .base import columns, state_of


def list_indicators(ctx: typer.Context) -> None:
    """List the indicators of the plan: code, kind, target and name.

    Example: targets list
    """
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    plan = state.tracker().plan
    rows = [
        (
            words.inert(i.code),
            texts(f"kind.{i.kind}"),
            words.term_target(i, texts, plan.year) if plan.is_term else words.target(i, texts),
            words.name(i, texts),
        )
        for i in plan.indicators
    ]
    typer.echo(columns(rows))
    typer.echo(words.plan_line_of(plan, texts))


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Liệt kê các chỉ tiêu của kế hoạch: mã, loại, mục tiêu và tên.\n\nVí dụ: targets list",
}
