"""The project's exceptions; the CLI turns each into one `Error: ...` line in the user's language.

Each carries a message key of the catalogue (messages.py) and its values, so that the
core stays free of language choices while `str()` still reads well in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Message:
    """A catalogue key and the values that fill it."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        from .messages import render_message

        return render_message(self.key, lang, self.params)


class TargetsError(Exception):
    """Base of every error that is the user's or the data's, not the program's."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        self.message = Message(message_key, params)
        super().__init__(self.message.text("en"))

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)


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


class UnknownPlanError(TargetsError):
    """A plan name names no plan of the data folder."""
