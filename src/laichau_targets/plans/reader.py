"""Reading and checking a folder's plan files: every problem of every file at once, each with its line.

`targets.toml` is the entry point. It may be a plan on its own (the v0.1 form: `[plan]` and
`[[indicator]]` tables) and may name further plan files in a `[folder]` table, with the
folder's current plan:

    [folder]
    current_plan = "2024"
    plan_files = ["plans/2021-2025.toml", "plans/2025.toml"]

An indicator is described once, by an `[[indicator]]` table in any of the files (which also
gives that file's plan its target); another plan gives its own target for it by code, in an
`[[indicator]]` table of the code and target keys alone (fields.py). The same code in two
plans is the same indicator.
"""

from __future__ import annotations

import os
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import PlanError
from ..messages import Message
from ..periods import YEARS
from ..values import Value
from .fields import TARGET_ATTRS
from .indicators import IndicatorReader
from .model import PLAN_STATUSES, Indicator, Kind, Plan, Plans, SeriesBreak, Settings, TermRule, plan_key
from .source import Source, read_source, shown


def read_plans(path: Path) -> tuple[Plans, list[tuple[Path, bytes]]]:
    """The plans of the entry point `path` and of the files it names, every problem of every file
    at once; with them, each file read by its name in the folder and the bytes that were read."""
    sources = [read_source(path)]
    plans = _assemble(path, sources)
    return plans, [(source.path.relative_to(path.parent), source.raw) for source in sources]


def files_named(entry: Path) -> list[str]:
    """The further plan files an entry point's [folder] names, as it writes them."""
    source = read_source(entry)
    return _PlanReader(source.text, entry).folder(source.data)[1]


def _assemble(path: Path, sources: list[Source]) -> Plans:
    """The plans of the entry point (the one source) and of the files it names, which it adds to `sources`."""
    entry = sources[0]
    problems: list[Message] = []
    entry_reader = _PlanReader(entry.text, path)
    current, files = entry_reader.folder(entry.data)
    entry_reader.entry_of_many = bool(files)
    readers = [entry_reader]
    for name in files:
        file = path.parent / name
        try:
            sources.append(read_source(file))
        except PlanError as exc:
            problems += [Message("error.plan_problem", {"path": file, "problem": p}) for p in exc.problems]
            continue
        readers.append(_PlanReader(sources[-1].text, file, entry=False, of_many=True))
    drafts = [reader.read(source.data) for reader, source in zip(readers, sources, strict=True)]
    breaks = [b for reader, source in zip(readers, sources, strict=True) for b in reader.breaks(source.data)]
    described: dict[str, tuple[Indicator, Path]] = {}
    for reader, draft in zip(readers, drafts, strict=True):
        reader.register(draft, described)
    broken = set().union(*(reader.broken for reader in readers))
    plans: list[Plan] = []
    for reader, draft in zip(readers, drafts, strict=True):
        plan = reader.resolve(draft, described, broken)
        if plan is not None:
            plans.append(plan)
    # Only once every file reads well: a plan with problems of its own is missing from `plans`.
    clean = not problems and not any(reader.problems for reader in readers)
    entry_reader.names(plans, current, clean)
    known = {code.upper() for code in described} | {i.code.upper() for p in plans for i in p.indicators}
    for found in breaks:
        for code in found.codes:
            if code.upper() not in known and clean:
                entry_reader.problem("error.series_break_code", None, code=code)
    problems = entry_reader.problems + problems
    for reader in readers[1:]:
        problems += [
            Message("error.plan_problem", {"path": reader.path, "problem": p}) for p in reader.problems
        ]
    if problems:
        raise PlanError(path, problems)
    return Plans(plans=tuple(plans), current=current, path=path, breaks=tuple(breaks))


class _Draft(Value):
    """A plan file as read on its own: its head, and its indicator tables in file order."""

    def __init__(
        self, head: dict[str, Any] | None, settings: Settings, slots: list[tuple[int, Indicator, bool]]
    ) -> None:
        self.head = head
        self.settings = settings
        self.slots = slots  # (table index, indicator, describes it)


