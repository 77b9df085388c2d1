"""Every test runs in its own data folder, named by LAICHAU_TARGETS_DATA, never in the user's home."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from laichau_targets.cli import app
from laichau_targets.datafolder import init_data_folder

from .helpers import HEAD, REPO, TERM, folder_entry, indicator_table, make_folder, reference, write_plan

# The bundled 2024 plan's indicators, in plan order.
ALL_CODES = [
    "GRDP",
    "GRDP_PC",
    "AGRI_VA",
    "GRAIN",
    "LIVESTOCK",
    "NRD_SHARE",
    "NRD_NEW",
    "FOREST",
    "BUDGET",
    "SCHOOLS",
    "EHR",
    "DOCTORS",
    "POOR",
    "POOR_DIST",
    "JOBS",
    "TRAINING",
    "TRAINED",
]
ARTICLE = REPO / "docs" / "sources" / "laichau-2024-plan-article.txt"

_LANG_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "LAICHAU_TARGETS_LANG")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the user's data, language, colour or terminal width."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    monkeypatch.delenv("LAICHAU_TARGETS_DATA", raising=False)
    for name in (*_LANG_VARS, "COLUMNS", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # The bundled 2024 plan is this year's plan unless a test says otherwise.
    monkeypatch.setenv("LAICHAU_TARGETS_TODAY", "2024-12-20")
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder holding the bundled plan, chosen through LAICHAU_TARGETS_DATA."""
    folder = tmp_path / "data-folder"
    init_data_folder(folder)
    monkeypatch.setenv("LAICHAU_TARGETS_DATA", str(folder))
    return folder


class Targets:
    """Runs `targets` in-process with CliRunner."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None):
        return self.runner.invoke(app, list(args), input=input, prog_name="targets", env=env)


@pytest.fixture
def targets() -> Targets:
    return Targets()


# Fixtures that several test files share.


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with a small plan of its own (a rate and a quantity), chosen by the environment."""
    where = tmp_path / "plan-folder"
    write_plan(where)
    monkeypatch.setenv("LAICHAU_TARGETS_DATA", str(where))
    return where


@pytest.fixture
def years(tmp_path: Path) -> Path:
    """Two annual plans sharing the indicators the first describes."""
    described = (
        indicator_table("BUDGET", "2236", "accumulating", unit="tỷ đồng")
        + indicator_table("GRDP", "9", "growth_rate")
        + indicator_table("FOREST", "52.9", "level")
    )
    return make_folder(
        tmp_path / "folder",
        folder_entry("2025", "2025") + HEAD.format(when="year = 2024") + described,
        **{
            "2025": HEAD.format(when="year = 2025")
            + reference("BUDGET", "2727")
            + reference("GRDP", "8")
            + reference("FOREST", "53")
        },
    )


@pytest.fixture
def term(tmp_path: Path) -> Path:
    described = (
        indicator_table("GRDP", "9", "growth_rate")
        + indicator_table("GRDP_PC", "51.5", "level", unit="triệu đồng")
        + indicator_table("JOBS", "8920", "accumulating", unit="lao động")
        + indicator_table("POOR", "3.8", "growth_rate")
    )
    return make_folder(
        tmp_path / "term-folder",
        folder_entry("2024", "2021-2025") + HEAD.format(when="year = 2024") + described,
        **{"2021-2025": TERM},
    )


