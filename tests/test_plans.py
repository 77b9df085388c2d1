"""Several plans in one data folder: the bundled plans, so với cùng kỳ, seasonal pace, term reviews, baselines."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.datafolder import DataFolder, init_data_folder
from laichau_targets.errors import PlanError, UnknownPlanError
from laichau_targets.formatting import human, plain
from laichau_targets.messages import Texts
from laichau_targets.plans import bundled_data_path, load_plans
from laichau_targets.render import render
from laichau_targets.tracker import Tracker

from .conftest import REPO, assert_same_as_v01, log_ids, snapshot

SEED = REPO / "docs" / "sources" / "laichau-plans-2021-2026.md"
V01 = Path(__file__).parent / "fixtures" / "v0.1"


def seed_quotes() -> list[str]:
    """Every quotation of the seed page, its lines joined as one sentence."""
    quotes, current = [], []
    for line in [*SEED.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(">"):
            current.append(line[1:].strip())
        elif current:
            quotes.append(" ".join(current))
            current = []
    return quotes


# What the seed page states, read by a person: (code, target, comparison, term rule).
TERM_TARGETS = [
    ("GRDP", ["9", "10"], "range", "average_annual_rate"),
    ("GRDP_PC", "65", "at_least", "level_by_end"),
    ("SHARE_AGRI", "12.44", "about", "level_by_end"),
    ("SHARE_INDUSTRY", "42.42", "about", "level_by_end"),
    ("SHARE_SERVICES", "36.43", "about", "level_by_end"),
    ("SHARE_TAXES", "8.71", "about", "level_by_end"),
    ("AGRI_VA", "5", "at_least", "average_annual_rate"),
    ("GRAIN", "226", "at_least", "level_by_end"),
    ("TEA_AREA", "10000", "at_least", "level_by_end"),
    ("LIVESTOCK", "5", "at_least", "average_annual_rate"),
    ("NRD_SHARE", "57.5", "at_least", "level_by_end"),
    ("FOREST", "54", "at_least", "level_by_end"),
    ("BUDGET", "3000", "at_least", "level_by_end"),
    ("TRADE", "11.5", "at_least", "average_annual_rate"),
    ("TOURISTS", "20", "at_least", "average_annual_rate"),
    ("ELECTRICITY", "97", "at_least", "level_by_end"),
    ("ENROL_PRESCHOOL", "98", "at_least", "level_by_end"),
    ("ENROL_PRIMARY", "99.8", "at_least", "level_by_end"),
    ("ENROL_LOWER_SEC", "95", "at_least", "level_by_end"),
    ("ENROL_UPPER_SEC", "60", "at_least", "level_by_end"),
    ("POOR", "3", "at_least", "average_reduction"),
    ("JOBS", "8500", "at_least", "amount_each_year"),
]
ANNUAL_TARGETS = {
    "2025": [("GRDP", "8", "at_least"), ("POOR", "3.68", "at_least")],
    "2026": [("GRDP", "10", "at_least"), ("BUDGET", "2727", "at_least"), ("POOR", "3.88", "at_least")],
}


def test_the_bundled_folder_holds_four_plans_and_2024_is_its_current_one() -> None:
    plans = load_plans(REPO / "data" / "targets.toml")
    assert plans.names == ["2024", "2021-2025", "2025", "2026"]
    assert plans.choose().name == "2024"
    assert [(p.is_term, p.complete, len(p.indicators)) for p in plans.plans] == [
        (False, False, 17),
        (True, False, 22),
        (False, False, 2),
        (False, False, 3),
    ]
    assert list(plans.named("2021–2025").years) == [2021, 2022, 2023, 2024, 2025]


def test_the_term_plan_holds_the_seeds_targets_each_with_its_quoted_sentence() -> None:
    term = load_plans(REPO / "data" / "targets.toml").named("2021-2025")
    got = [
        (
            i.code,
            [str(i.target), str(i.target_high)] if i.target_high is not None else str(i.target),
            i.comparison,
            i.term_rule,
        )
        for i in term.indicators
    ]
    assert got == [(c, t, cmp, rule) for c, t, cmp, rule in TERM_TARGETS]
    quotes = seed_quotes()
    for indicator in term.indicators:
        assert indicator.source in quotes, indicator.code
        lang = "en" if indicator.source.startswith("It will") else "vi"
        assert human(indicator.target, lang) in indicator.source, indicator.code


def test_the_annual_plans_hold_the_seeds_targets_and_share_the_2024_codes() -> None:
    plans = load_plans(REPO / "data" / "targets.toml")
    quotes = seed_quotes()
    codes_2024 = set(plans.named("2024").codes)
    for name, expected in ANNUAL_TARGETS.items():
        plan = plans.named(name)
        assert [(i.code, str(i.target), i.comparison) for i in plan.indicators] == expected
        for indicator in plan.indicators:
            assert indicator.source in quotes and indicator.code in codes_2024
            if "年" in indicator.source:  # Japanese: 2,727 billion is written 2兆7270億
                assert plain(indicator.target) in indicator.source.replace("兆", ""), indicator.code
            else:
                assert human(indicator.target, "vi") in indicator.source, indicator.code
    described = {i.code: i for i in plans.named("2024").indicators}
    for indicator in plans.named("2026").indicators:
        same = described[indicator.code]
        assert (indicator.name_vi, indicator.unit, indicator.kind) == (same.name_vi, same.unit, same.kind)


# ---------------------------------------------------------------- a folder built for each test

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
    return Tracker(DataFolder(path, "option"), plan)


def record(path: Path, *figures: tuple[str, str, str]) -> None:
    for code, value, period in figures:
        tracker(path).record(code, value, period, basis="official")


def json_report(path: Path, plan: str | None = None) -> dict:
    data = json.loads(render(tracker(path, plan).report(), "json", Texts("en")))
    schema = json.loads((REPO / "src" / "laichau_targets" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    return data


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


def by_code(data: dict) -> dict[str, dict]:
    return {i["code"]: i for i in data["indicators"]}


def test_so_voi_cung_ky_is_a_percent_change_for_a_quantity_and_points_for_a_rate(years: Path) -> None:
    record(years, ("BUDGET", "2000", "2024-09"), ("BUDGET", "2445", "2025-09"))
    record(years, ("GRDP", "8.7", "2024"), ("GRDP", "8.1", "2025"))
    record(years, ("FOREST", "52.95", "2024"))  # no 2025 figure: nothing to compare
    got = by_code(json_report(years))
    # 2445 / 2000 = 1.2225: "tăng 22,25% so với cùng kỳ"; 8.1 - 8.7 = -0.6 points.
    assert (got["BUDGET"]["change_from_previous_year"], got["BUDGET"]["change_unit"]) == (22.25, "percent")
    assert (
        got["BUDGET"]["previous_year_figure"] == 2000 and got["BUDGET"]["previous_year_period"] == "2024-09"
    )
    assert (got["GRDP"]["change_from_previous_year"], got["GRDP"]["change_unit"]) == (-0.6, "points")
    assert got["FOREST"]["change_from_previous_year"] is None and got["FOREST"]["change_unit"] is None
    md = render(tracker(years).report(), "md", Texts("en"))
    assert "| +22.25% |" in md and "| -0.6 pt |" in md
    assert "+22,25" in render(tracker(years).report(), "md", Texts("vi"))
    rows = render(tracker(years).report(), "csv", Texts("en")).splitlines()
    assert "change_from_previous_year" in rows[0] and ",22.25,percent," in rows[1]
    assert rows[0].endswith(",plan") and all(row.endswith(",2025") for row in rows[1:])


def test_the_seasonal_projection_uses_last_years_share_at_the_same_checkpoint(years: Path) -> None:
    # 2024: 800 by June of 2,000 for the year, 40 %. 2025: 1,100 by June.
    record(years, ("BUDGET", "800", "2024-H1"), ("BUDGET", "2000", "2024"), ("BUDGET", "1100", "2025-H1"))
    budget = by_code(json_report(years))["BUDGET"]
    assert (budget["projected"], budget["projection_method"]) == (2750, "seasonal")  # 1,100 / 0.40
    assert budget["status"] == "on_track"  # 2,750 reaches 2,727
    md = render(tracker(years).report(), "md", Texts("en"))
    assert "BUDGET: 2,750 tỷ đồng by year end, at last year's share of the year by H1 2024" in md


def test_without_last_years_checkpoint_the_projection_is_the_straight_line(years: Path) -> None:
    record(years, ("BUDGET", "2000", "2024"), ("BUDGET", "1100", "2025-H1"))
    budget = by_code(json_report(years))["BUDGET"]
    assert (budget["projected"], budget["projection_method"]) == (2200, "straight_line")  # 1,100 x 12 / 6
    assert budget["status"] == "off_track"  # 2,200 is 19 % short of 2,727
    assert "(straight line)" in render(tracker(years).report(), "md", Texts("en"))


def test_a_growth_rate_within_the_year_is_never_a_share_of_its_target(years: Path) -> None:
    record(years, ("GRDP", "10.3", "2025-H1"))
    grdp = by_code(json_report(years))["GRDP"]
    assert grdp["progress"] is None and grdp["gap"] == -2.3 and grdp["status"] == "on_track"
    md = render(tracker(years).report(), "md", Texts("en"))
    assert "128.8%" not in md and "| – | +2.3 pt |" in md  # no progress: 2.3 points above the target


def test_a_figure_for_a_year_without_a_plan_is_kept_and_judged_by_none(years: Path) -> None:
    done = tracker(years).record("FOREST", "52", "2023")
    assert done.standing is None and done.record.period is not None and done.record.period.year == 2023
    assert len(tracker(years).records()) == 1
    done = tracker(years).record("FOREST", "53.5", "2024")
    assert done.standing is not None and done.standing.status == "exceeded"  # the 2024 plan: 52.9


def test_every_output_names_its_plan(years: Path) -> None:
    for plan, line in [(None, "Plan 2025 (annual)."), ("2024", "Plan 2024 (annual).")]:
        report = tracker(years, plan).report()
        for fmt in ("md", "html", "text"):
            assert line in render(report, fmt, Texts("en")), (plan, fmt)
        assert json.loads(render(report, "json", Texts("en")))["plan"]["name"] == (plan or "2025")
    with pytest.raises(
        UnknownPlanError, match="no plan named '2023' in this data folder; the plans are 2024, 2025"
    ):
        tracker(years, "2023")


# ---------------------------------------------------------------- term plans

TERM = HEAD.format(when="term = [2021, 2025]") + "\n".join(
    [
        reference("GRDP", "[9, 10]", "range", term_rule='"average_annual_rate"'),
        reference("GRDP_PC", "65", term_rule='"level_by_end"'),
        reference("JOBS", "8500", term_rule='"amount_each_year"'),
        reference("POOR", "3", term_rule='"average_reduction"'),
    ]
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


GRDP_YEARS = {"2021": "6.0", "2022": "9.5", "2023": "11.0", "2024": "8.9", "2025": "9.8"}


def compounded(rates: list[str]) -> float:
    """(Π(1 + r/100))^(1/n) − 1, in %: the "bình quân giai đoạn" of Vietnamese reviews."""
    growth = math.prod(1 + float(r) / 100 for r in rates)
    return round((growth ** (1 / len(rates)) - 1) * 100, 2)


def test_a_term_review_compounds_five_annual_growth_rates(term: Path) -> None:
    record(term, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items()))
    grdp = by_code(json_report(term, "2021-2025"))["GRDP"]
    expected = compounded(list(GRDP_YEARS.values()))
    assert expected == 9.03  # not the plain mean, 9.04
    assert grdp["actual"] == expected and grdp["term"]["figure"] == expected
    assert (
        grdp["term"]["years_used"] == [2021, 2022, 2023, 2024, 2025] and grdp["term"]["missing_years"] == []
    )
    assert grdp["status"] == "met"  # within 9–10 %
    md = render(tracker(term, "2021-2025").report(), "md", Texts("en"))
    assert md.startswith("# Test 2021–2025: review of the term plan")
    assert "| GRDP | GRDP en | % | 9–10% a year on average | 9.03% (2021–2025) |" in md


def test_a_term_with_a_year_missing_is_in_progress_and_names_it(term: Path) -> None:
    record(term, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items() if year != "2023"))
    grdp = by_code(json_report(term, "2021-2025"))["GRDP"]
    assert grdp["status"] == "in_progress" and grdp["term"]["missing_years"] == [2023]
    assert grdp["actual"] == compounded([r for y, r in GRDP_YEARS.items() if y != "2023"])
    md = render(tracker(term, "2021-2025").report(), "md", Texts("en"))
    assert "in progress: no full-year figure for 2023" in md and "| In progress |" in md
    assert "1 in progress" in md


def test_a_level_by_the_end_year_is_met_early_the_first_year_it_is_reached(term: Path) -> None:
    record(
        term,
        *(("GRDP_PC", v, y) for y, v in [("2021", "48"), ("2022", "56"), ("2023", "65.2"), ("2024", "64")]),
    )
    pc = by_code(json_report(term, "2021-2025"))["GRDP_PC"]
    assert pc["term"]["first_reached"] == 2023 and pc["term"]["met_early"] == 2023
    assert pc["status"] == "in_progress" and pc["actual"] == 64  # 2024 fell back; 2025 still to come
    record(term, ("GRDP_PC", "65.5", "2025"))
    pc = by_code(json_report(term, "2021-2025"))["GRDP_PC"]
    assert (pc["status"], pc["actual"], pc["term"]["met_early"]) == ("met", 65.5, 2023)
    assert "met early, in 2023" in render(tracker(term, "2021-2025").report(), "md", Texts("en"))
    assert "về đích sớm năm 2023" in render(tracker(term, "2021-2025").report(), "md", Texts("vi"))


def test_an_amount_each_year_gives_the_years_that_met_it_and_the_total(term: Path) -> None:
    record(term, *(("JOBS", v, y) for y, v in [("2021", "8600"), ("2022", "8400"), ("2023", "9000")]))
    jobs = by_code(json_report(term, "2021-2025"))["JOBS"]
    assert jobs["term"]["years_met"] == [2021, 2023] and jobs["term"]["total"] == 26000
    assert jobs["actual"] == 8666.67 and jobs["status"] == "in_progress"
    assert jobs["term"]["missing_years"] == [2024, 2025]
    md = render(tracker(term, "2021-2025").report(), "md", Texts("en"))
    assert "met in 2 of 3 years (2021, 2023)" in md


def test_an_average_reduction_per_year(term: Path) -> None:
    record(
        term,
        *(
            ("POOR", v, str(y))
            for y, v in zip(range(2021, 2026), ["3.5", "3.2", "2.9", "3.1", "3.3"], strict=True)
        ),
    )
    poor = by_code(json_report(term, "2021-2025"))["POOR"]
    assert poor["actual"] == 3.2  # (3.5 + 3.2 + 2.9 + 3.1 + 3.3) / 5
    assert poor["status"] == "exceeded"  # beyond 3 by more than 1 % of it


def test_the_bundled_term_review_with_the_years_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "bundled"
    init_data_folder(folder)
    record(folder, ("BUDGET", "3100", "2024"), ("BUDGET", "2900", "2025"), ("JOBS", "9000", "2024"))
    data = json_report(folder, "2021-2025")
    assert data["plan"] == data["plan"] | {"name": "2021-2025", "kind": "term", "complete": False}
    budget = by_code(data)["BUDGET"]
    assert (budget["status"], budget["term"]["met_early"], budget["actual"]) == ("not_met", 2024, 2900)
    text = render(tracker(folder, "2021-2025").report(), "md", Texts("en"))
    assert "Incomplete: 22 of the plan's targets are in this file." in text


# ---------------------------------------------------------------- two baselines


def test_a_target_with_two_baselines_gives_the_share_of_each_and_judges_by_the_primary(
    tmp_path: Path,
) -> None:
    budget = indicator_table(
        "BUDGET",
        "2080",
        "accumulating",
        unit="tỷ đồng",
        baseline_vi='"dự toán HĐND tỉnh giao"',
        baseline_en='"the provincial council\'s estimate"',
        other_baselines='[{ name_vi = "dự toán Trung ương giao", name_en = "the central government\'s estimate", target = 2000 }]',
    )
    folder = make_folder(tmp_path / "f", HEAD.format(when="year = 2024") + budget)
    record(folder, ("BUDGET", "520", "2024-03"))
    got = by_code(json_report(folder))["BUDGET"]
    assert got["progress"] == 25 and got["baseline_name"] == "dự toán HĐND tỉnh giao"
    assert got["other_baselines"] == [
        {
            "name": "dự toán Trung ương giao",
            "name_en": "the central government's estimate",
            "target": 2000,
            "progress": 26,
        }
    ]
    assert got["status"] == "on_track"  # 520 x 4 = 2,080: the primary target, just reached
    vi = render(tracker(folder).report(), "md", Texts("vi"))
    assert "BUDGET: bằng 25% dự toán HĐND tỉnh giao, 26% dự toán Trung ương giao" in vi.replace("25,0", "25")


# ---------------------------------------------------------------- the plan files


def test_a_v01_plan_and_log_give_the_same_report_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "v01"
    folder.mkdir()
    for name in ("targets.toml", "records.toml"):  # the plan file and the log as v0.1 wrote them
        shutil.copyfile(V01 / name, folder / name)
    before = snapshot(folder)
    old = json.loads((V01 / "report-v0.1.json").read_text(encoding="utf-8"))
    now = json_report(folder)
    assert {k: now["plan"][k] for k in old["plan"]} == old["plan"]
    assert_same_as_v01(now, old)
    assert now["plan"]["name"] == "2024" and now["plan"]["complete"] is True
    assert snapshot(folder) == before  # read as it is: nothing converted, nothing written


def test_an_indicator_is_described_once_in_a_folder(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path / "f",
        folder_entry("2024", "2025") + HEAD.format(when="year = 2024") + indicator_table("A", "5", "level"),
        **{
            "2025": HEAD.format(when="year = 2025") + indicator_table("A", "6", "level") + reference("B", "1")
        },
    )
    with pytest.raises(PlanError) as caught:
        load_plans(folder / "targets.toml")
    where = folder / "plans" / "2025.toml"
    assert [p.text() for p in caught.value.problems] == [
        f"{where}: line 7: indicator A is already described in {folder / 'targets.toml'}; here give only code, target, comparison and source",
        f"{where}: line 15: indicator B is described in no plan file; give it name_vi, name_en, unit and kind",
    ]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            '[folder]\ncurrent_plan = "2030"\nplan_files = []\n',
            "line 2: [folder] current_plan '2030' names no plan; the plans are 2024",
        ),
        (
            "[folder]\nplan_files = ['/etc/x.toml']\n",
            "[folder] plan_files: '/etc/x.toml' is not a file inside",
        ),
        ("[folder]\nplan_files = ['plans/none.toml']\n", "plans/none.toml: no plan file here"),
        (  # a null byte once raised ValueError (a traceback) in every command
            '[folder]\nplan_files = ["plans/2025.toml\\u0000x"]\n',
            "line 2: [folder] plan_files: 'plans/2025.toml\\x00x' is not a file inside",
        ),
        (
            "[folder]\nplan_files = ['./targets.toml']\n",
            "line 2: [folder] plan_files: './targets.toml' is this file itself; list the other plan files",
        ),
        ("[folder]\nplans = 1\n", "line 2: [folder] has an unknown key 'plans'"),
        (  # the same file by another name: a hard link or a symbolic one
            "[folder]\nplan_files = ['plans/linked.toml']\n",
            "line 2: [folder] plan_files: 'plans/linked.toml' is this file itself; list the other plan files",
        ),
        (
            "[folder]\nplan_files = ['plans/symlinked.toml']\n",
            "line 2: [folder] plan_files: 'plans/symlinked.toml' is this file itself; list the other plan files",
        ),
    ],
)
def test_folder_settings_are_checked(tmp_path: Path, entry: str, problem: str) -> None:
    folder = make_folder(
        tmp_path / "f", entry + HEAD.format(when="year = 2024") + indicator_table("A", "5", "level")
    )
    (folder / "plans").mkdir(exist_ok=True)
    os.link(folder / "targets.toml", folder / "plans" / "linked.toml")
    os.symlink("../targets.toml", folder / "plans" / "symlinked.toml")
    with pytest.raises(PlanError) as caught:
        load_plans(folder / "targets.toml")
    assert any(problem in p.text() for p in caught.value.problems), [p.text() for p in caught.value.problems]


def test_a_term_target_needs_a_rule_that_fits_its_kind(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path / "f",
        folder_entry("2024", "t") + HEAD.format(when="year = 2024") + indicator_table("A", "5", "level"),
        t=HEAD.format(when="term = [2021, 2025]")
        + reference("A", "6", term_rule='"average_annual_rate"')
        + indicator_table("B", "1", "level"),
    )
    with pytest.raises(PlanError) as caught:
        load_plans(folder / "targets.toml")
    texts = [re.sub(r"^.*?: ", "", p.text(), count=1) for p in caught.value.problems]
    assert texts == [
        "line 11: indicator B of a term plan has term_rule 'None'; use one of average_annual_rate, level_by_end, amount_each_year, average_reduction",
        "line 10: indicator A: term_rule average_annual_rate cannot judge a level indicator",
    ]


# ---------------------------------------------------------------- charts


def test_every_chart_of_the_html_report_parses_as_svg(years: Path, term: Path) -> None:
    record(years, ("BUDGET", "800", "2024-H1"), ("BUDGET", "2000", "2024"), ("BUDGET", "1100", "2025-H1"))
    record(years, ("GRDP", "-1.5", "2025-03"))
    for folder, plan, count in [(years, None, 2), (term, "2021-2025", 1)]:
        if plan:
            record(folder, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items() if year != "2023"))
        page = render(tracker(folder, plan).report(), "html", Texts("vi"))
        svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
        assert len(svgs) == count
        for svg in svgs:
            root = ElementTree.fromstring(svg)
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            assert root.find("{http://www.w3.org/2000/svg}rect") is not None
        assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_a_term_chart_draws_each_year_and_marks_the_missing_one(term: Path) -> None:
    record(term, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items() if year != "2023"))
    page = render(tracker(term, "2021-2025").report(), "html", Texts("en"))
    svg = ElementTree.fromstring(re.search(r"<svg.*?</svg>", page, flags=re.S).group())  # type: ignore[union-attr]
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert [y for y in labels if y and y.isdigit() and len(y) == 4] == [
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
    ]
    assert "–" in labels and "9.5" in labels and "8.9" in labels  # 2023 missing
    bars = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if float(r.get("width", 0)) > 10]
    assert len(bars) == 4
    assert "target 9–10%" in labels  # the term's range, drawn as two lines


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.browser
def test_the_charts_show_in_headless_chromium_on_a_desktop_and_a_phone(
    years: Path, term: Path, tmp_path: Path, lang: str
) -> None:
    from .helpers import run_process
    from .test_reports import CHROMIUM_FLAGS

    record(years, ("BUDGET", "800", "2024-H1"), ("BUDGET", "2000", "2024"), ("BUDGET", "1100", "2025-H1"))
    record(years, ("GRDP", "8.7", "2024"), ("GRDP", "7.9", "2025-H1"))
    record(term, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items() if year != "2023"))
    for name, folder, plan in [("year", years, None), ("term", term, "2021-2025")]:
        page = render(tracker(folder, plan).report(), "html", Texts(lang))
        # The charts alone, so that the screenshot shows them at the top whatever the table's length,
        # and the same page without them: the charts must add what a person sees.
        head = page[: page.index("<main>") + len("<main>")]
        charts = re.search(r'<div class="charts">.*?</div>', page, flags=re.S)
        assert charts is not None
        charts_only = head + charts.group() + "</main></body></html>"
        neither = head + "</main></body></html>"
        sizes: dict[str, int] = {}
        for label, html in [("page", page), ("charts", charts_only), ("neither", neither)]:
            file = tmp_path / f"{name}-{label}-{lang}.html"
            file.write_text(html, encoding="utf-8")
            common = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
            for size in ("1200,1000", "390,1000"):
                shot = tmp_path / f"{file.stem}-{size.split(',')[0]}.png"
                run_process(
                    [*common, f"--screenshot={shot}", f"--window-size={size}", file.as_uri()],
                    capture_output=True,
                    timeout=120,
                    check=True,
                )
                assert shot.read_bytes().startswith(b"\x89PNG"), shot
                sizes[f"{label} {size}"] = shot.stat().st_size
            if label == "neither":
                continue
            dom = run_process(
                [*common, "--dump-dom", file.as_uri()],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            ).stdout
            assert dom.count("<svg") == (2 if name == "year" else 1)
        for size in ("1200,1000", "390,1000"):
            assert sizes[f"charts {size}"] > 2 * sizes[f"neither {size}"], (name, size, sizes)


# ---------------------------------------------------------------- the commands


def test_init_copies_every_bundled_plan_file(targets, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    assert targets("init", str(folder)).exit_code == 0
    copied = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.toml"))
    assert copied == ["plans/2021-2025.toml", "plans/2025.toml", "plans/2026.toml", "targets.toml"]
    for name in copied:
        assert (folder / name).read_bytes() == (REPO / "data" / name).read_bytes()


def test_plans_lists_every_plan_and_marks_the_current_one(targets, data_dir: Path) -> None:
    result = targets("plans")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[:5] for line in lines[:5]] == [
        ["Plan", "Kind", "Targets", "Complete", "Source"],
        ["2024", "*", "annual", "17", "no"],
        ["2021-2025", "term", "22", "no", "Kế"],
        ["2025", "annual", "2", "no", "Kế"],
        ["2026", "annual", "3", "no", "Kế"],
    ]
    assert lines[-1] == "* the plan commands use without --plan"
    # --plan before or after the command moves the mark.
    for args in (["--plan", "2026", "plans"], ["plans", "--plan", "2026"]):
        marked = [line.split()[0] for line in targets(*args).stdout.splitlines() if " * " in line]
        assert marked == ["2026"]


def test_plan_option_on_show_report_check_list_and_validate(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.1", "--period", "2025")
    assert targets("show", "--plan", "2025").stdout.splitlines()[-1] == (
        "Plan 2025 (annual). Incomplete: 2 of the plan's targets are in this file."
    )
    assert targets("--plan", "2025", "report", "-f", "md").stdout.startswith(
        "# Lai Châu 2025: progress against the socio-economic plan"
    )
    check = targets("check", "--plan", "2025")
    assert (
        check.exit_code == 0 and check.stdout.splitlines()[0] == "1/2 indicators met or exceeded; 1 no data"
    )
    assert [line.split()[0] for line in targets("list", "--plan", "2025").stdout.splitlines()] == [
        "GRDP",
        "POOR",
        "Plan",
    ]
    assert targets("validate", "--plan", "2026").stdout == (
        f"{data_dir / 'plans' / '2026.toml'}: valid plan for Lai Châu 2026, 3 indicators\n"
    )
    term = targets("report", "--plan", "2021-2025", "-f", "md").stdout
    assert term.startswith("# Lai Châu 2021–2025: review of the term plan\n")
    assert "| GRDP | GRDP growth | % | 9–10% a year on average | 8.1% (2025) |" in term


def test_record_for_a_year_without_a_plan_keeps_the_figure_and_says_so(targets, data_dir: Path) -> None:
    result = targets("record", "BUDGET", "1900", "--period", "2023")
    assert result.exit_code == 0
    assert result.stdout == (
        f"Recorded #{log_ids(data_dir)[0][:6]}: BUDGET = 1,900 billion VND for 2023 (estimate).\n"
        "BUDGET: no plan of this folder judges 2023 figures; the figure is kept "
        "(for year-on-year comparisons and term reviews)\n"
    )
    vi = targets("--lang", "vi", "record", "BUDGET", "2.204,3", "--period", "2024")
    assert vi.stdout.splitlines()[1] == "BUDGET: hiện không đạt (đạt 98,6% dự toán)"
    # 2,204.3 against 1,900 the year before: +16.02 %.
    md = targets("--lang", "vi", "report", "-f", "md").stdout
    assert "| +16,02% | Không đạt |" in md


def test_show_wide_gives_year_on_year_and_a_sparkline(targets, data_dir: Path) -> None:
    for value, period in [("500", "2023-Q1"), ("1000", "2023-H1"), ("2000", "2023"), ("600", "2024-Q1")]:
        targets("record", "BUDGET", value, "--period", period)
    lines = targets("show", "--wide").stdout.splitlines()
    budget = [line for line in lines if line.startswith("BUDGET")][-1]  # the --wide columns may move below
    # 600 by March, when 2023 had 500 of its 2,000: 2,400 (~: seasonal) by December; 600 / 500 = +20 %.
    # The sparkline: 500, 1,000, 2,000, 600 on eight steps from the lowest to the highest.
    assert budget.split()[-6:] == ["2,400", "~", "200", "181.78", "+20%", "▁▃█▁"]
    assert any(line.startswith("~ projected at last year's share of the year") for line in lines[-3:])


def test_a_folder_that_names_no_plan_is_refused(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "f", '[folder]\nplan_files = []\ncurrent_plan = "2024"\n')
    with pytest.raises(PlanError, match=r"missing the \[plan\] table"):
        load_plans(folder / "targets.toml")


@given(st.lists(st.decimals(min_value=-50, max_value=80, places=1), min_size=1, max_size=5))
def test_the_compounded_rate_lies_between_the_years_rates_and_keeps_a_steady_one(rates) -> None:
    from laichau_targets.standing import compounded_rate

    found = compounded_rate(rates)
    assert min(rates) - Decimal("0.01") <= found <= max(rates) + Decimal("0.01")
    assert compounded_rate([rates[0]] * 3) == rates[0].quantize(Decimal("0.01"))
    assert abs(float(found) - compounded([str(r) for r in rates])) <= 0.01


def test_every_status_has_a_colour_in_show_and_in_html() -> None:
    from laichau_targets.plans import STATUSES
    from laichau_targets.render.html import COLOURS
    from laichau_targets.render.table import STATUS_STYLE

    assert set(STATUS_STYLE) == set(STATUSES) == set(COLOURS)


def test_show_of_a_term_in_progress(targets, data_dir: Path) -> None:
    for year, rate in GRDP_YEARS.items():
        if year != "2025":
            targets("record", "GRDP", rate, "--period", year)
    lines = targets("show", "--plan", "2021-2025").stdout.splitlines()
    grdp = next(line for line in lines if line.startswith("GRDP "))
    assert "8.83%" in grdp and "2021–2024" in grdp and "-0.17 pt" in grdp and "In progress" in grdp
    assert lines[-3:-1] == [
        "0/22 indicators met or exceeded; 1 in progress; 21 no data",
        "Plan 2021-2025 (term). Incomplete: 22 of the plan's targets are in this file.",
    ]


@pytest.mark.parametrize("plan", ["2024", "2021-2025", "2025", "2026"])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_output_of_every_bundled_plan_runs(targets, data_dir: Path, plan: str, lang: str) -> None:
    for code, value, period in [
        ("GRDP", "8.1", "2023"),
        ("GRDP", "8.7", "2024"),
        ("GRDP", "7.9", "2025-H1"),
        ("BUDGET", "1500", "2024-09"),
        ("BUDGET", "2300", "2024"),
        ("BUDGET", "1700", "2025-09"),
        ("POOR", "3.1", "2025"),
        ("JOBS", "9000", "2024"),
        ("GRDP_PC", "66", "2025"),
    ]:
        assert targets("record", code, value, "--period", period).exit_code == 0
    common = ["--lang", lang, "--plan", plan]
    for args in (["show"], ["show", "--wide"], ["list"], ["check"], ["validate"], ["plans"]):
        result = targets(*common, *args)
        assert result.exit_code in (0, 1) and result.stderr == "", (args, result.stderr)
    for fmt in ("md", "json", "csv", "html", "text"):
        result = targets(*common, "report", "--format", fmt)
        assert result.exit_code == 0 and result.stdout, fmt
    data = json.loads(targets(*common, "report", "--format", "json").stdout)
    schema = json.loads((REPO / "src" / "laichau_targets" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["plan"]["name"] == plan


def test_without_a_setting_the_current_years_plan_else_the_latest_annual_one(tmp_path: Path) -> None:
    from datetime import date

    entry = '[folder]\nplan_files = ["plans/2025.toml", "plans/t.toml"]\n' + HEAD.format(when="year = 2024")
    folder = make_folder(
        tmp_path / "f",
        entry + indicator_table("A", "5", "level"),
        **{
            "2025": HEAD.format(when="year = 2025") + reference("A", "6"),
            "t": HEAD.format(when="term = [2026, 2030]") + reference("A", "7", term_rule='"level_by_end"'),
        },
    )
    plans = load_plans(folder / "targets.toml")
    assert plans.current is None
    assert plans.choose(today=date(2024, 5, 1)).name == "2024"
    assert plans.choose(today=date(2025, 5, 1)).name == "2025"
    assert plans.choose(today=date(2027, 5, 1)).name == "2025"  # no 2027 plan: the latest annual one
    assert plans.choose("2026-2030").is_term


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled plans."""
    shutil.copytree(bundled_data_path(), tmp_path / "d")
    return tmp_path / "d" / "targets.toml"


