"""Owners: the department that reports an indicator selects what `list`, `show` and `template` give it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from laichau_targets.cli import EXIT_ERROR

from .helpers import en, headline

HEALTH = "Sở Y tế"
LABOUR = "Sở Lao động - Thương binh và Xã hội"


@pytest.fixture
def owners(data_dir: Path) -> Path:
    """The bundled plan with owners on three indicators (the bundled plans name none: no source does)."""
    plan = data_dir / "targets.toml"
    text = plan.read_text(encoding="utf-8")
    for code, owner in (("EHR", HEALTH), ("DOCTORS", HEALTH), ("JOBS", LABOUR)):
        text = text.replace(f'code = "{code}"\n', f'code = "{code}"\nowner = "{owner}"\n')
    plan.write_text(text, encoding="utf-8")
    return data_dir


def test_list_shows_the_owner_and_selects_by_it(targets, owners: Path) -> None:
    lines = targets("list").stdout.splitlines()[:17]
    assert lines[10].split("  ")[0] == "EHR"
    assert f"  {HEALTH}  " in lines[10] and f"  {LABOUR}  " in lines[14]
    assert lines[0].split()[-5:] == ["about", "9%", "–", "GRDP", "growth"]  # no owner: a dash
    result = targets("list", "--owner", "sở y tế")  # any case
    codes = [line.split()[0] for line in result.stdout.splitlines() if line.split()[0].isupper()]
    assert (result.exit_code, codes) == (0, ["EHR", "DOCTORS"])


def test_show_owner_gives_that_departments_indicators_and_counts_them(targets, owners: Path) -> None:
    assert targets("record", "DOCTORS", "13.5", "--period", "2024").exit_code == 0
    result = targets("show", "--owner", HEALTH)
    assert result.exit_code == 0
    rows = [line.split()[0] for line in result.stdout.splitlines()[1:] if line[:1].strip()]
    assert rows[:2] == ["EHR", "DOCTORS"]
    assert headline(en, 1, 2, no_data=1) in result.stdout.splitlines()


def test_an_unknown_owner_is_an_error_that_names_the_owners(targets, owners: Path) -> None:
    result = targets("show", "--owner", "Sở Tài chính")
    assert (result.exit_code, result.stderr) == (
        EXIT_ERROR,
        f"Error: no indicator of the plan is reported by 'Sở Tài chính'; the plan names: {HEALTH}; {LABOUR}\n",
    )


def test_a_plan_without_owners_says_so(targets, data_dir: Path) -> None:
    result = targets("template", "-o", "t.xlsx", "--owner", HEALTH)
    assert result.exit_code == EXIT_ERROR
    assert "the plan names no owners" in result.stderr
    assert not Path("t.xlsx").exists()
    assert targets("list").stdout.splitlines()[0].split()[-2:] == ["GRDP", "growth"]  # no owner column


def test_template_owner_holds_only_that_departments_indicators(targets, owners: Path, tmp_path: Path) -> None:
    path = tmp_path / "y-te.xlsx"
    result = targets("--lang", "vi", "template", "-o", str(path), "--owner", HEALTH)
    assert (result.exit_code, result.stdout) == (0, f"Biểu mẫu cho 2 chỉ tiêu: {path}\n")
    sheet = load_workbook(path).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert f"Đơn vị báo cáo: {HEALTH}" in cells
    codes = [row[0].value for row in sheet.iter_rows() if row[0].value in ("EHR", "DOCTORS", "JOBS", "GRDP")]
    assert codes == ["EHR", "DOCTORS"]


def test_an_owner_must_be_text(targets, owners: Path) -> None:
    plan = owners / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(f'owner = "{LABOUR}"', "owner = 7"), encoding="utf-8"
    )
    result = targets("validate", str(plan))
    assert result.exit_code == EXIT_ERROR
    line = plan.read_text(encoding="utf-8").splitlines().index("owner = 7") + 1
    assert f"{plan}: line {line}: indicator JOBS: owner must be text" in result.stderr
