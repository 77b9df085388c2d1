"""The plans of a data folder: person-written TOML files of indicators and their targets.

`targets.toml` is the entry point. It may be a plan on its own (the v0.1 form: `[plan]` and
`[[indicator]]` tables) and may name further plan files in a `[folder]` table, with the
folder's current plan:

    [folder]
    current_plan = "2024"
    plan_files = ["plans/2021-2025.toml", "plans/2025.toml"]

An indicator is described once, by an `[[indicator]]` table in any of the files (which also
gives that file's plan its target); another plan gives its own target for it by code in a
`[[target]]` table. The same code in two plans is the same indicator.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, cast, get_args

from .errors import PlanError, UnknownIndicatorError, UnknownPlanError
from .messages import Message
from .numbers import FIGURE_RANGE, figure_in_range
from .periods import YEARS
from .values import Value

Comparison = Literal["at_least", "at_most", "about", "range"]
Kind = Literal["level", "growth_rate", "accumulating"]
Status = Literal["exceeded", "met", "not_met", "on_track", "at_risk", "off_track", "no_data", "in_progress"]
TermRule = Literal["average_annual_rate", "level_by_end", "amount_each_year", "average_reduction"]
COMPARISONS: tuple[str, ...] = get_args(Comparison)
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)
TERM_RULES: tuple[str, ...] = get_args(TermRule)

PLAN_FILE = "targets.toml"
PLANS_FOLDER = "plans"  # where the bundled folder keeps its further plan files
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
# What a plan says about its target for an indicator ([[target]] holds only these).
_TARGET_KEYS = {
    "code",
    "target",
    "comparison",
    "source",
    "override",
    "note",
    "note_en",
    "term_rule",
    "baseline_vi",
    "baseline_en",
    "other_baselines",
    "measured_against",
}
# What describes the indicator itself, once for the whole folder.
_DESCRIPTION_KEYS = {"name_vi", "name_en", "display_vi", "unit", "unit_en", "kind", "min", "max", "owner"}
_INDICATOR_KEYS = _TARGET_KEYS | _DESCRIPTION_KEYS
_BASELINE_KEYS = {"name_vi", "name_en", "target", "source"}
MEASURES = ("plan", "budget_estimate")
# Units that count whole people or things: their paces and projections are whole numbers.
COUNT_UNITS = (
    "lao động",
    "người",
    "xã",
    "hộ",
    "trường",
    "học sinh",
    "doanh nghiệp",
    "dự án",
    "thôn",
    "bản",
    "lượt",
)


class Settings(Value):
    """Thresholds of the standing rules, each in % of the target."""

    def __init__(
        self,
        exceed_margin: Decimal = Decimal("1"),
        about_tolerance: Decimal = Decimal("1"),
        at_risk_band: Decimal = Decimal("5"),
    ) -> None:
        self.exceed_margin = exceed_margin
        self.about_tolerance = about_tolerance
        self.at_risk_band = at_risk_band


class Override(Value):
    """A verdict a person set by hand, with the reason they gave."""

    def __init__(self, status: Status, reason: str) -> None:
        self.status = status
        self.reason = reason


class Baseline(Value):
    """A further value the figure is measured against, like the central government's budget estimate."""

    def __init__(self, name_vi: str, name_en: str, target: Decimal, source: str | None = None) -> None:
        self.name_vi = name_vi
        self.name_en = name_en
        self.target = target
        self.source = source


