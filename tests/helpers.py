"""What several test files share besides fixtures (those are in conftest.py): how a test starts a
process and the console script; a small plan, and folders of plans, made for a test; hostile
text; the log's lines.

Every process a test starts goes through `run_process` or `start_process`, which give the child
SIGINT at its default. pytest started under `nohup` or as a background job of a shell runs with
SIGINT ignored, and a child inherits that: Python then leaves it ignored, so a test that sends
Ctrl-C would hang or see the command run to its end. `Popen(restore_signals=True)` restores
SIGPIPE, SIGXFZ and SIGXFSZ only, never SIGINT.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from laichau_targets.datafolder import DataFolder
from laichau_targets.messages import Texts
from laichau_targets.render import render
from laichau_targets.tracker import Tracker

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "targets"
TARGETS = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "laichau_targets"]


def sigint_default() -> None:
    """In a child, before it runs its program: SIGINT at its default, whatever the tests ignore."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _child_setup(then: Callable[[], object] | None) -> Callable[[], None]:
    def setup() -> None:
        sigint_default()
        if then is not None:
            then()

    return setup


def run_process(args: list[Any], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    """subprocess.run, the child with SIGINT at its default (a `preexec_fn` given runs after that)."""
    return subprocess.run(args, preexec_fn=_child_setup(kwargs.pop("preexec_fn", None)), **kwargs)


def start_process(args: list[Any], **kwargs: Any) -> subprocess.Popen[Any]:
    """subprocess.Popen, the child with SIGINT at its default (a `preexec_fn` given runs after that)."""
    return subprocess.Popen(args, preexec_fn=_child_setup(kwargs.pop("preexec_fn", None)), **kwargs)


def run(
    *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The console script with `args`, in the test's environment with `env` added."""
    return run_process(
        [*(prefix or []), *TARGETS, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def cli(*args: str, data: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The console script on the data folder `data`, without colour."""
    full = {**os.environ, "LAICHAU_TARGETS_DATA": str(data), "NO_COLOR": "1", **(env or {})}
    return run_process([*TARGETS, *args], capture_output=True, text=True, env=full, timeout=120)


def without_root_powers() -> list[str]:
    """Root ignores file modes; dropping these capabilities makes it obey them like anyone else."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a folder unwritable for this process")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def unnumbered(text: str) -> str:
    """The output with each record id (a ULID's short form) as #ID: the ids are new each run."""
    return re.sub(r"#[0-9A-Z]{6,26}\b", "#ID", text)


# A small plan of its own (a rate and a quantity), with blanks for a test to fill: the `folder`
# fixture's; and the range a figure may have, as the errors name it.

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


def log_lines(folder: Path) -> list[str]:
    return (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()


# Folders of plans built for a test, as the `years` and `term` fixtures build them, and their reports.

HEAD = """\
[plan]
province = "Test"
{when}
title = "T"
"""


def indicator_table(code: str, target: str, kind: str, unit: str = "%", **extra: str) -> str:
    lines = [
        "[[indicator]]",
        f'code = "{code}"',
        f'name_vi = "{code} vi"',
        f'name_en = "{code} en"',
        f'unit = "{unit}"',
        f'kind = "{kind}"',
        f"target = {target}",
        'comparison = "at_least"',
        'source = "S."',
    ]
    lines += [f"{key} = {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def reference(code: str, target: str, comparison: str = "at_least", **extra: str) -> str:
    lines = ["[[indicator]]", f'code = "{code}"', f"target = {target}", f'comparison = "{comparison}"']
    lines += ['source = "S."', *(f"{key} = {value}" for key, value in extra.items())]
    return "\n".join(lines) + "\n"


def make_folder(path: Path, entry: str, **files: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "targets.toml").write_text(entry, encoding="utf-8")
    for name, text in files.items():
        file = path / "plans" / f"{name}.toml"
        file.parent.mkdir(exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return path


def folder_entry(current: str, *names: str) -> str:
    files = ", ".join(f'"plans/{n}.toml"' for n in names)
    return f'[folder]\ncurrent_plan = "{current}"\nplan_files = [{files}]\n'


def tracker(path: Path, plan: str | None = None) -> Tracker:
    """The folder's tracker on the day LAICHAU_TARGETS_TODAY fixes, as the CLI makes it."""
    from laichau_targets.periods import today_of

    return Tracker(DataFolder(path, "option"), plan, today_of(os.environ))


def record(path: Path, *figures: tuple[str, str, str]) -> None:
    for code, value, period in figures:
        tracker(path).record(code, value, period, basis="official")


def json_report(path: Path, plan: str | None = None) -> dict:
    data = json.loads(render(tracker(path, plan).report(), "json", Texts("en")))
    schema = json.loads((REPO / "src" / "laichau_targets" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    return data


def by_code(data: dict) -> dict[str, dict]:
    return {i["code"]: i for i in data["indicators"]}


TERM = HEAD.format(when="term = [2021, 2025]") + "\n".join(
    [
        reference("GRDP", "[9, 10]", "range", term_rule='"average_annual_rate"'),
        reference("GRDP_PC", "65", term_rule='"level_by_end"'),
        reference("JOBS", "8500", term_rule='"amount_each_year"'),
        reference("POOR", "3", term_rule='"average_reduction"'),
    ]
)


GRDP_YEARS = {"2021": "6.0", "2022": "9.5", "2023": "11.0", "2024": "8.9", "2025": "9.8"}


WHEN = datetime(2024, 10, 5, 9, 30, tzinfo=UTC)  # when a figure made by a test was recorded


# Text that would run in a page, split a Markdown table, be a spreadsheet formula or steer a terminal.
HOSTILE = '<script>alert(1)</script> a|b\nnext =HYPERLINK("x") [red]x[/red] \x1b[31mred\x1b[0m'


FORMULA = '=HYPERLINK("x")'


def hostile_plan(data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    text = (
        plan.read_text(encoding="utf-8")
        .replace('name_en = "Forest cover"', "name_en = " + json.dumps(HOSTILE))
        .replace('name_vi = "Tỷ lệ che phủ rừng"', "name_vi = " + json.dumps(HOSTILE))
        .replace('code = "FOREST"\n', 'code = "FOREST"\nnote = ' + json.dumps(HOSTILE) + "\n")
    )
    plan.write_text(text, encoding="utf-8")


# Sentences of the program as the catalogue words them (laichau_targets.messages): a test that
# expects one builds it from there, whole, so that a change of wording is one edit.
en, vi = Texts("en"), Texts("vi")


def error_line(sentence: str, texts: Texts | None = None) -> str:
    """The one line a refused command prints on stderr, its prefix in the reader's language."""
    return f"{(texts or en)('prefix.error')}: {sentence}\n"


def headline(texts: Texts, met: int, total: int, **counts: int) -> str:
    """`2/17 indicators met or exceeded; 1 not met; 1 on track; …`, with the counts in the order given
    (the program's: đạt và vượt, cơ bản đạt, không đạt, then what is still to come)."""
    parts = [texts("headline.met", met=met, total=total)]
    return "; ".join([*parts, *(texts(f"headline.{status}", n=n) for status, n in counts.items())])


def plan_line(texts: Texts, name: str, count: int, kind: str = "annual") -> str:
    """`Plan 2024 (annual). Incomplete: 17 of the plan's targets are in this file.`"""
    return f"{texts(f'report.plan.{kind}', name=name)} {texts('report.incomplete', count=count)}"


def recorded(texts: Texts, id: str, code: str, value: str, period: str, basis: str = "estimate") -> str:
    """`Recorded #01J9E0: GRDP = 8.7% for 2024 (estimate).`: the value and period as shown."""
    return texts("record.saved", id=id, code=code, value=value, period=period, basis=texts(f"basis.{basis}"))


def now(texts: Texts, code: str, status: str, gap: str | None = None) -> str:
    """`GRDP: now not met (0.3 points below target)`: the status inside the sentence, then the gap."""
    label = texts.status(status)
    line = f"{code}: {texts('record.standing', status=label[:1].lower() + label[1:])}"
    return f"{line} ({gap})" if gap is not None else line
