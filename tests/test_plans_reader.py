"""Reading plan files: every problem at once with its line, one table of an indicator's fields
that agrees with everything made from it, and the settings of a folder of plans."""

from __future__ import annotations

import inspect
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.datafolder import init_data_folder
from laichau_targets.errors import PlanError, UnknownIndicatorError
from laichau_targets.plans import PLAN_FILE, Indicator, Plan, bundled_data_path, load_plans
from laichau_targets.plans.fields import DESCRIPTION_KEYS, FIELDS, TARGET_ATTRS, TARGET_KEYS

from .conftest import Targets, snapshot
from .helpers import HEAD, en, error_line, folder_entry, indicator_table, make_folder, reference


def test_codes_are_case_insensitive_and_unknown_ones_get_a_suggestion() -> None:
    plan = load_plans(bundled_data_path() / PLAN_FILE).choose()
    assert plan.indicator("grdp").code == "GRDP"
    with pytest.raises(
        UnknownIndicatorError,
        match=re.escape(en("error.unknown_code_suggest", code="GRPD", suggestion="GRDP")),
    ):
        plan.indicator("GRPD")
    with pytest.raises(UnknownIndicatorError, match="targets list"):
        plan.indicator("ZZZZZZZ")


def plan_of(text: str, path: Path = Path("p.toml")) -> Plan:
    """The plan of a file holding `text`, as every command reads it (a test runs in its own folder)."""
    path.write_text(text, encoding="utf-8")
    return load_plans(path).choose()


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
    plan = plan_of(GOOD, tmp_path / "p.toml")
    assert plan.codes == ["A"]
    assert plan.settings.exceed_margin == Decimal(1)


@pytest.mark.reliability("malformed plans")
def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(GOOD.replace("target = 5", "target = = 5"), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plans(path).choose()
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
        plan_of(text)
    assert [p.text() for p in caught.value.problems] == [
        "line 23: indicator A has comparison 'more_or_less'; use one of at_least, at_most, about, range",
        "line 24: indicator A has kind 'stock'; use one of level, growth_rate, accumulating",
        "line 32: indicator B has a range whose ends are reversed or equal: [7, 3]",
    ]


@pytest.mark.reliability("malformed plans")
def test_duplicate_codes_are_refused_case_insensitively() -> None:
    text = GOOD + "\n[[indicator]]" + GOOD.split("[[indicator]]")[1].replace('code = "A"', 'code = "a"')
    with pytest.raises(PlanError) as caught:
        plan_of(text)
    assert [p.text() for p in caught.value.problems] == [
        "line 19: duplicate code 'a' (first used by indicator 1)"
    ]


@pytest.mark.reliability("malformed plans")
def test_missing_plan_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match=re.escape(en("error.plan_missing"))):
        load_plans(tmp_path / "targets.toml").choose()


def test_names_are_normalised_to_nfc(tmp_path: Path) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Chỉ tiêu A")
    plan = plan_of(GOOD.replace("Chỉ tiêu A", decomposed), tmp_path / "p.toml")
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
        (  # "cơ bản đạt" 150 % below the target: every figure would be basically met
            lambda t: t + "\n[settings]\nbasically_met_band = 150\n",
            "line {basically_met_band}: [settings] basically_met_band is a share of the target in %: "
            "it cannot be more than 100",
        ),
    ],
)
@pytest.mark.reliability("malformed plans")
def test_problems_that_name_a_key(change, problem) -> None:
    text = change(GOOD)
    lines = text.splitlines()
    for word in ("colour", "[extra]", "mood", "basically_met_band"):  # the line the problem must point at
        problem = problem.replace(
            "{" + word + "}", str(next((n for n, line in enumerate(lines, 1) if line.startswith(word)), 0))
        )
    with pytest.raises(PlanError) as caught:
        plan_of(text)
    assert problem in [p.text() for p in caught.value.problems]


def test_the_table_of_fields_gives_every_attribute_of_an_indicator_once() -> None:
    attrs = [attr for field in FIELDS for attr in field.attrs]
    assert sorted(attrs) == sorted(inspect.signature(Indicator).parameters)
    assert len({field.key for field in FIELDS}) == len(FIELDS)
    assert all(len(field.columns) in (0, len(field.attrs)) for field in FIELDS)


def test_the_reader_has_a_check_for_every_field() -> None:
    from laichau_targets.plans.indicators import CHECKS

    assert {field.check for field in FIELDS if field.level != "identity"} == set(CHECKS)


