"""Where output goes: devices, FIFOs, read-only folders and the folder's own files for a report;
a full, closed or broken standard output."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_WRITTEN_NOT_PRINTED

from .conftest import Targets, snapshot
from .helpers import TARGETS, device, run, run_process, without_root_powers


@pytest.mark.reliability("special output targets")
def test_output_to_a_device_writes_through_and_never_replaces_it(
    targets: Targets, folder: Path, tmp_path: Path
) -> None:
    null = device(tmp_path, "null")
    before = os.stat(null)
    result = targets("report", "-o", str(null))
    assert (result.exit_code, result.output) == (0, "")
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino  # v0.1 (as root): a 0644 file


@pytest.mark.reliability("special output targets")
def test_output_to_a_fifo_writes_through_it(targets: Targets, folder: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = targets("report", "-f", "csv", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # v0.1 replaced the FIFO by a file
    targets("report", "-f", "csv", "-o", str(tmp_path / "report.csv"))
    assert received == [(tmp_path / "report.csv").read_bytes()]


@pytest.mark.reliability("special output targets")
def test_output_to_dev_stdout_and_dev_full(folder: Path, tmp_path: Path) -> None:
    through = run("report", "-f", "json", "-o", "/dev/stdout")
    assert (through.returncode, through.stdout) == (0, run("report", "-f", "json").stdout)
    full_device = device(tmp_path, "full")
    full = run("report", "-o", str(full_device))
    assert (full.returncode, full.stdout) == (EXIT_ERROR, "")
    assert full.stderr == f"Error: {full_device}: cannot be written (No space left on device)\n"
    assert stat.S_ISCHR(full_device.stat().st_mode)


@pytest.mark.reliability("special output targets")
def test_a_replaced_report_keeps_its_mode_and_a_new_one_gets_the_umask(
    targets: Targets, folder: Path, tmp_path: Path
) -> None:
    private = tmp_path / "private.md"
    private.write_text("old", encoding="utf-8")
    private.chmod(0o600)
    assert targets("report", "-o", str(private)).exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600  # v0.1: 0644, readable by all
    assert private.read_text(encoding="utf-8").startswith("# Lai Châu 2024")
    old = os.umask(0o027)
    try:
        assert targets("report", "-o", str(tmp_path / "new.md")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp left


@pytest.mark.reliability("special output targets")
@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("", "Error: --output needs a file name\n"),  # v0.1: "`.`: Is a directory"
        (".", "Error: .: is a folder; give --output a file name\n"),
        ("missing/r.md", "Error: missing/r.md: cannot be written (No such file or directory)\n"),
    ],
)
def test_output_that_is_no_file_name(targets: Targets, folder: Path, output: str, message: str) -> None:
    result = targets("report", "-o", output)
    assert (result.exit_code, result.stdout, result.stderr) == (EXIT_ERROR, "", message)


@pytest.mark.reliability("read-only folders")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "-o", "{ro}/report.md"], "Error: {ro}/report.md: cannot be written (Permission denied)"),
        (["init", "{ro}/new"], "Error: {ro}/new: cannot make a data folder here (Permission denied)"),
    ],
)
def test_a_read_only_folder_for_a_report_or_a_new_data_folder(
    folder: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    prefix = without_root_powers()
    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    try:
        result = run(*[a.format(ro=read_only) for a in args], prefix=prefix)
    finally:
        read_only.chmod(0o755)
    assert (result.returncode, result.stdout, result.stderr) == (
        EXIT_ERROR,
        "",
        message.format(ro=read_only) + "\n",
    )
    assert list(read_only.iterdir()) == []


FULL = "Error: standard output cannot be written (No space left on device)\n"


def run_into(target: int | None, *args: str, close_stdout: bool = False) -> subprocess.CompletedProcess[str]:
    """The console script with its standard output on `target` (or closed)."""
    return run_process(
        [*TARGETS, *args],
        stdout=target,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
    )


@pytest.mark.reliability("full disk")
@pytest.mark.parametrize(
    "args",
    [
        ["report"],
        ["report", "-f", "json"],
        ["report", "-f", "xlsx"],
        ["show"],
        ["history"],
        ["list"],
        ["check"],
        ["validate"],
        ["paths"],
        [],
        ["--help"],
        ["--version"],
    ],
)
def test_a_full_standard_output_is_one_error_line(folder: Path, tmp_path: Path, args: list[str]) -> None:
    run("record", "SUM", "100", "--period", "2024-06")
    with open(device(tmp_path, "full"), "w") as full:
        result = run_into(full.fileno(), *args)
    assert (result.returncode, result.stderr) == (EXIT_ERROR, FULL)  # v0.1: OSError traceback, exit 1


@pytest.mark.reliability("full disk")
@pytest.mark.parametrize(
    ("env", "args"),
    [("vi", ["--version"]), ("vi", ["--help"]), ("vi", ["show"]), ("en", ["--lang", "vi", "--help"])],
)
def test_a_full_standard_output_is_told_in_the_readers_language_before_the_options_are_read_too(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: str, args: list[str]
) -> None:
    monkeypatch.setenv("LAICHAU_TARGETS_LANG", env)
    with open(device(tmp_path, "full"), "w") as full:
        result = run_into(full.fileno(), *args)
    assert (result.returncode, result.stderr) == (
        EXIT_ERROR,
        "Lỗi: không ghi được ra đầu ra chuẩn (No space left on device)\n",
    )


@pytest.mark.reliability("special output targets")
@pytest.mark.parametrize("args", [["report", "-f", "xlsx"], ["report", "-f", "json"], ["show"], ["--help"]])
def test_a_closed_standard_output_is_one_error_line(folder: Path, tmp_path: Path, args: list[str]) -> None:
    """A workbook is written as bytes: `report -f xlsx >&-` once ended in an AttributeError traceback."""
    with open(device(tmp_path, "full"), "w") as full:
        result = run_into(full.fileno(), *args, close_stdout=True)
    assert (result.returncode, result.stderr) == (
        EXIT_ERROR,
        "Error: standard output cannot be written (Bad file descriptor)\n",
    )


@pytest.mark.reliability("full disk")
@pytest.mark.parametrize("close_stdout", [False, True], ids=["full", "closed"])
def test_record_and_undo_say_the_record_was_written_when_stdout_fails(
    folder: Path, tmp_path: Path, close_stdout: bool
) -> None:
    with open(device(tmp_path, "full"), "w") as full:
        recorded = run_into(
            full.fileno(), "record", "SUM", "100", "--period", "2024", close_stdout=close_stdout
        )
        assert recorded.returncode == EXIT_WRITTEN_NOT_PRINTED  # v0.1: exit 1, so a script recorded twice
        history = run("history").stdout.splitlines()
        assert len(history) == 2
        record_id = history[1].split()[0].lstrip("#")
        reason = "Bad file descriptor" if close_stdout else "No space left on device"
        assert recorded.stderr == (
            f"Error: record #{record_id} WAS written to the log, but standard output failed ({reason}); "
            "do not record it again\n"
        )
        undone = run_into(full.fileno(), "undo", close_stdout=close_stdout)
    assert undone.returncode == EXIT_WRITTEN_NOT_PRINTED
    assert undone.stderr.startswith("Error: record #") and " WAS written to the log" in undone.stderr
    assert len(run("history").stdout.splitlines()) == 3  # the header, the record and its retraction


@pytest.mark.reliability("special output targets")
@pytest.mark.parametrize("args", [["show"], ["report"], ["history"], ["list"], ["check"], ["--help"]])
def test_a_broken_pipe_ends_quietly_and_not_with_status_1(folder: Path, args: list[str]) -> None:
    run("record", "SUM", "100", "--period", "2024-06")
    reading, writing = os.pipe()
    os.close(reading)  # the reader has gone before the first byte: every write is a broken pipe
    try:
        result = run_into(writing, *args)
    finally:
        os.close(writing)
    assert (result.returncode, result.stderr) == (EXIT_BROKEN_PIPE, "")  # v0.1: 1, "check failed"


@pytest.mark.reliability("special output targets")
def test_a_broken_pipe_after_record_still_says_it_was_written(folder: Path) -> None:
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = run_into(writing, "record", "SUM", "100", "--period", "2024")
    finally:
        os.close(writing)
    assert result.returncode == EXIT_WRITTEN_NOT_PRINTED
    assert "WAS written to the log, but standard output failed (Broken pipe)" in result.stderr


@pytest.mark.reliability("full disk")
def test_a_report_that_does_not_fit_on_the_disk_leaves_the_old_one_whole(
    targets: Targets, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    report = tmp_path / "report.md"
    report.write_text("the report of yesterday", encoding="utf-8")

    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", disk_full)
    result = targets("report", "-o", str(report))
    monkeypatch.undo()
    assert (result.exit_code, result.stderr) == (
        EXIT_ERROR,
        f"Error: {report}: cannot be written (No space left on device)\n",
    )
    assert report.read_text(encoding="utf-8") == "the report of yesterday"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


@pytest.mark.reliability("special output targets")
def test_output_into_a_missing_folder_is_an_error(targets, figures: Path, tmp_path: Path) -> None:
    result = targets("report", "--output", str(tmp_path / "nowhere" / "r.md"))
    assert result.exit_code == EXIT_ERROR
    assert (
        result.stderr
        == f"Error: {tmp_path / 'nowhere' / 'r.md'}: cannot be written (No such file or directory)\n"
    )


@pytest.mark.parametrize(
    "name",
    ["records.jsonl", "targets.toml", "plans/2025.toml", "plans/../records.jsonl", "link", "hard link"],
)
def test_a_report_is_never_written_over_the_folders_own_files(
    targets, figures: Path, tmp_path: Path, name: str
) -> None:
    """A report over the log (or the plan) would have replaced every record with a report."""
    if name == "link":
        output = tmp_path / "link.md"
        output.symlink_to(figures / "records.jsonl")
    elif name == "hard link":
        output = tmp_path / "hard.md"
        output.hardlink_to(figures / "records.jsonl")
    else:
        output = figures / name
    before = snapshot(figures)
    for lang, prefix, says in [
        (
            "en",
            "Error",
            "is a file of the data folder (its plan or its record log); not writing a report over it",
        ),
        ("vi", "Lỗi", "là tệp của thư mục dữ liệu (kế hoạch hoặc sổ ghi số liệu); không ghi báo cáo đè lên"),
    ]:
        refused = targets("--lang", lang, "report", "-o", str(output), "--format", "md")
        assert (refused.exit_code, refused.stdout, refused.stderr) == (
            EXIT_ERROR,
            "",
            f"{prefix}: {output}: {says}\n",
        )
    assert snapshot(figures) == before
    assert targets("history").stdout.count("\n") == 7  # the header and every record still there


TEMPORARY = (
    "Error: the report cannot be made: a temporary file cannot be written (IO_EFBIG); is the disk full?\n"
)


def _disk_nearly_full(limit: int) -> None:
    """In the child: files may grow to `limit` bytes, as on a disk with that much free, and a
    write past it fails with EFBIG instead of killing the process. Needs no root, unlike a tmpfs."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.reliability("full disk")
