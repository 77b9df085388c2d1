"""The argument list before click reads it: pure functions, each tested on its own.

People put the global options after the command too (`targets show --lang vi`); an empty
folder argument (a shell variable that is not set) must not mean the current folder; an
argument that is not UTF-8 could be neither stored nor printed. Nothing here prints or exits.
"""

from collections.abc import Sequence

# Options of the whole program that people also put after the command: (option, takes a value).
GLOBAL_OPTIONS = {"--data": True, "--lang": True, "--plan": True}


def command_position(args: Sequence[str], commands: Sequence[str]) -> int | None:
    """Where the command's name stands among the arguments, if anywhere: a global option's value is no command."""
    n = 0
    while n < len(args):
        if args[n] in commands:
            return n
        n += 2 if GLOBAL_OPTIONS.get(args[n], False) else 1
    return None


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


def lang_asked(args: Sequence[str]) -> str | None:
    """The value of --lang among the arguments, if any (before the group has parsed them)."""
    for n, arg in enumerate(args):
        if arg == "--lang" and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def asks_for_help(args: Sequence[str]) -> bool:
    """No arguments at all, or --help among them: the help of the program or of a command."""
    return not args or "--help" in args


def value_missing(args: Sequence[str]) -> str | None:
    """The global option that ends the arguments without its value (`targets show --lang`), if one does."""
    if args and GLOBAL_OPTIONS.get(args[-1], False) and "--" not in args[:-1]:
        return args[-1]
    return None


def empty_folder_argument(args: Sequence[str], commands: Sequence[str]) -> str | None:
    """`--data` or init's DIR given as empty text (a shell variable that is not set), which
    would otherwise mean the current folder; the arguments have their global options first."""
    position = command_position(args, commands)
    before = args if position is None else args[:position]
    for n, arg in enumerate(before):
        if arg == "--":
            return None
        if arg == "--data=" or (arg == "--data" and list(args[n + 1 : n + 2]) == [""]):
            return "--data"
    if position is not None and args[position] == "init" and list(args[position + 1 : position + 2]) == [""]:
        return "DIR"
    return None


def not_utf8_argument(args: Sequence[str]) -> str | None:
    """The first argument that is not valid UTF-8 (Python keeps its bytes as lone surrogates)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg
    return None


def refusal(
    args: Sequence[str], commands: Sequence[str], completing: bool
) -> tuple[str, dict[str, str]] | None:
    """Why the arguments cannot be given to click, as a catalogue key and its values, if they cannot.

    While the shell completes (`completing`), a value still to be typed is no mistake.
    """
    missing = value_missing(args)
    if missing is not None and not completing:
        return "usage.requires_argument", {"option": missing}
    empty = empty_folder_argument(args, commands)
    if empty is not None and not completing:  # `--data "$UNSET"`: not "."
        return "error.folder_empty", {"what": empty}
    undecodable = not_utf8_argument(args)
    if undecodable is not None:
        return "error.argument_not_utf8", {"arg": undecodable}
    return None