class Indicator(Value):
    """An indicator with one plan's target for it."""

    def __init__(
        self,
        code: str,
        name_vi: str,
        name_en: str,
        unit: str,
        target: Decimal,
        comparison: Comparison,
        kind: Kind,
        source: str,
        target_high: Decimal | None = None,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        override: Override | None = None,
        note: str | None = None,
        note_en: str | None = None,
        unit_en: str | None = None,
        term_rule: TermRule | None = None,
        baseline_vi: str | None = None,
        baseline_en: str | None = None,
        other_baselines: tuple[Baseline, ...] = (),
        display_vi: str | None = None,
        measured_against: str = "plan",
        owner: str | None = None,
    ) -> None:
        self.code = code
        self.name_vi = name_vi
        self.name_en = name_en
        self.unit = unit
        self.target = target
        self.comparison = comparison
        self.kind = kind
        self.source = source
        self.target_high = target_high
        self.minimum = minimum
        self.maximum = maximum
        self.override = override
        self.note = note  # note_en in English output, when the plan gives one
        self.note_en = note_en
        self.unit_en = unit_en
        self.term_rule = term_rule
        self.baseline_vi = baseline_vi
        self.baseline_en = baseline_en
        self.other_baselines = other_baselines
        self.display_vi = (
            display_vi  # the name in Vietnamese output, when the source's wording reads oddly there
        )
        self.measured_against = measured_against  # what "đạt 105,8% …" names: the plan (kế hoạch) or the budget estimate (dự toán)
        self.owner = owner  # the department that reports it, e.g. "Sở Y tế"

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == "%"

    @property
    def counts_whole(self) -> bool:
        """Whether the unit counts people or things (workers, communes), never fractions of them."""
        unit = self.unit.strip().lower()
        return "/" not in unit and any(unit == u or unit.startswith(u + " ") for u in COUNT_UNITS)


class Plan(Value):
    """A province's plan for one year, or for a term of years (then `year` is its last year)."""

    def __init__(
        self,
        province: str,
        year: int,
        title: str,
        site: str | None,
        author: str | None,
        indicators: tuple[Indicator, ...],
        settings: Settings | None = None,
        url: str | None = None,
        path: Path | None = None,
        name: str = "",
        first_year: int = 0,
        complete: bool = True,
        note: str | None = None,
        note_en: str | None = None,
    ) -> None:
        self.province = province
        self.year = year
        self.title = title
        self.site = site
        self.author = author
        self.indicators = indicators
        self.settings = Settings() if settings is None else settings
        self.url = url
        self.path = path
        self.name = name
        self.first_year = first_year
        self.complete = complete
        self.note = note  # on the plan's source or completeness; note_en in English output
        self.note_en = note_en
        self.__post_init__()

    def __post_init__(self) -> None:
        if not self.first_year:
            self.first_year = self.year
        if not self.name:
            self.name = str(self.year) if self.first_year == self.year else f"{self.first_year}-{self.year}"

    @property
    def is_term(self) -> bool:
        return self.first_year < self.year

    @property
    def years(self) -> range:
        return range(self.first_year, self.year + 1)

    def indicator(self, code: str) -> Indicator:
        """The indicator with `code`, case-insensitive; suggests a near code when unknown."""
        return _find(self.indicators, code, self.codes)

    @property
    def codes(self) -> list[str]:
        return [indicator.code for indicator in self.indicators]


class Plans(Value):
    """Every plan of a data folder, and which one is the folder's own choice."""

    def __init__(self, plans: tuple[Plan, ...], current: str | None, path: Path) -> None:
        self.plans = plans
        self.current = current
        self.path = path

    def named(self, name: str) -> Plan:
        """The plan called `name` (2025, 2021-2025; an en dash counts as a hyphen)."""
        wanted = _plan_key(name)
        for plan in self.plans:
            if _plan_key(plan.name) == wanted:
                return plan
        raise UnknownPlanError("error.unknown_plan", name=name, names=", ".join(self.names))

    @property
    def names(self) -> list[str]:
        return [plan.name for plan in self.plans]

    @property
    def files(self) -> list[Path]:
        """The entry point and every plan file these plans were read from."""
        return [self.path, *(plan.path for plan in self.plans if plan.path is not None)]

    def choose(self, name: str | None = None, today: date | None = None) -> Plan:
        """`name`, else the folder's current plan, else this year's annual plan, else the latest annual one."""
        if name:
            return self.named(name)
        if self.current:
            return self.named(self.current)
        this_year = (today or date.today()).year
        annual = [plan for plan in self.plans if not plan.is_term]
        for plan in annual:
            if plan.year == this_year:
                return plan
        return max(annual or self.plans, key=lambda plan: (plan.year, -plan.first_year))

    def annual(self, year: int) -> Plan | None:
        """The annual plan of `year`, if the folder has one."""
        return next((p for p in self.plans if not p.is_term and p.year == year), None)

    def indicator(self, code: str) -> Indicator:
        """The indicator with `code` in any plan of the folder, as the first plan that has it gives it."""
        return _find((i for plan in self.plans for i in plan.indicators), code, self.codes)

    @property
    def codes(self) -> list[str]:
        seen: dict[str, str] = {}
        for plan in self.plans:
            for indicator in plan.indicators:
                seen.setdefault(indicator.code.upper(), indicator.code)
        return list(seen.values())


