"""`targets history`: the records with their provenance."""

from typing import Annotated, Optional

import typer

from .base import columns, state_of


def history(
    ctx: typer.Context,
    code: Annotated[Optional[str], typer.Argument(metavar="[CODE]", help="Only this indicator.")] = None,
) -> None:
    """List the records, oldest first, with their provenance.

    Retracted records are marked with the record that retracted them.

    Example: targets history GRDP
    """
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    entries = state.tracker().history(code)
    if not entries:
        typer.echo(texts("history.none"))
        return
    rows = []
    for entry in entries:
        r = entry.record
        when = r.recorded_at.strftime(texts("date.format") + " %H:%M")
        if r.retracts is not None:
            what = ("", texts("history.retracts", id=r.retracts))
        else:
            assert r.value is not None and r.period is not None
            what = (words.number(r.value, texts, None), f"{r.period.label} {texts(f'basis.{r.basis}')}")
        details = []
        if entry.retracted_by is not None:
            details.append("[" + texts("history.retracted", by=entry.retracted_by) + "]")
        if r.source:
            details.append(texts("history.source", source=words.inert(r.source)))
        if r.note:
            details.append(texts("history.note", note=words.inert(r.note)))
        rows.append((f"#{r.id}", when, words.inert(r.user), words.inert(r.code), *what, "  ".join(details)))
    typer.echo("\n".join(line.rstrip() for line in columns(rows).splitlines()))
