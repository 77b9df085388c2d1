"""`targets import`: every figure of a spreadsheet or CSV file, all or nothing."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import EXIT_ERROR
from .app import Notation, english, state_of
from .output import echo, outranked_lines, tell_log


def import_figures(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help=english("help.import.file"))],
    period: Annotated[
        Optional[str],
        typer.Option(metavar="PERIOD", help=english("help.import.period")),
    ] = None,
    locale: Annotated[
        Optional[Notation],
        typer.Option(help=english("help.import.locale")),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=english("help.import.dry_run")),
    ] = False,
    include_hidden: Annotated[
        bool,
        typer.Option("--include-hidden", help=english("help.import.include_hidden")),
    ] = False,
) -> None:
    from ..errors import BadRowsError
    from ..inert import inert
    from .progress import progress_bar

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    name = inert(file.name)  # a file's name is anyone's text: a newline in it must not start a line
    try:
        with progress_bar(texts("import.reading", path=name)) as progress:
            done = tracker.import_file(
                file,
                locale=locale,
                period_text=period,
                dry_run=dry_run,
                progress=progress,
                lang=texts.lang,
                include_hidden=include_hidden,
            )
    except BadRowsError as exc:
        from .failures import error

        for problem in exc.problems:
            typer.echo(inert(f"{name}: {problem.text(texts.lang)}"), err=True)
        error(exc.text(texts.lang), texts)
        raise typer.Exit(EXIT_ERROR) from None
    hidden = ""
    if done.hidden:
        from ..sheets import hidden_words

        said = "import.hidden.read" if done.hidden.read else "import.hidden.left_out"
        hidden = " " + texts(said, hidden=hidden_words(done.hidden))
    if dry_run:
        from ..render import listing

        echo(listing.would_record(done.figures, tracker.plans.index(), texts))
        echo(texts("import.dry_run", count=len(done.figures), path=name) + hidden)
        return
    tell_log(tracker, texts)
    echo(texts("import.done", count=len(done.records), path=name) + hidden)
    outranked = [r for r in done.records if r.id in done.outranked]
    for record in outranked[:_SAID]:
        for line in outranked_lines(record, done.outranked[record.id], done.shorts, texts):
            echo(line)
    if len(outranked) > _SAID:
        echo(texts("import.outranked_more", count=len(outranked) - _SAID))


_SAID = 10  # figures that do not count, named one by one before the rest are counted
