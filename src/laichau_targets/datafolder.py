"""Which data folder, plan file and record log a command uses, and where the cache lives.

One setting moves all data. The cache of the log is no data: it lives in the user's own cache
folder, never in the data folder, so that nothing travelling with the data is believed as a
cache (cache.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import DataFolderError
from .plans import PLAN_FILE, bundled_data_path, bundled_plan_files
from .records import BACKUP_FILE, LOG_FILE, TORN_FILE, V01_LOG_FILE
from .values import Value

GIT_FILES = {
    ".gitattributes": f"# git merges the record log by keeping the lines of both sides\n{LOG_FILE} merge=union\n",
    ".gitignore": f"# what stays on this machine: interrupted writes moved out of the log\n{TORN_FILE}\n",
}

DATA_ENV = "LAICHAU_TARGETS_DATA"
APP_NAME = "laichau-targets"


class DataFolder(Value):
    """A folder holding a plan file and, beside it, its record log."""

    def __init__(self, path: Path, chosen_by: str, cache_dir: Path | None = None) -> None:
        self.path = path
        self.chosen_by = chosen_by  # option, env, local, user; or init for a folder just made
        self.cache_dir = cache_dir

    @property
    def plan_path(self) -> Path:
        return self.path / PLAN_FILE

    @property
    def log_path(self) -> Path:
        return self.path / LOG_FILE

    def holds(self, path: Path, plan_files: Iterable[Path]) -> bool:
        """Whether `path` is one of the folder's data files, under any name: its plan files (as
        the loaded plans name them), its log, a v0.1 log and its backup (what a report written
        there would destroy)."""
        own = [
            *plan_files,
            self.log_path,
            *(self.path / name for name in (V01_LOG_FILE, BACKUP_FILE, TORN_FILE)),
        ]
        with contextlib.suppress(OSError):
            if any(os.path.samefile(path, file) for file in own if file.exists()):
                return True
        with contextlib.suppress(OSError, RuntimeError):
            return path.resolve() in {file.resolve() for file in own}
        return False


def _home() -> Path | None:
    """The user's home folder, or None when neither $HOME nor the password database knows it."""
    try:
        return Path.home()
    except (RuntimeError, KeyError):
        return None


def _absolute(base: str | None) -> str | None:
    """An XDG base folder as its specification wants it: absolute, else ignored (a relative one would
    put a cache wherever the command runs, a data folder among them)."""
    return base if base and os.path.isabs(base) else None


def user_data_path(environ: Mapping[str, str]) -> Path:
    base = _absolute(environ.get("XDG_DATA_HOME"))
    if not base:
        home = _home()
        if home is None:
            raise DataFolderError("error.no_home", env=DATA_ENV)
        base = str(home / ".local" / "share")
    return Path(base) / APP_NAME


def user_cache_path(environ: Mapping[str, str]) -> Path | None:
    """The user's own cache folder; None (no cache, only slower) when there is no home folder to hold it."""
    base = _absolute(environ.get("XDG_CACHE_HOME"))
    if not base:
        home = _home()
        if home is None:
            return None
        base = str(home / ".cache")
    return Path(base) / APP_NAME


def find_data_folder(option: Path | None, environ: Mapping[str, str], cwd: Path) -> DataFolder:
    """--data, else LAICHAU_TARGETS_DATA, else ./data with a plan, else the user's folder."""
    if option is not None:
        return DataFolder(option, "option", user_cache_path(environ))
    if environ.get(DATA_ENV):
        path = Path(environ[DATA_ENV])
        return DataFolder(path, "env", user_cache_path(environ))
    local = cwd / "data"
    if (local / PLAN_FILE).is_file():
        return DataFolder(local, "local", user_cache_path(environ))
    path = user_data_path(environ)
    if not (path / PLAN_FILE).exists():
        init_data_folder(path)
    return DataFolder(path, "user", user_cache_path(environ))


def init_data_folder(path: Path, follow_date: bool = False) -> DataFolder:
    """A new data folder holding the bundled plans; refuses to overwrite a plan. With
    `follow_date` (`targets init`), the folder pins no plan: commands use this year's.

    The plans get the user's umask, like any file they make: in a shared folder, colleagues
    can read them. When they cannot be written (a full disk), the files and folders made for
    them are removed.
    """
    import secrets  # deferred: start-up (only init writes a plan)

    folder = DataFolder(path, "init")
    if folder.plan_path.exists():
        raise DataFolderError("error.plan_exists", path=folder.plan_path)
    if path.exists() and not path.is_dir():
        raise DataFolderError("error.not_a_folder", path=path)
    made = [p for p in (path, *path.parents) if not os.path.lexists(p)]
    written: list[Path] = []
    # Every bundled plan file, the entry point last: a folder holds a plan only once it is whole.
    names = sorted(bundled_plan_files(), key=lambda name: name == Path(PLAN_FILE))
    current = folder.plan_path
    try:
        for name in names:
            current = path / name
            if not os.path.lexists(current.parent):
                made.insert(0, current.parent)
            current.parent.mkdir(parents=True, exist_ok=True)
            temp = current.parent / f".targets-{secrets.token_hex(6)}.tmp"
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                with os.fdopen(fd, "wb") as handle:
                    data = (bundled_data_path() / name).read_bytes()
                    handle.write(_unpinned(data) if follow_date and name == Path(PLAN_FILE) else data)
                os.link(temp, current)  # fails, never overwrites, if a file appeared meanwhile
                written.append(current)
            finally:
                os.unlink(temp)
        for git_name, text in GIT_FILES.items():
            if not os.path.lexists(path / git_name):
                written.append(path / git_name)
                (path / git_name).write_text(text, encoding="utf-8")
    except FileExistsError:
        raise DataFolderError("error.plan_exists", path=current) from None
    except OSError as exc:  # a full disk: take back what this init wrote, and the folders it made
        for done in written:
            with contextlib.suppress(OSError):
                os.unlink(done)
        for made_folder in made:  # deepest first; one that is not empty stays
            try:
                os.rmdir(made_folder)
            except OSError:
                break
        raise DataFolderError("error.cannot_make_folder", path=path, reason=exc.strerror) from None
    return folder


def _unpinned(entry: bytes) -> bytes:
    """The bundled entry point with its pinned plan left as a comment, for a folder that follows the date."""
    import re

    return re.sub(
        rb"(?m)^current_plan\s*=\s*(.*)$",
        rb"# current_plan = \1  # pins a plan; without it, commands use this year's plan",
        entry,
        count=1,
    )
