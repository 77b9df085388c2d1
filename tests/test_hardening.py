"""Issue 9: no typed value, plan number, output target or text can crash `targets` or print a wrong figure.

Each test names the item of the issue it covers; each failed on v0.1.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from laichau_targets.cli import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_WRITTEN_NOT_PRINTED
from laichau_targets.datafolder import DataFolder
from laichau_targets.errors import NumberError
from laichau_targets.formatting import human, plain, rounded

from .conftest import Targets, snapshot
from .helpers import TARGETS, run, run_process, start_process, without_root_powers

RANGE = "a finite number of at most 20 significant digits, smaller than 10^18 in size and no finer than 10^-9"

PLAN = """[plan]
province = "{province}"
year = 2024
title = "Plan"
site = "example.org"
author = "Someone"
{settings}
[[indicator]]
code = "RATE"
name_vi = "Tốc độ"
name_en = "Rate"
unit = "%"
target = {rate_target}
comparison = "{rate_comparison}"
kind = "growth_rate"
source = "s"
{rate_extra}
[[indicator]]
code = "SUM"
name_vi = "Tổng"
name_en = "Sum"
unit = "đồng"
target = {sum_target}
comparison = "{sum_comparison}"
kind = "{sum_kind}"
source = "s"
{sum_extra}
"""

PLAIN_PLAN = dict(
    province="Lai Châu",
    settings="",
    rate_target="9",
    rate_comparison="about",
    rate_extra="",
    sum_target="2236",
    sum_comparison="at_least",
    sum_kind="accumulating",
    sum_extra="",
)


def write_plan(folder: Path, **changes: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / "targets.toml"
    plan.write_text(PLAN.format(**{**PLAIN_PLAN, **changes}), encoding="utf-8")
    return plan


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with a small plan of its own (a rate and a quantity), chosen by the environment."""
    where = tmp_path / "plan-folder"
    write_plan(where)
    monkeypatch.setenv("LAICHAU_TARGETS_DATA", str(where))
    return where


def log_of(folder: Path) -> Path:
    return DataFolder(folder, "test").log_path


def device(tmp_path: Path, name: str) -> Path:
    """/dev/null or /dev/full; as root, a private node of the same device, so that a regression that
    replaced its target (as v0.1 did) could not break the machine's own /dev/null."""
    if os.geteuid() != 0:
        return Path("/dev") / name
    node = tmp_path / name
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, {"null": 3, "full": 7}[name]))
    return node


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


# --- item 1: values outside the range of a figure are refused before anything is written ---------


@pytest.mark.reliability("bad values")
@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("10000000000000000000000000", "1.000000e+25"),  # v0.1 wrote it; show/report/check then died
        ("0." + "0" * 400 + "1", "1E-401"),  # v0.1: OverflowError after writing
        ("1000000000000000000", "1000000000000000000"),  # 10^18: just beyond
        ("-1000000000000000000", "-1000000000000000000"),
        ("1234567890.12345678901", "1234567890.12345678901"),  # 21 significant digits
        ("0.0000000001", "1E-10"),  # finer than 10^-9
    ],
)
def test_out_of_range_figures_are_refused_and_nothing_is_written(
    targets: Targets, folder: Path, typed: str, quoted: str
) -> None:
    targets("record", "SUM", "100", "--period", "2024-06")
    before = snapshot(folder)
    result = targets("record", "SUM", typed, "--period", "2024", "--locale", "en")
    assert (result.exit_code, result.stdout) == (EXIT_ERROR, "")
    assert result.stderr == f"Error: {quoted} is outside the range a figure may have: {RANGE}\n"
    assert snapshot(folder) == before


@pytest.mark.reliability("bad values")
def test_every_entry_path_uses_the_same_range_check(folder: Path) -> None:
    from laichau_targets.tracker import Tracker, check_value

    tracker = Tracker(DataFolder(folder, "test"))
    with pytest.raises(NumberError):  # what `import` and any other way in will call
        check_value(tracker.plan.indicator("SUM"), Decimal("1e30"))
    with pytest.raises(NumberError):
        tracker.record("SUM", "1" + "0" * 30, "2024")
    assert not log_of(folder).exists()


