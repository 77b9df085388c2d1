"""The documentation's generated parts, from the program itself: the reference of every command,
option and exit status in both languages, and the output of every example.

    python scripts/docs.py           # rewrite what is generated
    python scripts/docs.py --check   # say what differs, exit 1 if anything does (tests/test_docs.py)

An example is a fenced block marked `console` in a managed file: each line that starts with
`$ targets` is run, and what follows it up to the next `$ ` line is replaced by what the command
printed. The commands of one sequence (the README; the Vietnamese guide's pages in order; the
English guide's pages in order; the manual) run one after another in one fresh working folder,
as a reader who follows the pages would. Files a page uses (a department's filled spreadsheet)
come from docs/examples/.

Everything that would change from run to run is fixed: today (LAICHAU_TARGETS_TODAY), the time a
report says it was made (SOURCE_DATE_EPOCH), the login name, the terminal's width; the clock a
record is stamped with and the random part of its id (so every id, and the short form `history`
and `undo` show, is the same on every run); the temporary folder's path is shown as a home folder.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
TODAY = "2026-12-07"
EPOCH = "1796601600"  # 2026-12-07 00:00 UTC
WIDTH = "120"
USER = "lan.nguyen"
HOME = "/home/lan"
# The sequences: the files whose examples run together in one folder, in order, and their language.
SEQUENCES: list[tuple[str, list[Path]]] = [
    ("en", [REPO / "README.md"]),
    ("vi", sorted((DOCS / "huong-dan").glob("*.md"))),
    ("en", sorted((DOCS / "guide").glob("*.md"))),
    ("en", [DOCS / "MANUAL.md"]),
]
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)


@contextmanager
def environment(work: Path, lang: str) -> Iterator[dict[str, str]]:
    """The fixed environment every example runs in; the process's own, restored afterwards."""
    saved = dict(os.environ)
    cwd = os.getcwd()
    home = work / "home"
    home.mkdir(exist_ok=True)
    fixed = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LAICHAU_TARGETS_TODAY": TODAY,
        "SOURCE_DATE_EPOCH": EPOCH,
        "LAICHAU_TARGETS_LANG": lang,
        "COLUMNS": WIDTH,
        "NO_COLOR": "1",
        "LOGNAME": USER,
        "USER": USER,
        "TZ": "UTC",
    }
    for name in ("LAICHAU_TARGETS_DATA", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "FORCE_COLOR", "TERM"):
        os.environ.pop(name, None)
    os.environ.update(fixed)
    os.chdir(work)
    try:
        yield fixed
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)


class Runner:
    """Runs `targets` in this process (CliRunner) and makes its output the same on every run."""

    def __init__(self, work: Path) -> None:
        from typer.testing import CliRunner

        from laichau_targets.cli import app

        self.app = app
        self.runner = CliRunner()
        self.work = work
        self.ticks = 0

    @contextmanager
    def fixed_clock(self) -> Iterator[None]:
        """Records stamped a minute apart from 09:30 on TODAY, ids whose random part counts up."""
        from datetime import UTC, datetime, timedelta

        from laichau_targets import ids, log, tracker

        start = datetime.fromisoformat(f"{TODAY}T09:30:00").replace(tzinfo=UTC)

        def clock() -> datetime:
            self.ticks += 1
            return start + timedelta(minutes=self.ticks)

        def counted(milliseconds: int, count: int = 1) -> list[str]:
            first = self.ticks * 1_000_003
            return [ids.encode((milliseconds << 80) | (first + n)) for n in range(count)]

        saved = (tracker.now, log.new_ids)
        tracker.now, log.new_ids = clock, counted
        try:
            yield
        finally:
            tracker.now, log.new_ids = saved

    def __call__(self, command: str) -> str:
        args = shlex.split(command)
        assert args[0] == "targets", command
        with self.fixed_clock():
            result = self.runner.invoke(self.app, args[1:], prog_name="targets")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise RuntimeError(f"{command}: {result.exception!r}") from result.exception
        return self.fixed(result.stdout + result.stderr)

    def fixed(self, text: str) -> str:
        return text.replace(str(self.work / "home"), HOME).replace(str(self.work), HOME)


