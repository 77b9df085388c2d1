"""The house: mypy --strict and ruff find nothing, the catalogue holds every sentence in both
languages and nothing unused, and the reliability table adds up."""

from __future__ import annotations

import re
import string
import sys

import pytest

from laichau_targets.messages import CATALOGUE, LANGS

from .conftest import REPO
from .helpers import run_process


def test_mypy_strict_finds_no_error() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install '.[test]'")
    result = run_process(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            "/dev/null",
            str(REPO / "src"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_is_clean(command: list[str]) -> None:
    pytest.importorskip("ruff", reason="ruff is in the test extra: pip install '.[test]'")
    result = run_process(
        [sys.executable, "-m", "ruff", *command, "src", "tests", "bench"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Messages that read the same in both languages: names of things, not sentences.
SAME_IN_BOTH = {
    "chosen.option",
    "chosen.env",
    "error.plan_problem",
    "check.failing",
    "import.problem",
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_every_language_with_the_same_blanks(key: str) -> None:
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGS), f"{key}: missing {set(LANGS) - set(entry)}"
    assert all(entry[lang].strip() for lang in LANGS), f"{key}: empty translation"
    assert _fields(entry["vi"]) == _fields(entry["en"]), key
    if key not in SAME_IN_BOTH and not key.startswith("col.code"):
        assert entry["vi"] != entry["en"] or not re.search(r"[a-z]{3}", entry["en"]), f"{key}: not translated"


def test_every_message_the_code_uses_is_in_the_catalogue() -> None:
    used = set()
    for path in (REPO / "src" / "laichau_targets").rglob("*.py"):
        used |= set(
            re.findall(
                r'"((?:error|status|comparison|kind|basis|col|headline|gap|report|record|undo|history|check|warn|init|paths|chosen|validate|date)\.[a-z_.]+)"',
                path.read_text(encoding="utf-8"),
            )
        )
    dynamic_prefixes = (
        "status.",
        "comparison.",
        "kind.",
        "basis.",
        "headline.",
        "chosen.",
        "error.wrong_locale_",
    )
    used = {k for k in used if not k.endswith(".json")}  # report.schema.json is a file, not a message
    assert {k for k in used if k not in CATALOGUE} == set()
    assert used, "the scan found no message keys"
    for prefix in dynamic_prefixes:
        assert any(k.startswith(prefix) for k in CATALOGUE), prefix


def test_every_message_of_the_catalogue_is_used_by_the_program() -> None:
    """A message no code says is dead. A key is used where the code names it (in either quotes),
    or builds it from a prefix (`f"status.{status}"`); the catalogue's own entries do not count."""
    code = ""
    for path in (REPO / "src" / "laichau_targets").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "messages.py":
            text = re.sub(r'^    "[a-z0-9_.]+": \{', "", text, flags=re.M)  # the definitions themselves
        code += text
    named = set(re.findall(r"""["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""", code))
    prefixes = tuple(set(re.findall(r"""f["']([a-z0-9_]+[._][a-z0-9_.]*)\{""", code)))
    assert prefixes, "the scan found no key built from a prefix"
    unused = [key for key in CATALOGUE if key not in named and not key.startswith(prefixes)]
    assert unused == []


def _app_commands():
    import typer.main

    from laichau_targets.cli import app

    return typer.main.get_command(app)


def test_every_command_and_parameter_has_its_help_in_both_languages_in_the_catalogue() -> None:
    """The English that Typer shows is the catalogue's; the Vietnamese is beside it; no help
    text of the catalogue is left without a command or a parameter to describe."""
    from laichau_targets.cli.help_vi import help_key
    from laichau_targets.messages import CATALOGUE, LANGS

    group = _app_commands()
    shown = {help_key("targets"): group.help, help_key("targets", "epilog"): group.epilog}
    shown |= {help_key("targets", p.name): p.help for p in group.params if p.name != "help"}
    for name in group.list_commands(None):
        command = group.get_command(None, name)
        shown[help_key(name)] = command.help
        shown |= {help_key(name, p.name): p.help for p in command.params if p.name != "help"}
        for sub, subcommand in getattr(command, "commands", {}).items():
            shown[help_key(f"{name}.{sub}")] = subcommand.help
            shown |= {
                help_key(f"{name}.{sub}", p.name): p.help for p in subcommand.params if p.name != "help"
            }
    missing = [key for key in shown if key not in CATALOGUE or set(CATALOGUE[key]) != set(LANGS)]
    assert missing == []
    assert {key: text for key, text in shown.items() if text != CATALOGUE[key]["en"]} == {}
    assert sorted(key for key in CATALOGUE if key.startswith("help.")) == sorted(shown)
    assert len(shown) > 40  # the program's, its 15 commands' and their parameters'


def test_every_usage_error_rule_turns_the_catalogues_english_into_its_vietnamese() -> None:
    """Click writes the English; the rule that recognises it must give the catalogue's Vietnamese."""
    import re

    from laichau_targets.cli.help_vi import USAGE_ERRORS, usage_error
    from laichau_targets.messages import Texts

    for pattern, key in USAGE_ERRORS:
        values = {name: f"'{name}x'" for name in re.compile(pattern).groupindex}
        english = Texts("en")(key, **values)
        assert re.search(pattern, english), key
        assert usage_error(english) == Texts("vi")(key, **values), key


def test_the_reliability_table_counts_cases_per_class() -> None:
    from .conftest import reliability_table

    results = [
        ("kills", "t.py::test_a", 100, True),
        ("bad values", "t.py::test_b", 1, True),
        ("bad values", "t.py::test_b", 1, False),
        ("bad values", "t.py::test_c", 40, True),
        ("something new", "t.py::test_d", 2, True),
    ]
    assert reliability_table(results).splitlines()[2:] == [
        "| bad values | 2 | 42 | 41 | 1 |",
        "| kills | 1 | 100 | 100 | 0 |",
        "| something new | 1 | 2 | 2 | 0 |",
    ]
