"""The documentation agrees with the program: the generated reference and every example's output
are made again and compared (scripts/docs.py), the README keeps its shape, the guides have every
page in both languages, and ARCHITECTURE.md names every module.

Making the examples again runs each guide's commands in order in a fresh folder, as an officer
following the pages would: that is the guides' tryout."""

from __future__ import annotations

import difflib
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from laichau_targets import exits

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generator", REPO / "scripts" / "docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["docs_generator"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated() -> dict[Path, str]:
    return _generator().generated()


def test_every_generated_file_is_as_the_program_makes_it_now(generated: dict[Path, str]) -> None:
    differs = []
    for path, text in generated.items():
        now = path.read_text(encoding="utf-8") if path.exists() else ""
        if now != text:
            name = str(path.relative_to(REPO))
            differs.append(
                "".join(difflib.unified_diff(now.splitlines(True), text.splitlines(True), name, "made now"))
            )
    assert not differs, "run `python scripts/docs.py`:\n" + "\n".join(differs)[:6000]


def test_the_reference_names_every_command_and_option_in_both_languages(generated: dict[Path, str]) -> None:
    from typer.main import get_command

    from laichau_targets.cli import app

    group = get_command(app)
    for lang in ("en", "vi"):
        text = generated[DOCS / "reference" / f"{lang}.md"]
        for name in group.list_commands(None):  # type: ignore[arg-type]
            assert f"## `targets {name}`" in text, (lang, name)
            command = group.get_command(None, name)  # type: ignore[arg-type]
            for sub in getattr(command, "list_commands", lambda _: [])(None):
                assert f"## `targets {name} {sub}`" in text, (lang, name, sub)
            for parameter in getattr(command, "params", []):
                for option in parameter.opts:
                    if option.startswith("--"):
                        assert option in text, (lang, name, option)
        for status in exits.MEANINGS:
            assert f"| {status} | `" in text


def test_the_readme_starts_with_the_two_set_up_commands_and_stays_short() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) <= 200
    first = re.search(r"```sh\n(.*?)```", text, flags=re.S)
    assert first is not None and text.index(first.group()) < text.index("\n\n", text.index("\n") + 1) + 2
    assert first.group(1).splitlines() == [
        "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/targets show",
        "python3 -m venv .venv && .venv/bin/pip install -q '.[test]' && .venv/bin/python -m pytest -n auto",
    ]
    assert '-m "not slow"' in text  # the fast run beside the whole one
    assert "pytest -n auto" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_lists_every_exit_status_as_exits_py_means_it() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `(EXIT_\w+)` \| (.*) \|$", text, flags=re.M)
    assert {int(status): (name, meaning) for status, name, meaning in rows} == {
        getattr(exits, name): (name, exits.MEANINGS[getattr(exits, name)][0].replace("|", "\\|"))
        for name in dir(exits)
        if name.startswith("EXIT_")
    }


GUIDE_PAGES = 8


def test_the_guide_has_every_page_in_both_languages() -> None:
    vietnamese = sorted(p.name for p in (DOCS / "huong-dan").glob("0*.md"))
    english = sorted(p.name for p in (DOCS / "guide").glob("0*.md"))
    assert len(vietnamese) == len(english) == GUIDE_PAGES
    assert [name[:2] for name in vietnamese] == [name[:2] for name in english]
    for folder, pages in [("huong-dan", vietnamese), ("guide", english)]:
        index = (DOCS / folder / "README.md").read_text(encoding="utf-8")
        for page in pages:
            assert f"({page})" in index, (folder, page)  # the table of contents links every page


def test_the_guides_examples_work_as_the_pages_say(generated: dict[Path, str]) -> None:
    """Every example but those of the troubleshooting page runs without an error."""
    for folder, page_of_errors in [("huong-dan", "08-"), ("guide", "08-")]:
        for page in sorted((DOCS / folder).glob("0*.md")):
            text = generated[page]
            blocks = re.findall(r"```console\n(.*?)```", text, flags=re.S)
            assert blocks or page.name.startswith("07-"), page  # the team page's git is not run
            if page.name.startswith(page_of_errors):
                continue
            for block in blocks:
                assert "Traceback" not in block
                assert not re.search(r"^(Error|Lỗi): ", block, flags=re.M), (page.name, block)


def test_architecture_names_every_module() -> None:
    text = (DOCS / "ARCHITECTURE.md").read_text(encoding="utf-8")
    source = REPO / "src" / "laichau_targets"
    missing = [
        str(path.relative_to(source))
        for path in sorted(source.rglob("*.py"))
        if str(path.relative_to(source)) not in text
    ]
    assert not missing