def test_a_target_sets_the_target_fields_and_only_those_on_the_indicator_described_elsewhere() -> None:
    from laichau_targets.plans.reader import with_target

    def every_field(text: str) -> Indicator:
        values: dict[str, object] = {
            name: f"{text} {name}" for name in inspect.signature(Indicator).parameters
        }
        return Indicator(**values)  # type: ignore[arg-type]

    described, target = every_field("described"), every_field("target")
    combined = with_target(described, target)
    for name, value in vars(combined).items():
        assert value == (vars(target) if name in TARGET_ATTRS else vars(described))[name], name
    assert set(TARGET_ATTRS) == {"target", "target_high"} | (TARGET_KEYS - {"code", "target"})
    assert TARGET_KEYS.isdisjoint(DESCRIPTION_KEYS)


def test_a_table_of_the_code_and_target_keys_gives_a_target_and_one_more_key_describes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "f"
    init_data_folder(folder)
    later = folder / "plans" / "2025.toml"
    text = later.read_text(encoding="utf-8")
    load_plans(folder / PLAN_FILE)  # GRDP's table holds code, target, comparison, source: a target
    for key in sorted(DESCRIPTION_KEYS):
        later.write_text(
            text.replace('code = "GRDP"\n', f'code = "GRDP"\n{key} = "x"\n', 1), encoding="utf-8"
        )
        with pytest.raises(PlanError) as caught:
            load_plans(folder / PLAN_FILE)
        assert "indicator GRDP has kind '" in str(caught.value), key  # a description needs a kind


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
        "line 11: indicator B of a term plan has term_rule 'None'; use one of average_annual_rate, level_by_end, amount_each_year, average_reduction, amount_over_term",
        "line 10: indicator A: term_rule average_annual_rate cannot judge a level indicator",
    ]


def test_a_folder_that_names_no_plan_is_refused(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "f", '[folder]\nplan_files = []\ncurrent_plan = "2024"\n')
    with pytest.raises(PlanError, match=r"missing the \[plan\] table"):
        load_plans(folder / "targets.toml")


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


@pytest.mark.reliability("malformed plans")
def test_missing_plan(targets, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = targets("--data", str(empty), "show")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == error_line(f"{empty / 'targets.toml'}: {en('error.plan_missing')}")
    assert list(empty.iterdir()) == []


@pytest.mark.reliability("malformed plans")
def test_malformed_plan_names_file_and_line(targets, data_dir: Path) -> None:
    plan = data_dir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 2236", "target = 2.236.0"), encoding="utf-8"
    )
    before = snapshot(data_dir)
    result = targets("record", "GRDP", "8.7")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.startswith(f"Error: {plan}: not valid TOML: ")
    line = plan.read_text(encoding="utf-8").splitlines().index("target = 2.236.0") + 1
    assert f"(at line {line}, column 15)" in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(data_dir) == before


@pytest.mark.reliability("malformed plans")
def test_a_plan_with_a_byte_order_mark_is_read(targets: Targets, folder: Path) -> None:
    plan = folder / "targets.toml"
    plan.write_bytes(b"\xef\xbb\xbf" + plan.read_bytes())  # as Notepad saves it
    result = targets("validate")
    assert (result.exit_code, result.stdout) == (
        0,
        en("validate.ok", path=plan, province="Lai Châu", year=2024, count=2) + "\n",
    )


@pytest.mark.reliability("malformed plans")
def test_a_plan_file_that_links_outside_the_folder_is_refused(
    targets, data_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes((data_dir / "plans" / "2025.toml").read_bytes())
    (data_dir / "plans" / "2025.toml").unlink()
    (data_dir / "plans" / "2025.toml").symlink_to(outside)
    done = targets("show")
    assert (done.exit_code, done.stdout) == (2, "")
    assert "plans/2025.toml" in done.stderr and done.stderr.startswith("Error: ")
    assert len(done.stderr.splitlines()) == 1


def test_a_bad_series_break_is_named_at_its_own_line(targets, data_dir: Path) -> None:
    """A tryout: the fifth [[series_break]] table was reported at the first one's line."""
    plan = data_dir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        + '\n[[series_break]]\ncodes = ["GRDP"]\ndate = "not a date"\nreason = "x"\n',
        encoding="utf-8",
    )
    heads = [
        n
        for n, line in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1)
        if line == "[[series_break]]"
    ]
    assert len(heads) == 5
    result = targets("validate", str(plan))
    assert result.exit_code == 2
    assert f": line {heads[-1]}: series_break 5: give codes" in result.stderr
