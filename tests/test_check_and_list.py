"""`targets check`, the gate for scripts, and `targets list`, the plan's indicators."""

from __future__ import annotations

from pathlib import Path

from laichau_targets.cli import EXIT_CHECK_FAILED, EXIT_ERROR

from .helpers import en, headline, plan_line


def test_list(targets, data_dir: Path) -> None:
    result = targets("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 18
    assert lines[-1] == plan_line(en, "2024", 17)
    assert lines[0] == "GRDP       yearly change  about 9%                                 GRDP growth"
    assert (
        lines[8]
        == "BUDGET     accumulating   at least 2,236 billion VND               Budget revenue in the province"
    )


def test_list_calls_a_reduction_a_change_over_the_year_not_a_growth(targets, data_dir: Path) -> None:
    """v0.2 listed the reduction of the poverty rate as a "tốc độ tăng" (issue 20)."""
    poor = [line for line in targets("--lang", "vi", "list").stdout.splitlines() if line.startswith("POOR ")]
    assert poor == [
        "POOR       tăng/giảm trong năm  tối thiểu 3,8%                   Mức giảm tỷ lệ hộ nghèo"
    ]
    poor = [line for line in targets("list").stdout.splitlines() if line.startswith("POOR ")]
    assert poor == [
        "POOR       yearly change  at least 3.8%                            Reduction of the poor-household rate"
    ]


def test_check_exit_statuses(targets, data_dir: Path) -> None:
    assert targets("check").exit_code == 0
    assert targets("check", "--strict").exit_code == EXIT_CHECK_FAILED
    targets("record", "FOREST", "53", "--period", "2024")
    assert targets("check").exit_code == 0
    targets("record", "GRDP", "8.7", "--period", "2024")
    result = targets("check")
    assert result.exit_code == EXIT_CHECK_FAILED
    assert result.stdout == (
        f"{headline(en, 1, 17, not_met=1, no_data=15)}\n{plan_line(en, '2024', 17)}\nGRDP: Not met\n"
    )
    assert targets("--data", str(data_dir / "missing"), "check").exit_code == EXIT_ERROR


def test_check_lists_what_fails(targets, figures: Path) -> None:
    result = targets("check")
    assert result.exit_code == EXIT_CHECK_FAILED
    assert result.stdout.splitlines()[2:] == ["GRDP: Not met", "GRAIN: At risk", "TRAINING: Off track"]
    assert len(targets("check", "--strict").stdout.splitlines()) == 2 + 3 + 11