@pytest.mark.reliability("bad values")
def test_the_edges_of_the_range_are_recorded_and_printed_exactly_everywhere(
    targets: Targets, folder: Path
) -> None:
    for typed in ("999999999999999999.99", "0.000000001", "12345678901234567.5", "-999999999999999999"):
        done = targets("record", "SUM", typed, "--period", "2024", "--locale", "en")
        assert done.exit_code == 0, done.output
        for args in (["show"], ["show", "--wide"], ["history"], ["check"], ["list"]):
            no_traceback(targets(*args))
        data = json.loads(targets("report", "--format", "json").stdout, parse_float=Decimal)
        assert data["indicators"][1]["actual"] == Decimal(typed)  # v0.1: 1.2345678901234568e+16
        csv_row = targets("report", "--format", "csv").stdout.splitlines()[2].split(",")
        assert Decimal(csv_row[8]) == Decimal(typed)
        for fmt in ("md", "html", "text"):
            no_traceback(targets("report", "--format", fmt))
    undone = targets("undo")
    assert undone.exit_code == 0


def test_plain_and_rounded_keep_every_digit_at_any_size_and_never_write_minus_zero() -> None:
    # v0.1: quantize() raised InvalidOperation beyond 28 digits, normalize() dropped digits
    assert plain(Decimal("123456789012345678901234567890.5")) == "123456789012345678901234567890.5"
    assert plain(Decimal("1E+29")) == "1" + "0" * 29
    assert rounded(Decimal("123456789012345678901234567.895"), 2) == Decimal("123456789012345678901234567.90")
    assert plain(Decimal("-0")) == "0"
    assert human(Decimal("-0.001"), "en", 2) == "0"  # v0.1: "-0" (item 9: "-0%")
    assert plain(rounded(Decimal("-0.004"), 2)) == "0"


# --- items 1 and 2: plan numbers, and every command on every plan that validates -----------------

HOSTILE_PLAN_NUMBERS = [
    "nan",
    "inf",
    "-inf",
    "1e400",
    "1e999999999",  # past what the arithmetic context holds: Overflow, once
    "1e-30",
    "0e-999999999",  # a zero written with a billion decimals: MemoryError, once
    "1" + "0" * 5000,
    "123456789012345678901",
    "1.00000000000000000000000000001",  # 30 digits, which normalize() rounded to 1, once
]


@pytest.mark.reliability("malformed plans")
@pytest.mark.parametrize("number", HOSTILE_PLAN_NUMBERS, ids=lambda n: n[:12])
@pytest.mark.parametrize(
    ("change", "key", "where"),
    [
        (lambda n: {"rate_target": n}, "target", "indicator RATE: target"),
        (lambda n: {"rate_extra": f"min = {n}"}, "min", "indicator RATE: min"),
        (lambda n: {"sum_extra": f"max = {n}"}, "max", "indicator SUM: max"),
        (
            lambda n: {"settings": f"[settings]\nexceed_margin = {n}"},
            "exceed_margin",
            "[settings] exceed_margin",
        ),
        (
            lambda n: {"rate_comparison": "range", "rate_target": f"[{n}, 10]"},
            "target",
            "indicator RATE: target",
        ),
    ],
    ids=["target", "min", "max", "margin", "range"],
)
def test_validate_refuses_each_plan_number_out_of_range_with_its_line(
    targets: Targets, tmp_path: Path, number: str, change, key: str, where: str
) -> None:
    plan = write_plan(tmp_path / "p", **change(number))
    line = next(n for n, text in enumerate(plan.read_text().splitlines(), 1) if text.startswith(f"{key} ="))
    result = targets("validate", str(plan))
    assert result.exit_code == EXIT_ERROR
    if len(number) > 4300:  # beyond what Python converts: found by its digits, before any key is read
        problem = f"line {line}: a number with thousands of digits; a plan number must be {RANGE}"
    else:
        problem = f"line {line}: {where} must be {RANGE}"
    assert result.stderr == f"Error: {plan}: {problem}\n"  # one problem: one line
    for command in (["show"], ["report", "-f", "json"], ["record", "RATE", "8.7", "--period", "2024"]):
        refused = targets("--data", str(plan.parent), *command)
        assert (refused.exit_code, refused.stdout) == (EXIT_ERROR, "")
        assert refused.stderr.startswith(f"Error: {plan}: ") and refused.stderr.count("\n") == 1


