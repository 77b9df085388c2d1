"""The names this program takes from Typer's private modules, and why; no other module imports them.

Typer 0.28 vendors click as `typer._click` and exports only part of it; where its public API
cannot do a thing, the name is taken here, once, and imported from here only when needed:

- `UsageError`, `NoArgsIsHelpError`: what click raises for a mistake in the command line and
  for `targets` alone. The group turns them into one `Error:` line and status 2 (or the help
  and status 0); typer exports only a subclass of the first (`BadParameter`), and neither is
  reachable otherwise. Loaded by failures.py, so only when something fails.
- `HelpFormatter`: click's help layout, which the Vietnamese help subclasses to write click's
  own words (Usage, Options, [required]) in Vietnamese; `typer.Context` is public, the class
  of its formatter is not. Loaded only for a Vietnamese --help.
- `completion_init`: registers Typer's shells with click's completion. Typer calls it itself
  only when `add_completion=True` builds the completion options on every start-up; this
  program defers it to --install-completion, --show-completion and the shell's requests.
"""

from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer._click.formatting import HelpFormatter
from typer._completion_classes import completion_init

__all__ = ["HelpFormatter", "NoArgsIsHelpError", "UsageError", "completion_init"]
