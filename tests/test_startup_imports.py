"""Start-up guards (not timings): what each part of the program imports, and what it never does."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from .helpers import run_process

CORE = [
    "laichau_targets.plans",
    "laichau_targets.records",
    "laichau_targets.periods",
    "laichau_targets.numbers",
    "laichau_targets.standing",
    "laichau_targets.report",
    "laichau_targets.tracker",
    "laichau_targets.log",
    "laichau_targets.cache",
    "laichau_targets.v01",
    "laichau_targets.datafolder",
    "laichau_targets.errors",
    "laichau_targets.messages",
    "laichau_targets.importing",
    "laichau_targets.owners",
    "laichau_targets.inspection",
    "laichau_targets.inert",
]


def imported_by(code: str, env: dict[str, str] | None = None) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = run_process(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_the_core_imports_neither_typer_nor_rich() -> None:
    roots = imported_by("\n".join(f"import {m}" for m in CORE))
    assert "laichau_targets" in roots
    assert roots.isdisjoint({"typer", "rich", "pydantic", "click", "openpyxl"})


def modules_after(data_dir: Path, args: list[str]) -> tuple[int, set[str]]:
    """Run `targets ARGS` in a fresh interpreter: its exit status and every module it imported."""
    code = (
        "import sys\nfrom laichau_targets.cli import app\n"
        f"sys.argv = ['targets', *{args!r}]\n"
        "status = 0\n"
        "try:\n    app(prog_name='targets')\nexcept SystemExit as exc:\n    status = exc.code or 0\n"
        "sys.stdout = sys.__stdout__\n"
    )
    probe = code + "print('MODULES', status, ' '.join(sorted(sys.modules)))"
    out = run_process(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "LAICHAU_TARGETS_DATA": str(data_dir)},
        cwd=data_dir,
    ).stdout
    status, *modules = out.split("MODULES", 1)[1].split()
    return int(status), set(modules)


def roots_after(data_dir: Path, args: list[str]) -> tuple[int, set[str]]:
    """Its exit status and the top-level packages of the modules it imported."""
    status, modules = modules_after(data_dir, args)
    return status, {name.split(".")[0] for name in modules}


@pytest.mark.parametrize(
    ("args", "rich_expected"),
    [
        (["show"], True),
        (["record", "JOBS", "100", "--period", "2024-09"], False),
        (["report", "--format", "json"], False),
        (["report", "--format", "md"], False),
        (["report", "--format", "csv"], False),
        (["list"], False),
        (["check"], False),
        (["--help"], False),
        (["record", "--help"], False),
        (["--lang", "vi", "record", "--help"], False),
    ],
)
def test_commands_import_rich_only_to_draw_and_never_pydantic(
    data_dir: Path, args: list[str], rich_expected: bool
) -> None:
    status, roots = roots_after(data_dir, args)
    assert status == 0
    assert "typer" in roots
    assert ("rich" in roots) == rich_expected
    assert "pydantic" not in roots


@pytest.mark.parametrize(
    ("args", "openpyxl_expected"),
    [
        (["show"], False),
        (["record", "JOBS", "100", "--period", "2024-09"], False),
        (["--help"], False),
        (["list"], False),
        (["report", "--format", "json"], False),
        (["report", "--output", "r.xlsx"], True),
    ],
)
def test_only_a_workbook_imports_the_spreadsheet_library(
    data_dir: Path, args: list[str], openpyxl_expected: bool
) -> None:
    status, roots = roots_after(data_dir, args)
    assert status == 0
    assert ("openpyxl" in roots) == openpyxl_expected


def test_a_record_in_a_small_log_hashes_nothing_and_reads_no_workbook(data_dir: Path) -> None:
    """A log smaller than log.CACHED_FROM is read whole: no cache, so no SHA-256 to prove one.
    (The line is written with the standard json module, and the plans are read with tomllib by
    every command now that they have no cache: neither is forbidden here.)"""
    args = ["record", "JOBS", "100", "--period", "2024-09"]
    first_status, first = modules_after(data_dir, args)
    status, modules = modules_after(data_dir, args)
    assert (first_status, status) == (0, 0)
    for loaded in (first, modules):
        roots = {name.split(".")[0] for name in loaded}
        assert roots.isdisjoint({"hashlib", "_hashlib", "openpyxl", "pickle", "sqlite3"})
        assert "laichau_targets.v01" not in loaded  # no v0.1 log: its reader stays unloaded


def test_a_record_in_a_log_worth_a_cache_proves_it_with_sha256(data_dir: Path) -> None:
    """The counterpart of the test above: from log.CACHED_FROM on, the cache is proven by a digest."""
    from datetime import UTC, datetime
    from decimal import Decimal

    from laichau_targets.log import CACHED_FROM, RecordLog
    from laichau_targets.periods import Period
    from laichau_targets.records import Figure

    at = datetime(2024, 10, 5, tzinfo=UTC)
    figures = [
        Figure("", "JOBS", Decimal(n), Period(2024, 9), "estimate", at, "lan", note="x" * 100)
        for n in range(CACHED_FROM // 200 + 1)
    ]
    RecordLog(data_dir).append(figures)
    assert (data_dir / "records.jsonl").stat().st_size >= CACHED_FROM
    status, roots = roots_after(data_dir, ["record", "JOBS", "100", "--period", "2024-09"])
    assert status == 0
    assert "hashlib" in roots


def _project_imports(path: Path, level: int = 1) -> set[str]:
    """The project modules a module imports, at its top or deferred inside a function, but not for
    types; `level` 2 for a module of a subpackage (`from ..numbers import`)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == level and id(node) not in typing_only:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found |= {alias.name for alias in node.names}
    return found