in_range = st.decimals(
    min_value=Decimal("-999999999999999999"), max_value=Decimal("999999999999999999"), places=2
).map(lambda d: d.normalize() if d.is_finite() else d)
tiny = st.decimals(min_value=Decimal("-1"), max_value=Decimal("1"), places=9)
plan_number = st.one_of(
    in_range.map(plain),
    tiny.map(plain),
    st.sampled_from(["0", "-0", "0.000000001", "999999999999999999.99", *HOSTILE_PLAN_NUMBERS]),
)
figure = st.one_of(in_range, tiny, st.sampled_from([Decimal("12345678901234567.5"), Decimal("-0.000000001")]))
plan_changes = st.fixed_dictionaries(
    {
        "rate_target": plan_number,
        "rate_comparison": st.sampled_from(["about", "at_least", "at_most"]),
        "sum_target": plan_number,
        "sum_comparison": st.sampled_from(["at_least", "at_most", "about"]),
        "sum_kind": st.sampled_from(["accumulating", "level"]),
        "rate_extra": st.one_of(st.just(""), plan_number.map(lambda n: f"min = {n}")),
        "sum_extra": st.one_of(st.just(""), plan_number.map(lambda n: f"max = {n}")),
        "settings": st.one_of(
            st.just(""),
            st.tuples(plan_number, plan_number).map(
                lambda p: f"[settings]\nexceed_margin = {p[0]}\nat_risk_band = {p[1]}"
            ),
        ),
    }
)


@pytest.mark.reliability("malformed plans")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plan_changes,
    st.lists(st.tuples(figure, st.sampled_from(["2024", "2024-Q1", "2024-H1", "2024-09"])), max_size=3),
    st.sampled_from(["en", "vi"]),
)
def test_every_command_works_on_every_plan_that_validates(targets: Targets, changes, figures, lang) -> None:
    with tempfile.TemporaryDirectory() as where:
        write_plan(Path(where), **changes)
        numbers = re.findall(r"[-\w.]+", " ".join(changes.values()))
        hostile = any(n in HOSTILE_PLAN_NUMBERS for n in numbers)
        env = {"LAICHAU_TARGETS_DATA": where, "LAICHAU_TARGETS_LANG": lang}
        checked = _invoke(targets, env, "validate")
        no_traceback(checked)
        if hostile:
            assert checked.exit_code == EXIT_ERROR
        event("plan valid" if checked.exit_code == 0 else "plan refused")
        if checked.exit_code != 0:
            return
        for value, period in figures:
            done = _invoke(targets, env, "record", "SUM", plain(value), "--period", period, "--locale", "en")
            assert done.exit_code in (0, EXIT_ERROR)  # a figure outside min/max is refused
        for args in (
            ["show"],
            ["show", "--wide"],
            ["check"],
            ["check", "--strict"],
            ["history"],
            ["list"],
            ["paths"],
            ["report", "-f", "md"],
            ["report", "-f", "json"],
            ["report", "-f", "csv"],
            ["report", "-f", "html"],
            ["report", "-f", "text"],
            ["report", "--as-of", "2024-H1"],
            ["undo"],
        ):
            result = _invoke(targets, env, *args)
            no_traceback(result)
            assert result.exit_code in (0, 1, EXIT_ERROR)


def _invoke(targets: Targets, env: dict[str, str], *args: str):
    from laichau_targets.cli import app

    return targets.runner.invoke(app, list(args), env=env, prog_name="targets")


# --- item 4: report --output to what is not a regular file; modes; init's umask ------------------


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


