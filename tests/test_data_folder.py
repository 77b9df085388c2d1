"""The data folder: which one a command uses and why, what `init` makes, and folders that cannot
be found, read or written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_ERROR

from .conftest import REPO, Targets, snapshot
from .helpers import run, without_root_powers


def test_init_refuses_to_overwrite(targets, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    first = targets("init", str(folder))
    assert first.exit_code == 0
    bundled = (REPO / "data" / "targets.toml").read_text(encoding="utf-8")
    made = (folder / "targets.toml").read_text(encoding="utf-8")
    assert (
        made.replace("# current_plan =", "current_plan =").replace(
            "  # pins a plan; without it, commands use this year's plan", ""
        )
        == bundled
    )  # a folder made by init follows the date (test_office_year)
    before = snapshot(folder)
    again = targets("init", str(folder))
    assert again.exit_code == EXIT_ERROR
    assert again.stderr == f"Error: {folder / 'targets.toml'} already exists; not overwriting it\n"
    assert snapshot(folder) == before


def test_paths_say_which_files_and_why(targets, data_dir: Path, tmp_path: Path) -> None:
    result = targets("paths")
    assert result.stdout == (
        f"Data folder: {data_dir} (chosen by LAICHAU_TARGETS_DATA)\n"
        f"Plan:        {data_dir / 'targets.toml'}\n"
        f"Plan files:  {data_dir / 'plans' / '2021-2025.toml'}\n"
        f"             {data_dir / 'plans' / '2025.toml'}\n"
        f"             {data_dir / 'plans' / '2026.toml'}\n"
        f"             {data_dir / 'plans' / '2021-2030.toml'}\n"
        f"Record log:  {data_dir / 'records.jsonl'}\n"
        f"Caches:      {tmp_path / 'home' / '.cache' / 'laichau-targets'}\n"
    )  # the user's own cache folder ($XDG_CACHE_HOME), never the data folder


def test_data_option_wins_over_the_environment(targets, data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    targets("init", str(other))
    result = targets("--data", str(other), "paths")
    assert result.stdout.splitlines()[0] == f"Data folder: {other} (chosen by --data)"


def test_local_data_folder_then_the_users_own(targets, tmp_path: Path) -> None:
    result = targets("paths")
    user_folder = tmp_path / "home" / ".local" / "share" / "laichau-targets"
    assert result.stdout.splitlines()[0] == (
        f"Data folder: {user_folder} (your own data folder: no --data, no LAICHAU_TARGETS_DATA, no plan in ./data)"
    )
    assert (user_folder / "targets.toml").is_file()
    targets("init", str(tmp_path / "data"))
    result = targets("paths")
    assert (
        result.stdout.splitlines()[0]
        == f"Data folder: {tmp_path / 'data'} (chosen because ./data holds a plan)"
    )


def test_paths_says_a_missing_folder_does_not_exist(targets, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    result = targets("--data", str(missing), "paths")
    assert result.stdout.splitlines()[0] == f"Data folder: {missing} (chosen by --data)"
    assert result.stdout.splitlines()[-1] == (
        f"The data folder {missing} does not exist; `targets init {missing}` starts one."
    )


def test_init_copies_every_bundled_plan_file(targets, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    assert targets("init", str(folder)).exit_code == 0
    copied = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.toml"))
    assert copied == [
        "plans/2021-2025.toml",
        "plans/2021-2030.toml",
        "plans/2025.toml",
        "plans/2026.toml",
        "targets.toml",
    ]
    for name in copied:
        if name != "targets.toml":  # which follows the date: see test_office_year
            assert (folder / name).read_bytes() == (REPO / "data" / name).read_bytes()


@pytest.mark.reliability("odd environments")
def test_init_makes_files_with_the_users_umask(targets: Targets, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        result = targets("init", str(tmp_path / "shared"))
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE((tmp_path / "shared" / "targets.toml").stat().st_mode) == 0o644  # v0.1: 0600


@pytest.mark.reliability("odd environments")
def test_a_symlink_loop_as_data_folder_or_plan(targets: Targets, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = targets("--data", str(loop), "show")  # v0.1: RuntimeError traceback
    assert (result.exit_code, result.stderr) == (
        EXIT_ERROR,
        f"Error: {loop}/targets.toml: cannot be read (Too many levels of symbolic links)\n",
    )
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "targets.toml").symlink_to(folder / "targets.toml")
    result = targets("--data", str(folder), "show")
    assert result.exit_code == EXIT_ERROR and result.stderr.count("\n") == 1
    assert targets("report", "-o", str(loop)).exit_code == EXIT_ERROR


@pytest.mark.reliability("odd environments")
def test_no_home_directory(targets: Targets, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    def unknown(uid: int):
        raise KeyError(uid)

    for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "LAICHAU_TARGETS_DATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", unknown)
    result = targets("--data", str(folder), "show")
    assert result.exit_code == 0, result.output  # v0.1: RuntimeError even with --data
    nowhere = targets("show")
    assert (nowhere.exit_code, nowhere.stderr) == (
        EXIT_ERROR,
        "Error: cannot tell your home folder, where your data folder would be; "
        "give --data DIR or set LAICHAU_TARGETS_DATA\n",
    )


@pytest.mark.reliability("full disk")
@pytest.mark.parametrize("full_at", ["plan", "git files"])
def test_a_failed_init_leaves_nothing_behind(
    targets: Targets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_at: str
) -> None:
    import errno

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if full_at == "plan":
        monkeypatch.setattr(os, "link", disk_full)
    else:  # the plan is in place; the .gitattributes after it does not fit
        monkeypatch.setattr(Path, "write_text", disk_full)
    result = targets("init", str(tmp_path / "new" / "folder"))
    monkeypatch.undo()
    assert (result.exit_code, result.stderr) == (
        EXIT_ERROR,
        f"Error: {tmp_path}/new/folder: cannot make a data folder here (No space left on device)\n",
    )
    assert list(tmp_path.iterdir()) == []  # v0.1: an empty folder stayed


@pytest.mark.parametrize(
    ("mode", "args", "message"),
    [
        (
            0o555,
            ["record", "GRDP", "8.7", "--period", "2024"],
            "Error: {log}: cannot be written (Permission denied)",
        ),
        (0o555, ["undo"], "Error: {log}: cannot be written (Permission denied)"),
        (0o000, ["show"], "Error: {plan}: cannot be read (Permission denied)"),
        (0o000, ["record", "GRDP", "8.7"], "Error: {plan}: cannot be read (Permission denied)"),
    ],
)
@pytest.mark.reliability("read-only folders")
def test_unwritable_or_unreadable_folder(data_dir: Path, mode: int, args, message) -> None:
    prefix = without_root_powers()
    assert run("record", "FOREST", "51", "--period", "2024-Q1").returncode == 0
    log = data_dir / "records.jsonl"
    if mode == 0o555:
        log.chmod(0o444)
    before = snapshot(data_dir)
    data_dir.chmod(mode)
    try:
        result = run(*args, prefix=prefix)
    finally:
        data_dir.chmod(0o755)
        log.chmod(0o644)
    expected = message.format(plan=data_dir / "targets.toml", log=log)
    assert (result.returncode, result.stdout, result.stderr) == (EXIT_ERROR, "", expected + "\n")
    log.chmod(0o444) if mode == 0o555 else None
    assert snapshot(data_dir) == before
    log.chmod(0o644)
