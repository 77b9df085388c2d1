"""The plan: a person-written TOML file of indicators and their targets."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from .errors import PlanError, UnknownIndicatorError

Comparison = Literal["at_least", "at_most", "about", "range"]
Kind = Literal["level", "growth_rate", "accumulating"]
Status = Literal["exceeded", "met", "not_met", "on_track", "at_risk", "off_track", "no_data"]
COMPARISONS: tuple[str, ...] = get_args(Comparison)
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)

PLAN_FILE = "targets.toml"
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")


@dataclass(frozen=True)
class Settings:
    """Thresholds of the standing rules, each in % of the target."""

    exceed_margin: Decimal = Decimal("1")
    about_tolerance: Decimal = Decimal("1")
    at_risk_band: Decimal = Decimal("5")


@dataclass(frozen=True)
class Override:
    """A verdict a person set by hand, with the reason they gave."""

    status: Status
    reason: str


@dataclass(frozen=True)
class Indicator:
    """One target of the plan."""

    code: str
    name_vi: str
    name_en: str
    unit: str
    target: Decimal
    comparison: Comparison
    kind: Kind
    source: str
    target_high: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    override: Override | None = None
    note: str | None = None
    unit_en: str | None = None

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == "%"


@dataclass(frozen=True)
class Plan:
    """A province's plan for one year."""

    province: str
    year: int
    title: str
    site: str
    author: str
    indicators: tuple[Indicator, ...]
    settings: Settings = field(default_factory=Settings)
    url: str | None = None
    path: Path | None = None

    def indicator(self, code: str) -> Indicator:
        """The indicator with `code`, case-insensitive; suggests a near code when unknown."""
        wanted = code.strip().upper()
        for indicator in self.indicators:
            if indicator.code.upper() == wanted:
                return indicator
        raise UnknownIndicatorError(_unknown_code_message(code, self.codes))

    @property
    def codes(self) -> list[str]:
        return [indicator.code for indicator in self.indicators]


def _unknown_code_message(code: str, codes: list[str]) -> str:
    import difflib

    upper = {c.upper(): c for c in codes}
    near = difflib.get_close_matches(code.strip().upper(), list(upper), n=1, cutoff=0.5)
    if near:
        return f"unknown indicator {code!r}; did you mean {upper[near[0]]!r}?"
    return f"unknown indicator {code!r}; `targets list` shows the codes"


def bundled_plan_path() -> Path:
    """The Lai Châu 2024 plan that ships inside the package."""
    return Path(str(resources.files("laichau_targets") / "data" / PLAN_FILE))


def load_plan(path: Path) -> Plan:
    """Read and validate a plan file, reporting every problem at once."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanError(path, ["no plan file here; `targets init DIR` makes one"]) from None
    except IsADirectoryError:
        raise PlanError(path, ["is a folder, not a plan file"]) from None
    except UnicodeDecodeError as exc:
        raise PlanError(path, [f"is not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    except OSError as exc:
        raise PlanError(path, [f"cannot be read ({exc.strerror})"]) from None
    return parse_plan(text, path)


def parse_plan(text: str, path: Path) -> Plan:
    """Validate the text of a plan file."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(path, [f"not valid TOML: {exc}"]) from None
    return _PlanReader(text, path).read(data)


