"""The project's exceptions; the CLI turns each into one `Error: ...` line in the user's language.

Each carries a message key of the catalogue (messages.py) and its values, so that the
core stays free of language choices. A leaf: loading it loads nothing else of the project,
so that any module may raise these; the catalogue is reached only when an error is put into words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .messages import Message


class TargetsError(Exception):
    """Base of every error that is the user's or the data's, not the program's."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params

    @property
    def message(self) -> Message:
        """The key and values as a Message, to nest in another one."""
        from .messages import Message  # deferred: only an error put into words needs the catalogue

        return Message(self.key, self.params)

    def text(self, lang: str = "en") -> str:
        from .messages import render_message  # deferred: only an error put into words needs the catalogue

        return render_message(self.key, lang, self.params)

    def __str__(self) -> str:
        return self.text("en")


class PlanError(TargetsError):
    """A plan file is missing, unreadable or invalid."""

    def __init__(self, path: object, problems: list[Message]) -> None:
        self.path = path
        self.problems = problems
        if len(problems) == 1:
            super().__init__("error.plan_problem", path=path, problem=problems[0])
        else:
            super().__init__("error.plan_problems", path=path, count=len(problems), problems=problems)


class LogError(TargetsError):
    """The record log is unreadable, damaged or cannot be written."""


class DataFolderError(TargetsError):
    """The data folder is missing, unusable or would be overwritten."""


class UnknownIndicatorError(TargetsError):
    """A code names no indicator of the plan."""


class UnknownOwnerError(TargetsError):
    """A department named by --owner reports no indicator of the plan."""


class SheetError(TargetsError):
    """A file to import cannot be read, or one of its rows is bad."""


class BadRowsError(TargetsError):
    """Rows of a file to import are bad, so none of it is recorded; `problems` names each."""

    def __init__(self, path: object, problems: list[Message]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("error.import_bad_rows", path=path, count=len(problems))


class NumberError(TargetsError):
    """A typed value is not a number, or reads differently in the two conventions."""


class PeriodError(TargetsError):
    """A period does not parse or lies outside the plan year."""


class ValueRuleError(TargetsError):
    """A value breaks the indicator's plausibility rule (min/max)."""


class RecordNotFoundError(TargetsError):
    """An undo names a record that does not exist or cannot be retracted."""


class OutputError(TargetsError):
    """A report cannot be written where it was asked to go."""


class HeadingError(TargetsError):
    """An option of the annex's heading that cannot head an annex."""


class UnknownPlanError(TargetsError):
    """A plan name names no plan of the data folder."""


class NoTargetError(TargetsError):
    """A target was needed of an indicator the plan lists with no target yet."""


class PlanEditError(TargetsError):
    """A plan edit (plan new, target set, plan adopt) was refused; no file was changed."""
