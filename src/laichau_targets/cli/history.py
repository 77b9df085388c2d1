"""`targets history`: the records with their provenance."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .app import english, state_of
from .output import columns

if TYPE_CHECKING:
    from ..log import Entry


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"


def history(
    ctx: typer.Context,
    code: Annotated[
        Optional[str], typer.Argument(metavar="[CODE]", help=english("help.history.code"))
    ] = None,
    code_option: Annotated[
        Optional[str], typer.Option("--code", metavar="CODE", help=english("help.history.code_option"))
    ] = None,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=0, metavar="N", help=english("help.history.limit"))
    ] = None,
    format: Annotated[
        HistoryFormat,
        typer.Option("--format", "-f", help=english("help.history.format")),
    ] = HistoryFormat.text,
) -> None:
    from ..records import Retraction
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    if code and code_option and code.upper() != code_option.upper():
        raise typer.BadParameter(
            texts("usage.two_codes", first=code, second=code_option), param_hint="--code"
        )
    wanted = code or code_option
    tracker = state.tracker()
    found = tracker.history(wanted, limit)
    entries, shorts = found.entries, found.shorts
    if format is HistoryFormat.json:
        typer.echo(_json(entries, shorts))
        return
    if not entries:
        if wanted and limit != 0 and tracker.history(None, 1).entries:  # others exist: say whose are missing
            typer.echo(texts("history.none_for", code=tracker.plan.indicator(wanted).code))
        else:
            typer.echo(texts("history.none"))
        return
    rows = []
    for entry in entries:
        r = entry.record
        when = r.recorded_at.strftime(texts("date.format") + " %H:%M")
        details = []
        if entry.retracted_by is not None:
            details.append("[" + texts("history.retracted", by=shorts[entry.retracted_by.id]) + "]")
        if isinstance(r, Retraction):
            what = (
                "",
                texts("history.retracts", id=shorts.get(r.retracts, r.retracts)),
            )
        else:
            what = (words.figure(r.value, texts), words.period_of(r, texts, capital=True))
            if r.source:
                details.append(texts("history.source", source=words.inert(r.source)))
        if r.note:
            details.append(texts("history.note", note=words.inert(r.note)))
        rows.append(
            (f"#{shorts[r.id]}", when, words.inert(r.user), words.inert(r.code), *what, "  ".join(details))
        )
    typer.echo(columns(rows))


def _json(entries: "list[Entry]", shorts: dict[str, str]) -> str:
    """Every field of every record, as the log holds it, with its short id and what retracted it."""
    import json

    from ..records import Figure

    rows: list[dict[str, Any]] = []
    for entry in entries:
        r = entry.record
        row: dict[str, Any] = {"id": r.id, "short_id": shorts[r.id], "kind": "figure", "code": r.code}
        if isinstance(r, Figure):
            row.update(value=str(r.value), period=r.period.label, basis=r.basis, source=r.source)
        else:
            row.update(kind="retraction", retracts=r.retracts)
        row.update(recorded_at=r.recorded_at.isoformat(), user=r.user, note=r.note, v01_id=r.v01_id)
        if isinstance(r, Figure):
            row["retracted_by"] = entry.retracted_by.id if entry.retracted_by else None
        rows.append(row)
    from ..inert import inert_json

    return inert_json(json.dumps(rows, ensure_ascii=False, indent=2))
