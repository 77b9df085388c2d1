"""Hostile plan files: any TOML, any number, a file that is no file: one error line naming the
file, and every command works on every plan that validates."""

from __future__ import annotations

import os
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.datafolder import init_data_folder
from laichau_targets.errors import PlanError
from laichau_targets.formatting import plain
from laichau_targets.plans import PLAN_FILE, bundled_data_path, load_plans

from .conftest import Targets, snapshot
from .helpers import RANGE, en, no_traceback, run, write_plan

TOO_DEEP = en("error.toml_too_deep")


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


def test_a_plan_just_under_the_largest_size_is_read(tmp_path: Path) -> None:
    entry = tmp_path / PLAN_FILE
    text = (bundled_data_path() / PLAN_FILE).read_text(encoding="utf-8")
    text = text.replace("[folder]", "[folder_]").replace("[folder_]", "[folder]")
    padding = 10_000_000 - len(text.encode("utf-8")) - 1
    entry.write_text(text + "#" * padding + "\n", encoding="utf-8")
    assert entry.stat().st_size == 10_000_000
    with pytest.raises(PlanError, match="no plan file here"):  # the files it names are not beside it
        load_plans(entry)


HOSTILE_PLAN_NUMBERS = [
    "nan",
    "inf",
    "-inf",
    "1e400",
    "1e999999999",  # past what the arithmetic context holds: Overflow, once
    "1e-30",
    "0e-999999999",  # a zero written with a billion decimals: MemoryError, once
    "1" + "0" * 5000,
    "123456789012345678901",
    "1.00000000000000000000000000001",  # 30 digits, which normalize() rounded to 1, once
]


@pytest.mark.reliability("malformed plans")
@pytest.mark.parametrize("number", HOSTILE_PLAN_NUMBERS, ids=lambda n: n[:12])
@pytest.mark.parametrize(
    ("change", "key", "where"),
    [
        (lambda n: {"rate_target": n}, "target", "indicator RATE: target"),
        (lambda n: {"rate_extra": f"min = {n}"}, "min", "indicator RATE: min"),
        (lambda n: {"sum_extra": f"max = {n}"}, "max", "indicator SUM: max"),
        (
            lambda n: {"settings": f"[settings]\nexceed_margin = {n}"},
            "exceed_margin",
            "[settings] exceed_margin",
        ),
        (
            lambda n: {"rate_comparison": "range", "rate_target": f"[{n}, 10]"},
            "target",
            "indicator RATE: target",
        ),
    ],
    ids=["target", "min", "max", "margin", "range"],
)
def test_validate_refuses_each_plan_number_out_of_range_with_its_line(
    targets: Targets, tmp_path: Path, number: str, change, key: str, where: str
) -> None:
    plan = write_plan(tmp_path / "p", **change(number))
    line = next(n for n, text in enumerate(plan.read_text().splitlines(), 1) if text.startswith(f"{key} ="))
    result = targets("validate", str(plan))
    assert result.exit_code == EXIT_ERROR
    if len(number) > 4300:  # beyond what Python converts: found by its digits, before any key is read
        problem = f"line {line}: a number with thousands of digits; a plan number must be {RANGE}"
    else:
        problem = f"line {line}: {where} must be {RANGE}"
    assert result.stderr == f"Error: {plan}: {problem}\n"  # one problem: one line
    for command in (["show"], ["report", "-f", "json"], ["record", "RATE", "8.7", "--period", "2024"]):
        refused = targets("--data", str(plan.parent), *command)
        assert (refused.exit_code, refused.stdout) == (EXIT_ERROR, "")
        assert refused.stderr.startswith(f"Error: {plan}: ") and refused.stderr.count("\n") == 1


in_range = st.decimals(
    min_value=Decimal("-999999999999999999"), max_value=Decimal("999999999999999999"), places=2
).map(lambda d: d.normalize() if d.is_finite() else d)


