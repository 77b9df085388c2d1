"""Where a folder's plans are: its entry point, the plan files its [folder] table names, and the
plans that ship inside the package."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import PlanError

PLAN_FILE = "targets.toml"
PLANS_FOLDER = "plans"  # where the bundled folder keeps its further plan files


def bundled_data_path() -> Path:
    """The folder of plans that ships inside the package (in a source checkout, its `data/`)."""
    from importlib import resources  # deferred: start-up

    packaged = Path(str(resources.files("laichau_targets") / "data"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"  # an editable install of a checkout


def bundled_plan_files() -> list[Path]:
    """Every file of the bundled plans, as paths relative to the bundled folder: what `init` copies."""
    base = bundled_data_path()
    return [Path(PLAN_FILE), *(p.relative_to(base) for p in sorted((base / PLANS_FOLDER).glob("*.toml")))]


def entry_point_naming(path: Path) -> Path | None:
    """The entry point `path` belongs to, if any: the nearest targets.toml above it (where it
    stands, else where a symlink leads) when that names it as a plan file, or cannot be read
    to say (its own problems come first then).

    Such a file may give only targets for indicators another file describes: it can be
    checked only with the folder it belongs to.
    """
    wanted = path.resolve()
    for start in dict.fromkeys([path.absolute(), wanted]):
        for folder in start.parents:
            entry = folder / PLAN_FILE
            if entry.resolve() == wanted or not entry.is_file():
                continue
            named = plan_files_named(entry)
            if named is None or any(file.resolve() == wanted for file in named):
                return entry if path.is_absolute() else Path(os.path.relpath(entry))
            break  # the nearest entry point does not name it: it is a plan of its own
    return None


def plan_files_named(entry: Path) -> list[Path] | None:
    """The further plan files an entry point's [folder] names; None when it cannot be read."""
    from .reader import files_named  # deferred: start-up (a cached plan is not read)

    try:
        return [entry.parent / name for name in files_named(entry)]
    except PlanError:
        return None
