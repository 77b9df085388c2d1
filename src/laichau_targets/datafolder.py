"""Which data folder, plan file and record log a command uses, and where their caches live.

The caches live in the data folder itself (`.targets-cache/`, which git ignores), so that
one setting moves all state; a folder that cannot be written keeps them in the user's
cache folder instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import cachefile
from .errors import DataFolderError
from .plan import PLAN_FILE, bundled_data_path, bundled_plan_files
from .records import LOG_FILE

GIT_FILES = {
    ".gitattributes": f"# git merges the record log by keeping the lines of both sides\n{LOG_FILE} merge=union\n",
    ".gitignore": f"{cachefile.FOLDER}/\n",
}

DATA_ENV = "LAICHAU_TARGETS_DATA"
APP_NAME = "laichau-targets"


@dataclass
class DataFolder:
    """A folder holding a plan file and, beside it, its record log."""

    path: Path
    chosen_by: str  # option, env, local, user; or init for a folder just made
    cache_dir: Path | None = None

    @property
    def plan_path(self) -> Path:
        return self.path / PLAN_FILE

    @property
    def log_path(self) -> Path:
        return self.path / LOG_FILE


def user_data_path(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def user_cache_path(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP_NAME


def cache_folder(data: Path, environ: Mapping[str, str]) -> Path:
    """Inside the data folder, or in the user's cache folder when the data folder cannot be written."""
    if os.access(data, os.W_OK):
        return data / cachefile.FOLDER
    import zlib

    name = str(data.absolute()).encode("utf-8", "surrogateescape")
    return user_cache_path(environ) / f"folder-{zlib.crc32(name):08x}"


def find_data_folder(option: Path | None, environ: Mapping[str, str], cwd: Path) -> DataFolder:
    """--data, else LAICHAU_TARGETS_DATA, else ./data with a plan, else the user's folder."""
    if option is not None:
        return DataFolder(option, "option", cache_folder(option, environ))
    if environ.get(DATA_ENV):
        path = Path(environ[DATA_ENV])
        return DataFolder(path, "env", cache_folder(path, environ))
    local = cwd / "data"
    if (local / PLAN_FILE).is_file():
        return DataFolder(local, "local", cache_folder(local, environ))
    path = user_data_path(environ)
    if not (path / PLAN_FILE).exists():
        init_data_folder(path)
    return DataFolder(path, "user", cache_folder(path, environ))


def init_data_folder(path: Path) -> DataFolder:
    """A new data folder holding the bundled plans; refuses to overwrite a plan."""
    import shutil  # deferred: start-up (only init copies a plan)
    import tempfile  # deferred: start-up

    folder = DataFolder(path, "init")
    if folder.plan_path.exists():
        raise DataFolderError("error.plan_exists", path=folder.plan_path)
    if path.exists() and not path.is_dir():
        raise DataFolderError("error.not_a_folder", path=path)
    # Every bundled plan file, the entry point last: a folder holds a plan only once it is whole.
    names = sorted(bundled_plan_files(), key=lambda name: name == Path(PLAN_FILE))
    current = folder.plan_path
    try:
        for name in names:
            current = path / name
            current.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=current.parent, prefix=".targets-", suffix=".tmp")
            os.close(fd)
            try:
                shutil.copyfile(bundled_data_path() / name, temp)
                os.link(temp, current)  # fails, never overwrites, if a file appeared meanwhile
            finally:
                os.unlink(temp)
        for git_name, text in GIT_FILES.items():
            if not os.path.lexists(path / git_name):
                (path / git_name).write_text(text, encoding="utf-8")
    except FileExistsError:
        raise DataFolderError("error.plan_exists", path=current) from None
    except OSError as exc:
        raise DataFolderError("error.cannot_make_folder", path=path, reason=exc.strerror) from None
    return folder
