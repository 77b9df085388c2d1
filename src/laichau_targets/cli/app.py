"""The Typer app: its group, the global options, and the commands loaded only when they run.

No `from __future__ import annotations` in the cli package: Typer would have to evaluate
every string annotation on each run, which costs ~6 ms of start-up.
"""

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from .. import __version__
from ..datafolder import DataFolder, find_data_folder
from ..formatting import SEPARATORS, Locale
from ..messages import CATALOGUE, Lang, Texts, choose_lang
from .argv import asks_for_help, hoist_global_options, lang_asked, refusal

if TYPE_CHECKING:
    from ..tracker import Tracker


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
    "plan": ("plan_edit", "plan"),
    "target": ("target_edit", "target"),
}
CONTEXT_SETTINGS: dict[str, dict[str, Any]] = {"record": {"ignore_unknown_options": True}}  # -0.5 is a value


def english(key: str) -> str:
    """A help text of the catalogue in English, as Typer reads it when a command is built;
    help_vi.py puts the Vietnamese in its place (the test of the help checks every one)."""
    return CATALOGUE[key]["en"]


def load_command(name: str) -> Any:
    """The click command `name` of COMMANDS, built by Typer from its module's function."""
    import importlib

    module, function = COMMANDS[name]
    callback = getattr(importlib.import_module(f"{__package__}.{module}"), function)
    if isinstance(callback, typer.Typer):  # a command of commands: plan new, plan adopt
        group = typer.main.get_group(callback)
        group.name, group.help = name, english(f"help.{name}")
        return group
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    single.command(name, help=english(f"help.{name}"), context_settings=CONTEXT_SETTINGS.get(name))(callback)
    return typer.main.get_command(single)


class TargetsGroup(TyperGroup):
    """Loads a command only when it is asked for (COMMANDS), reads the arguments as argv.py
    rearranges them, and hands every failure to failures.py, loaded only then."""

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
        args = hoist_global_options(args, list(COMMANDS))
        lang = choose_lang(lang_asked(args), os.environ)
        if asks_for_help(args) and lang == "vi":
            from .help_vi import into_vietnamese  # deferred: only a Vietnamese --help needs it

            for name in COMMANDS:
                self.get_command(None, name)
            into_vietnamese(self)
        refused = refusal(args, list(COMMANDS), completing=bool(extra.get("resilient_parsing")))
        if refused is not None:
            from .failures import refuse

            refuse(refused, info_name, lang)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.Exit:  # --help, --version: done
            raise
        except Exception as exc:
            from .failures import command_line_failed  # deferred: only a failure needs it

            command_line_failed(exc, info_name, lang)  # exits with its status; returns for others
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            try:
                result = super().invoke(ctx)
            except typer.Exit:
                sys.stdout.flush()
                raise
            sys.stdout.flush()  # a failure to print shows here, where it can still be told apart
            if isinstance(ctx.obj, State):
                ctx.obj.tell_plan()
            return result
        except typer.Exit:
            raise
        except (Exception, KeyboardInterrupt) as exc:
            from .failures import command_failed  # deferred: only a failure needs it

            command_failed(exc, ctx)  # exits with its status; returns for others
            raise


app = typer.Typer(
    cls=TargetsGroup,
    add_completion=False,  # our own --install-completion loads Typer's completion code only when asked
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Typer's rich help costs ~100 ms of imports on every --help
    help=english("help.targets"),
    epilog=english("help.targets.epilog"),
)


class State:
    """What the global options chose: the data folder, the plan and the language."""

    def __init__(self, data: Path | None, lang: str | None, plan: str | None = None) -> None:
        self.data = data
        self.plan = plan
        self.texts = Texts(choose_lang(lang, os.environ))
        self.written: str | None = None  # the id of what a command appended to the log, once it has
        self.made: Tracker | None = None  # the tracker a command used, to say which plan it was

    def folder(self) -> DataFolder:
        return find_data_folder(self.data, os.environ, Path.cwd())

    def tracker(self, follow: bool = True) -> "Tracker":
        """The folder's plans and log, looking at --plan's plan; `follow`: say afterwards when that
        plan is not this year's (an edit of a plan names its plan anyway)."""
        from ..periods import today_of
        from ..tracker import Tracker

        tracker = Tracker(self.folder(), self.plan, today_of(os.environ))
        if follow:
            self.made = tracker
        return tracker

    def tell_plan(self) -> None:
        """After a command that succeeded: one line on stderr when it used a plan of another year."""
        notice = None if self.made is None else self.made.plan_notice()
        if notice is not None:
            try:
                typer.echo(notice.text(self.texts.lang), err=True)
            except OSError:  # stderr is gone: the notice is no part of what was asked
                pass


def state_of(ctx: typer.Context) -> State:
    chosen: State = ctx.obj
    return chosen


def _version(value: bool) -> None:
    if value:
        typer.echo(f"targets {__version__}")
        raise typer.Exit()


def _completion(ctx: typer.Context, param: Any, value: bool) -> None:
    """--install-completion / --show-completion: Typer's completion code, loaded only when asked."""
    if not value or ctx.resilient_parsing:
        return
    from typer import completion  # deferred: start-up of every other command

    from .typer_private import completion_init

    completion_init()
    callback = completion.install_callback if param.name == "install_completion" else completion.show_callback
    callback(ctx, param, value)


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Optional[Path],
        typer.Option(
            "--data",
            metavar="DIR",
            help=english("help.targets.data"),
        ),
    ] = None,
    lang: Annotated[
        Optional[Lang],
        typer.Option("--lang", help=english("help.targets.lang")),
    ] = None,
    plan: Annotated[
        Optional[str],
        typer.Option(
            "--plan",
            metavar="NAME",
            help=english("help.targets.plan"),
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=english("help.targets.version")),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_completion,
            is_eager=True,
            expose_value=False,
            help=english("help.targets.install_completion"),
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_completion,
            is_eager=True,
            expose_value=False,
            help=english("help.targets.show_completion"),
        ),
    ] = False,
) -> None:
    """The global options, which may come before or after the command (argv.py)."""
    ctx.obj = State(data, lang, plan)


# Options several commands share.
AsOfOption = Annotated[
    Optional[str],
    typer.Option("--as-of", metavar="PERIOD", help=english("help.option.as_of")),
]

OwnerOption = Annotated[
    Optional[str],
    typer.Option("--owner", metavar="NAME", help=english("help.option.owner")),
]

if TYPE_CHECKING:
    Notation = Locale
else:
    # --locale's choices, in the order of formatting.SEPARATORS (vi, en). Typer lists and checks
    # the members of an Enum; `Optional[Locale]` would not do: typing caches unions by equality, and
    # Optional[Lang] (en, vi), an equal type, comes first. A StrEnum member is the str itself.
    Notation = StrEnum("Notation", [(name, name) for name in SEPARATORS])