def run_block(body: str, run: Runner) -> str:
    """A console block with each command's output put back under it."""
    out: list[str] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append(line)
            printed = run(line[2:])
            out.extend(printed.rstrip("\n").splitlines())
    return "\n".join(out) + "\n"


def regenerate(text: str, run: Runner) -> str:
    return BLOCK.sub(lambda m: "```console\n" + run_block(m.group(1), run) + "```\n", text)


def reference(lang: str) -> str:
    """Every command's help, in `lang`, and the exit statuses."""
    from typer.main import get_command

    from laichau_targets import exits
    from laichau_targets.cli import app

    runner = Runner(Path(tempfile.gettempdir()))
    group = get_command(app)
    names: list[str] = []
    for name in group.list_commands(None):  # type: ignore[arg-type]
        names.append(name)
        command = group.get_command(None, name)  # type: ignore[arg-type]
        if hasattr(command, "list_commands"):
            names.extend(f"{name} {sub}" for sub in command.list_commands(None))
    title = {"en": "# `targets` reference", "vi": "# Tra cứu lệnh `targets`"}[lang]
    intro = {
        "en": "Every command and option, as `targets COMMAND --help` gives them; made by "
        "`scripts/docs.py` from the program itself. [Tiếng Việt](vi.md)",
        "vi": "Mọi lệnh và tùy chọn, như `targets --lang vi LỆNH --help` in ra; tạo bởi "
        "`scripts/docs.py` từ chính chương trình. [English](en.md)",
    }[lang]
    parts = [
        title,
        "",
        intro,
        "",
        "## `targets`",
        "",
        "```text",
        runner(f"targets --lang {lang} --help").rstrip(),
        "```",
    ]
    for name in names:
        parts += [
            "",
            f"## `targets {name}`",
            "",
            "```text",
            runner(f"targets --lang {lang} {name} --help").rstrip(),
            "```",
        ]
    heading = {"en": "## Exit statuses", "vi": "## Mã thoát"}[lang]
    header = {"en": "| Status | Constant | Meaning |", "vi": "| Mã | Hằng số | Nghĩa |"}[lang]
    parts += ["", heading, "", header, "|---:|---|---|"]
    for constant in sorted((n for n in dir(exits) if n.startswith("EXIT_")), key=lambda n: getattr(exits, n)):
        status = getattr(exits, constant)
        parts.append(f"| {status} | `{constant}` | {exits.MEANINGS[status][lang == 'vi']} |")
    return "\n".join(parts) + "\n"


def generated() -> dict[Path, str]:
    """Every generated file's path and its text as the program makes it now."""
    sys.path.insert(0, str(REPO / "src"))
    out: dict[Path, str] = {}
    for lang, files in SEQUENCES:
        with tempfile.TemporaryDirectory() as temp:
            work = Path(temp)
            examples = DOCS / "examples"
            if examples.is_dir():
                for example in examples.iterdir():
                    shutil.copy(example, work / example.name)
            with environment(work, lang):
                run = Runner(work)
                for path in files:
                    if path.exists():
                        out[path] = regenerate(path.read_text(encoding="utf-8"), run)
    with tempfile.TemporaryDirectory() as temp, environment(Path(temp), "en"):
        for lang in ("en", "vi"):
            out[DOCS / "reference" / f"{lang}.md"] = reference(lang)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="compare, change nothing; exit 1 on a difference"
    )
    args = parser.parse_args()
    differs = 0
    for path, text in generated().items():
        now = path.read_text(encoding="utf-8") if path.exists() else ""
        if now == text:
            continue
        differs += 1
        if args.check:
            name = str(path.relative_to(REPO))
            sys.stdout.writelines(
                difflib.unified_diff(now.splitlines(True), text.splitlines(True), name, name + " (generated)")
            )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}")
    return 1 if args.check and differs else 0


if __name__ == "__main__":
    raise SystemExit(main())