@pytest.mark.reliability("odd environments")
def test_init_makes_files_with_the_users_umask(targets: Targets, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        result = targets("init", str(tmp_path / "shared"))
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE((tmp_path / "shared" / "targets.toml").stat().st_mode) == 0o644  # v0.1: 0600


# --- item 6: standard output that fails ----------------------------------------------------------

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
        "Error: không ghi được ra đầu ra chuẩn (No space left on device)\n",
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
        assert len(history) == 1
        record_id = history[0].split()[0].lstrip("#")
        reason = "Bad file descriptor" if close_stdout else "No space left on device"
        assert recorded.stderr == (
            f"Error: record #{record_id} WAS written to the log, but standard output failed ({reason}); "
            "do not record it again\n"
        )
        undone = run_into(full.fileno(), "undo", close_stdout=close_stdout)
    assert undone.returncode == EXIT_WRITTEN_NOT_PRINTED
    assert undone.stderr.startswith("Error: record #") and " WAS written to the log" in undone.stderr
    assert len(run("history").stdout.splitlines()) == 2


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


def test_ctrl_c_is_not_status_1(folder: Path, tmp_path: Path) -> None:
    import signal
    import time

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    process = start_process([*TARGETS, "report", "-o", str(fifo)], stderr=subprocess.PIPE, text=True)
    for _ in range(1200):  # until it waits for a reader of the FIFO: past start-up, inside the command
        if "partner" in Path(f"/proc/{process.pid}/wchan").read_text() or process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (EXIT_INTERRUPTED, "")  # v0.1: 1 and "Aborted!"


@pytest.mark.parametrize("module", ["typer", "laichau_targets.tracker", "rich.console"])
def test_ctrl_c_while_the_program_loads_is_status_130_and_no_traceback(folder: Path, module: str) -> None:
    """SIGINT arrives as `module` is first imported: once a KeyboardInterrupt traceback, or
    click's "Aborted!" and status 1. A hook on the import makes the moment exact."""
    probe = (
        "import os, signal, sys\n"
        "class Hook:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Hook())\n"
        "from laichau_targets.entry import main\n"
        "sys.argv = ['targets', 'show']\n"
        "main()\n"
    )
    done = run_process([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (EXIT_INTERRUPTED, "", "")


# --- item 7: terminal payloads and undecodable text ----------------------------------------------

PAYLOAD = "Lai\x1b]0;pwned\x07 Châu\x1b[2J\x9b31m\r\u202eusoH\u2066x\u2069\u200f"
SHOWN = "Lai\\x1b]0;pwned\\x07 Châu\\x1b[2J\\x9b31m \\u202eusoH\\u2066x\\u2069\\u200f"


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if c in "\x1b\x07\x9b\r\u202e\u2066\u2069\u200f"]


@pytest.mark.reliability("terminal payloads")
def test_file_names_and_notes_reach_no_terminal_raw(
    folder: Path, tmp_path: Path, targets: Targets, cases_run
) -> None:
    """A helper found import and template echoing a hostile file name, and history's JSON
    leaving C1 and bidirectional controls raw, as report --format json does not."""
    name = "x\x1b]0;pwned\x07\u202e"
    sheet = tmp_path / f"{name}.csv"
    sheet.write_text("code,value,period\nSUM,100,2024\n", encoding="utf-8")
    workbook = tmp_path / f"{name}.xlsx"
    for args in (
        ["import", "--dry-run", str(sheet)],
        ["import", str(sheet)],
        ["template", "-o", str(workbook)],
        ["record", "SUM", "5", "--period", "2024", "--note", PAYLOAD],
        ["history", "--format", "json"],
    ):
        cases_run()
        result = targets(*args)
        assert result.exit_code == 0, result.output
        assert _raw_controls(result.stdout) == [], args
    notes = [row["note"] for row in json.loads(targets("history", "--format", "json").stdout)]
    assert notes[-1] == PAYLOAD  # escaped in the text, the same string to a JSON reader


@pytest.mark.reliability("terminal payloads")
def test_validate_prints_a_hostile_province_inert(targets: Targets, tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path / "p",
        province=PAYLOAD.replace("\x1b", "\\u001b")
        .replace("\x07", "\\u0007")
        .replace("\x9b", "\\u009b")
        .replace("\r", "\\r"),
    )
    result = targets("validate", str(plan))
    assert result.exit_code == 0
    assert result.stdout == f"{plan}: valid plan for {SHOWN} 2024, 2 indicators\n"  # v0.1: raw OSC, CSI


@pytest.mark.reliability("terminal payloads")
def test_paths_and_init_print_hostile_folder_names_inert(
    targets: Targets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = tmp_path / "a\x1b[31mb\u202ec"
    result = targets("init", str(hostile))
    assert result.exit_code == 0
    shown = str(tmp_path) + "/a\\x1b[31mb\\u202ec"
    assert result.stdout == (
        f"Plan: {shown}/targets.toml\nEdit the plan to suit, then: targets --data {shown} show\n"
    )
    monkeypatch.setenv("LAICHAU_TARGETS_DATA", str(hostile))
    paths = targets("paths")
    assert paths.stdout.splitlines()[0] == f"Data folder: {shown} (chosen by LAICHAU_TARGETS_DATA)"
    assert _raw_controls(paths.stdout) == []


@pytest.mark.reliability("terminal payloads")
def test_bidirectional_controls_are_shown_not_obeyed_in_every_output(targets: Targets, folder: Path) -> None:
    plan = folder / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('"Rate"', '"Rate \u202eetaR\u2066"'), encoding="utf-8"
    )
    targets("record", "RATE", "8", "--period", "2024", "--note", "n\u202eote", "--source", "s\u200forg")
    outputs = [targets(*args).stdout for args in (["show"], ["list"], ["history"])]
    outputs += [targets("report", "-f", fmt).stdout for fmt in ("md", "html", "text", "csv", "json")]
    for text in outputs:
        assert "\u202e" not in text and "\u2066" not in text and "\u200f" not in text
    data = json.loads(targets("report", "-f", "json").stdout)
    assert data["indicators"][0]["name_en"] == "Rate \u202eetaR\u2066"  # JSON escapes, the data stays exact
    assert data["indicators"][0]["note"] == "n\u202eote"


@pytest.mark.reliability("terminal payloads")
@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["record", "SUM", "100", "--note", "\udcff"], "\\xff"),  # what Python makes of the byte 0xff
        (["record", "SUM", "100", "--source", "S\udce1"], "S\\xe1"),
        (["--data", "/tmp/d\udcff", "show"], "/tmp/d\\xff"),
        (["history", "\udcff"], "\\xff"),
    ],
)
def test_undecodable_arguments_get_an_error_line(
    targets: Targets, folder: Path, args: list[str], shown: str
) -> None:
    before = snapshot(folder)
    result = targets(*args)
    assert (result.exit_code, result.stdout) == (EXIT_ERROR, "")
    assert result.stderr == f"Error: the argument '{shown}' is not valid UTF-8 text\n"
    assert snapshot(folder) == before


