"""The cache of the plans proves itself by the bytes of the files: an edit is seen by the next
command, however it keeps the file's size and time, and a file that became hostile is refused."""

from __future__ import annotations

import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from laichau_targets.datafolder import init_data_folder
from laichau_targets.plans import bundled_data_path, load_plans

from .helpers import run


@pytest.mark.reliability("malformed plans")
@pytest.mark.parametrize("kind", ["fifo", "zero", "50 MB"])
def test_a_cached_plan_file_that_became_hostile_is_refused_not_read_for_ever(
    tmp_path: Path, kind: str
) -> None:
    """The cache of the plans reads the files it proves itself by as the reader does: a FIFO or a
    link to /dev/zero in a plan file's place once kept every command waiting, or eating memory."""
    folder = tmp_path / "data"
    init_data_folder(folder)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run("--data", str(folder), "show", env=env).returncode == 0  # the plans are cached
    assert any((tmp_path / "cache").rglob("plans-*"))
    file = folder / "plans" / "2025.toml"
    if kind == "50 MB":
        file.write_bytes(file.read_bytes() + b"#" * 50_000_000)
        problem = "is larger than 10 MB, too large to be a plan"
    else:
        file.unlink()
        os.mkfifo(file) if kind == "fifo" else file.symlink_to("/dev/zero")
        problem = "is not a regular file" if kind == "fifo" else "is not a file inside the data folder"
    result = run("--data", str(folder), "show", env=env)  # within run's time limit
    assert (result.returncode, result.stdout) == (2, "")
    assert problem in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.reliability("cache corruption")
def test_a_plan_changed_within_one_timestamp_tick_is_read_anew(targets, data_dir: Path) -> None:
    path = data_dir / "targets.toml"
    assert "≈ 9%" in targets("show").stdout
    stat = path.stat()
    text = path.read_bytes()
    other = text.replace(b"target = 9\n", b"target = 8\n", 1)
    with open(path, "r+b") as handle:
        handle.write(other)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert "≈ 8%" in targets("show").stdout


def test_a_plan_edited_after_it_was_read_is_read_again(targets, data_dir: Path) -> None:
    assert "about 9%" in targets("list").stdout
    plan = data_dir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 9\n", "target = 9.5\n"), encoding="utf-8"
    )
    assert "about 9.5%" in targets("list").stdout
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 9.5\n", "target = \n"), encoding="utf-8"
    )
    broken = targets("list")
    assert broken.exit_code == 2 and "not valid TOML" in broken.stderr


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled plans."""
    shutil.copytree(bundled_data_path(), tmp_path / "d")
    return tmp_path / "d" / "targets.toml"


def grdp_2025(entry: Path) -> Decimal:
    """The 2025 GRDP target, as load_plans reads it."""
    return load_plans(entry).named("2025").indicator("GRDP").target


def test_an_edit_to_a_plan_file_is_seen_by_the_next_command(targets, bundled: Path, tmp_path: Path) -> None:
    """The cache of the plans proves itself by the bytes of the files: an edit that keeps the
    file's size and modification time, as `git checkout` or `cp -p` may, is never read stale."""
    folder, edited = bundled.parent, bundled.parent / "plans" / "2025.toml"

    def grdp_target() -> object:
        result = targets("--data", str(folder), "--plan", "2025", "report", "--format", "json")
        assert (result.exit_code, result.stderr) == (0, "")
        return next(row for row in json.loads(result.stdout)["indicators"] if row["code"] == "GRDP")["target"]

    assert (grdp_target(), grdp_2025(bundled)) == (8, Decimal("8"))
    before = edited.stat()
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("target = 8\n", "target = 9\n", 1), encoding="utf-8"
    )
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = edited.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert (grdp_target(), grdp_2025(bundled)) == (9, Decimal("9"))
    written = [p.name.split("-")[0] for p in (tmp_path / "home").rglob("*") if p.is_file()]
    assert written == ["plans"]  # the plans were cached, in the user's cache folder only
    assert sorted(p.name for p in folder.iterdir()) == ["plans", "targets.toml"]