@pytest.mark.parametrize(
    "args",
    [
        ["report", "-f", "csv"],
        ["report", "-f", "md"],
        ["report", "-f", "xlsx"],
        ["report", "-f", "docx"],
        ["show"],
    ],
)
def test_a_disk_that_fills_partway_through_is_one_error_line_not_a_short_file(
    figures: Path, tmp_path: Path, args: list[str]
) -> None:
    """v0.2: `report --format csv > file` on a disk with 24 KB free wrote 24,576 of 100,481 bytes
    and exited 0."""
    whole = run_process([*TARGETS, *args], capture_output=True, env={**os.environ, "COLUMNS": "120"})
    assert whole.returncode == 0 and len(whole.stdout) > 1024
    limit = 1024  # the output is longer: it is cut partway through
    before = snapshot(figures)
    out = tmp_path / "out"
    with open(out, "wb") as handle:
        cut = run_process(
            [*TARGETS, *args],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            timeout=60,
            env={**os.environ, "COLUMNS": "120"},
            preexec_fn=lambda: _disk_nearly_full(limit),
        )
    # A workbook is made in temporary files first (openpyxl): the same full disk stops it there.
    said = TEMPORARY if "xlsx" in args else "Error: standard output cannot be written (File too large)\n"
    assert (cut.returncode, cut.stderr) == (EXIT_ERROR, said)
    assert out.stat().st_size <= limit
    assert snapshot(figures) == before


@pytest.mark.reliability("full disk")
@pytest.mark.parametrize("fmt", ["md", "csv", "xlsx", "docx", "html"])
def test_output_to_a_file_on_a_full_disk_keeps_the_old_file(figures: Path, tmp_path: Path, fmt: str) -> None:
    old = tmp_path / f"bao-cao.{fmt}"
    old.write_bytes(b"the report of last month\n")
    before = snapshot(figures)
    refused = run_process(
        [*TARGETS, "report", "-o", str(old)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: _disk_nearly_full(512),
    )
    assert refused.returncode == EXIT_ERROR and refused.stdout == ""
    said = TEMPORARY if fmt == "xlsx" else f"Error: {old}: cannot be written (File too large)\n"
    assert refused.stderr == said
    assert old.read_bytes() == b"the report of last month\n"  # as it was
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no half file left beside it
    assert snapshot(figures) == before