@pytest.mark.reliability("terminal payloads")
def test_bytes_that_are_not_utf8_in_real_arguments_and_folder_names(tmp_path: Path, folder: Path) -> None:
    note = run_process(
        [*TARGETS, "record", "SUM", "100", b"--note", b"\xff"], capture_output=True, timeout=60
    )
    assert (note.returncode, note.stderr) == (
        EXIT_ERROR,
        b"Error: the argument '\\xff' is not valid UTF-8 text\n",
    )
    odd = os.fsencode(tmp_path) + b"/data\xff"
    write_plan(Path(os.fsdecode(odd)))
    env = {**os.environ, "LAICHAU_TARGETS_DATA": os.fsdecode(odd), "LOGNAME": os.fsdecode(b"clerk\xfe")}
    recorded = run_process([*TARGETS, "record", "SUM", "100"], env=env, capture_output=True, timeout=60)
    assert recorded.returncode == 0, recorded.stderr  # v0.1: UnicodeEncodeError traceback
    paths = run_process([*TARGETS, "paths"], env=env, capture_output=True, timeout=60)
    assert paths.stdout.splitlines()[0] == b"Data folder: " + os.fsencode(tmp_path) + (
        b"/data\\xff (chosen by LAICHAU_TARGETS_DATA)"
    )
    history = run_process([*TARGETS, "history"], env=env, capture_output=True, timeout=60)
    assert "clerk\ufffd" in history.stdout.decode("utf-8")


