"""The words of issue 20, item 8, each in both languages: a repeated figure, history's header and
units, "Lỗi:" and "Cảnh báo:", giai đoạn in validate, units never cut, amounts at the usual
precision, one kind of checkpoint per sparkline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import log_ids
from .helpers import en, vi

LANGS = [("en", en), ("vi", vi)]


@pytest.mark.parametrize(("lang", "texts"), LANGS)
def test_the_same_figure_recorded_twice_is_kept_and_told(targets, data_dir: Path, lang: str, texts) -> None:
    value = "8.7" if lang == "en" else "8,7"
    first = targets("--lang", lang, "record", "GRDP", value, "--period", "2024")
    assert first.exit_code == 0 and first.stderr == ""
    again = targets("--lang", lang, "record", "GRDP", value, "--period", "2024")
    assert again.exit_code == 0
    short = re.search(r"#(\w+)\)", again.stderr).group(1)  # type: ignore[union-attr]
    assert log_ids(data_dir)[0].startswith(short)  # it names the first record, which stays
    warning = texts("warn.repeated", code="GRDP", id=short)
    assert again.stderr == f"{texts('prefix.warning')}: {warning}\n"
    assert len(log_ids(data_dir)) == 2  # both kept
    assert (
        targets("--lang", lang, "record", "GRDP", value, "--period", "2024-09").stderr == ""
    )  # another period


@pytest.mark.parametrize(
    ("lang", "header", "figure"),
    [
        (
            "en",
            ["Record", "Recorded", "By", "Code", "Figure", "Period, basis", "Details"],
            "2,300 billion VND",
        ),
        (
            "vi",
            ["Bản ghi", "Lúc nhập", "Người nhập", "Mã", "Số liệu", "Kỳ, loại số liệu", "Chi tiết"],
            "2.300 tỷ đồng",
        ),
    ],
)
def test_history_has_a_header_row_and_units(targets, data_dir: Path, lang: str, header, figure: str) -> None:
    targets("record", "BUDGET", "2300", "--period", "2024")
    lines = targets("--lang", lang, "history").stdout.splitlines()
    assert re.split(r"  +", lines[0].strip()) == header
    assert f"  {figure}  " in lines[1]


@pytest.mark.parametrize(("lang", "prefix"), [("en", "Error: "), ("vi", "Lỗi: ")])
def test_an_error_says_error_in_the_readers_language(targets, data_dir: Path, lang: str, prefix: str) -> None:
    result = targets("--lang", lang, "record", "NOPE", "1")
    assert result.exit_code == 2 and result.stderr.startswith(prefix) and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "valid plan for Lai Châu 2021-2025, 22 indicators"),
        ("vi", "kế hoạch hợp lệ của Lai Châu giai đoạn 2021-2025, 22 chỉ tiêu"),
    ],
)
def test_validate_calls_a_term_a_term(targets, data_dir: Path, lang: str, said: str) -> None:
    result = targets("--lang", lang, "validate", str(data_dir / "plans" / "2021-2025.toml"))
    assert result.exit_code == 0 and f".toml: {said} (" in result.stdout
    assert "năm 2021-2025" not in result.stdout


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_show_at_80_columns_never_cuts_a_unit(targets, data_dir: Path, monkeypatch, lang: str) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = targets("--lang", lang, "show").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for line in lines:
        if " · " in line:  # a unit shown after the name is shown whole
            unit = line.split(" · ", 1)[1].split("  ")[0]
            assert "…" not in unit, line


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "- BUDGET: 2,467 billion VND by year end, at the same pace each month (straight line)"),
        ("vi", "- BUDGET: 2.467 tỷ đồng đến cuối năm, theo tốc độ bình quân mỗi tháng (tuyến tính)"),
    ],
)
def test_a_projection_is_rounded_as_the_target_is(targets, data_dir: Path, lang: str, said: str) -> None:
    # 1,850.5 by September: 1,850.5 x 12 / 9 = 2,467.33, given as 2,467 like the target of 2,236.
    targets("record", "BUDGET", "1850.5", "--period", "2024-09")
    md = targets("--lang", lang, "report", "-f", "md").stdout
    assert said in md and "2,467.33" not in md and "2.467,33" not in md


@pytest.mark.parametrize(("lang", "label"), [("en", "3M"), ("vi", "3T")])
def test_a_sparkline_holds_one_kind_of_checkpoint_and_says_which(
    targets, data_dir: Path, monkeypatch, lang: str, label: str
) -> None:
    for value, period in [("500", "2023-Q1"), ("1000", "2023-H1"), ("2000", "2023"), ("600", "2024-Q1")]:
        targets("record", "BUDGET", value, "--period", period)
    monkeypatch.setenv("COLUMNS", "220")
    budget = next(
        line
        for line in targets("--lang", lang, "show", "--wide").stdout.splitlines()
        if line[:7] == "BUDGET "
    )
    assert budget.split()[-2:] == [label, "▁█"]  # the two first quarters: not H1 and the whole year


def test_a_sparkline_does_not_draw_across_a_series_break(targets, data_dir: Path, monkeypatch) -> None:
    """A tryout: POOR 3.9 in 2026 and 3.2 in 2027, under two poverty standards, drawn `Y █▁`."""
    monkeypatch.setenv("LAICHAU_TARGETS_TODAY", "2027-12-10")
    monkeypatch.setenv("COLUMNS", "220")
    assert targets("plan", "new", "2027", "--from", "2026").exit_code == 0
    assert targets("target", "set", "POOR", "3.5", "--plan", "2027").exit_code == 0
    for value, period in [("4.1", "2025"), ("3.9", "2026"), ("3.2", "2027")]:
        assert targets("record", "POOR", value, "--period", period).exit_code == 0
    shown = targets("--plan", "2027", "show", "--wide").stdout
    poor = next(line for line in shown.splitlines() if line.startswith("POOR "))
    assert poor.split()[-3:] == ["comparable", "Y", "▅"]  # 2027 alone: the new standard's first year


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Warning: 2062 has not begun (today is 2024-12-20); the figure is kept: if the year is a slip, `targets undo` takes it back\n",
        ),
        (
            "vi",
            "Cảnh báo: kỳ năm 2062 chưa bắt đầu (hôm nay là 20/12/2024); số liệu vẫn được lưu: nếu gõ nhầm năm, `targets undo` rút lại\n",
        ),
    ],
)
def test_a_figure_for_a_year_not_begun_is_kept_with_a_warning(
    targets, data_dir: Path, lang: str, said: str
) -> None:
    """A tryout recorded GRDP for 2062 (a slip for 2026) without a word."""
    result = targets("--lang", lang, "record", "GRDP", "7", "--period", "2062")
    assert (result.exit_code, result.stderr) == (0, said)
    assert targets("record", "GRDP", "7", "--period", "2024").stderr == ""  # this year: nothing to say


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "GRDP: H1 2026: the target is the growth scenario's 8%"),
        ("vi", "GRDP: 6 tháng/2026: mục tiêu là 8% theo kịch bản tăng trưởng"),
    ],
)
def test_show_says_which_scenario_a_figure_was_judged_against(
    targets, data_dir: Path, monkeypatch, lang: str, said: str
) -> None:
    """A tryout read "Target ≥ 10%, Gap -2.46 pt" as a wrong gap: 5.54 is judged against the
    scenario's 8% for the half year, which the table's Target column does not show."""
    monkeypatch.setenv("LAICHAU_TARGETS_TODAY", "2026-07-15")
    assert targets("target", "set", "GRDP", "8", "--plan", "2026", "--period", "2026-H1").exit_code == 0
    assert targets("record", "GRDP", "5.54", "--period", "2026-H1").exit_code == 0
    lines = targets("--lang", lang, "--plan", "2026", "show").stdout.splitlines()
    assert said in lines
