"""The bundled plans match their sources (the 2024 article, the seed page of 2021-2026), and every
output of every one of them runs."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from laichau_targets.formatting import human, plain
from laichau_targets.plans import PLAN_FILE, bundled_data_path, load_plans

from .conftest import ARTICLE, REPO

# What the article states, read by a person: (code, target, comparison, kind, unit).
ARTICLE_TARGETS = [
    ("GRDP", "9", "about", "growth_rate", "%"),
    ("GRDP_PC", "51.5", "about", "level", "triệu đồng"),
    ("AGRI_VA", "4.1", "at_least", "growth_rate", "%"),
    ("GRAIN", "225.5", "at_least", "accumulating", "nghìn tấn"),
    ("LIVESTOCK", "5.1", "at_least", "growth_rate", "%"),
    ("NRD_SHARE", "46.8", "at_least", "level", "%"),
    ("NRD_NEW", "5", "at_least", "accumulating", "xã"),
    ("FOREST", "52.9", "at_least", "level", "%"),
    ("BUDGET", "2236", "at_least", "accumulating", "tỷ đồng"),
    ("SCHOOLS", "68.4", "at_least", "level", "%"),
    ("EHR", "60", "at_least", "level", "%"),
    ("DOCTORS", "13.1", "at_least", "level", "bác sỹ/1 vạn dân"),
    ("POOR", "3.8", "at_least", "growth_rate", "%"),
    ("POOR_DIST", "5.4", "at_least", "growth_rate", "%"),
    ("JOBS", "8920", "at_least", "accumulating", "lao động"),
    ("TRAINING", "8000", "at_least", "accumulating", "lao động"),
    ("TRAINED", "60.6", "at_least", "level", "%"),
]


def test_bundled_plan_has_the_articles_17_targets() -> None:
    plan = load_plans(REPO / "data" / "targets.toml").choose()
    got = [(i.code, i.target, i.comparison, i.kind, i.unit) for i in plan.indicators]
    assert got == [(c, Decimal(t), cmp, k, u) for c, t, cmp, k, u in ARTICLE_TARGETS]
    assert (plan.province, plan.year, plan.site, plan.author) == (
        "Lai Châu",
        2024,
        "laichau.gov.vn",
        "Đinh Lan",
    )
    assert plan.title in ARTICLE.read_text(encoding="utf-8")


def test_every_target_is_written_in_its_source_sentence_of_the_article() -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    plan = load_plans(REPO / "data" / "targets.toml").choose()
    for indicator in plan.indicators:
        assert indicator.source in article, indicator.code
        assert human(indicator.target, "vi") in indicator.source, indicator.code


def test_khoang_marks_the_about_targets() -> None:
    plan = load_plans(REPO / "data" / "targets.toml").choose()
    for indicator in plan.indicators:
        stated = f"khoảng {human(indicator.target, 'vi')}"
        assert (stated in indicator.source) == (indicator.comparison == "about"), indicator.code


def test_installed_package_carries_the_same_plan() -> None:
    assert (bundled_data_path() / PLAN_FILE).read_bytes() == (REPO / "data" / "targets.toml").read_bytes()


def test_the_bundled_folder_holds_five_plans_and_2024_is_its_current_one() -> None:
    plans = load_plans(REPO / "data" / "targets.toml")
    assert plans.names == ["2024", "2021-2025", "2025", "2026", "2021-2030"]
    assert plans.choose().name == "2024"
    assert [(p.is_term, p.complete, len(p.indicators)) for p in plans.plans] == [
        (False, False, 17),
        (True, False, 22),
        (False, False, 2),
        (False, False, 3),
        (True, False, 10),
    ]
    assert list(plans.named("2021–2025").years) == [2021, 2022, 2023, 2024, 2025]


SEED = REPO / "docs" / "sources" / "laichau-plans-2021-2030.md"


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


ANNUAL_TARGETS = {
    "2025": [("GRDP", "8", "at_least"), ("POOR", "3.68", "at_least")],
    "2026": [("GRDP", "10", "at_least"), ("BUDGET", "2727", "at_least"), ("POOR", "3.88", "at_least")],
}


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
