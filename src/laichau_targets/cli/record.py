"""`targets record`: add a reported figure."""

from typing import Annotated, Optional

import typer

from .app import Notation, english, state_of
from .output import outranked_lines, standing_line, tell_log, warn


def record(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help=english("help.record.code"))],
    value: Annotated[str, typer.Argument(metavar="VALUE", help=english("help.record.value"))],
    period: Annotated[
        Optional[str],
        typer.Option(
            metavar="PERIOD",
            help=english("help.record.period"),
        ),
    ] = None,
    official: Annotated[
        bool,
        typer.Option("--official/--estimate", show_default=False, help=english("help.record.official")),
    ] = False,
    source: Annotated[Optional[str], typer.Option(metavar="TEXT", help=english("help.record.source"))] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help=english("help.record.note"))] = None,
    locale: Annotated[
        Optional[Notation],
        typer.Option(help=english("help.record.locale")),
    ] = None,
    reported_on: Annotated[
        Optional[str],
        typer.Option("--reported-on", metavar="DATE", help=english("help.record.reported_on")),
    ] = None,
) -> None:
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    done = tracker.record(
        code,
        value,
        period_text=period,
        basis="official" if official else "estimate",
        source=source,
        note=note,
        locale=locale,
        reading=texts.lang,
        reported_on=reported_on,
    )
    rec, standing, indicator = done.record, done.standing, done.indicator
    state.written = done.shorts[rec.id]
    tell_log(tracker, texts)
    if done.repeats is not None:
        warn(texts, "warn.repeated", id=done.shorts[done.repeats.id], code=indicator.code)
    if done.period_defaulted:
        typer.echo(texts("record.period_default", period=words.period(rec.period, texts)), err=True)
    typer.echo(
        texts(
            "record.saved",
            id=done.shorts[rec.id],
            code=indicator.code,
            value=words.quantity(rec.value, indicator, texts, places=None),
            period=words.period(rec.period, texts),
            basis=texts(f"basis.{rec.basis}"),
        )
    )
    for line in outranked_lines(rec, done.outranked_by, done.shorts, texts):
        typer.echo(line)
    terms = tracker.terms_judging(indicator.code, rec.period.year) if rec.period.is_full_year else []
    typer.echo(standing_line(standing, texts, indicator.code, rec.period.year, terms))
    if rec.period.year > tracker.today.year:  # a figure of a year that has not begun: a slip of the year?
        today = tracker.today.strftime(texts("date.format"))
        warn(texts, "warn.future", period=words.period(rec.period, texts), today=today)
    if done.likely_intended is not None:
        target = (standing.indicator if standing else indicator).goal  # a far value was weighed against it
        direction = "above" if rec.value > target else "below"
        warn(
            texts,
            "warn.far",
            value=words.figure(rec.value, texts),
            direction=texts(f"warn.far.{direction}"),
            target=words.figure(target, texts),
            likely=words.figure(done.likely_intended, texts),
        )