@pytest.fixture
def figures(targets, data_dir: Path) -> Path:
    """A year of figures that gives every status."""
    for args in [
        ("GRDP", "8.7", "--period", "2024"),  # not met
        ("FOREST", "53", "--period", "2024", "--official"),  # met
        ("JOBS", "9.500", "--period", "2024", "--locale", "vi"),  # exceeded
        ("BUDGET", "1.850,5", "--period", "2024-09", "--source", "Sở Tài chính"),  # on track
        ("GRAIN", "163", "--period", "2024-09"),  # at risk: 217.33 by December
        ("TRAINING", "3000", "--period", "2024-H1"),  # off track
    ]:
        assert targets("record", *args).exit_code == 0
    return data_dir


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its hash and mode: to show a command wrote nothing.

    The data folder holds no cache (it lives in the user's cache folder), so every file counts.
    """
    state = {}
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(root) / name
            stat = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            state[str(path.relative_to(folder))] = f"{digest} {oct(stat.st_mode)}"
    return state


def log_ids(folder: Path) -> list[str]:
    """The ids of the records in a data folder's log, in the order of its lines (the line
    declaring the log's format is no record)."""
    import json

    text = (folder / "records.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [row["id"] for row in rows if "id" in row]


def markdown_rows(text: str) -> list[list[str]]:
    """The cells of every table row, as a real Markdown parser (markdown-it-py) reads them."""
    from markdown_it import MarkdownIt

    rows: list[list[str]] = []
    row: list[str] | None = None
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close" and row is not None:
            rows.append(row)
            row = None
    return rows


def assert_same_as_v01(report: dict, old: dict) -> None:
    """A report of today against what v0.1 printed: every field v0.1 had, the same value.

    Fields are only ever added. Two changes are deliberate: record ids became ULIDs (schema
    version 2), and a growth rate within the year is compared with its target in points,
    never shown as a share of it (issue 11), so its `progress` is now null.
    """
    assert {k: report["summary"][k] for k in old["summary"]} == old["summary"]
    for new_row, old_row in zip(report["indicators"], old["indicators"], strict=True):
        expected = {k: v for k, v in old_row.items() if k != "record_id"}
        if old_row["kind"] == "growth_rate" and old_row["period"] not in (None, str(report["plan"]["year"])):
            expected["progress"] = None
        assert {k: new_row[k] for k in expected} == expected, old_row["code"]


# The reliability marker: each test that tries a class of hostile input says which, and the run
# ends with a table of how many cases of each class were tried and how they fared (docs/RELIABILITY.md).
RELIABILITY_CLASSES = (
    "bad values",
    "bad periods",
    "malformed plans",
    "damaged logs",
    "cache corruption",
    "concurrent writers",
    "kills",
    "full disk",
    "read-only folders",
    "special output targets",
    "terminal payloads",
    "odd environments",
)
_RESULTS = pytest.StashKey[list[tuple[str, str, int, bool]]]()
_EXAMPLES = re.compile(r"(\d+) passing, (\d+) failing")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--reliability-report",
        metavar="FILE",
        help="Also write the table of reliability cases (Markdown) to FILE; give it with '='.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "reliability(name): the class of hostile case the test tries (one of: "
        + ", ".join(RELIABILITY_CLASSES)
        + "); a test that tries many cases itself reports each with the cases_run fixture; "
        "counted in the table at the end of the run",
    )
    config.stash[_RESULTS] = []


SLOW_KINDS = ("browser", "office", "processes")  # pyproject.toml registers and describes each


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`slow` is the umbrella of the slow kinds, so that `-m "not slow"` is the fast run."""
    for item in items:
        if any(item.get_closest_marker(kind) for kind in SLOW_KINDS):
            item.add_marker(pytest.mark.slow)


def _cases(item: pytest.Item, declared: int | None) -> int:
    """The cases one test item tried: what it says it ran (`record_property("reliability_cases", n)`,
    as the `cases_run` fixture keeps it), else what it declares (`reliability(name, cases=50)`: no
    test here does any more), else the examples hypothesis ran, else 1 (each parametrized case is
    an item)."""
    ran = [value for key, value in item.user_properties if key == "reliability_cases"]
    if ran:
        return int(ran[-1])
    if declared is not None:
        return declared
    statistics = getattr(item, "hypothesis_statistics", None)
    if statistics:
        runs = [int(passed) + int(failed) for passed, failed in _EXAMPLES.findall(statistics)]
        if runs:
            return sum(runs)
    return 1


@pytest.fixture
def cases_run(request: pytest.FixtureRequest) -> Callable[..., None]:
    """For a test that tries many cases itself: `cases_run()` as each case begins (or
    `cases_run(n)` for n at once). The count is the test's `reliability_cases` property, as
    `record_property` records it, kept current, so that the table counts the cases that ran, up
    to the one that failed, never a number declared beforehand."""
    properties = request.node.user_properties
    properties.append(("reliability_cases", 0))
    where = len(properties) - 1

    def ran(cases: int = 1) -> None:
        properties[where] = ("reliability_cases", properties[where][1] + cases)

    return ran


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Each reliability case travels with the test's report (from an xdist worker to the controller)."""
    outcome = yield
    report = outcome.get_result()
    marks = list(item.iter_markers("reliability"))
    if not marks or report.skipped:
        return
    if report.when == "call" or (report.when == "setup" and report.failed):
        test = item.nodeid.split("[")[0]
        for mark in marks:
            cases = _cases(item, mark.kwargs.get("cases"))
            report.user_properties.append(("reliability", (mark.args[0], test, cases, report.passed)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for key, value in report.user_properties:
        if key == "reliability" and _CONFIG:
            _CONFIG[0].stash[_RESULTS].append(tuple(value))


_CONFIG: list[pytest.Config] = []


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG[:] = [session.config]


def reliability_table(results: list[tuple[str, str, int, bool]]) -> str:
    """The Markdown table: per class, the tests, the cases they tried, and how many passed and failed."""
    names = [n for n in RELIABILITY_CLASSES if any(r[0] == n for r in results)]
    names += sorted({r[0] for r in results} - set(names))
    lines = [
        "| class of case | tests | cases | passed | failed |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in names:
        rows = [r for r in results if r[0] == name]
        passed = sum(cases for _, _, cases, ok in rows if ok)
        failed = sum(cases for _, _, cases, ok in rows if not ok)
        tests = len({test for _, test, _, _ in rows})
        lines.append(f"| {name} | {tests} | {passed + failed} | {passed} | {failed} |")
    return "\n".join(lines) + "\n"


TABLE_START = "<!-- table: written by the last whole test run that passed; do not edit by hand -->\n"
TABLE_END = "<!-- end of the table -->\n"


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the table; after a whole run that passed, write it into docs/RELIABILITY.md as well, so
    that the counts there are those of a run, never copied by hand."""
    results = config.stash.get(_RESULTS, [])
    if not results:
        return
    table = reliability_table(results)
    terminalreporter.section("reliability: hostile cases tried, by class")
    terminalreporter.write(table)
    where = config.getoption("--reliability-report")
    if where:
        (config.invocation_params.dir / where).write_text(table, encoding="utf-8")  # tests chdir
        terminalreporter.write_line(f"written to {where}")
    whole = not config.option.keyword and not config.option.markexpr and config.args == ["tests"]
    if whole and exitstatus == 0 and not hasattr(config, "workerinput"):
        page = REPO / "docs" / "RELIABILITY.md"
        text = page.read_text(encoding="utf-8")
        if TABLE_START in text and TABLE_END in text:
            before, rest = text.split(TABLE_START, 1)
            page.write_text(
                before + TABLE_START + table + TABLE_END + rest.split(TABLE_END, 1)[1], encoding="utf-8"
            )
            terminalreporter.write_line(f"written to {page.relative_to(REPO)}")