def grdp_2025(entry: Path) -> Decimal:
    """The 2025 GRDP target, as load_plans reads it."""
    return load_plans(entry).named("2025").indicator("GRDP").target


def test_an_edit_to_a_plan_file_is_seen_by_the_next_command(targets, bundled: Path, tmp_path: Path) -> None:
    """The cache of the plans proves itself by the bytes of the files: an edit that keeps the
    file's size and modification time, as `git checkout` or `cp -p` may, is never read stale."""
    folder, edited = bundled.parent, bundled.parent / "plans" / "2025.toml"

    def grdp_target() -> object:
        result = targets("--data", str(folder), "--plan", "2025", "report", "--format", "json")
        assert (result.exit_code, result.stderr) == (0, "")
        return next(row for row in json.loads(result.stdout)["indicators"] if row["code"] == "GRDP")["target"]

    assert (grdp_target(), grdp_2025(bundled)) == (8, Decimal("8"))
    before = edited.stat()
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("target = 8\n", "target = 9\n", 1), encoding="utf-8"
    )
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = edited.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert (grdp_target(), grdp_2025(bundled)) == (9, Decimal("9"))
    written = [p.name.split("-")[0] for p in (tmp_path / "home").rglob("*") if p.is_file()]
    assert written == ["plans"]  # the plans were cached, in the user's cache folder only
    assert sorted(p.name for p in folder.iterdir()) == ["plans", "targets.toml"]
