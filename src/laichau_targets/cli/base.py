"""What every command shares: the Typer app, the global options, the one place errors become output.

No `from __future__ import annotations` in the cli package: Typer would have to evaluate
every string annotation on each run, which costs ~6 ms of start-up.
"""

import errno
import os
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from ..datafolder import DataFolder, find_data_folder
from ..errors import TargetsError
from ..exits import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_WRITTEN_NOT_PRINTED
from ..messages import Texts, choose_lang

if TYPE_CHECKING:
    from ..records import Figure
    from ..standing import Standing
    from ..tracker import Tracker


# Options of the whole program that people also put after the command: (option, takes a value).
GLOBAL_OPTIONS = {"--data": True, "--lang": True, "--plan": True}


def error(text: str) -> None:
    """One `Error:` line on stderr; text from files or arguments cannot steer the terminal."""
    from ..inert import inert

    try:
        typer.echo(f"Error: {inert(text)}", err=True)
    except OSError:  # stderr is gone too: the exit status is all that is left to say it
        pass


def echo(text: str) -> None:
    """A line on standard output, through the one neutralising function (paths, names from files)."""
    from ..inert import inert

    typer.echo("\n".join(inert(line) for line in text.split("\n")))


# What a failed write to standard output raises: a pipe whose reader left, a full disk or
# device (`> /dev/full`), a closed or broken descriptor. Errors of files name the file.
_OUTPUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.ENXIO}


def _output_failed(exc: OSError, ctx: Any, lang: str | None = None) -> None:
    """Standard output failed: say so in one line on stderr and exit with the status that tells what happened."""
    if exc.filename is not None or exc.errno not in _OUTPUT_ERRNOS:
        raise exc
    try:  # whatever is still buffered goes nowhere, so that Python's last flush cannot fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no descriptor behind stdout (tests): nothing to quiet
        pass
    state = ctx.obj if ctx is not None and isinstance(ctx.obj, State) else None
    texts = texts_of(ctx, lang)
    reason = exc.strerror or str(exc)
    if state is not None and state.written is not None:
        error(texts("error.written_not_printed", id=state.written, reason=reason))
        raise SystemExit(EXIT_WRITTEN_NOT_PRINTED)
    if isinstance(exc, BrokenPipeError):
        raise SystemExit(EXIT_BROKEN_PIPE)  # quiet, like any filter whose reader stopped reading
    error(texts("error.stdout_failed", reason=reason))
    raise SystemExit(EXIT_ERROR)


def texts_of(ctx: Any, asked: str | None = None) -> Texts:
    """The words of the reader's language: as the global options chose it, else as --lang
    (`asked`, when the arguments are still being read) and the environment choose it."""
    if ctx is not None and isinstance(ctx.obj, State):
        return ctx.obj.texts
    return Texts(choose_lang(asked, os.environ))