@pytest.mark.reliability("terminal payloads")
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("utf-8", "surrogateescape"))))
def test_inert_text_is_one_line_of_printable_utf8(text: str) -> None:
    from laichau_targets.inert import inert, unsafe

    shown = inert(text)
    assert "\n" not in shown and "\r" not in shown and not unsafe().search(shown)
    shown.encode("utf-8")  # never a UnicodeEncodeError, whatever bytes the text held
    if not unsafe().search(text) and not any(c in text for c in "\n\r\t"):
        assert shown == text  # ordinary text, Vietnamese included, is left alone


# --- item 9: the small ones ----------------------------------------------------------------------


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


@pytest.mark.reliability("odd environments")
def test_a_log_that_is_a_fifo_or_dev_null(folder: Path, tmp_path: Path) -> None:
    log = log_of(folder)
    os.mkfifo(log)
    shown = run("show")  # v0.1: waited for ever
    assert (shown.returncode, shown.stderr) == (
        EXIT_ERROR,
        f"Error: {log}: is not a regular file, so it cannot be a record log\n",
    )
    log.unlink()
    log.symlink_to(device(tmp_path, "null"))
    recorded = run("record", "SUM", "100", "--period", "2024")  # v0.1: EINVAL traceback
    assert (recorded.returncode, recorded.stderr) == (
        EXIT_ERROR,
        f"Error: {log}: is not a regular file, so it cannot be a record log\n",
    )


@pytest.mark.reliability("malformed plans")
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_plan_that_is_not_a_regular_file_is_refused_not_read_for_ever(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    plan = folder / "targets.toml"
    if kind == "fifo":
        os.mkfifo(plan)
    else:
        plan.symlink_to("/dev/zero")  # a link git would clone; v0.1 read it until memory ran out
    problem = f"{plan}: is not a regular file, so it cannot be a plan"
    shown = run("--data", str(folder), "show")
    assert (shown.returncode, shown.stderr) == (EXIT_ERROR, f"Error: {problem}\n")
    checked = run("validate", str(plan))
    assert (checked.returncode, checked.stderr) == (EXIT_ERROR, f"Error: {problem}\n")


@pytest.mark.reliability("malformed plans")
def test_a_plan_with_a_byte_order_mark_is_read(targets: Targets, folder: Path) -> None:
    plan = folder / "targets.toml"
    plan.write_bytes(b"\xef\xbb\xbf" + plan.read_bytes())  # as Notepad saves it
    result = targets("validate")
    assert (result.exit_code, result.stdout) == (0, f"{plan}: valid plan for Lai Châu 2024, 2 indicators\n")


def test_one_point_is_singular(targets: Targets, folder: Path) -> None:
    result = targets("record", "RATE", "8", "--period", "2024")
    assert result.stdout.splitlines()[1] == "RATE: now not met (1 point below target)"
    result = targets("record", "RATE", "10", "--period", "2024")
    assert result.stdout.splitlines()[1] == "RATE: now exceeded (1 point above target)"
    result = targets("record", "RATE", "9.5", "--period", "2024")
    assert result.stdout.splitlines()[1] == "RATE: now exceeded (0.5 points above target)"


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


def test_the_reliability_table_counts_cases_per_class() -> None:
    from .conftest import reliability_table

    results = [
        ("kills", "t.py::test_a", 100, True),
        ("bad values", "t.py::test_b", 1, True),
        ("bad values", "t.py::test_b", 1, False),
        ("bad values", "t.py::test_c", 40, True),
        ("something new", "t.py::test_d", 2, True),
    ]
    assert reliability_table(results).splitlines()[2:] == [
        "| bad values | 2 | 42 | 41 | 1 |",
        "| kills | 1 | 100 | 100 | 0 |",
        "| something new | 1 | 2 | 2 | 0 |",
    ]
