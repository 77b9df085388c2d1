"""The plan: a person-written TOML file of indicators and their targets."""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, cast, get_args

from .errors import PlanError, UnknownIndicatorError
from .messages import Message
from .numbers import FIGURE_RANGE, figure_in_range

Comparison = Literal["at_least", "at_most", "about", "range"]
Kind = Literal["level", "growth_rate", "accumulating"]
Status = Literal["exceeded", "met", "not_met", "on_track", "at_risk", "off_track", "no_data"]
COMPARISONS: tuple[str, ...] = get_args(Comparison)
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)

PLAN_FILE = "targets.toml"
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
_INDICATOR_KEYS = {
    "code",
    "name_vi",
    "name_en",
    "unit",
    "unit_en",
    "target",
    "comparison",
    "kind",
    "source",
    "min",
    "max",
    "override",
    "note",
    "display_vi",
    "measured_against",
    "owner",
}
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


@dataclass
class Settings:
    """Thresholds of the standing rules, each in % of the target."""

    exceed_margin: Decimal = Decimal("1")
    about_tolerance: Decimal = Decimal("1")
    at_risk_band: Decimal = Decimal("5")


@dataclass
class Override:
    """A verdict a person set by hand, with the reason they gave."""

    status: Status
    reason: str


@dataclass
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
    display_vi: str | None = (
        None  # the name in Vietnamese output, when the source's wording reads oddly there
    )
    measured_against: str = (
        "plan"  # what "đạt 105,8% …" names: the plan (kế hoạch) or the budget estimate (dự toán)
    )
    owner: str | None = None  # the department that reports it, e.g. "Sở Y tế"

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == "%"

    @property
    def counts_whole(self) -> bool:
        """Whether the unit counts people or things (workers, communes), never fractions of them."""
        unit = self.unit.strip().lower()
        return "/" not in unit and any(unit == u or unit.startswith(u + " ") for u in COUNT_UNITS)


@dataclass
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
        raise _unknown_code(code, self.codes)

    @property
    def codes(self) -> list[str]:
        return [indicator.code for indicator in self.indicators]


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
    """The Lai Châu 2024 plan that ships inside the package."""
    return bundled_data_path() / PLAN_FILE


def load_plan(path: Path, cache_dir: Path | None = None) -> Plan:
    """Read and validate a plan file, reporting every problem at once.

    With `cache_dir`, the parsed TOML of a valid plan is cached, so that the next command
    neither imports nor runs the TOML parser; it is validated again all the same.
    """
    from . import cachefile  # deferred: start-up (a plan read without a cache folder needs none)

    where = cachefile.cache_path(cache_dir, "plan", path) if cache_dir is not None else None
    signature = cachefile.signature(path) if where is not None else None
    if where is not None and signature is not None:
        cached = cachefile.read(where, signature)
        if cached is not None:
            return _PlanReader("", path).read(_thaw(cached))
    try:
        text = _read_text(path)
    except FileNotFoundError:
        raise PlanError(path, [Message("error.plan_missing")]) from None
    except IsADirectoryError:
        raise PlanError(path, [Message("error.plan_is_folder")]) from None
    except UnicodeDecodeError as exc:
        raise PlanError(path, [Message("error.plan_not_utf8", {"byte": exc.start})]) from None
    except OSError as exc:
        raise PlanError(path, [Message("error.plan_unreadable", {"reason": exc.strerror})]) from None
    data = _parse_toml(text, path)
    plan = _PlanReader(text, path).read(data)
    if where is not None and signature is not None:
        cachefile.write(where, signature, _freeze(data))
    return plan


def _read_text(path: Path) -> str:
    """The plan file's text. A byte-order mark (Notepad) is not part of it; what is not a regular
    file (a FIFO, a link to /dev/zero in a cloned repository) is refused, not read for ever."""
    import errno
    import os
    import stat

    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(mode):
            raise PlanError(path, [Message("error.plan_not_file")])
        return handle.read().decode("utf-8-sig")


def parse_plan(text: str, path: Path) -> Plan:
    """Validate the text of a plan file."""
    return _PlanReader(text, path).read(_parse_toml(text, path))


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


_DECIMAL = "\x00decimal"


def _freeze(value: Any) -> Any:
    """Parsed TOML in a form marshal can store: Decimals as tagged text (dates are not cached)."""
    if isinstance(value, Decimal):
        return (_DECIMAL, str(value))
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_freeze(item) for item in value]
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and value[0] == _DECIMAL:
        return Decimal(value[1])
    if isinstance(value, dict):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_thaw(item) for item in value]
    return value


class _PlanReader:
    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.problems: list[Message] = []
        self.lines = text.splitlines()
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

    def read(self, data: dict[str, Any]) -> Plan:
        unknown = set(data) - {"plan", "settings", "indicator"}
        for key in sorted(unknown):
            self.problem("error.plan_unknown_top", self.key_line(None, key), key=key)
        head = data.get("plan")
        if not isinstance(head, dict):
            self.problem("error.plan_no_head")
            head = {}
        province = self.text(head, "province", None)
        year = head.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
            self.problem("error.plan_bad_year", self.key_line(None, "year"))
            year = 0
        title = self.text(head, "title", None)
        site = self.text(head, "site", None)
        author = self.text(head, "author", None)
        url = head.get("url")
        settings = self.settings(data.get("settings", {}))
        raw_indicators = data.get("indicator", [])
        if not isinstance(raw_indicators, list) or not raw_indicators:
            self.problem("error.plan_no_indicators")
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
                    "error.indicator_duplicate",
                    self.key_line(index, "code"),
                    code=indicator.code,
                    first=seen[key] + 1,
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

    def indicator(self, index: int, raw: Any) -> Indicator | None:
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
        name_vi = self.text(raw, "name_vi", index, where)
        name_en = self.text(raw, "name_en", index, where)
        unit = self.optional_text(raw, "unit", index, where)
        if unit is None:
            self.problem("error.indicator_text", self.key_line(index, "unit"), where=where, key="unit")
            unit = ""
        unit_en = self.optional_text(raw, "unit_en", index, where)
        source = self.text(raw, "source", index, where)
        comparison = raw.get("comparison")
        if comparison not in COMPARISONS:
            self.problem(
                "error.indicator_comparison",
                self.key_line(index, "comparison"),
                where=where,
                value=comparison,
                choices=", ".join(COMPARISONS),
            )
        kind = raw.get("kind")
        if kind not in KINDS:
            self.problem(
                "error.indicator_kind",
                self.key_line(index, "kind"),
                where=where,
                value=kind,
                choices=", ".join(KINDS),
            )
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
        display_vi = self.optional_text(raw, "display_vi", index, where)
        measured_against = raw.get("measured_against", "plan")
        if measured_against not in MEASURES:
            self.problem(
                "error.indicator_measured_against",
                self.key_line(index, "measured_against"),
                where=where,
                value=measured_against,
                choices=", ".join(MEASURES),
            )
        owner = self.optional_text(raw, "owner", index, where)
        if len(self.problems) > before or target is None:
            return None
        return Indicator(
            code=code,
            name_vi=name_vi,
            name_en=name_en,
            unit=unit,
            target=target,
            target_high=target_high,
            comparison=cast(Comparison, comparison),
            kind=cast(Kind, kind),
            source=source,
            minimum=minimum,
            maximum=maximum,
            override=override,
            note=note,
            unit_en=unit_en,
            display_vi=display_vi,
            measured_against=measured_against,
            owner=owner.strip() if owner else None,
        )

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
