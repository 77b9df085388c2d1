"""The bundled plan matches the article, plan files are validated with every problem at once, the
one table of an indicator's fields agrees with everything made from it, and no file, however
hostile, gets more than one line of error."""

from __future__ import annotations

import inspect
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from laichau_targets.datafolder import DataFolder, init_data_folder
from laichau_targets.errors import PlanError, UnknownIndicatorError
from laichau_targets.formatting import human
from laichau_targets.plans import PLAN_FILE, Indicator, Override, Plan, bundled_data_path, load_plans
from laichau_targets.plans.fields import COLUMNS, DESCRIPTION_KEYS, FIELDS, TARGET_ATTRS, TARGET_KEYS

from .conftest import ARTICLE, REPO, snapshot
from .helpers import run

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


def plan_of(text: str, path: Path = Path("p.toml")) -> Plan:
    """The plan of a file holding `text`, as every command reads it (a test runs in its own folder)."""
    path.write_text(text, encoding="utf-8")
    return load_plans(path).choose()


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


def test_codes_are_case_insensitive_and_unknown_ones_get_a_suggestion() -> None:
    plan = load_plans(bundled_data_path() / PLAN_FILE).choose()
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
        "line 8: indicator A has no target",
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
    with pytest.raises(PlanError, match="no plan file here; `targets init DIR` makes one"):
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
        plan_of(text)
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


# ---------------------------------------------------------------- the one table of fields


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


def test_the_json_schema_lists_exactly_the_indicator_fields_of_machine_output(data_dir: Path) -> None:
    """Machine output shows the plan's fields as plans.fields says, and the standing's own: the
    schema documents every one of them, and nothing else."""
    from laichau_targets.render.machine import ROW, report_fields, standing_fields
    from laichau_targets.tracker import Tracker

    report = Tracker(DataFolder(data_dir, "option"), None).report()
    schema = json.loads((REPO / "src" / "laichau_targets" / "report.schema.json").read_text(encoding="utf-8"))
    documented = schema["$defs"]["indicator"]["properties"]
    assert set(schema["$defs"]["indicator"]["required"]) == set(documented)
    from_plan = {column for column, _, _ in COLUMNS}
    csv_from_plan = {column for column, _, json_only in COLUMNS if not json_only}
    from_standing = set(standing_fields(report.standings[0]))
    assert from_plan <= set(documented)
    assert set(documented) - from_plan == from_standing | {"term"}
    assert set(ROW) == csv_from_plan | from_standing and len(ROW) == len(set(ROW))
    assert [set(row) for row in report_fields(report)["indicators"]] == [set(documented)] * len(
        report.standings
    )


def test_machine_output_shows_an_override_by_its_reason_and_each_baseline_with_its_share(
    data_dir: Path,
) -> None:
    from laichau_targets.render.machine import plan_fields
    from laichau_targets.tracker import Tracker

    standing = Tracker(DataFolder(data_dir, "option"), None).report().standings[0]
    standing.indicator = standing.indicator.replace(override=Override("met", "a reason"))
    assert plan_fields(standing, json_only=False)["override_reason"] == "a reason"
    assert plan_fields(standing, json_only=True)["other_baselines"] == []


# ---------------------------------------------------------------- hostile TOML

TOO_DEEP = "nested too deeply, or a number too long, to be a plan or a log"
HOSTILE_TOML = {
    "arrays 500 deep": ("\nx = " + "[" * 500 + "]" * 500 + "\n", TOO_DEEP),
    "arrays 100,000 deep": ("\nx = " + "[" * 100_000 + "]" * 100_000 + "\n", TOO_DEEP),
    "inline tables 500 deep": ("\nx = " + "{a = " * 500 + "1" + "}" * 500 + "\n", TOO_DEEP),
    "an integer of 5,000 digits": ("\nx = " + "9" * 5000 + "\n", "a number with thousands of digits"),
    "an exponent of 19 digits": ("\nx = 1e1000000000000000000\n", "a number with thousands of digits"),
    "50 MB": ("\n" + ("# " + "x" * 97 + "\n") * 500_000, "is larger than 10 MB, too large to be a plan"),
}


