"""The `targets` command: arguments in, core calls, output out. Nothing here decides a standing.

No `from __future__ import annotations` here: Typer would have to evaluate every string
annotation on each run, which costs ~6 ms of start-up.
"""

import os
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .datafolder import DATA_ENV, DataFolder, find_data_folder, init_data_folder
from .errors import TargetsError
from .messages import Texts, choose_lang

if TYPE_CHECKING:
    from .standing import Standing
    from .tracker import Tracker

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_ERROR = 2


def _error(text: str) -> None:
    """One `Error:` line on stderr; text from files or arguments cannot steer the terminal."""
    from .render.words import inert

    typer.echo(f"Error: {inert(text)}", err=True)


def _usage_error(exc: Any) -> None:
    where = exc.ctx.command_path if exc.ctx else "targets"
    _error(f"{exc.format_message()} (see '{where} --help')")


class _Group(TyperGroup):
    """Turns every project error and usage mistake into one `Error:` line and exit status 2."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        try:
            return super().make_context(info_name, args, parent, **extra)
        except NoArgsIsHelpError as exc:  # plain `targets`: the help, as asked for
            typer.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            raise SystemExit(EXIT_OK) from None
        except UsageError as exc:  # a mistake in the options before the command
            _usage_error(exc)
            raise SystemExit(EXIT_ERROR) from None

    def invoke(self, ctx: Any) -> Any:
        from typer._click.exceptions import UsageError

        try:
            return super().invoke(ctx)
        except TargetsError as exc:
            texts = ctx.obj.texts if isinstance(ctx.obj, State) else Texts("en")
            _error(exc.text(texts.lang))
            ctx.exit(EXIT_ERROR)
        except UsageError as exc:
            _usage_error(exc)
            ctx.exit(EXIT_ERROR)


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Typer's rich help costs ~100 ms of imports on every --help
    help="Track a province's yearly socio-economic plan: targets, reported figures, gaps.",
    epilog="Exit statuses: 0 fine, 1 `check` found indicators that fail, 2 an error.",
)


class Lang(str, Enum):
    en = "en"
    vi = "vi"


class NumberLocale(str, Enum):
    vi = "vi"
    en = "en"


class Format(str, Enum):
    md = "md"
    json = "json"
    csv = "csv"
    html = "html"
    text = "text"


class State:
    """What the global options chose: the data folder and the language."""

    def __init__(self, data: Path | None, lang: str | None) -> None:
        self.data = data
        self.texts = Texts(choose_lang(lang, os.environ))

    def folder(self) -> DataFolder:
        return find_data_folder(self.data, os.environ, Path.cwd())

    def tracker(self) -> "Tracker":
        from .tracker import Tracker

        return Tracker(self.folder())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"targets {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Optional[Path],
        typer.Option(
            "--data",
            metavar="DIR",
            help=f"Data folder (plan and log). Default: ${DATA_ENV}, ./data, or your own.",
        ),
    ] = None,
    lang: Annotated[
        Optional[Lang],
        typer.Option(
            "--lang", help="Language of human output. Default: $LAICHAU_TARGETS_LANG, then your locale."
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and stop.")
    ] = False,
) -> None:
    """Track a province's yearly socio-economic plan: targets, reported figures, gaps.

    Example: targets record GRDP 8.7 --period 2024
    """
    ctx.obj = State(data, lang.value if lang else None)


def _state(ctx: typer.Context) -> State:
    state: State = ctx.obj
    return state


@app.command()
def show(
    ctx: typer.Context,
    wide: Annotated[bool, typer.Option("--wide", help="Add the projection and pace columns.")] = False,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", metavar="PERIOD", help="Only records up to this period.")
    ] = None,
) -> None:
    """Show every indicator's progress as a coloured table.

    The headline under the table counts the indicators by status.

    Example: targets show --wide
    """
    from .render import table

    state = _state(ctx)
    report = state.tracker().report(as_of)
    table.render(report, state.texts, wide=wide)


@app.command(context_settings={"ignore_unknown_options": True})  # so that -0.5 is a value
def record(
    ctx: typer.Context,
    code: Annotated[
        str, typer.Argument(metavar="CODE", help="Indicator code, any case (targets list shows them).")
    ],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The figure: 8.7, 8,7, 2236, 2.236,5 ...")],
    period: Annotated[
        Optional[str],
        typer.Option(
            help="Year-to-date period: 2024-Q1, 2024-H1, 2024-09, 2024. Default: this month in the plan year, else the full year."
        ),
    ] = None,
    official: Annotated[
        bool, typer.Option("--official/--estimate", help="An official figure, or an estimate (default).")
    ] = False,
    source: Annotated[Optional[str], typer.Option(help="Where the figure comes from.")] = None,
    note: Annotated[Optional[str], typer.Option(help="A note kept with the record.")] = None,
    locale: Annotated[
        Optional[NumberLocale], typer.Option(help="How to read 2.236 or 2,236: vi (2236) or en.")
    ] = None,
) -> None:
    """Add a reported figure and print the indicator's new standing.

    Example: targets record BUDGET 1.850,5 --period 2024-09 --source "Sở Tài chính"
    """
    from .render import words

    state = _state(ctx)
    texts = state.texts
    done = state.tracker().record(
        code,
        value,
        period_text=period,
        basis="official" if official else "estimate",
        source=source,
        note=note,
        locale=locale.value if locale else None,
    )
    rec, standing = done.record, done.standing
    indicator = standing.indicator
    assert rec.value is not None and rec.period is not None
    if done.period_defaulted:
        typer.echo(texts("record.period_default", period=rec.period.label), err=True)
    typer.echo(
        texts(
            "record.saved",
            id=rec.id,
            code=indicator.code,
            value=words.quantity(rec.value, indicator, texts, places=None),
            period=rec.period.label,
            basis=texts(f"basis.{rec.basis}"),
        )
    )
    typer.echo(_standing_line(standing, texts))
    if done.likely_intended is not None:
        direction = "above" if rec.value > indicator.target else "below"
        typer.echo(
            "Warning: "
            + texts(
                "warn.far",
                value=words.number(rec.value, texts, None),
                direction=texts(f"warn.far.{direction}"),
                target=words.number(indicator.target, texts, None),
                likely=words.number(done.likely_intended, texts, None),
            ),
            err=True,
        )


def _standing_line(standing: "Standing", texts: Texts) -> str:
    """`GRDP: Not met (0.3 points below target)`: what a figure changed, in one line."""
    from .render import words

    line = f"{standing.indicator.code}: {texts('record.standing', status=words.status(standing, texts))}"
    if standing.gap is not None:
        line += f" ({words.gap(standing, texts)})"
    return line


@app.command()
def report(
    ctx: typer.Context,
    format: Annotated[
        Optional[Format],
        typer.Option(
            "--format", "-f", help="md, json, csv, html or text. Default: from --output's extension, else md."
        ),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of standard output."
        ),
    ] = None,
    as_of: Annotated[
        Optional[str],
        typer.Option(
            "--as-of", metavar="PERIOD", help="The standing as it stood at this checkpoint, e.g. 2024-H1."
        ),
    ] = None,
) -> None:
    """Write a full report in md, json, csv, html or text.

    md, html and text are for people; json (see report.schema.json) and csv for scripts.

    Example: targets report --format md --output report.md
    """
    from .render import choose_format, write_output

    state = _state(ctx)
    chosen = choose_format(format.value if format else None, output)
    the_report = state.tracker().report(as_of)
    write_output(the_report, chosen, state.texts, output)


@app.command("list")
def list_indicators(ctx: typer.Context) -> None:
    """List the indicators of the plan: code, kind, target and name.

    Example: targets list
    """
    from .render import words

    state = _state(ctx)
    texts = state.texts
    plan = state.tracker().plan
    rows = [
        (
            words.inert(i.code),
            texts(f"kind.{i.kind}"),
            words.target(i, texts),
            words.name(i, texts),
        )
        for i in plan.indicators
    ]
    typer.echo(_columns(rows))


def _columns(rows: Sequence[Sequence[str]]) -> str:
    """Plain left-aligned columns, for output that needs no colour."""
    widths = [max(len(row[n]) for row in rows) for n in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        for row in rows
    )


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The new data folder.")],
) -> None:
    """Start a data folder with the bundled Lai Châu 2024 plan.

    Never overwrites a plan that is there.

    Example: targets init ~/plans/laichau-2024
    """
    texts = _state(ctx).texts
    folder = init_data_folder(directory)
    typer.echo(texts("init.plan", path=folder.plan_path))
    typer.echo(texts("init.next", path=directory))


@app.command()
def paths(ctx: typer.Context) -> None:
    """Say which data folder, plan and record log are in use, and why.

    Example: targets --data /srv/plan paths
    """
    state = _state(ctx)
    texts = state.texts
    folder = state.folder()
    typer.echo(texts("paths.folder", path=folder.path, why=texts(f"chosen.{folder.chosen_by}")))
    typer.echo(texts("paths.plan", path=folder.plan_path))
    typer.echo(texts("paths.log", path=folder.log_path))


@app.command()
def history(
    ctx: typer.Context,
    code: Annotated[Optional[str], typer.Argument(metavar="[CODE]", help="Only this indicator.")] = None,
) -> None:
    """List the records, oldest first, with their provenance.

    Retracted records are marked with the record that retracted them.

    Example: targets history GRDP
    """
    from .render import words

    state = _state(ctx)
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
    typer.echo("\n".join(line.rstrip() for line in _columns(rows).splitlines()))


@app.command()
def undo(
    ctx: typer.Context,
    record_id: Annotated[
        Optional[int],
        typer.Argument(metavar="[ID]", help="The record to retract. Default: the last one standing."),
    ] = None,
    note: Annotated[Optional[str], typer.Option(help="Why it is taken back.")] = None,
) -> None:
    """Take back a record by appending a retraction.

    Nothing is deleted: the history keeps both.

    Example: targets undo 7 --note "typed into the wrong indicator"
    """
    from .render import words

    state = _state(ctx)
    texts = state.texts
    done = state.tracker().undo(record_id, note)
    gone = done.retracted
    assert gone.value is not None and gone.period is not None
    typer.echo(
        texts(
            "undo.done",
            id=gone.id,
            code=gone.code,
            value=words.number(gone.value, texts, None),
            period=gone.period.label,
            by=done.retraction.id,
        )
    )
    typer.echo(_standing_line(done.standing, texts))


@app.command()
def check(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Also fail on indicators with no data.")] = False,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", metavar="PERIOD", help="Only records up to this period.")
    ] = None,
) -> None:
    """A gate for scripts: exit 1 when an indicator is failing.

    Exit 0 when every indicator with data is met, exceeded or on track; 1 otherwise,
    listing those that are not; 2 on an error.

    Example: targets check --strict || echo "some targets are slipping"
    """
    from .render import words
    from .tracker import failing

    state = _state(ctx)
    texts = state.texts
    the_report = state.tracker().report(as_of)
    bad = failing(the_report, strict)
    typer.echo(words.headline(the_report, texts))
    for s in bad:
        typer.echo(texts("check.failing", code=s.indicator.code, status=words.status(s, texts)))
    if bad:
        raise typer.Exit(EXIT_CHECK_FAILED)


@app.command()
def validate(
    ctx: typer.Context,
    plan_file: Annotated[
        Optional[Path], typer.Argument(metavar="[FILE]", help="A plan file. Default: the one in use.")
    ] = None,
) -> None:
    """Check a plan file and list every problem with its line.

    Example: targets validate data/targets.toml
    """
    from .errors import PlanError
    from .plan import load_plan

    state = _state(ctx)
    texts = state.texts
    path = plan_file or state.folder().plan_path
    try:
        plan = load_plan(path)
    except PlanError as exc:
        from .render.words import inert

        for problem in exc.problems:
            typer.echo(inert(f"{path}: {problem.text(texts.lang)}"), err=True)
        _error(texts("error.validate_count", path=path, count=len(exc.problems)))
        raise typer.Exit(EXIT_ERROR) from None
    typer.echo(
        texts("validate.ok", path=path, province=plan.province, year=plan.year, count=len(plan.indicators))
    )


def main() -> None:
    """The console script."""
    app(prog_name="targets")