# What a cache of the plans may hold (plancache.py).
_CACHED_CLASSES = (Settings, Override, Baseline, Indicator, Plan, Plans)


def _plan_key(name: str) -> str:
    """A plan's name as --plan matches it: any case, an en dash as a hyphen."""
    return name.strip().replace("\u2013", "-").casefold()


def _find(indicators: Iterable[Indicator], code: str, codes: list[str]) -> Indicator:
    wanted = code.strip().upper()
    for indicator in indicators:
        if indicator.code.upper() == wanted:
            return indicator
    raise _unknown_code(code, codes)


def _unknown_code(code: str, codes: list[str]) -> UnknownIndicatorError:
    import difflib  # deferred: start-up (only an unknown code needs it)

    upper = {c.upper(): c for c in codes}
    near = difflib.get_close_matches(code.strip().upper(), list(upper), n=1, cutoff=0.5)
    if near:
        return UnknownIndicatorError("error.unknown_code_suggest", code=code, suggestion=upper[near[0]])
    return UnknownIndicatorError("error.unknown_code", code=code)


def bundled_data_path() -> Path:
    """The folder of plans that ships inside the package (in a source checkout, its `data/`)."""
    from importlib import resources  # deferred: start-up

    packaged = Path(str(resources.files("laichau_targets") / "data"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"  # an editable install of a checkout


def bundled_plan_path() -> Path:
    """The entry point of the bundled plans (Lai Châu 2024, and the files it names)."""
    return bundled_data_path() / PLAN_FILE


def bundled_plan_files() -> list[Path]:
    """Every file of the bundled plans, as paths relative to the bundled folder: what `init` copies."""
    base = bundled_data_path()
    return [Path(PLAN_FILE), *(p.relative_to(base) for p in sorted((base / PLANS_FOLDER).glob("*.toml")))]


def load_plans(path: Path, cache_dir: Path | None = None) -> Plans:
    """Read and validate the entry point and every plan file it names, reporting every problem at once.

    With `cache_dir`, valid plans are cached for as long as their files and this code are the
    same, byte for byte (plancache.py).
    """
    from .plancache import cached_plans, keep_plans

    cached = cached_plans(cache_dir, path, _CACHED_CLASSES)
    if isinstance(cached, Plans):
        return cached
    sources: list[_Source] = []
    plans = _assemble(path, _read_source(path), sources)
    if cache_dir is not None:
        keep_plans(cache_dir, path, [(s.path.relative_to(path.parent), s.raw) for s in sources], plans)
    return plans


def load_plan(path: Path, name: str | None = None) -> Plan:
    """The plan called `name` of the folder whose entry point is `path`, else the folder's choice."""
    return load_plans(path).choose(name)


def entry_point_naming(path: Path) -> Path | None:
    """The entry point `path` belongs to, if any: the nearest targets.toml above it (where it
    stands, else where a symlink leads) when that names it as a plan file, or cannot be read
    to say (its own problems come first then).

    Such a file may give only targets for indicators another file describes: it can be
    checked only with the folder it belongs to.
    """
    wanted = path.resolve()
    for start in dict.fromkeys([path.absolute(), wanted]):
        for folder in start.parents:
            entry = folder / PLAN_FILE
            if entry.resolve() == wanted or not entry.is_file():
                continue
            named = plan_files_named(entry)
            if named is None or any(file.resolve() == wanted for file in named):
                return entry if path.is_absolute() else Path(os.path.relpath(entry))
            break  # the nearest entry point does not name it: it is a plan of its own
    return None


def plan_files_named(entry: Path) -> list[Path] | None:
    """The further plan files an entry point's [folder] names; None when it cannot be read."""
    try:
        source = _read_source(entry)
    except PlanError:
        return None
    _, files = _PlanReader(source.text, entry).folder(source.data)
    return [entry.parent / name for name in files]


def parse_plan(text: str, path: Path) -> Plan:
    """Validate the text of an entry point (files it names are read beside `path`); its chosen plan."""
    return _assemble(path, _Source(path, text, _parse_toml(text, path))).choose()


class _Source(Value):
    def __init__(self, path: Path, text: str, data: dict[str, Any], raw: bytes = b"") -> None:
        self.path = path
        self.text = text
        self.data = data
        self.raw = raw  # the bytes read, which a cache of the plans proves itself by


def _read_source(path: Path) -> _Source:
    try:
        raw = _read_bytes(path)
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise PlanError(path, [Message("error.plan_missing")]) from None
    except IsADirectoryError:
        raise PlanError(path, [Message("error.plan_is_folder")]) from None
    except UnicodeDecodeError as exc:
        raise PlanError(path, [Message("error.plan_not_utf8", {"byte": exc.start})]) from None
    except OSError as exc:
        raise PlanError(path, [Message("error.plan_unreadable", {"reason": exc.strerror})]) from None
    return _Source(path, text, _parse_toml(text, path), raw)


def _assemble(path: Path, entry: _Source, sources: list[_Source] | None = None) -> Plans:
    """The plans of the entry point and of the files it names; every problem of every file at once."""
    sources = [] if sources is None else sources
    sources.append(entry)
    problems: list[Message] = []
    entry_reader = _PlanReader(entry.text, path)
    current, files = entry_reader.folder(entry.data)
    entry_reader.entry_of_many = bool(files)
    readers = [entry_reader]
    for name in files:
        file = path.parent / name
        try:
            sources.append(_read_source(file))
        except PlanError as exc:
            problems += [Message("error.plan_problem", {"path": file, "problem": p}) for p in exc.problems]
            continue
        readers.append(_PlanReader(sources[-1].text, file, entry=False, of_many=True))
    drafts = [reader.read(source.data) for reader, source in zip(readers, sources, strict=True)]
    described: dict[str, tuple[Indicator, Path]] = {}
    for reader, draft in zip(readers, drafts, strict=True):
        reader.register(draft, described)
    broken = set().union(*(reader.broken for reader in readers))
    plans: list[Plan] = []
    for reader, draft in zip(readers, drafts, strict=True):
        plan = reader.resolve(draft, described, broken)
        if plan is not None:
            plans.append(plan)
    seen: dict[str, Plan] = {}
    for plan in plans:
        if _plan_key(plan.name) in seen:
            entry_reader.problem(
                "error.plan_name_twice",
                None,
                name=plan.name,
                first=seen[_plan_key(plan.name)].path,
                second=plan.path,
            )
        seen.setdefault(_plan_key(plan.name), plan)
    # Only once every file reads well: a plan with problems of its own is missing from `plans`.
    clean = not problems and not any(reader.problems for reader in readers)
    if not plans and clean:
        entry_reader.problem("error.plan_no_head")  # a [folder] that names no plan file
    elif current is not None and _plan_key(current) not in seen and clean:
        entry_reader.problem(
            "error.current_plan_unknown",
            entry_reader.key_line(None, "current_plan"),
            name=current,
            names=", ".join(p.name for p in plans),
        )
    problems = entry_reader.problems + problems
    for reader in readers[1:]:
        problems += [
            Message("error.plan_problem", {"path": reader.path, "problem": p}) for p in reader.problems
        ]
    if problems:
        raise PlanError(path, problems)
    return Plans(plans=tuple(plans), current=current, path=path)


def _read_bytes(path: Path) -> bytes:
    """The plan file's bytes (its text once a byte-order mark, from Notepad, is left out); what
    is not a regular file (a FIFO, a link to /dev/zero in a cloned repository) is refused, not
    read for ever."""
    import errno
    import stat

    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(mode):
            raise PlanError(path, [Message("error.plan_not_file")])
        return handle.read()


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # deferred: start-up (a cached plan is not parsed)

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(path, [Message("error.plan_not_toml", {"detail": str(exc)})]) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        long_number = re.compile(rf"[0-9_]{{{sys.get_int_max_str_digits()},}}")
        line = next((n for n, row in enumerate(text.splitlines(), 1) if long_number.search(row)), None)
        huge = Message("error.plan_number_huge", {"range": FIGURE_RANGE})
        raise PlanError(
            path, [Message("error.at_line", {"line": line, "problem": huge}) if line else huge]
        ) from None


class _Draft(Value):
    """A plan file as read on its own: its head, and its indicator tables in file order."""

    def __init__(
        self, head: dict[str, Any] | None, settings: Settings, slots: list[tuple[int, Indicator, bool]]
    ) -> None:
        self.head = head
        self.settings = settings
        self.slots = slots  # (table index, indicator, describes it)


class _PlanReader:
    def __init__(self, text: str, path: Path, entry: bool = True, of_many: bool = False) -> None:
        self.path = path
        self.entry = entry
        # In a folder of several plan files, an indicator table may only give a target by code.
        self.entry_of_many = of_many
        self.problems: list[Message] = []
        self.lines = text.splitlines()
        self.broken: set[str] = set()  # codes whose own table has problems: not reported again elsewhere
        self.indicator_lines = [
            n for n, line in enumerate(self.lines, 1) if line.strip().startswith("[[indicator]]")
        ]

    def problem(self, message_key: str, line: int | None = None, /, **params: Any) -> None:
        message = Message(message_key, params)
        self.problems.append(
            Message("error.at_line", {"line": line, "problem": message}) if line else message
        )

    def key_line(self, index: int | None, key: str) -> int | None:
        """Best-effort line of `key` inside the index-th indicator (or the whole file)."""
        start, end = 0, len(self.lines)
        if index is not None and index < len(self.indicator_lines):
            start = self.indicator_lines[index] - 1
            if index + 1 < len(self.indicator_lines):
                end = self.indicator_lines[index + 1] - 1
        pattern = re.compile(rf"\s*(?:{re.escape(key)}\s*=|\[\[?\s*{re.escape(key)}\s*\]\]?)")
        for n in range(start, end):
            if pattern.match(self.lines[n]):
                return n + 1
        if index is not None and index < len(self.indicator_lines):
            return self.indicator_lines[index]
        return None

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
                self.problem("error.folder_plan_file", self.key_line(None, "plan_files"), value=name)
            elif _same_file(self.path, self.path.parent / name):
                self.problem("error.folder_plan_file_is_entry", self.key_line(None, "plan_files"), value=name)
            else:
                good.append(name)
        return current, good

    def read(self, data: dict[str, Any]) -> _Draft:
        """Everything a file says on its own; indicators described elsewhere are resolved later."""
        allowed = {"plan", "settings", "indicator", *(("folder",) if self.entry else ())}
        for key in sorted(set(data) - allowed):
            self.problem("error.plan_unknown_top", self.key_line(None, key), key=key)
        head = data.get("plan")
        folder_only = self.entry and head is None and bool(data.get("folder", {}))
        if folder_only:
            for key in ("indicator", "settings"):
                if key in data:
                    self.problem("error.plan_no_head")
            return _Draft(None, Settings(), [])
        if not isinstance(head, dict):
            self.problem("error.plan_no_head")
            head = {}
        fields = self.head(head)
        settings = self.settings(data.get("settings", {}))
        raw_indicators = data.get("indicator", [])
        if not isinstance(raw_indicators, list) or not raw_indicators:
            self.problem("error.plan_no_indicators")
            raw_indicators = []
        slots = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_indicators):
            read = self.indicator(index, raw, term=fields["first_year"] != fields["year"])
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
                indicator = _with_target(found[0], indicator)
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

    def text(self, table: dict[str, Any], key: str, index: int | None, where: str = "") -> str:
        """Non-empty text, NFC-normalised so that names typed decomposed align like any other."""
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            if index is None:
                self.problem("error.plan_head_text", self.key_line(None, key), key=key)
            else:
                self.problem("error.indicator_text", self.key_line(index, key), where=where, key=key)
            return ""
        return unicodedata.normalize("NFC", value)

    def not_one_of(self, key: str, value: Any, choices: Sequence[str], index: int, where: str) -> None:
        """The problem of an indicator's `key` whose value is not one of `choices`."""
        self.problem(
            f"error.indicator_{key}",
            self.key_line(index, key),
            where=where,
            value=value,
            choices=", ".join(choices),
        )

    def optional_text(self, table: dict[str, Any], key: str, index: int, where: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem("error.indicator_optional_text", self.key_line(index, key), where=where, key=key)
            return None
        return unicodedata.normalize("NFC", value)

    def number(self, value: Any, key: str, index: int | None, where: str) -> Decimal | None:
        """A plan number: in the range of a figure, so that every standing and format can use it."""
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            if index is None:
                self.problem("error.plan_settings_number", self.key_line(None, key), key=key)
            else:
                self.problem("error.indicator_number", self.key_line(index, key), where=where, key=key)
            return None
        number = Decimal(value)
        if not figure_in_range(number):
            if index is None:
                line = self.key_line(None, key)
                self.problem("error.plan_settings_range", line, key=key, range=FIGURE_RANGE)
            else:
                line = self.key_line(index, key)
                self.problem("error.indicator_number_range", line, where=where, key=key, range=FIGURE_RANGE)
            return None
        return number

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
            elif number is not None:
                values[key] = number
        return Settings(**values)

    def indicator(self, index: int, raw: Any, term: bool) -> tuple[Indicator, bool] | None:
        """One [[indicator]] table, and whether it describes the indicator or only gives a target."""
        where = str(index + 1)
        if not isinstance(raw, dict):
            self.problem("error.indicator_not_table", where=where)
            return None
        before = len(self.problems)
        code = raw.get("code")
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            self.problem("error.indicator_bad_code", self.key_line(index, "code"), where=where)
            code = ""
        else:
            where = code
        for key in sorted(set(raw) - _INDICATOR_KEYS):
            self.problem("error.indicator_unknown_key", self.key_line(index, key), where=where, key=key)
        describes = bool(set(raw) & _DESCRIPTION_KEYS) or not self.entry_of_many
        name_vi = name_en = unit = ""
        unit_en = None
        if describes:
            name_vi = self.text(raw, "name_vi", index, where)
            name_en = self.text(raw, "name_en", index, where)
            found_unit = self.optional_text(raw, "unit", index, where)
            if found_unit is None:
                self.problem("error.indicator_text", self.key_line(index, "unit"), where=where, key="unit")
            unit = found_unit or ""
            unit_en = self.optional_text(raw, "unit_en", index, where)
        source = self.text(raw, "source", index, where)
        comparison = raw.get("comparison")
        if comparison not in COMPARISONS:
            self.not_one_of("comparison", comparison, COMPARISONS, index, where)
        kind = raw.get("kind", "level")
        if describes and (kind not in KINDS or "kind" not in raw):
            self.not_one_of("kind", raw.get("kind"), KINDS, index, where)
        target, target_high = self.target(raw, comparison, index, where)
        minimum = maximum = None
        if "min" in raw:
            minimum = self.number(raw["min"], "min", index, where)
        if "max" in raw:
            maximum = self.number(raw["max"], "max", index, where)
        if minimum is not None and maximum is not None and minimum >= maximum:
            self.problem(
                "error.indicator_min_max", self.key_line(index, "min"), where=where, min=minimum, max=maximum
            )
        override = self.override(raw.get("override"), index, where)
        note = self.optional_text(raw, "note", index, where)
        note_en = self.optional_text(raw, "note_en", index, where)
        term_rule = raw.get("term_rule")
        if term and term_rule not in TERM_RULES:
            self.not_one_of("term_rule", term_rule, TERM_RULES, index, where)
        elif not term and term_rule is not None:
            self.problem("error.indicator_term_rule_annual", self.key_line(index, "term_rule"), where=where)
        baseline_vi = self.optional_text(raw, "baseline_vi", index, where)
        baseline_en = self.optional_text(raw, "baseline_en", index, where)
        others = self.baselines(raw.get("other_baselines", []), index, where)
        display_vi = self.optional_text(raw, "display_vi", index, where)
        measured_against = raw.get("measured_against", "plan")
        if measured_against not in MEASURES:
            self.not_one_of("measured_against", measured_against, MEASURES, index, where)
        owner = self.optional_text(raw, "owner", index, where)
        if len(self.problems) > before or target is None:
            self.broken.add(code.upper())
            return None
        indicator = Indicator(
            code=code,
            name_vi=name_vi,
            name_en=name_en,
            unit=unit,
            target=target,
            target_high=target_high,
            comparison=cast("Comparison", comparison),
            kind=cast("Kind", kind),
            source=source,
            minimum=minimum,
            maximum=maximum,
            override=override,
            note=note,
            note_en=note_en,
            unit_en=unit_en,
            term_rule=cast("TermRule | None", term_rule),
            baseline_vi=baseline_vi,
            baseline_en=baseline_en,
            other_baselines=others,
            display_vi=display_vi,
            measured_against=measured_against,
            owner=owner.strip() if owner else None,
        )
        return indicator, describes

    def baselines(self, raw: Any, index: int, where: str) -> tuple[Baseline, ...]:
        if not isinstance(raw, list):
            raw = [raw]
        found = []
        for table in raw:
            if not isinstance(table, dict) or set(table) - _BASELINE_KEYS:
                self.problem("error.indicator_baseline", self.key_line(index, "other_baselines"), where=where)
                continue
            names = [table.get(key) for key in ("name_vi", "name_en")]
            name_vi, name_en = names
            if not (
                isinstance(name_vi, str) and isinstance(name_en, str) and name_vi.strip() and name_en.strip()
            ):
                self.problem("error.indicator_baseline", self.key_line(index, "other_baselines"), where=where)
                continue
            value = self.number(table.get("target"), "other_baselines", index, where)
            source = table.get("source")
            if value is None or (source is not None and not isinstance(source, str)):
                continue
            found.append(
                Baseline(
                    unicodedata.normalize("NFC", name_vi),
                    unicodedata.normalize("NFC", name_en),
                    value,
                    source,
                )
            )
        return tuple(found)

    def target(
        self, raw: dict[str, Any], comparison: Any, index: int, where: str
    ) -> tuple[Decimal | None, Decimal | None]:
        if "target" not in raw:
            self.problem("error.indicator_no_target", self.key_line(index, "target"), where=where)
            return None, None
        value = raw["target"]
        if comparison == "range":
            if not isinstance(value, list) or len(value) != 2:
                self.problem("error.indicator_range_shape", self.key_line(index, "target"), where=where)
                return None, None
            low = self.number(value[0], "target", index, where)
            high = self.number(value[1], "target", index, where)
            if low is not None and high is not None and low >= high:
                self.problem(
                    "error.indicator_range_reversed",
                    self.key_line(index, "target"),
                    where=where,
                    low=low,
                    high=high,
                )
                return None, None
            return low, high
        return self.number(value, "target", index, where), None

    def override(self, raw: Any, index: int, where: str) -> Override | None:
        if raw is None:
            return None
        line = self.key_line(index, "override")
        if not isinstance(raw, dict):
            self.problem("error.indicator_override_shape", line, where=where)
            return None
        status = raw.get("status")
        reason = raw.get("reason")
        if status not in STATUSES:
            self.problem(
                "error.indicator_override_status",
                line,
                where=where,
                value=status,
                choices=", ".join(STATUSES),
            )
            return None
        if not isinstance(reason, str) or not reason.strip():
            self.problem("error.indicator_override_reason", line, where=where)
            return None
        return Override(status=status, reason=reason)


def _is_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in YEARS


# Which kinds of figure each term rule can judge.
_RULE_KINDS: dict[str, tuple[str, ...]] = {
    "average_annual_rate": ("growth_rate",),
    "amount_each_year": ("accumulating",),
    "level_by_end": ("level", "accumulating"),
    "average_reduction": ("growth_rate", "level"),
}


def _rule_fits(rule: TermRule, kind: Kind) -> bool:
    return kind in _RULE_KINDS[rule]


def _with_target(described: Indicator, target: Indicator) -> Indicator:
    """The indicator as described elsewhere, with this plan's target."""
    return described.replace(
        target=target.target,
        target_high=target.target_high,
        comparison=target.comparison,
        source=target.source,
        override=target.override,
        note=target.note,
        note_en=target.note_en,
        term_rule=target.term_rule,
        baseline_vi=target.baseline_vi,
        baseline_en=target.baseline_en,
        other_baselines=target.other_baselines,
        measured_against=target.measured_against,
    )


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
