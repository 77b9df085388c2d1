"""The plain listings of the commands: the plan's indicators, the folder's plans, the history
(as text and as JSON), where the data is, what validate and check found, what an import would
record. Plain left-aligned columns, for output that needs no colour; no trailing spaces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..messages import Texts
from . import words

if TYPE_CHECKING:
    from ..inspection import Paths, Validated
    from ..plans import Indicator, Plan, Plans
    from ..records import Figure
    from ..report import Report
    from ..standing import Standing
    from ..tracker import History


def columns(rows: Sequence[Sequence[str]]) -> str:
    """Plain left-aligned columns; the last one is not padded."""
    widths = [max(len(row[n]) for row in rows) for n in range(len(rows[0]) - 1)]
    return "\n".join(
        (
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        ).rstrip()
        for row in rows
    )


def indicators(plan: Plan, chosen: Sequence[Indicator], texts: Texts) -> str:
    """`list`: code, kind, target, owner (when one of them names one) and name; then the plan's line."""
    with_owner = any(i.owner for i in chosen)
    rows = [
        (
            words.inert(i.code),
            texts(f"kind.{i.kind}"),
            words.term_target(i, texts, plan.year) if plan.is_term else words.target(i, texts),
            *([words.inert(i.owner or "–")] if with_owner else []),
            words.name(i, texts),
        )
        for i in chosen
    ]
    return columns(rows) + "\n" + words.plan_line_of(plan, texts)


def plans(found: Plans, current: Plan, texts: Texts) -> str:
    """`plans`: name, annual or term, targets, complete, source; the current plan marked with *."""
    names = ("plan", "kind", "status", "targets", "complete", "adopted_by", "source")
    rows = [[texts(f"plans.col.{name}") for name in names]]
    proposals = []
    for plan in found.plans:
        mark = " *" if plan is current else ""
        set_ = sum(1 for i in plan.indicators if i.has_target)
        rows.append(
            [
                words.inert(plan.name) + mark,
                texts(f"plan_kind.{'term' if plan.is_term else 'annual'}"),
                texts(f"plan_status.{plan.status}"),
                str(set_)
                if set_ == len(plan.indicators)
                else texts("plans.targets_of", set=set_, count=len(plan.indicators)),
                texts("plans.yes" if plan.complete else "plans.no"),
                words.inert(plan.adopted_by or "–"),
                words.plan_source(plan),
            ]
        )
        proposed = [
            f"{words.inert(i.code)} {words.quantity(i.proposal, i, texts)}"
            for i in plan.indicators
            if i.proposal is not None and not i.has_target
        ]
        if proposed:
            proposals.append(
                texts("plans.proposals", name=words.inert(plan.name), proposals=", ".join(proposed))
            )
    return "\n".join([columns(rows), *proposals, texts("plans.current_mark")])


def history(found: History, texts: Texts) -> str:
    """`history`: each record's id, when, who, code, figure and period (or what it retracts), and
    its details: what retracted it, its source, its note."""
    from ..records import Retraction

    shorts = found.shorts
    rows: list[tuple[str, ...]] = [tuple(texts(f"history.col.{name}") for name in _HISTORY_COLUMNS)]
    for entry in found.entries:
        r = entry.record
        when = r.recorded_at.strftime(texts("date.format") + " %H:%M")
        details = []
        if entry.retracted_by is not None:
            details.append("[" + texts("history.retracted", by=shorts[entry.retracted_by.id]) + "]")
        if isinstance(r, Retraction):
            what = ("", texts("history.retracts", id=shorts.get(r.retracts, r.retracts)))
        else:
            indicator = found.indicators.get(r.code.upper())
            value = words.figure(r.value, texts)
            if indicator is not None:
                value = words.quantity(r.value, indicator, texts, None)
            what = (value, words.period_of(r, texts, capital=True))
            if r.reported_on is not None and r.reported_on != r.recorded_at.astimezone().date():
                details.append(
                    texts("history.reported_on", date=r.reported_on.strftime(texts("date.format")))
                )
            if r.source:
                details.append(texts("history.source", source=words.inert(r.source)))
        if r.note:
            details.append(texts("history.note", note=words.inert(r.note)))
        rows.append(
            (f"#{shorts[r.id]}", when, words.inert(r.user), words.inert(r.code), *what, "  ".join(details))
        )
    return columns(rows)