def test_the_core_has_no_import_cycle_and_errors_is_a_leaf() -> None:
    package = Path(__file__).resolve().parent.parent / "src" / "laichau_targets"
    names = [m.rsplit(".", 1)[1] for m in CORE] + ["formatting", "ids"]

    def imports(name: str) -> set[str]:  # a package, like plans, by what its modules import
        if (package / name).is_dir():
            return set().union(*(_project_imports(m, level=2) for m in (package / name).glob("*.py")))
        return _project_imports(package / f"{name}.py")

    graph = {name: imports(name) & set(names) for name in names}
    assert graph["errors"] <= {"messages"}  # put into words only when shown; nothing when loaded
    assert graph["formatting"] == set() and graph["messages"] == {"formatting"}

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for nxt in sorted(graph[start]):
            if nxt in path:
                return [*path[path.index(nxt) :], nxt]
            found = cycle_from(nxt, [*path, nxt])
            if found:
                return found
        return None

    assert [cycle_from(name, [name]) for name in names] == [None] * len(names)


def _cli_modules_after(data_dir: Path, args: list[str]) -> set[str]:
    """The modules of the cli package that `targets ARGS` loaded, by their short names."""
    _, modules = modules_after(data_dir, args)
    return {name.rsplit(".", 1)[1] for name in modules if name.startswith("laichau_targets.cli.")}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show"], {"show"}),
        (["record", "JOBS", "100", "--period", "2024-09"], {"output", "record"}),
        (["--lang", "vi", "history", "--limit", "1"], {"history"}),
        (["report", "--format", "json", "--lang", "vi"], {"report"}),
        (["import", "--help"], {"output", "import_figures"}),
    ],
)
def test_a_command_loads_its_own_module_and_no_other_commands(
    data_dir: Path, args: list[str], expected: set[str]
) -> None:
    """Besides the app and the argument list: its own module, and output.py if it prints lines
    itself; never failures.py (loaded only to fail) nor another command."""
    assert _cli_modules_after(data_dir, args) == {"app", "argv", *expected}


@pytest.mark.parametrize(
    "args",
    [["record"], ["show", "--wid"], ["--lang", "vi", "show", "extra"], ["--data", "", "show"], ["--plan"]],
)
def test_a_mistake_loads_the_failures_but_no_renderer_plan_or_standing(
    data_dir: Path, args: list[str]
) -> None:
    """The one `Error:` line neutralises text with inert.py, a leaf, not with the renderers' words."""
    status, modules = modules_after(data_dir, args)
    assert status == 2
    assert "laichau_targets.cli.failures" in modules
    heavy = {"render", "render.words", "standing", "report", "tracker", "log"}
    assert {name for name in heavy if f"laichau_targets.{name}" in modules} == set()


def test_the_help_lists_every_command_so_it_loads_them_all(data_dir: Path) -> None:
    from laichau_targets.cli.app import COMMANDS

    loaded = _cli_modules_after(data_dir, ["--help"])
    assert {module for module, _ in COMMANDS.values()} <= loaded


def test_no_module_of_the_program_makes_dataclasses() -> None:
    """Each costs every command ~0.7 ms at import (values.py); Value is the one way here."""
    import ast

    package = Path(__file__).resolve().parent.parent / "src" / "laichau_targets"
    users = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if "dataclasses" in names or (isinstance(node, ast.ImportFrom) and node.module == "dataclasses"):
                users.append(str(path.relative_to(package)))
    assert users == []


def test_only_one_module_imports_private_modules_of_typer_or_rich() -> None:
    """Typer's public API cannot do four things (cli/typer_private.py says which and why);
    every other module imports only what typer and rich publish."""
    import ast

    package = Path(__file__).resolve().parent.parent / "src" / "laichau_targets"
    private = {}
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                root, *rest = name.split(".")
                if root in ("typer", "rich") and any(part.startswith("_") for part in rest):
                    private.setdefault(str(path.relative_to(package)), set()).add(name)
    assert private == {
        "cli/typer_private.py": {
            "typer._click.exceptions",
            "typer._click.formatting",
            "typer._completion_classes",
        }
    }