class _PlanReader(IndicatorReader):
    """One plan file's tables, read on their own and then with the folder's other files."""

    def __init__(self, text: str, path: Path, entry: bool = True, of_many: bool = False) -> None:
        super().__init__(text, path, of_many)
        self.entry = entry

    def folder(self, data: dict[str, Any]) -> tuple[str | None, list[str]]:
        """The entry point's [folder] table: the current plan's name and the further plan files."""
        raw = data.get("folder", {})
        if not isinstance(raw, dict):
            self.problem("error.folder_table", self.key_line(None, "folder"))
            return None, []
        for key in sorted(set(raw) - {"current_plan", "plan_files"}):
            self.problem("error.folder_unknown_key", self.key_line(None, key), key=key)
        current = raw.get("current_plan")
        if current is not None and (not isinstance(current, str) or not current.strip()):
            self.problem("error.folder_current_plan", self.key_line(None, "current_plan"))
            current = None
        files = raw.get("plan_files", [])
        good: list[str] = []
        if not isinstance(files, list):
            files = [files]
        for name in files:
            parts = Path(name).parts if isinstance(name, str) and "\x00" not in name else ()
            if not parts or Path(name).is_absolute() or ".." in parts or not _inside(self.path.parent, name):
                self.problem("error.folder_plan_file", self.key_line(None, "plan_files"), value=shown(name))
            elif _same_file(self.path, self.path.parent / name):
                self.problem("error.folder_plan_file_is_entry", self.key_line(None, "plan_files"), value=name)
            else:
                good.append(name)
        return current, good

    def names(self, plans: list[Plan], current: str | None, clean: bool) -> None:
        """The entry point's problems with the plans' names: two alike, no plan at all, or a
        current plan that is none of them (these two only when every file reads well)."""
        seen: dict[str, Plan] = {}
        for plan in plans:
            if plan_key(plan.name) in seen:
                self.problem(
                    "error.plan_name_twice",
                    None,
                    name=plan.name,
                    first=seen[plan_key(plan.name)].path,
                    second=plan.path,
                )
            seen.setdefault(plan_key(plan.name), plan)
        if not plans and clean:
            self.problem("error.plan_no_head")  # a [folder] that names no plan file
        elif current is not None and plan_key(current) not in seen and clean:
            self.problem(
                "error.current_plan_unknown",
                self.key_line(None, "current_plan"),
                name=current,
                names=", ".join(p.name for p in plans),
            )

    def read(self, data: dict[str, Any]) -> _Draft:
        """Everything a file says on its own; indicators described elsewhere are resolved later."""
        allowed = {"plan", "settings", "indicator", "series_break", *(("folder",) if self.entry else ())}
        for key in sorted(set(data) - allowed):
            self.problem("error.plan_unknown_top", self.key_line(None, key), key=key)
        head = data.get("plan")
        folder_only = self.entry and head is None and bool(data.get("folder", {}))
        if folder_only:
            for key in ("indicator", "settings"):  # series breaks are the folder's: they may stand here
                if key in data:
                    self.problem("error.plan_no_head")
            return _Draft(None, Settings(), [])
        if not isinstance(head, dict):
            self.problem("error.plan_no_head")
            head = {}
        fields = self.head(head)
        self.term = fields["first_year"] != fields["year"]
        self.year = fields["year"]
        self.source_given = fields["status"] == "draft" or fields["adopted_by"] is not None
        settings = self.settings(data.get("settings", {}))
        raw_indicators = data.get("indicator", [])
        if not isinstance(raw_indicators, list) or not raw_indicators:
            self.problem("error.plan_no_indicators")
            raw_indicators = []
        slots = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_indicators):
            read = self.indicator(index, raw)
            if read is None:
                continue
            indicator, describes = read
            key = indicator.code.upper()
            if key in seen:
                self.problem(
                    "error.indicator_duplicate",
                    self.key_line(index, "code"),
                    code=indicator.code,
                    first=seen[key] + 1,
                )
                continue
            seen[key] = index
            slots.append((index, indicator, describes))
        return _Draft(fields, settings, slots)

    def head(self, head: dict[str, Any]) -> dict[str, Any]:
        province = self.text(head, "province", None)
        year = head.get("year")
        first_year = None
        if "term" in head:
            term = head["term"]
            if "year" in head:
                self.problem("error.plan_year_and_term", self.key_line(None, "term"))
            if (
                not isinstance(term, list)
                or len(term) != 2
                or not all(_is_year(y) for y in term)
                or not term[0] < term[1]
            ):
                self.problem("error.plan_bad_term", self.key_line(None, "term"))
                first_year = year = 0
            else:
                first_year, year = term
        elif not _is_year(year):
            self.problem("error.plan_bad_year", self.key_line(None, "year"))
            year = 0
        complete = head.get("complete", True)
        if not isinstance(complete, bool):
            self.problem("error.plan_complete", self.key_line(None, "complete"))
            complete = True
        url = head.get("url")
        status = head.get("status", "adopted")
        if status not in PLAN_STATUSES:
            self.problem("error.plan_status", self.key_line(None, "status"), value=shown(status))
            status = "adopted"
        adopted_by = self.text(head, "adopted_by", None) if "adopted_by" in head else None
        if status == "draft" and adopted_by:
            self.problem("error.plan_draft_adopted", self.key_line(None, "adopted_by"))

        def optional(key: str) -> str | None:
            return self.text(head, key, None) if key in head else None

        return {
            "province": province,
            "year": year,
            "first_year": first_year or year,
            "title": self.text(head, "title", None),
            "site": optional("site"),
            "author": optional("author"),
            "url": url if isinstance(url, str) else None,
            "name": optional("name") or "",
            "complete": complete,
            "note": optional("note"),
            "note_en": optional("note_en"),
            "status": status,
            "adopted_by": adopted_by or None,
        }

    def register(self, draft: _Draft, described: dict[str, tuple[Indicator, Path]]) -> None:
        """Add the indicators this file describes to the folder's; each is described once."""
        for index, indicator, describes in draft.slots:
            if not describes:
                continue
            key = indicator.code.upper()
            if key in described:
                self.problem(
                    "error.indicator_described_twice",
                    self.key_line(index, "name_vi"),
                    code=indicator.code,
                    other=described[key][1],
                )
                continue
            described[key] = (indicator, self.path)

    def resolve(
        self, draft: _Draft, described: dict[str, tuple[Indicator, Path]], broken: set[str]
    ) -> Plan | None:
        """The plan, its indicators described elsewhere filled in; None for an entry point without a plan."""
        if draft.head is None:
            return None
        indicators = []
        for index, indicator, describes in draft.slots:
            if not describes:
                found = described.get(indicator.code.upper())
                if found is None and indicator.code.upper() in broken:
                    continue  # its description has problems of its own, reported where it is
                if found is None:
                    self.problem(
                        "error.indicator_not_described", self.key_line(index, "code"), where=indicator.code
                    )
                    continue
                indicator = with_target(found[0], indicator)
            if indicator.term_rule is not None and not _rule_fits(indicator.term_rule, indicator.kind):
                self.problem(
                    "error.term_rule_kind",
                    self.key_line(index, "term_rule"),
                    where=indicator.code,
                    rule=indicator.term_rule,
                    kind=indicator.kind,
                )
            indicators.append(indicator)
        if self.problems:
            return None
        return Plan(indicators=tuple(indicators), settings=draft.settings, path=self.path, **draft.head)

    def breaks(self, data: dict[str, Any]) -> list[SeriesBreak]:
        """The file's [[series_break]] tables: codes, a date (or a year: its 1 January), the reason."""
        raw = data.get("series_break", [])
        found = []
        heads = [n for n, text in enumerate(self.lines, 1) if text.strip().startswith("[[series_break]]")]
        for index, table in enumerate(raw if isinstance(raw, list) else [raw]):
            # the index-th [[series_break]] table's own line (an inline array has none of its own)
            line = heads[index] if index < len(heads) else self.key_line(None, "series_break")
            if not isinstance(table, dict) or set(table) - _BREAK_KEYS:
                self.problem("error.series_break", line, number=index + 1)
                continue
            codes, when = table.get("codes"), table.get("date", table.get("year"))
            reason = table.get("reason")
            if isinstance(when, int) and not isinstance(when, bool) and when in YEARS:
                when = date(when, 1, 1)
            elif isinstance(when, str):
                try:
                    when = date.fromisoformat(when)
                except ValueError:
                    when = None
            texts = [table.get(key) for key in ("reason_en", "source")]
            if (
                not isinstance(codes, list)
                or not codes
                or not all(isinstance(code, str) and code.strip() for code in codes)
                or not isinstance(when, date)
                or isinstance(when, datetime)
                or ("date" in table) == ("year" in table)
                or not isinstance(reason, str)
                or not reason.strip()
                or not all(text is None or isinstance(text, str) for text in texts)
                or not isinstance(table.get("unit_gone", False), bool)
            ):
                self.problem("error.series_break", line, number=index + 1)
                continue
            found.append(
                SeriesBreak(
                    tuple(code.strip() for code in codes),
                    when.year,
                    when.month,
                    when.day,
                    unicodedata.normalize("NFC", reason),
                    texts[0],
                    texts[1],
                    table.get("unit_gone", False),
                )
            )
        return found

    def settings(self, raw: Any) -> Settings:
        if not isinstance(raw, dict):
            self.problem("error.plan_settings_table")
            return Settings()
        defaults = Settings()
        values: dict[str, Decimal] = {}
        for key, value in raw.items():
            if not hasattr(defaults, key):
                self.problem("error.plan_settings_unknown", self.key_line(None, key), key=key)
                continue
            number = self.number(value, key, None, "[settings]")
            if number is not None and number < 0:
                self.problem("error.plan_settings_negative", self.key_line(None, key), key=key)
            elif number is not None and number > 100:  # every setting is a share of the target in %
                self.problem("error.plan_settings_over", self.key_line(None, key), key=key)
            elif number is not None:
                values[key] = number
        return Settings(**values)


_BREAK_KEYS = {"codes", "date", "year", "reason", "reason_en", "source", "unit_gone"}


def _is_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in YEARS


# Which kinds of figure each term rule can judge.
_RULE_KINDS: dict[str, tuple[str, ...]] = {
    "average_annual_rate": ("growth_rate",),
    "amount_each_year": ("accumulating",),
    "level_by_end": ("level", "accumulating"),
    "average_reduction": ("growth_rate", "level"),
    "amount_over_term": ("accumulating",),
}


def _rule_fits(rule: TermRule, kind: Kind) -> bool:
    return kind in _RULE_KINDS[rule]


def with_target(described: Indicator, target: Indicator) -> Indicator:
    """The indicator as described elsewhere, with this plan's target."""
    return described.replace(**{attr: getattr(target, attr) for attr in TARGET_ATTRS})


def _inside(folder: Path, name: str) -> bool:
    """Whether a plan file named in the folder stays in it, whatever links lie on its way."""
    try:
        return (folder / name).resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def _same_file(one: Path, other: Path) -> bool:
    """The same file by any name (a hard link, a symlink)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