_HISTORY_COLUMNS = ("id", "when", "user", "code", "figure", "period", "details")


def history_json(found: History) -> str:
    """`history --format json`: every field of every record, as the log holds it, with its short
    id and what retracted it."""
    import json

    from ..records import Figure

    rows: list[dict[str, Any]] = []
    for entry in found.entries:
        r = entry.record
        row: dict[str, Any] = {"id": r.id, "short_id": found.shorts[r.id], "kind": "figure", "code": r.code}
        if isinstance(r, Figure):
            row.update(value=str(r.value), period=r.period.label, basis=r.basis, source=r.source)
            row["reported_on"] = r.reported_on.isoformat() if r.reported_on else None
        else:
            row.update(kind="retraction", retracts=r.retracts)
        row.update(recorded_at=r.recorded_at.isoformat(), user=r.user, note=r.note, v01_id=r.v01_id)
        if isinstance(r, Figure):
            row["retracted_by"] = entry.retracted_by.id if entry.retracted_by else None
        rows.append(row)
    return words.inert_json(json.dumps(rows, ensure_ascii=False, indent=2))


def paths(found: Paths, texts: Texts) -> list[str]:
    """`paths`: the data folder and why, its plan files, its log and cache; whether it exists."""
    folder = found.folder
    lines = [
        texts("paths.folder", path=folder.path, why=texts(f"chosen.{folder.chosen_by}")),
        texts("paths.plan", path=folder.plan_path),
        *(
            texts("paths.plan_file" if n == 0 else "paths.plan_file_more", path=file)
            for n, file in enumerate(found.plan_files)
        ),
        texts("paths.log", path=folder.log_path),
    ]
    if folder.cache_dir is not None:
        lines.append(texts("paths.cache", path=folder.cache_dir))
    if not found.exists:
        lines.append(texts("paths.missing", path=folder.path))
    return lines


def validated(found: Validated, texts: Texts) -> list[str]:
    """`validate`: one line for each plan checked, naming the entry point it was checked with."""
    lines = []
    for plan in found.plans:
        line = texts(
            "validate.ok.term" if plan.is_term else "validate.ok",
            path=found.path if found.entry is not None else plan.path or found.path,
            province=plan.province,
            year=plan.name,
            count=len(plan.indicators),
        )
        lines.append(line if found.entry is None else line + texts("validate.with_entry", entry=found.entry))
    return lines


def validation_problems(found: Validated, texts: Texts) -> list[str]:
    """`validate`'s problems, each after the file it is in (a problem of a plan file the entry
    point names already starts with that file)."""
    assert found.error is not None
    return [
        ("" if problem.key == "error.plan_problem" else f"{found.checked}: ") + problem.text(texts.lang)
        for problem in found.error.problems
    ]


def check(report: Report, bad: Sequence[Standing], texts: Texts) -> str:
    """`check`: the headline, the plan's line, and each indicator that fails with its status."""
    lines = [words.headline(report, texts), words.plan_line(report, texts)]
    lines += [texts("check.failing", code=s.indicator.code, status=words.status(s, texts)) for s in bad]
    return "\n".join(lines)


def would_record(figures: Sequence[Figure], indicators: Mapping[str, Indicator], texts: Texts) -> str:
    """`import --dry-run`: each figure read, as it would be recorded; `indicators` by code in
    capitals (Plans.index: a figure of any plan of the folder, each looked up at once)."""
    rows = [
        (
            words.inert(f.code),
            words.quantity(f.value, indicators[f.code.upper()], texts, places=None),
            words.period(f.period, texts),
            texts(f"basis.{f.basis}"),
            words.inert(f.source or ""),
        )
        for f in figures
    ]
    return columns(rows)
