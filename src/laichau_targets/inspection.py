"""What `paths` and `validate` tell about a data folder, with no Tracker: where its parts are, and
whether its plan files hold. Both must work when the plans do not load, so neither loads the log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .datafolder import DataFolder
from .errors import PlanError
from .values import Value

if TYPE_CHECKING:
    from pathlib import Path

    from .plans import Plan


class Paths(Value):
    """What `paths` tells: the data folder (and why it was chosen), its plan files and its log,
    found without reading a plan, so that a folder whose plans are broken can be told too."""

    def __init__(self, folder: DataFolder, plan_files: list[Path], exists: bool) -> None:
        self.folder = folder
        self.plan_files = plan_files  # the entry point's further plan files, as its [folder] names them
        self.exists = exists


class Validated(Value):
    """The plans `validate` checked: `path`, the file asked for (or the folder's entry point), and
    `entry`, the entry point above it that names it, when it is checked with that folder."""

    def __init__(
        self, path: Path, entry: Path | None, plans: list[Plan], error: PlanError | None = None
    ) -> None:
        self.path = path
        self.entry = entry
        self.plans = plans
        self.error = error  # every problem found; then no plan

    @property
    def checked(self) -> Path:
        """The file whose problems are told: the entry point that names the file given, else the file."""
        return self.entry or self.path


def paths(folder: DataFolder) -> Paths:
    """Where `folder`'s plan files and log are, read from its entry point alone (no plan is checked)."""
    from .plans import plan_files_named

    return Paths(folder, plan_files_named(folder.plan_path) or [], folder.path.is_dir())


def validate(path: Path, given: bool, plan_name: str | None = None) -> Validated:
    """Check the plan files of entry point `path` (all plans, or the one named); the problems
    found, every one, are the result's `error`. A file the user gave (`given`) that an entry
    point above it names is checked with that folder, and only its own plan is kept."""
    from .plans import entry_point_naming, load_plans

    entry = entry_point_naming(path) if given and path.is_file() else None
    try:
        found = load_plans(entry or path)
        chosen = [found.named(plan_name)] if plan_name else list(found.plans)
    except PlanError as exc:
        return Validated(path, entry, [], exc)
    if entry is not None:  # the file given, checked with the folder that names it
        chosen = [plan for plan in chosen if plan.path is not None and plan.path.resolve() == path.resolve()]
    return Validated(path, entry, chosen)