@pytest.mark.reliability("malformed plans")
@pytest.mark.parametrize("where", ["entry point", "plan file"])
@pytest.mark.parametrize("case", list(HOSTILE_TOML))
def test_any_toml_in_a_plan_is_one_error_line_naming_the_file(tmp_path: Path, case: str, where: str) -> None:
    """In a real process, whose stack is what a person's is: the parser recurses, so nesting
    hundreds deep once ended in a RecursionError and status 1, which `check` means as slipping."""
    folder = tmp_path / "data"
    init_data_folder(folder)
    entry = folder / PLAN_FILE
    file = entry if where == "entry point" else folder / "plans" / "2025.toml"
    added, problem = HOSTILE_TOML[case]
    with file.open("a", encoding="utf-8") as handle:
        handle.write(added)
    before = snapshot(folder)
    named = "" if file == entry else f"{file}: "
    for command in (["validate"], ["check"], ["show"], ["record", "GRDP", "8.7", "--period", "2024"]):
        result = run("--data", str(folder), *command)
        assert (result.returncode, result.stdout) == (2, ""), (command, result.stderr[-300:])
        assert result.stderr.startswith(f"Error: {entry}: {named}") and result.stderr.count("\n") == 1
        assert problem in result.stderr, command
    assert snapshot(folder) == before


@pytest.mark.reliability("malformed plans")
@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ('comparison = "about"', "comparison = " + "[" * 200 + "]" * 200, "comparison '[[[[...]]]]'"),
        ('comparison = "about"', "comparison." + ".".join(["a"] * 5000) + " = 1", "comparison '{'a': {'a'"),
        ('kind = "growth_rate"', "kind = {" + "a." * 5000 + "a = 1}", "kind '{'a': {'a'"),
        ('plan_files = ["', "plan_files = [{" + "a." * 5000 + 'a = 1}, "', "plan_files: \"{'a': {'a'"),
        (
            'source = "',
            'override = {reason = "r", status.' + "a." * 5000 + 'a = 1}\nsource = "',
            "status '{'a'",
        ),
    ],
    ids=["array", "dotted key", "inline dotted key", "plan file", "override"],
)
def test_a_value_nested_thousands_deep_is_named_by_its_beginning(tmp_path: Path, old, new, shown) -> None:
    """Dotted keys nest without the parser recursing: writing such a value in a problem once
    recursed, ending in a traceback."""
    folder = tmp_path / "data"
    init_data_folder(folder)
    entry = folder / PLAN_FILE
    entry.write_text(entry.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    for command in (["validate"], ["show"]):
        result = run("--data", str(folder), *command)
        assert (result.returncode, result.stdout) == (2, ""), result.stderr[-300:]
        assert result.stderr.startswith(f"Error: {entry}: line ") and result.stderr.count("\n") == 1
        assert shown in result.stderr and len(result.stderr) < 300


@pytest.mark.reliability("malformed plans")
@pytest.mark.parametrize("kind", ["fifo", "zero", "50 MB"])
def test_a_cached_plan_file_that_became_hostile_is_refused_not_read_for_ever(
    tmp_path: Path, kind: str
) -> None:
    """The cache of the plans reads the files it proves itself by as the reader does: a FIFO or a
    link to /dev/zero in a plan file's place once kept every command waiting, or eating memory."""
    folder = tmp_path / "data"
    init_data_folder(folder)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run("--data", str(folder), "show", env=env).returncode == 0  # the plans are cached
    assert any((tmp_path / "cache").rglob("plans-*"))
    file = folder / "plans" / "2025.toml"
    if kind == "50 MB":
        file.write_bytes(file.read_bytes() + b"#" * 50_000_000)
        problem = "is larger than 10 MB, too large to be a plan"
    else:
        file.unlink()
        os.mkfifo(file) if kind == "fifo" else file.symlink_to("/dev/zero")
        problem = "is not a regular file" if kind == "fifo" else "is not a file inside the data folder"
    result = run("--data", str(folder), "show", env=env)  # within run's time limit
    assert (result.returncode, result.stdout) == (2, "")
    assert problem in result.stderr and result.stderr.count("\n") == 1


def test_a_plan_just_under_the_largest_size_is_read(tmp_path: Path) -> None:
    entry = tmp_path / PLAN_FILE
    text = (bundled_data_path() / PLAN_FILE).read_text(encoding="utf-8")
    text = text.replace("[folder]", "[folder_]").replace("[folder_]", "[folder]")
    padding = 10_000_000 - len(text.encode("utf-8")) - 1
    entry.write_text(text + "#" * padding + "\n", encoding="utf-8")
    assert entry.stat().st_size == 10_000_000
    with pytest.raises(PlanError, match="no plan file here"):  # the files it names are not beside it
        load_plans(entry)