tiny = st.decimals(min_value=Decimal("-1"), max_value=Decimal("1"), places=9)


figure = st.one_of(in_range, tiny, st.sampled_from([Decimal("12345678901234567.5"), Decimal("-0.000000001")]))


plan_number = st.one_of(
    in_range.map(plain),
    tiny.map(plain),
    st.sampled_from(["0", "-0", "0.000000001", "999999999999999999.99", *HOSTILE_PLAN_NUMBERS]),
)


plan_changes = st.fixed_dictionaries(
    {
        "rate_target": plan_number,
        "rate_comparison": st.sampled_from(["about", "at_least", "at_most"]),
        "sum_target": plan_number,
        "sum_comparison": st.sampled_from(["at_least", "at_most", "about"]),
        "sum_kind": st.sampled_from(["accumulating", "level"]),
        "rate_extra": st.one_of(st.just(""), plan_number.map(lambda n: f"min = {n}")),
        "sum_extra": st.one_of(st.just(""), plan_number.map(lambda n: f"max = {n}")),
        "settings": st.one_of(
            st.just(""),
            st.tuples(plan_number, plan_number).map(
                lambda p: f"[settings]\nexceed_margin = {p[0]}\nat_risk_band = {p[1]}"
            ),
        ),
    }
)


def _invoke(targets: Targets, env: dict[str, str], *args: str):
    from laichau_targets.cli import app

    return targets.runner.invoke(app, list(args), env=env, prog_name="targets")


@pytest.mark.reliability("malformed plans")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plan_changes,
    st.lists(st.tuples(figure, st.sampled_from(["2024", "2024-Q1", "2024-H1", "2024-09"])), max_size=3),
    st.sampled_from(["en", "vi"]),
)
def test_every_command_works_on_every_plan_that_validates(targets: Targets, changes, figures, lang) -> None:
    with tempfile.TemporaryDirectory() as where:
        write_plan(Path(where), **changes)
        numbers = re.findall(r"[-\w.]+", " ".join(changes.values()))
        hostile = any(n in HOSTILE_PLAN_NUMBERS for n in numbers)
        env = {"LAICHAU_TARGETS_DATA": where, "LAICHAU_TARGETS_LANG": lang}
        checked = _invoke(targets, env, "validate")
        no_traceback(checked)
        if hostile:
            assert checked.exit_code == EXIT_ERROR
        event("plan valid" if checked.exit_code == 0 else "plan refused")
        if checked.exit_code != 0:
            return
        for value, period in figures:
            done = _invoke(targets, env, "record", "SUM", plain(value), "--period", period, "--locale", "en")
            assert done.exit_code in (0, EXIT_ERROR)  # a figure outside min/max is refused
        for args in (
            ["show"],
            ["show", "--wide"],
            ["check"],
            ["check", "--strict"],
            ["history"],
            ["list"],
            ["paths"],
            ["report", "-f", "md"],
            ["report", "-f", "json"],
            ["report", "-f", "csv"],
            ["report", "-f", "html"],
            ["report", "-f", "text"],
            ["report", "--as-of", "2024-H1"],
            ["undo"],
        ):
            result = _invoke(targets, env, *args)
            no_traceback(result)
            assert result.exit_code in (0, 1, EXIT_ERROR)


@pytest.mark.reliability("malformed plans")
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_plan_that_is_not_a_regular_file_is_refused_not_read_for_ever(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    plan = folder / "targets.toml"
    if kind == "fifo":
        os.mkfifo(plan)
    else:
        plan.symlink_to("/dev/zero")  # a link git would clone; v0.1 read it until memory ran out
    problem = f"{plan}: is not a regular file, so it cannot be a plan"
    shown = run("--data", str(folder), "show")
    assert (shown.returncode, shown.stderr) == (EXIT_ERROR, f"Error: {problem}\n")
    checked = run("validate", str(plan))
    assert (checked.returncode, checked.stderr) == (EXIT_ERROR, f"Error: {problem}\n")
