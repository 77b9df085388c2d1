"""The project's exceptions; the CLI turns each into one `Error: ...` line."""

from __future__ import annotations


class TargetsError(Exception):
    """Base of every error that is the user's or the data's, not the program's."""


class PlanError(TargetsError):
    """A plan file is missing, unreadable or invalid."""

    def __init__(self, path: object, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        if len(problems) == 1:
            message = f"{path}: {problems[0]}"
        else:
            listing = "; ".join(problems)
            message = f"{path}: {len(problems)} problems: {listing}"
        super().__init__(message)


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