class _PlanReader:
    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.lines = text.splitlines()
        self.indicator_lines = [
            n for n, line in enumerate(self.lines, 1) if line.strip().startswith("[[indicator]]")
        ]

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(f"line {line}: {message}" if line else message)

    def key_line(self, index: int | None, key: str) -> int | None:
        """Best-effort line of `key` inside the index-th indicator (or the whole file)."""
        start, end = 0, len(self.lines)
        if index is not None and index < len(self.indicator_lines):
            start = self.indicator_lines[index] - 1
            if index + 1 < len(self.indicator_lines):
                end = self.indicator_lines[index + 1] - 1
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
        for n in range(start, end):
            if pattern.match(self.lines[n]):
                return n + 1
        if index is not None and index < len(self.indicator_lines):
            return self.indicator_lines[index]
        return None

    def read(self, data: dict[str, Any]) -> Plan:
        unknown = set(data) - {"plan", "settings", "indicator"}
        for key in sorted(unknown):
            self.problem(f"unknown table or key {key!r}", self.key_line(None, key))
        head = data.get("plan")
        if not isinstance(head, dict):
            self.problem("missing the [plan] table (province, year, title, site, author)")
            head = {}
        province = self.text(head, "province", None, "[plan]")
        year = head.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
            self.problem("[plan] year must be a year like 2024", self.key_line(None, "year"))
            year = 0
        title = self.text(head, "title", None, "[plan]")
        site = self.text(head, "site", None, "[plan]")
        author = self.text(head, "author", None, "[plan]")
        url = head.get("url")
        settings = self.settings(data.get("settings", {}))
        raw_indicators = data.get("indicator", [])
        if not isinstance(raw_indicators, list) or not raw_indicators:
            self.problem("the plan has no [[indicator]] tables")
            raw_indicators = []
        indicators = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_indicators):
            indicator = self.indicator(index, raw)
            if indicator is None:
                continue
            key = indicator.code.upper()
            if key in seen:
                self.problem(
                    f"duplicate code {indicator.code!r} (first used by indicator {seen[key] + 1})",
                    self.key_line(index, "code"),
                )
                continue
            seen[key] = index
            indicators.append(indicator)
        if self.problems:
            raise PlanError(self.path, self.problems)
        return Plan(
            province=province,
            year=year,
            title=title,
            site=site,
            author=author,
            url=url if isinstance(url, str) else None,
            indicators=tuple(indicators),
            settings=settings,
            path=self.path,
        )

    def text(self, table: dict[str, Any], key: str, index: int | None, where: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where} needs {key} as non-empty text", self.key_line(index, key))
            return ""
        return unicodedata.normalize("NFC", value)

    def number(self, value: Any, key: str, index: int | None, where: str) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            self.problem(f"{where} {key} must be a number", self.key_line(index, key))
            return None
        return Decimal(value)

    def settings(self, raw: Any) -> Settings:
        if not isinstance(raw, dict):
            self.problem("[settings] must be a table")
            return Settings()
        defaults = Settings()
        values: dict[str, Decimal] = {}
        for key, value in raw.items():
            if not hasattr(defaults, key):
                self.problem(f"[settings] has an unknown key {key!r}", self.key_line(None, key))
                continue
            number = self.number(value, key, None, "[settings]")
            if number is not None and number < 0:
                self.problem(f"[settings] {key} must not be negative", self.key_line(None, key))
            elif number is not None:
                values[key] = number
        return Settings(**values)

    def indicator(self, index: int, raw: Any) -> Indicator | None:
        where = f"indicator {index + 1}"
        if not isinstance(raw, dict):
            self.problem(f"{where} must be a table")
            return None
        before = len(self.problems)
        allowed = {
            "code", "name_vi", "name_en", "unit", "target", "comparison", "kind",
            "source", "min", "max", "override", "note", "unit_en",
        }
        for key in sorted(set(raw) - allowed):
            self.problem(f"{where} has an unknown key {key!r}", self.key_line(index, key))
        code = raw.get("code")
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            self.problem(
                f"{where} needs a code of letters, digits, _ or - (like GRDP)",
                self.key_line(index, "code"),
            )
            code = ""
        else:
            where = f"indicator {code}"
        name_vi = self.text(raw, "name_vi", index, where)
        name_en = self.text(raw, "name_en", index, where)
        unit = raw.get("unit")
        if not isinstance(unit, str):
            self.problem(f"{where} needs unit as text (\"%\", \"tỷ đồng\", ...)", self.key_line(index, "unit"))
            unit = ""
        unit_en = raw.get("unit_en")
        if unit_en is not None and not isinstance(unit_en, str):
            self.problem(f"{where} unit_en must be text", self.key_line(index, "unit_en"))
            unit_en = None
        source = self.text(raw, "source", index, where)
        comparison = raw.get("comparison")
        if comparison not in COMPARISONS:
            self.problem(
                f"{where} has comparison {comparison!r}; use one of {', '.join(COMPARISONS)}",
                self.key_line(index, "comparison"),
            )
        kind = raw.get("kind")
        if kind not in KINDS:
            self.problem(
                f"{where} has kind {kind!r}; use one of {', '.join(KINDS)}",
                self.key_line(index, "kind"),
            )
        target, target_high = self.target(raw, comparison, index, where)
        minimum = maximum = None
        if "min" in raw:
            minimum = self.number(raw["min"], "min", index, where)
        if "max" in raw:
            maximum = self.number(raw["max"], "max", index, where)
        if minimum is not None and maximum is not None and minimum >= maximum:
            self.problem(f"{where} has min {minimum} not below max {maximum}", self.key_line(index, "min"))
        override = self.override(raw.get("override"), index, where)
        note = raw.get("note")
        if note is not None and not isinstance(note, str):
            self.problem(f"{where} note must be text", self.key_line(index, "note"))
            note = None
        if len(self.problems) > before or target is None:
            return None
        return Indicator(
            code=code,
            name_vi=name_vi,
            name_en=name_en,
            unit=unit,
            target=target,
            target_high=target_high,
            comparison=comparison,
            kind=kind,
            source=source,
            minimum=minimum,
            maximum=maximum,
            override=override,
            note=note,
            unit_en=unit_en,
        )

    def target(
        self, raw: dict[str, Any], comparison: Any, index: int, where: str
    ) -> tuple[Decimal | None, Decimal | None]:
        if "target" not in raw:
            self.problem(f"{where} has no target", self.key_line(index, "target"))
            return None, None
        value = raw["target"]
        if comparison == "range":
            if not isinstance(value, list) or len(value) != 2:
                self.problem(
                    f"{where} is a range: target must be [low, high]", self.key_line(index, "target")
                )
                return None, None
            low = self.number(value[0], "target", index, where)
            high = self.number(value[1], "target", index, where)
            if low is not None and high is not None and low >= high:
                self.problem(
                    f"{where} has a range whose ends are reversed or equal: [{low}, {high}]",
                    self.key_line(index, "target"),
                )
                return None, None
            return low, high
        return self.number(value, "target", index, where), None

    def override(self, raw: Any, index: int, where: str) -> Override | None:
        if raw is None:
            return None
        line = self.key_line(index, "override")
        if not isinstance(raw, dict):
            self.problem(f"{where} override must be a table {{ status = ..., reason = ... }}", line)
            return None
        status = raw.get("status")
        reason = raw.get("reason")
        if status not in STATUSES:
            self.problem(f"{where} override status {status!r}; use one of {', '.join(STATUSES)}", line)
            return None
        if not isinstance(reason, str) or not reason.strip():
            self.problem(f"{where} override needs a reason", line)
            return None
        return Override(status=status, reason=reason)
