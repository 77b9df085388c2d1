"""`targets plan new` and `targets plan adopt`: next year's plan drafted in the tool, then adopted."""

from typing import Annotated, Optional

import typer

from .app import english, state_of

plan = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@plan.command("new", help=english("help.plan.new"))
def new(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=english("help.plan.new.name"))],
    source: Annotated[
        Optional[str],
        typer.Option("--from", metavar="PLAN", help=english("help.plan.new.source")),
    ] = None,
    term: Annotated[bool, typer.Option("--term", help=english("help.plan.new.term"))] = False,
) -> None:
    from ..errors import PlanEditError
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker(follow=False)
    if term != ("-" in name.replace("\u2013", "-")):
        raise PlanEditError("error.edit_term_flag", name=name)
    edited = tracker.draft_plan(name, source)
    made = tracker.reloaded().plans.named(edited.plan_name)
    typer.echo(
        texts(
            "plan.drafted",
            name=made.name,
            path=edited.path,
            count=len(made.indicators),
            source=edited.source,
        )
    )
    proposed = [i for i in made.indicators if i.proposal is not None]
    if proposed:
        typer.echo(
            texts(
                "plan.proposals",
                proposals=", ".join(
                    f"{words.inert(i.code)} {words.quantity(i.proposal, i, texts)}"
                    for i in proposed
                    if i.proposal is not None
                ),
            )
        )
    typer.echo(texts("plan.drafted.next", name=made.name))


@plan.command("adopt", help=english("help.plan.adopt"))
def adopt(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=english("help.plan.adopt.name"))],
    adopted_by: Annotated[
        str,
        typer.Option("--adopted-by", metavar="TEXT", help=english("help.plan.adopt.adopted_by")),
    ],
) -> None:
    state = state_of(ctx)
    tracker = state.tracker(follow=False)
    edited = tracker.adopt_plan(name, adopted_by)
    typer.echo(state.texts("plan.adopted", name=edited.plan_name, by=adopted_by.strip(), path=edited.path))