def not_utf8_argument(args: Sequence[str]) -> str | None:
    """The first argument that is not valid UTF-8 (Python keeps its bytes as lone surrogates)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg
    return None


def command_position(args: Sequence[str], commands: Sequence[str]) -> int | None:
    """Where the command's name stands among the arguments, if anywhere: a global option's value is no command."""
    n = 0
    while n < len(args):
        if args[n] in commands:
            return n
        n += 2 if GLOBAL_OPTIONS.get(args[n], False) else 1
    return None


def empty_folder_argument(args: Sequence[str]) -> str | None:
    """`--data` or init's DIR given as empty text (a shell variable that is not set), which
    would otherwise mean the current folder; the arguments have their global options first."""
    position = command_position(args, list(COMMANDS))
    before = args if position is None else args[:position]
    for n, arg in enumerate(before):
        if arg == "--":
            return None
        if arg == "--data=" or (arg == "--data" and list(args[n + 1 : n + 2]) == [""]):
            return "--data"
    if position is not None and args[position] == "init" and list(args[position + 1 : position + 2]) == [""]:
        return "DIR"
    return None


def _usage_error(message: str, where: str, lang: str) -> None:
    """Click's words for a mistake in the command line, in the reader's language."""
    if lang == "vi":
        from .help_vi import usage_error  # deferred: only a Vietnamese reader's mistake needs it

        error(usage_error(message, where))
    else:
        error(f"{message} (see '{where} --help')")


def hoist_global_options(args: Sequence[str], commands: Sequence[str]) -> list[str]:
    """Move global options found after the command name to before it, so both places work.

    Only options named in GLOBAL_OPTIONS move, with their value; everything after `--` stays.
    """
    args = list(args)
    position = command_position(args, commands)
    if position is None:
        return args
    before, command, after = args[:position], args[position], args[position + 1 :]
    hoisted: list[str] = []
    kept: list[str] = []
    n = 0
    while n < len(after):
        arg = after[n]
        if arg == "--":
            kept.extend(after[n:])
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            if "=" in arg or not GLOBAL_OPTIONS[name]:
                hoisted.append(arg)
                n += 1
                continue
            if n + 1 < len(after):
                hoisted.extend(after[n : n + 2])
                n += 2
                continue
        kept.append(arg)
        n += 1
    return [*before, *hoisted, command, *kept]


def _lang_asked(args: Sequence[str]) -> str | None:
    """The value of --lang among the arguments, if any (before the group has parsed them)."""
    for n, arg in enumerate(args):
        if arg == "--lang" and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


# Every command: its name, then its module in this package and the function there, in the order
# `targets --help` lists them. Only the module of the command that runs is imported and turned
# into a click command: doing that for all of them cost every command ~10 ms of start-up.
COMMANDS: dict[str, tuple[str, str]] = {
    "show": ("show", "show"),
    "record": ("record", "record"),
    "report": ("report", "report"),
    "list": ("list_indicators", "list_indicators"),
    "plans": ("plans", "plans"),
    "init": ("init", "init"),
    "paths": ("paths", "paths"),
    "history": ("history", "history"),
    "undo": ("undo", "undo"),
    "migrate": ("migrate", "migrate"),
    "check": ("check", "check"),
    "validate": ("validate", "validate"),
    "template": ("template", "template"),
    "import": ("import_figures", "import_figures"),
    "schema": ("schema", "schema"),
}
CONTEXT_SETTINGS: dict[str, dict[str, Any]] = {"record": {"ignore_unknown_options": True}}  # -0.5 is a value


def load_command(name: str) -> Any:
    """The click command `name` of COMMANDS, built by Typer from its module's function."""
    import importlib

    module, function = COMMANDS[name]
    callback = getattr(importlib.import_module(f"{__package__}.{module}"), function)
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    single.command(name, context_settings=CONTEXT_SETTINGS.get(name))(callback)
    return typer.main.get_command(single)


