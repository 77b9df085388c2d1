"""Failures become the one `Error:` line on stderr and the exit status that tells what happened.

Loaded only when something fails (and by the commands that print an error line themselves):
the group hands over whatever was raised, and what is not a failure of ours is raised again.
"""

import errno
import os
import sys
from typing import Any, NoReturn

import typer

from ..exits import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_WRITTEN_NOT_PRINTED
from ..inert import inert
from ..messages import Lang, Texts, choose_lang


def error(text: str, texts: Texts | None = None) -> None:
    """One `Error:` line on stderr (`Lỗi:` for a Vietnamese reader); text from files or arguments
    cannot steer the terminal."""
    prefix = texts("prefix.error") if texts is not None else "Error"
    try:
        typer.echo(f"{prefix}: {inert(text)}", err=True)
    except OSError:  # stderr is gone too: the exit status is all that is left to say it
        pass


def texts_of(ctx: Any, asked: str | None = None) -> Texts:
    """The words of the reader's language: as the global options chose it, else as --lang
    (`asked`, when the arguments are still being read) and the environment choose it."""
    from .app import State

    if ctx is not None and isinstance(ctx.obj, State):
        return ctx.obj.texts
    return Texts(choose_lang(asked, os.environ))


def usage_error(message: str, where: str, lang: Lang) -> None:
    """Click's words for a mistake in the command line, in the reader's language."""
    if lang == "vi":
        from .help_vi import usage_error as in_vietnamese  # deferred: only a Vietnamese reader's mistake

        message = in_vietnamese(message)
    error(Texts(lang)("usage.see_help", message=message, where=where), Texts(lang))


def refuse(refusal: tuple[str, dict[str, str]], where: str, lang: Lang) -> NoReturn:
    """Arguments that click is never given (argv.refusal): one error line, status 2."""
    key, values = refusal
    texts = Texts(lang)
    if key.startswith("usage."):  # a mistake click would have made: said as click's are
        error(texts("usage.see_help", message=texts(key, **values), where=where), texts)
    else:
        error(texts(key, **values), texts)
    raise SystemExit(EXIT_ERROR)


# What a failed write to standard output raises: a pipe whose reader left, a full disk or
# device (`> /dev/full`), a closed or broken descriptor. Errors of files name the file.
_OUTPUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.ENXIO}


def output_failed(exc: OSError, ctx: Any, lang: str | None = None) -> NoReturn:
    """Standard output failed: say so in one line on stderr and exit with the status that tells what happened."""
    from .app import State

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
        error(texts("error.written_not_printed", id=state.written, reason=reason), texts)
        raise SystemExit(EXIT_WRITTEN_NOT_PRINTED)
    if isinstance(exc, BrokenPipeError):
        raise SystemExit(EXIT_BROKEN_PIPE)  # quiet, like any filter whose reader stopped reading
    error(texts("error.stdout_failed", reason=reason), texts)
    raise SystemExit(EXIT_ERROR)


def command_line_failed(exc: Exception, where: str, lang: Lang) -> None:
    """What reading the global options raised: the help asked for by no arguments, a usage
    mistake, the help or the version into a closed output. Returns for anything else."""
    from .typer_private import NoArgsIsHelpError, UsageError

    try:
        if isinstance(exc, NoArgsIsHelpError):  # plain `targets`: the help, as asked for
            typer.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            raise SystemExit(EXIT_OK)
        if isinstance(exc, UsageError):  # a mistake in the options before the command
            usage_error(exc.format_message(), exc.ctx.command_path if exc.ctx else where, lang)
            raise SystemExit(EXIT_ERROR)
    except OSError as failed:
        output_failed(failed, None, lang)
    if isinstance(exc, OSError):
        output_failed(exc, None, lang)


def command_failed(exc: BaseException, ctx: Any) -> None:
    """What a command raised: a project error, a usage mistake, a failed output, Ctrl-C.
    Returns for anything else."""
    from ..errors import TargetsError
    from .typer_private import UsageError

    if isinstance(exc, TargetsError):
        error(exc.text(texts_of(ctx).lang), texts_of(ctx))
        ctx.exit(EXIT_ERROR)
    if isinstance(exc, UsageError):
        where = exc.ctx.command_path if exc.ctx else "targets"
        usage_error(exc.format_message(), where, texts_of(ctx).lang)
        ctx.exit(EXIT_ERROR)
    if isinstance(exc, OSError):
        output_failed(exc, ctx)
    if isinstance(exc, KeyboardInterrupt):
        raise SystemExit(EXIT_INTERRUPTED) from None
