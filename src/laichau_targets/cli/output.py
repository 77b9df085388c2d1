"""What commands print besides a renderer's output: a line made safe, the lines about a figure
just written, and what a write did to the log."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from ..inert import inert
from ..messages import Texts

if TYPE_CHECKING:
    from ..records import Figure
    from ..standing import Standing
    from ..tracker import Tracker


def echo(text: str) -> None:
    """A line on standard output, through the one neutralising function (paths, names from files)."""
    typer.echo("\n".join(inert(line) for line in text.split("\n")))


def warn(texts: Texts, key: str, **values: object) -> None:
    """One `Warning:` line on stderr (`Cảnh báo:` for a Vietnamese reader), from the catalogue."""
    typer.echo(f"{texts('prefix.warning')}: {texts(key, **values)}", err=True)


def tell_log(tracker: "Tracker", texts: Texts) -> None:
    """One line on stderr for each thing this command's write did to the log besides its records:
    a v0.1 log converted, a torn tail (an interrupted write) moved aside."""
    log = tracker.log
    if log.moved:
        typer.echo(
            texts("log.torn_moved", lines=log.moved, log=log.path.name, torn=log.torn_path.name),
            err=True,
        )
    done = log.migrated
    if done is not None:
        typer.echo(
            texts(
                "log.migrated",
                source=done.source.name,
                count=done.records,
                target=done.target.name,
                backup=done.backup.name,
            ),
            err=True,
        )


def outranked_lines(
    figure: "Figure", above: "list[Figure]", shorts: dict[str, str], texts: Texts
) -> list[str]:
    """What to say when a figure just written does not count: which one does, and how to change that."""
    from ..render import words

    if not above:
        return []
    held = above[0]
    shown = words.figure(figure.value, texts)
    lines = [
        texts(
            "record.outranked",
            figure=shown,
            id=shorts.get(held.id, held.id),
            value=words.figure(held.value, texts),
            basis=texts(f"basis.{held.basis}"),
            when=held.recorded_at.strftime(texts("date.format") + " %H:%M"),
            user=words.inert(held.user),
            code=words.inert(figure.code),
            period=words.period(figure.period, texts),
        )
    ]
    if len(above) == 1:
        lines.append(texts("record.outranked_undo", id=shorts.get(held.id, held.id), figure=shown))
    else:
        lines.append(
            texts("record.outranked_more", count=len(above), code=words.inert(figure.code), figure=shown)
        )
    return lines


def standing_line(
    standing: "Standing | None", texts: Texts, code: str = "", year: int = 0, terms: Sequence[str] = ()
) -> str:
    """`GRDP: now not met (0.3 points below target)`: what a figure changed, in one line.

    Without a standing, no annual plan of the folder judges `code`'s figures for `year`: the term
    plans among `terms` count it, else nothing does.
    """
    from ..render import words

    if standing is None and terms:
        return texts(
            "record.term_only",
            code=words.inert(code),
            year=year,
            terms=words.listed(terms, texts),
            term=terms[0],
        )
    if standing is None:
        return texts("record.no_plan", code=words.inert(code), year=year)
    status = words.status(standing, texts, in_sentence=True)
    line = f"{standing.indicator.code}: {texts('record.standing', status=status)}"
    if standing.gap is not None:
        line += f" ({words.gap(standing, texts)})"
    elif standing.status == "not_judged" and standing.series_break is not None:
        line += f" ({words.break_reason(standing.series_break, standing, texts)})"
    return line