class TargetsGroup(TyperGroup):
    """Turns every project error and usage mistake into one `Error:` line and exit status 2,
    and loads a command only when it is asked for (COMMANDS)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: Any) -> Any:
        if args and args[0] not in COMMANDS:  # a mistake: Typer suggests the nearest of those loaded
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        args = hoist_global_options(args, list(COMMANDS))
        lang = choose_lang(_lang_asked(args), os.environ)
        if (not args or "--help" in args) and lang == "vi":
            from .help_vi import into_vietnamese  # deferred: only a Vietnamese --help needs it

            for name in COMMANDS:
                self.get_command(None, name)
            into_vietnamese(self)
        value_missing = args and GLOBAL_OPTIONS.get(args[-1], False) and "--" not in args[:-1]
        if value_missing and not extra.get("resilient_parsing"):  # `targets show --lang`; not completing
            _usage_error(f"Option '{args[-1]}' requires an argument.", info_name, lang)
            raise SystemExit(EXIT_ERROR)
        empty = empty_folder_argument(args)
        if empty is not None and not extra.get("resilient_parsing"):  # `--data "$UNSET"`: not "."
            error(Texts(lang)("error.folder_empty", what=empty))
            raise SystemExit(EXIT_ERROR)
        undecodable = not_utf8_argument(args)
        if undecodable is not None:  # it could be neither stored nor printed
            error(Texts(lang)("error.argument_not_utf8", arg=undecodable))
            raise SystemExit(EXIT_ERROR)
        try:
            try:
                return super().make_context(info_name, args, parent, **extra)
            except NoArgsIsHelpError as exc:  # plain `targets`: the help, as asked for
                typer.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
                raise SystemExit(EXIT_OK) from None
            except UsageError as exc:  # a mistake in the options before the command
                _usage_error(exc.format_message(), exc.ctx.command_path if exc.ctx else info_name, lang)
                raise SystemExit(EXIT_ERROR) from None
        except OSError as exc:  # the help or the version into a closed or full output
            _output_failed(exc, None, lang)

    def invoke(self, ctx: Any) -> Any:
        from typer._click.exceptions import UsageError
        from typer.exceptions import Exit

        try:
            try:
                result = super().invoke(ctx)
            except Exit:
                sys.stdout.flush()
                raise
            sys.stdout.flush()  # a failure to print shows here, where it can still be told apart
            return result
        except TargetsError as exc:
            error(exc.text(texts_of(ctx).lang))
            ctx.exit(EXIT_ERROR)
        except UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "targets"
            _usage_error(exc.format_message(), where, texts_of(ctx).lang)
            ctx.exit(EXIT_ERROR)
        except OSError as exc:
            _output_failed(exc, ctx)
        except KeyboardInterrupt:
            raise SystemExit(EXIT_INTERRUPTED) from None


app = typer.Typer(
    cls=TargetsGroup,
    add_completion=False,  # our own --install-completion loads Typer's completion code only when asked
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Typer's rich help costs ~100 ms of imports on every --help
    help="Track a province's yearly socio-economic plan: targets, reported figures, gaps.",
    epilog="Exit statuses: 0 fine, 1 `check` found indicators that fail, 2 an error, "
    "3 written to the log but not printed, 130 interrupted, 141 the reader of the output left.",
)


AsOfOption = Annotated[
    Optional[str],
    typer.Option(
        "--as-of", metavar="PERIOD", help="The standing as it stood at this checkpoint, e.g. 2024-H1."
    ),
]

OwnerOption = Annotated[
    Optional[str],
    typer.Option(
        "--owner", metavar="NAME", help="Only the indicators this department reports (the plan's owner)."
    ),
]


class Lang(str, Enum):
    en = "en"
    vi = "vi"


class NumberLocale(str, Enum):
    vi = "vi"
    en = "en"


class State:
    """What the global options chose: the data folder, the plan and the language."""

    def __init__(self, data: Path | None, lang: str | None, plan: str | None = None) -> None:
        self.data = data
        self.plan = plan
        self.texts = Texts(choose_lang(lang, os.environ))
        self.written: str | None = None  # the id of what a command appended to the log, once it has

    def folder(self) -> DataFolder:
        return find_data_folder(self.data, os.environ, Path.cwd())

    def tracker(self) -> "Tracker":
        from ..tracker import Tracker

        return Tracker(self.folder(), self.plan)


def state_of(ctx: typer.Context) -> State:
    chosen: State = ctx.obj
    return chosen


def columns(rows: Sequence[Sequence[str]]) -> str:
    """Plain left-aligned columns, for output that needs no colour; no trailing spaces."""
    widths = [max(len(row[n]) for row in rows) for n in range(len(rows[0]) - 1)]
    return "\n".join(
        (
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        ).rstrip()
        for row in rows
    )


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


def standing_line(standing: "Standing | None", texts: Texts, code: str = "", year: int = 0) -> str:
    """`GRDP: now not met (0.3 points below target)`: what a figure changed, in one line.

    Without a standing, no plan of the folder judges `code`'s figures for `year`.
    """
    from ..render import words

    if standing is None:
        return texts("record.no_plan", code=words.inert(code), year=year)
    status = words.status(standing, texts, in_sentence=True)
    line = f"{standing.indicator.code}: {texts('record.standing', status=status)}"
    if standing.gap is not None:
        line += f" ({words.gap(standing, texts)})"
    return line
