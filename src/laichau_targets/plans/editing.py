"""Editing a folder's plans as the office does in December: next year's plan drafted, a target set,
a plan adopted.

Each edit keeps the file's comments and layout (tomlkit reads and writes it), is checked first on
a copy of the folder's plan files (every problem at once, as `validate` gives them), and only then
replaces the files, each whole. A refused edit leaves every file byte for byte as it was.
Imported only by the commands that edit: tomlkit costs start-up.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from ..errors import PlanEditError, PlanError
from ..formatting import Locale
from ..periods import Period
from ..values import Value
from .folder import PLANS_FOLDER
from .model import COMPARISONS, TERM_RULES, Comparison, Plan, Plans, TermRule, plan_key, unit_gone
from .reader import read_plans


class Target(Value):
    """A target as `target set` gives it: a value or a range, how the figure meets it, and for a
    checkpoint within the year, the period of the growth scenario it belongs to."""

    def __init__(
        self,
        value: Decimal,
        high: Decimal | None = None,
        comparison: Comparison | None = None,
        period: Period | None = None,
        rule: TermRule | None = None,
        source: str | None = None,
    ) -> None:
        self.value = value
        self.high = high
        self.comparison = comparison
        self.period = period
        self.rule = rule
        self.source = source


def target_of(
    value_text: str,
    comparison: str | None = None,
    period_text: str | None = None,
    rule: str | None = None,
    source: str | None = None,
    reading: Locale | None = None,
) -> Target:
    """A target as typed: `10`, `8,5`, or a range `9-11`; checked before any file is read."""
    import re

    from ..numbers import parse_number
    from ..periods import parse_period

    if comparison is not None and comparison not in COMPARISONS:
        raise PlanEditError("error.edit_comparison", value=comparison, choices=", ".join(COMPARISONS))
    if rule is not None and rule not in TERM_RULES:
        raise PlanEditError("error.edit_rule", value=rule, choices=", ".join(TERM_RULES))
    if source is not None and not source.strip():
        raise PlanEditError("error.edit_source_empty")
    ends = re.fullmatch(r"\s*([+-]?[^-–+\s][^-–]*?)\s*[-–]\s*([+-]?[^-–\s].*?)\s*", value_text)
    if ends:
        low, high = (parse_number(end, None, reading) for end in ends.groups())
        if low >= high:
            raise PlanEditError("error.edit_range_reversed", value=value_text)
    else:
        low, high = parse_number(value_text, None, reading), None
    period = parse_period(period_text) if period_text else None
    return Target(low, high, comparison, period, rule, source)  # type: ignore[arg-type]


class Edited(Value):
    """What an edit wrote: the plan file, and the entry point when it changed too."""

    def __init__(
        self, plan_name: str, path: Path, entry: Path | None = None, source: str | None = None
    ) -> None:
        self.plan_name = plan_name
        self.path = path
        self.entry = entry
        self.source = source  # the plan a draft was made from


def draft_plan(
    plans: Plans, name: str, source: Plan, proposals: Mapping[str, Decimal], today: date
) -> Edited:
    """A new draft plan `name` (a year, or first-last for a term) listing `source`'s indicators
    with no targets, each growth target with its proposal, and its file added to the entry point."""
    first, last = _span(name)
    term = first < last
    years = f"{first}-{last}" if term else str(first)
    if term:
        title = f"Kế hoạch phát triển kinh tế - xã hội {last - first + 1} năm giai đoạn {years} tỉnh {source.province}"
    else:
        title = f"Kế hoạch phát triển kinh tế - xã hội năm {years} tỉnh {source.province}"
    header = (
        f"{source.province}: the {years} plan, a draft (dự kiến) made by `targets plan new` on "
        f"{today.isoformat()}\nfrom the indicators of the {source.name} plan, with no targets yet."
        + (
            "\nA proposal is the pace the running term plan needs: no target until one is set."
            if proposals
            else ""
        )
        + f"\n\nSet a target:  targets target set CODE VALUE --plan {years}"
        + f'\nAdopt it:      targets plan adopt {years} --adopted-by "Nghị quyết số …/NQ-HĐND ngày …"'
    )
    if any(plan_key(plan.name) == plan_key(name) for plan in plans.plans):
        raise PlanEditError("error.edit_plan_exists", name=name)
    relative = f"{PLANS_FOLDER}/{years}.toml"
    path = plans.path.parent / relative
    if path.exists() or path.is_symlink():
        raise PlanEditError("error.edit_file_exists", path=path)
    doc = tomlkit.document()
    for line in header.splitlines():
        doc.add(tomlkit.comment(line) if line else tomlkit.ws("#\n"))
    doc.add(tomlkit.nl())
    head = tomlkit.table()
    head["province"] = source.province
    if term:
        head["term"] = [first, last]
    else:
        head["year"] = first
    head["title"] = title
    head["status"] = "draft"
    head["complete"] = source.complete
    doc["plan"] = head
    tables = tomlkit.aot()
    # What a plan after a break could not judge (a target "in poor districts" once districts
    # are gone) is not carried into the draft.
    for indicator in source.indicators:
        if unit_gone(plans.breaks, indicator.code, first) is not None:
            continue
        table = tomlkit.table()
        table["code"] = indicator.code
        table["comparison"] = indicator.comparison
        if term and indicator.term_rule is not None:
            table["term_rule"] = indicator.term_rule
        proposal = proposals.get(indicator.code)
        if proposal is not None:
            table["proposal"] = _number(proposal)
        tables.append(table)
    doc["indicator"] = tables
    entry_text = _read_text(plans.path)
    entry = tomlkit.parse(entry_text)
    folder = entry.get("folder")
    if folder is None:
        folder = tomlkit.table()
        folder["plan_files"] = tomlkit.array()
        entry["folder"] = folder
    files = folder.get("plan_files")
    if files is None:
        folder["plan_files"] = files = tomlkit.array()
    files.append(relative)
    _commit(plans, {plans.path: tomlkit.dumps(entry), path: tomlkit.dumps(doc)}, new=path)
    return Edited(name, path, plans.path, source.name)


def set_target(plans: Plans, plan: Plan, code: str, target: Target) -> Edited:
    """Set or change one target of `plan` (a checkpoint's, with a period: its growth scenario)."""
    indicator = plans.indicator(code)  # an unknown code is refused with the nearest one
    path = _plan_path(plans, plan)
    doc = tomlkit.parse(_read_text(path))
    tables = doc.get("indicator")
    if not isinstance(tables, AoT):
        tables = tomlkit.aot()
        doc["indicator"] = tables
    table = next((t for t in tables if str(t.get("code", "")).upper() == indicator.code.upper()), None)
    if table is None:
        table = tomlkit.table()
        table["code"] = indicator.code
        tables.append(table)
    if target.period is not None and target.period.year not in plan.years:
        raise PlanEditError("error.edit_scenario_year", period=target.period.label, name=plan.name)
    if target.period is not None and not target.period.is_full_year:
        _set_checkpoint(plan, table, target)
    else:
        _set_year(plan, table, target)
        if not plan.is_draft and target.source is None:
            # An adopted plan's target changes only by an amendment, which the plan must name:
            # the quoted sentence of the old target would otherwise stand beside the new one.
            raise PlanEditError("error.edit_adopted_needs_source", name=plan.name)
    if target.source is not None:
        table["source"] = target.source
    _commit(plans, {path: tomlkit.dumps(doc)})
    return Edited(plan.name, path)


def adopt_plan(plans: Plans, plan: Plan, adopted_by: str) -> Edited:
    """Mark a draft adopted, naming the resolution that adopted it."""
    if not adopted_by.strip():
        raise PlanEditError("error.edit_adopted_by_empty")
    if not plan.is_draft:
        if plan.adopted_by:
            raise PlanEditError("error.edit_already_adopted", name=plan.name, by=plan.adopted_by)
        raise PlanEditError("error.edit_already_adopted_unnamed", name=plan.name)
    if not any(indicator.has_target for indicator in plan.indicators):
        raise PlanEditError("error.edit_adopt_no_targets", name=plan.name)
    path = _plan_path(plans, plan)
    doc = tomlkit.parse(_read_text(path))
    head = doc.get("plan")
    assert isinstance(head, Table)
    head["status"] = "adopted"
    head["adopted_by"] = adopted_by.strip()
    _commit(plans, {path: tomlkit.dumps(doc)})
    return Edited(plan.name, path)


def parse_span(name: str) -> tuple[int, int]:
    """A plan's years from its name: `2027`, or `2026-2030` for a term."""
    return _span(name)


def _span(name: str) -> tuple[int, int]:
    parts = name.strip().replace("\u2013", "-").split("-")
    if len(parts) in (1, 2) and all(len(p) == 4 and p.isdecimal() for p in parts):
        first, last = int(parts[0]), int(parts[-1])
        if 1900 <= first <= last <= 2200 and (len(parts) == 1 or first < last):
            return first, last
    raise PlanEditError("error.edit_plan_name", name=name)


def _set_year(plan: Plan, table: Table, target: Target) -> None:
    """The target for the plan's year (or term), as a value or a range."""
    comparison = target.comparison or ("range" if target.high is not None else None)
    comparison = comparison or str(table.get("comparison", "at_least"))  # type: ignore[assignment]
    if (comparison == "range") != (target.high is not None):
        raise PlanEditError("error.edit_range", value=_shown_target(target))
    table["target"] = (
        _number(target.value) if target.high is None else [_number(target.value), _number(target.high)]
    )
    table["comparison"] = comparison
    if plan.is_term:
        rule = target.rule or table.get("term_rule")
        if rule is None:
            raise PlanEditError("error.edit_rule_needed", code=table["code"], rules=", ".join(TERM_RULES))
        table["term_rule"] = str(rule)
    elif target.rule is not None:
        raise PlanEditError("error.edit_rule_annual", name=plan.name)


def _set_checkpoint(plan: Plan, table: Table, target: Target) -> None:
    """A checkpoint's target in the growth scenario of an annual plan."""
    period = target.period
    assert period is not None
    if plan.is_term or period.year != plan.year:
        raise PlanEditError("error.edit_scenario_year", period=period.label, name=plan.name)
    if target.high is not None or target.rule is not None:
        raise PlanEditError("error.edit_scenario_value")
    scenario = table.get("scenario")
    if scenario is None:
        scenario = tomlkit.inline_table()
        table["scenario"] = scenario
    scenario[period.label] = _number(target.value)
    if "target" not in table and "comparison" not in table and target.comparison is not None:
        table["comparison"] = target.comparison


def _shown_target(target: Target) -> str:
    return str(target.value) if target.high is None else f"{target.value}-{target.high}"


def _number(value: Decimal) -> int | float:
    """A number as TOML writes it: a whole number as an integer, else its shortest decimal form."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _plan_path(plans: Plans, plan: Plan) -> Path:
    return plan.path if plan.path is not None else plans.path


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanEditError("error.edit_cannot_read", path=path, reason=str(exc)) from None


def _commit(plans: Plans, texts: Mapping[Path, str], new: Path | None = None) -> None:
    """Check the folder's plans as they would be, on a copy; then write each file whole, the
    entry point last (a new plan file it names is there first)."""
    entry = plans.path
    folder = entry.parent
    with tempfile.TemporaryDirectory(prefix="targets-edit-") as scratch:
        copy = Path(scratch)
        try:
            for file in plans.files:
                relative = file.relative_to(folder)
                (copy / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, copy / relative)
        except OSError as exc:
            raise PlanEditError("error.edit_cannot_read", path=exc.filename, reason=exc.strerror) from None
        for path, text in texts.items():
            target = copy / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            read_plans(copy / entry.name)
        except PlanError as exc:
            raise PlanError(
                _real(exc.path, copy, folder), [_moved(p, copy, folder) for p in exc.problems]
            ) from None
    written: list[Path] = []
    try:
        for path, text in sorted(texts.items(), key=lambda item: item[0] == entry):
            _write_whole(path, text.encode("utf-8"), new=path == new)
            written.append(path)
    except OSError as exc:
        if new is not None and new in written:
            new.unlink()  # the entry point could not name it: the folder stays as it was
        raise PlanEditError(
            "error.edit_cannot_write", path=exc.filename or path, reason=exc.strerror
        ) from None


def _real(path: Any, copy: Path, folder: Path) -> Any:
    """A path of the copy as the folder's own."""
    if not isinstance(path, Path):
        return path
    try:
        return folder / path.relative_to(copy)
    except ValueError:
        return path


def _moved(value: Any, copy: Path, folder: Path) -> Any:
    """A problem found on the copy, naming the folder's own files, nested messages too."""
    from ..messages import Message

    if isinstance(value, Message):
        return Message(value.key, {key: _moved(v, copy, folder) for key, v in value.params.items()})
    if isinstance(value, list):
        return [_moved(v, copy, folder) for v in value]
    return _real(value, copy, folder)


def _write_whole(path: Path, data: bytes, new: bool) -> None:
    """Replace the file at once (a new one is made only where none is), keeping its permissions."""
    real = path.resolve()
    if new:
        real.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o666 & ~_umask() if new else real.stat().st_mode & 0o7777
    temp = real.with_name(f".{real.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if new:
            os.link(temp, real)  # fails, never overwrites, if a file appeared meanwhile
        else:
            os.replace(temp, real)
    finally:
        if temp.exists():
            temp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["Edited", "Target", "adopt_plan", "draft_plan", "parse_span", "set_target", "target_of"]
