"""One `[[indicator]]` table of a plan file, each key checked as the table of fields (fields.py)
says; the problems of the file, each with its line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..messages import Message
from ..numbers import FIGURE_RANGE, figure_in_range
from ..values import Value
from .fields import DESCRIPTION_KEYS, FIELDS, INDICATOR_KEYS, Field
from .model import STATUSES, Baseline, Indicator, Override
from .source import shown

_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
_BASELINE_KEYS = {"name_vi", "name_en", "target", "source"}


class _Table(Value):
    """One [[indicator]] table as it is read: its keys, its place, and the values read so far."""

    def __init__(self, raw: dict[str, Any], index: int, where: str) -> None:
        self.raw = raw
        self.index = index
        self.where = where  # the code, else the table's number: what its problems name
        self.values: dict[str, Any] = {}


class IndicatorReader:
    """A plan file's problems, each with its line, and the reading of its indicator tables."""

    def __init__(self, text: str, path: Path, of_many: bool = False) -> None:
        self.path = path
        # In a folder of several plan files, an indicator table may only give a target by code.
        self.entry_of_many = of_many
        self.problems: list[Message] = []
        self.lines = text.splitlines()
        self.broken: set[str] = set()  # codes whose own table has problems: not reported again elsewhere
        self.indicator_lines = [
            n for n, line in enumerate(self.lines, 1) if line.strip().startswith("[[indicator]]")
        ]
        self.term = False  # a term plan's targets each need a term rule
        self.year = 0  # the plan's (last) year: a scenario's checkpoints lie in it
        self.source_given = (
            False  # a draft, or an adopted plan naming its resolution: a target may omit its source
        )

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

    def text(self, raw: dict[str, Any], key: str, index: int | None, where: str = "") -> str:
        """Non-empty text, NFC-normalised so that names typed decomposed align like any other."""
        value = raw.get(key)
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
            value=shown(value),
            choices=", ".join(choices),
        )

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

    def indicator(self, index: int, raw: Any) -> tuple[Indicator, bool] | None:
        """One [[indicator]] table, and whether it describes the indicator or only gives a target."""
        if not isinstance(raw, dict):
            self.problem("error.indicator_not_table", where=str(index + 1))
            return None
        before = len(self.problems)
        table = _Table(raw, index, str(index + 1))
        code = self.code(table)
        for key in sorted(set(raw) - INDICATOR_KEYS):
            self.problem("error.indicator_unknown_key", self.key_line(index, key), where=table.where, key=key)
        describes = bool(set(raw) & DESCRIPTION_KEYS) or not self.entry_of_many
        for field, check in _AFTER_CODE:
            if field.level == "description" and not describes:
                value = field.default  # the description elsewhere gives it
            else:
                value = check(self, table, field)
            if len(field.attrs) == 1:
                table.values[field.attrs[0]] = value
            else:  # a target gives a range's two ends
                table.values.update(zip(field.attrs, value, strict=True))
        if len(self.problems) > before:
            self.broken.add(code.upper())
            return None
        return Indicator(code=code, **table.values), describes

    # The checks of an indicator's keys (fields.py), each giving the value of its attributes.

    def code(self, table: _Table) -> str:
        code = table.raw.get("code")
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            self.problem("error.indicator_bad_code", self.key_line(table.index, "code"), where=table.where)
            return ""
        table.where = code
        return code

    def source(self, table: _Table, field: Field) -> str:
        """The sentence the target comes from; a draft's target, or one without a target, needs none."""
        if field.key not in table.raw and (self.source_given or "target" not in table.raw):
            return ""
        return self.text(table.raw, field.key, table.index, table.where)

    def comparison(self, table: _Table, field: Field) -> Any:
        """How the figure meets the target; an indicator listed without a target may leave it out."""
        if field.key not in table.raw and "target" not in table.raw:
            return "at_least"
        return self.one_of(table, field, table.raw.get(field.key))

    def scenario(self, table: _Table, field: Field) -> tuple[tuple[int, Decimal], ...]:
        """The growth scenario: a target for checkpoints within the plan's year, by period."""
        from ..errors import PeriodError
        from ..periods import parse_period

        raw = table.raw.get(field.key)
        if raw is None:
            return ()
        line = self.key_line(table.index, field.key)
        if not isinstance(raw, dict) or self.term:
            self.problem("error.indicator_scenario", line, where=table.where, year=self.year)
            return ()
        found: dict[int, Decimal] = {}
        for label, value in raw.items():
            try:
                period = parse_period(label, self.year)
            except PeriodError:
                period = None
            if period is None or period.is_full_year:
                self.problem("error.indicator_scenario", line, where=table.where, year=self.year)
                continue
            number = self.number(value, field.key, table.index, table.where)
            if number is not None:
                found[period.months] = number
        return tuple(sorted(found.items()))

    def text_field(self, table: _Table, field: Field) -> str:
        return self.text(table.raw, field.key, table.index, table.where)

    def given_text(self, table: _Table, field: Field) -> str:
        found = self.optional_text(table, field)
        if found is None:
            line = self.key_line(table.index, field.key)
            self.problem("error.indicator_text", line, where=table.where, key=field.key)
        return found or ""

    def optional_text(self, table: _Table, field: Field) -> str | None:
        value = table.raw.get(field.key)
        if value is None:
            return None
        if not isinstance(value, str):
            line = self.key_line(table.index, field.key)
            self.problem("error.indicator_optional_text", line, where=table.where, key=field.key)
            return None
        return unicodedata.normalize("NFC", value)

    def owner(self, table: _Table, field: Field) -> str | None:
        found = self.optional_text(table, field)
        return found.strip() if found else None

    def choice(self, table: _Table, field: Field) -> Any:
        return self.one_of(table, field, table.raw.get(field.key))

    def optional_choice(self, table: _Table, field: Field) -> Any:
        if field.key not in table.raw and field.default is None:
            return None
        return self.one_of(table, field, table.raw.get(field.key, field.default))

    def one_of(self, table: _Table, field: Field, value: Any) -> Any:
        if value not in field.choices:
            self.not_one_of(field.key, value, field.choices, table.index, table.where)
        return value

    def number_field(self, table: _Table, field: Field) -> Decimal | None:
        if field.key not in table.raw:
            return None
        return self.number(table.raw[field.key], field.key, table.index, table.where)

    def above_min(self, table: _Table, field: Field) -> Decimal | None:
        maximum = self.number_field(table, field)
        minimum = table.values["minimum"]
        if minimum is not None and maximum is not None and minimum >= maximum:
            line = self.key_line(table.index, "min")
            self.problem("error.indicator_min_max", line, where=table.where, min=minimum, max=maximum)
        return maximum

    def term_rule(self, table: _Table, field: Field) -> Any:
        rule = table.raw.get(field.key)
        if self.term and rule not in field.choices:
            self.not_one_of(field.key, rule, field.choices, table.index, table.where)
        elif not self.term and rule is not None:
            line = self.key_line(table.index, field.key)
            self.problem("error.indicator_term_rule_annual", line, where=table.where)
        return rule

    def baselines(self, table: _Table, field: Field) -> tuple[Baseline, ...]:
        raw = table.raw.get(field.key, [])
        index, where = table.index, table.where
        found = []
        for baseline in raw if isinstance(raw, list) else [raw]:
            if not isinstance(baseline, dict) or set(baseline) - _BASELINE_KEYS:
                self.problem("error.indicator_baseline", self.key_line(index, field.key), where=where)
                continue
            name_vi, name_en = baseline.get("name_vi"), baseline.get("name_en")
            if not (
                isinstance(name_vi, str) and isinstance(name_en, str) and name_vi.strip() and name_en.strip()
            ):
                self.problem("error.indicator_baseline", self.key_line(index, field.key), where=where)
                continue
            value = self.number(baseline.get("target"), field.key, index, where)
            source = baseline.get("source")
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

    def target(self, table: _Table, field: Field) -> tuple[Decimal | None, Decimal | None]:
        """The target, or the two ends of a range: the low one is the target."""
        raw, index, where, key = table.raw, table.index, table.where, field.key
        if key not in raw:  # listed with no target yet: a draft's, or one the sources never gave
            return None, None
        value = raw[key]
        if table.values["comparison"] != "range":
            return self.number(value, key, index, where), None
        if not isinstance(value, list) or len(value) != 2:
            self.problem("error.indicator_range_shape", self.key_line(index, key), where=where)
            return None, None
        low, high = (self.number(end, key, index, where) for end in value)
        if low is not None and high is not None and low >= high:
            line = self.key_line(index, key)
            self.problem("error.indicator_range_reversed", line, where=where, low=low, high=high)
            return None, None
        return low, high

    def override(self, table: _Table, field: Field) -> Override | None:
        raw, where = table.raw.get(field.key), table.where
        if raw is None:
            return None
        line = self.key_line(table.index, field.key)
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
                value=shown(status),
                choices=", ".join(STATUSES),
            )
            return None
        if not isinstance(reason, str) or not reason.strip():
            self.problem("error.indicator_override_reason", line, where=where)
            return None
        return Override(status=status, reason=reason)


# The reader's check of each kind of key but the code (fields.Check).
CHECKS: dict[str, Callable[[IndicatorReader, _Table, Field], Any]] = {
    "text": IndicatorReader.text_field,
    "given_text": IndicatorReader.given_text,
    "optional_text": IndicatorReader.optional_text,
    "owner": IndicatorReader.owner,
    "choice": IndicatorReader.choice,
    "optional_choice": IndicatorReader.optional_choice,
    "number": IndicatorReader.number_field,
    "above_min": IndicatorReader.above_min,
    "target": IndicatorReader.target,
    "override": IndicatorReader.override,
    "term_rule": IndicatorReader.term_rule,
    "baselines": IndicatorReader.baselines,
    "source": IndicatorReader.source,
    "comparison": IndicatorReader.comparison,
    "scenario": IndicatorReader.scenario,
}
# Every key but the code, which is read first (the other problems name it), with its check.
_AFTER_CODE = tuple((field, CHECKS[field.check]) for field in FIELDS if field.level != "identity")
