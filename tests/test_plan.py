"""The bundled plan matches the article, and plan files are validated with every problem at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from laichau_targets.errors import PlanError, UnknownIndicatorError
from laichau_targets.formatting import human
from laichau_targets.plan import bundled_plan_path, load_plan, parse_plan

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
    plan = load_plan(REPO / "data" / "targets.toml")
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
    plan = load_plan(REPO / "data" / "targets.toml")
    for indicator in plan.indicators:
        assert indicator.source in article, indicator.code
        assert human(indicator.target, "vi") in indicator.source, indicator.code


def test_khoang_marks_the_about_targets() -> None:
    plan = load_plan(REPO / "data" / "targets.toml")
    for indicator in plan.indicators:
        stated = f"khoảng {human(indicator.target, 'vi')}"
        assert (stated in indicator.source) == (indicator.comparison == "about"), indicator.code


def test_installed_package_carries_the_same_plan() -> None:
    assert bundled_plan_path().read_bytes() == (REPO / "data" / "targets.toml").read_bytes()


def test_codes_are_case_insensitive_and_unknown_ones_get_a_suggestion() -> None:
    plan = load_plan(bundled_plan_path())
    assert plan.indicator("grdp").code == "GRDP"
    with pytest.raises(UnknownIndicatorError, match=r"unknown indicator 'GRPD'; did you mean 'GRDP'\?"):
        plan.indicator("GRPD")
    with pytest.raises(UnknownIndicatorError, match="targets list"):
        plan.indicator("ZZZZZZZ")


GOOD = """\
[plan]
province = "Test"
year = 2024
title = "T"
site = "example.org"
author = "A"

[[indicator]]
code = "A"
name_vi = "Chỉ tiêu A"
name_en = "Indicator A"
unit = "%"
target = 5
comparison = "at_least"
kind = "level"
source = "A đạt 5%."
"""


def test_a_minimal_plan_loads(tmp_path: Path) -> None:
    plan = parse_plan(GOOD, tmp_path / "p.toml")
    assert plan.codes == ["A"]
    assert plan.settings.exceed_margin == Decimal(1)


@pytest.mark.reliability("malformed plans")
def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(GOOD.replace("target = 5", "target = = 5"), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert str(caught.value).startswith(f"{path}: not valid TOML: ")
    assert "line 13" in str(caught.value)


@pytest.mark.reliability("malformed plans")
def test_every_problem_is_reported_at_once_with_its_line(tmp_path: Path) -> None:
    second = GOOD.split("[[indicator]]")[1]
    text = (
        GOOD.replace("target = 5\n", "")
        + "\n[[indicator]]"
        + second.replace('"at_least"', '"more_or_less"').replace('"level"', '"stock"')
        + "\n[[indicator]]"
        + second.replace('code = "A"', 'code = "B"')
        .replace("target = 5", "target = [7, 3]")
        .replace('"at_least"', '"range"')
    )
    with pytest.raises(PlanError) as caught:
        parse_plan(text, Path("p.toml"))
    assert [p.text() for p in caught.value.problems] == [
        "line 8: indicator A has no target",
        "line 23: indicator A has comparison 'more_or_less'; use one of at_least, at_most, about, range",
        "line 24: indicator A has kind 'stock'; use one of level, growth_rate, accumulating",
        "line 32: indicator B has a range whose ends are reversed or equal: [7, 3]",
    ]


@pytest.mark.reliability("malformed plans")
def test_duplicate_codes_are_refused_case_insensitively() -> None:
    text = GOOD + "\n[[indicator]]" + GOOD.split("[[indicator]]")[1].replace('code = "A"', 'code = "a"')
    with pytest.raises(PlanError) as caught:
        parse_plan(text, Path("p.toml"))
    assert [p.text() for p in caught.value.problems] == [
        "line 19: duplicate code 'a' (first used by indicator 1)"
    ]


@pytest.mark.reliability("malformed plans")
def test_missing_plan_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no plan file here; `targets init DIR` makes one"):
        load_plan(tmp_path / "targets.toml")


def test_names_are_normalised_to_nfc(tmp_path: Path) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Chỉ tiêu A")
    plan = parse_plan(GOOD.replace("Chỉ tiêu A", decomposed), tmp_path / "p.toml")
    assert plan.indicators[0].name_vi == unicodedata.normalize("NFC", "Chỉ tiêu A")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda t: t.replace('name_en = "Indicator A"\n', ""),
            "line 8: indicator A needs name_en as non-empty text",
        ),
        (lambda t: t.replace('title = "T"\n', ""), "[plan] needs title as non-empty text"),
        (lambda t: t.replace('author = "A"', "author = 7"), "line 6: [plan] needs author as non-empty text"),
        (
            lambda t: t.replace('unit = "%"\n', 'unit = "%"\ncolour = "red"\n'),
            "line {colour}: indicator A has an unknown key 'colour'",
        ),
        (lambda t: t + "\n[extra]\nx = 1\n", "line {[extra]}: unknown table or key 'extra'"),
        (
            lambda t: t + "\n[settings]\nat_risk_band = -1\nmood = 2\n",
            "line {mood}: [settings] has an unknown key 'mood'",
        ),
    ],
)
@pytest.mark.reliability("malformed plans")
def test_problems_that_name_a_key(change, problem) -> None:
    text = change(GOOD)
    lines = text.splitlines()
    for word in ("colour", "[extra]", "mood"):  # the line the problem must point at
        problem = problem.replace(
            "{" + word + "}", str(next((n for n, line in enumerate(lines, 1) if line.startswith(word)), 0))
        )
    with pytest.raises(PlanError) as caught:
        parse_plan(text, Path("p.toml"))
    assert problem in [p.text() for p in caught.value.problems]


def test_a_log_record_with_a_key_of_the_wrong_type(tmp_path: Path) -> None:
    from laichau_targets.errors import LogError
    from laichau_targets.log import RecordLog

    (tmp_path / "records.toml").write_text(
        '[[record]]\nid = 1\ncode = 7\nretracts = 1\nrecorded_at = 2024-01-01T00:00:00Z\nuser = "u"\n',
        encoding="utf-8",
    )
    with pytest.raises(LogError, match="record at line 1: code is not text"):
        RecordLog(tmp_path).records()
