"""`targets validate`: every problem of a plan at once, a plan file checked with the folder that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_ERROR

from .conftest import REPO
from .helpers import en, error_line, vi


@pytest.mark.reliability("malformed plans")
def test_validate_lists_every_problem(targets, data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace('kind = "level"', 'kind = "stock"', 1).replace('code = "JOBS"', 'code = "GRDP"')
    plan.write_text(text, encoding="utf-8")
    result = targets("validate")
    assert result.exit_code == EXIT_ERROR
    term = data_dir / "plans" / "2021-2025.toml"  # its JOBS target has lost the indicator it names
    lines = text.splitlines()
    stock = lines.index('kind = "stock"') + 1
    second = [n for n, line in enumerate(lines, 1) if line == 'code = "GRDP"'][1]
    jobs = term.read_text(encoding="utf-8").splitlines().index('code = "JOBS"') + 1
    assert result.stderr == (
        f"{plan}: line {stock}: indicator GRDP_PC has kind 'stock'; use one of level, growth_rate, accumulating\n"
        f"{plan}: line {second}: duplicate code 'GRDP' (first used by indicator 1)\n"
        f"{term}: line {jobs}: indicator JOBS is described in no plan file; give it name_vi, name_en, unit and kind\n"
        f"Error: {plan}: 3 problem(s)\n"
    )


def test_validate_the_bundled_plan(targets) -> None:
    result = targets("validate", str(REPO / "data" / "targets.toml"))
    assert result.exit_code == 0
    plans = REPO / "data" / "plans"
    assert result.stdout == (
        en("validate.ok", path=REPO / "data" / "targets.toml", province="Lai Châu", year=2024, count=17)
        + "\n"
        + en("validate.ok", path=plans / "2021-2025.toml", province="Lai Châu", year="2021-2025", count=22)
        + "\n"
        + en("validate.ok", path=plans / "2025.toml", province="Lai Châu", year=2025, count=2)
        + "\n"
        + en("validate.ok", path=plans / "2026.toml", province="Lai Châu", year=2026, count=3)
        + "\n"
        + en("validate.ok", path=plans / "2021-2030.toml", province="Lai Châu", year="2021-2030", count=10)
        + "\n"
    )


def test_validate_a_plan_file_with_the_folder_that_names_it(
    targets, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2025.toml gives targets for indicators 2021-2025.toml describes: alone, it would not read."""
    monkeypatch.chdir(data_dir / "plans")
    result = targets("validate", "2025.toml")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        en("validate.ok", path="2025.toml", province="Lai Châu", year=2025, count=2)
        + en("validate.with_entry", entry="../targets.toml")
        + "\n"
    )
    in_vietnamese = targets("--lang", "vi", "validate", str(data_dir / "plans" / "2026.toml"))
    assert in_vietnamese.stdout == (
        vi("validate.ok", path=data_dir / "plans" / "2026.toml", province="Lai Châu", year=2026, count=3)
        + vi("validate.with_entry", entry=data_dir / "targets.toml")
        + "\n"
    )


def test_validate_a_plan_file_through_a_symlink_or_under_a_broken_entry_point(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(data_dir / "plans" / "2025.toml")
    result = targets("validate", str(link))
    assert (result.exit_code, result.stdout) == (
        0,
        en("validate.ok", path=link, province="Lai Châu", year=2025, count=2)
        + en("validate.with_entry", entry=data_dir / "targets.toml")
        + "\n",
    )
    entry = data_dir / "targets.toml"
    entry.write_text(entry.read_text(encoding="utf-8") + "oops = [\n", encoding="utf-8")
    broken = targets("validate", str(data_dir / "plans" / "2025.toml"))  # its problems first, not false ones
    assert (broken.exit_code, broken.stdout) == (2, "")
    assert broken.stderr == f"Error: {entry}: not valid TOML: Invalid value (at end of document)\n"


def test_validate_a_plan_file_no_entry_point_names_checks_it_alone(targets, data_dir: Path) -> None:
    loose = data_dir / "loose.toml"
    loose.write_bytes((data_dir / "plans" / "2025.toml").read_bytes())
    result = targets("validate", str(loose))
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {loose}: 8 problem(s)\n")
    assert "needs name_vi as non-empty text" in result.stderr


def test_validate_of_a_missing_file_is_one_error_line(targets, tmp_path: Path) -> None:
    result = targets("validate", "data/targets.toml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == error_line(f"data/targets.toml: {en('error.plan_missing')}")
