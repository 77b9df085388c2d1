"""`targets target set`: set or change one target of a plan."""

from typing import Annotated, Optional

import typer

from .app import english, state_of

target = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@target.command("set", help=english("help.target.set"), context_settings={"ignore_unknown_options": True})
def set_target(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help=english("help.target.set.code"))],
    value: Annotated[str, typer.Argument(metavar="VALUE", help=english("help.target.set.value"))],
    comparison: Annotated[
        Optional[str],
        typer.Option("--comparison", metavar="HOW", help=english("help.target.set.comparison")),
    ] = None,
    period: Annotated[
        Optional[str],
        typer.Option("--period", metavar="PERIOD", help=english("help.target.set.period")),
    ] = None,
    rule: Annotated[
        Optional[str],
        typer.Option("--rule", metavar="RULE", help=english("help.target.set.rule")),
    ] = None,
    source: Annotated[
        Optional[str],
        typer.Option("--source", metavar="TEXT", help=english("help.target.set.source")),
    ] = None,
) -> None:
    from ..plans.editing import target_of
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    wanted = target_of(value, comparison, period, rule, source, texts.lang)
    tracker = state.tracker(follow=False)
    edited = tracker.set_target(code, wanted)
    made = tracker.reloaded().plans.named(edited.plan_name)
    indicator = made.indicator(code)
    if wanted.period is not None and not wanted.period.is_full_year:
        scenario = indicator.scenario_target(wanted.period.months)
        assert scenario is not None
        typer.echo(
            texts(
                "target.set.scenario",
                code=indicator.code,
                plan=made.name,
                period=words.period(wanted.period, texts),
                value=words.quantity(scenario, indicator, texts, None),
            )
        )
        return
    shown = words.term_target(indicator, texts, made.year) if made.is_term else words.target(indicator, texts)
    typer.echo(texts("target.set.done", code=indicator.code, plan=made.name, target=shown))
