"""The xlsx report of several plans: "so với cùng kỳ" in the annex, and a term plan with its years as columns."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from .test_xlsx import header_row, table_rows


def record(targets, *figures: tuple[str, str, str]) -> None:
    for code, value, period in figures:
        assert targets("record", code, value, "--period", period, "--official").exit_code == 0


def by_code(data: dict) -> dict:
    return {i["code"]: i for i in data["indicators"]}


def test_the_annex_gives_the_change_on_the_same_period_last_year(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    record(targets, ("BUDGET", "2000", "2023-09"), ("BUDGET", "2600", "2024-09"))
    record(targets, ("GRDP", "8.2", "2023"), ("GRDP", "8.7", "2024"))
    data = by_code(json.loads(targets("report", "--plan", "2024", "--format", "json").stdout))
    assert targets("--lang", "vi", "report", "--plan", "2024", "-o", str(tmp_path / "r.xlsx")).exit_code == 0
    rows = {row[1].value: row for row in table_rows(load_workbook(tmp_path / "r.xlsx").active)}
    budget = rows["Thu ngân sách trên địa bàn"][7]
    grdp = rows["Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)"][7]
    assert budget.value == data["BUDGET"]["change_from_previous_year"] == 30  # 2600 against 2000: +30 %
    assert budget.number_format == '+#,##0" %";-#,##0" %";#,##0" %"'
    assert grdp.value == data["GRDP"]["change_from_previous_year"] == 0.5  # a rate: in points
    assert grdp.number_format == '+#,##0.0" điểm";-#,##0.0" điểm";#,##0.0" điểm"'
    assert rows["Tỷ lệ che phủ rừng"][7].value is None  # no figure a year earlier


def test_a_term_plan_has_its_years_as_columns(targets, data_dir: Path, tmp_path: Path) -> None:
    rates = {"2021": "6.0", "2022": "9.5", "2023": "11.0", "2024": "8.9"}
    record(targets, *(("GRDP", rate, year) for year, rate in rates.items()))
    data = by_code(json.loads(targets("report", "--plan", "2021-2025", "--format", "json").stdout))
    assert targets("report", "--plan", "2021-2025", "-o", str(tmp_path / "term.xlsx")).exit_code == 0
    sheet = load_workbook(tmp_path / "term.xlsx").active
    assert [c.value for c in sheet[header_row(sheet)]] == [
        "No.",
        "Indicator",
        "Unit",
        "Term target",
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
        "Term figure",
        "Against target (%)",
        "Status",
    ]
    grdp = next(row for row in table_rows(sheet) if row[1].value == "GRDP growth")
    assert [c.value for c in grdp[4:9]] == [6, 9.5, 11, 8.9, None]
    assert grdp[9].value == data["GRDP"]["term"]["figure"]
    assert grdp[9].number_format == "#,##0.00"
    assert grdp[3].value == "9–10% a year on average"  # a range: text
    assert grdp[11].value == "In progress"
    gdp_per_head = next(row for row in table_rows(sheet) if row[1].value == "GRDP per capita")
    assert (gdp_per_head[3].value, gdp_per_head[3].number_format) == (65, '"≥ "#,##0" by 2025"')
