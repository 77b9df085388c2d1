"""The plans of a data folder: person-written TOML files of indicators and their targets.

model.py holds what a plan says; fields.py, the one table of an indicator's keys; source.py,
reader.py and indicators.py read and check the files, every problem at once; folder.py finds
them; cache.py keeps the plans as checked. Only the model, the folder and the cache are loaded
when the cache answers.
"""

from __future__ import annotations

from pathlib import Path

from .folder import PLAN_FILE, bundled_data_path, bundled_plan_files, entry_point_naming, plan_files_named
from .model import (
    GROUPS,
    STATUSES,
    Baseline,
    Indicator,
    Override,
    Plan,
    Plans,
    SeriesBreak,
    Settings,
    Status,
    TermRule,
    unit_gone,
)

__all__ = [
    "GROUPS",
    "PLAN_FILE",
    "STATUSES",
    "Baseline",
    "Indicator",
    "Override",
    "Plan",
    "Plans",
    "SeriesBreak",
    "Settings",
    "Status",
    "TermRule",
    "bundled_data_path",
    "bundled_plan_files",
    "entry_point_naming",
    "load_plans",
    "plan_files_named",
    "unit_gone",
]


def load_plans(path: Path, cache_dir: Path | None = None) -> Plans:
    """Read and check the entry point `path` and every plan file it names, reporting every problem
    at once.

    With `cache_dir`, valid plans are cached for as long as their files and the code that reads
    them are the same, byte for byte (cache.py).
    """
    from .cache import cached_plans, keep_plans

    cached = cached_plans(cache_dir, path)
    if cached is not None:
        return cached
    from .reader import read_plans  # deferred: start-up (the cache spares reading)

    plans, sources = read_plans(path)
    if cache_dir is not None:
        keep_plans(cache_dir, path, sources, plans)
    return plans
