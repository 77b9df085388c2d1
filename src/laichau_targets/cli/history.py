"""`targets history`: the records with their provenance."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .app import state_of
from .output import columns

if TYPE_CHECKING:
    from ..log import Entry


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"


def history(
    ctx: typer.Context,
    code: Annotated[Optional[str], typer.Argument(metavar="[CODE]", help="Only this indicator.")] = None,
    code_option: Annotated[
        Optional[str], typer.Option("--code", metavar="CODE", help="Only this indicator (as CODE).")
    ] = None,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=0, metavar="N", help="Only the last N records.")
    ] = None,
    format: Annotated[
        HistoryFormat,
        typer.Option("--format", "-f", help="text, or json: every field of every record, retractions too."),
    ] = HistoryFormat.text,
) -> None:
    """List the records in the log's order (when recorded), with their provenance.

    Retracted records are marked with the record that retracted them. Ids are shown by
    their shortest unique beginning, which `targets undo` accepts.

    Example: targets history GRDP --limit 20
    """
    from ..records import Retraction
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    if code and code_option and code.upper() != code_option.upper():
        raise typer.BadParameter(f"two different codes: {code} and {code_option}", param_hint="--code")
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


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Liệt kê các bản ghi theo thứ tự trong sổ (lúc nhập), kèm nguồn gốc.\n\nBản ghi đã rút lại được đánh dấu bằng bản ghi rút lại nó. Mã bản ghi hiện bằng phần đầu ngắn nhất không trùng, "
    "`targets undo` nhận mã đó.\n\nVí dụ: targets history GRDP --limit 20",
    "code": "Chỉ chỉ tiêu này.",
    "code_option": "Chỉ chỉ tiêu này (theo mã CODE).",
    "limit": "Chỉ N bản ghi cuối.",
    "format": "text, hoặc json: mọi trường của mọi bản ghi, kể cả các lần rút lại.",
}
