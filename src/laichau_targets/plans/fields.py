"""Every key of an `[[indicator]]` table, in one table: what it belongs to, how it is checked, and
how machine output shows it.

An indicator is described once for the whole folder (its names, unit, kind, bounds, owner);
each plan gives its own target for it. In a folder of several plan files, a table that holds
only the code and target keys gives a target for an indicator described elsewhere.

From FIELDS come the keys a table may hold, which of them describe and the order they are
checked in (indicators.py), what a plan's target sets on the indicator described elsewhere
(reader.with_target), and the plan's columns in machine output (render/machine.py); tests
hold `Indicator.__init__`, the reader's checks and report.schema.json to it.
"""

from __future__ import annotations

from typing import Any, Literal

from ..values import Value
from .model import COMPARISONS, GROUPS, KINDS, MEASURES, TERM_RULES

# identity: the code, in every table; description: once for the folder; target: each plan's own.
Level = Literal["identity", "description", "target"]
# How the reader checks the value (indicators.CHECKS): text must be non-empty; given_text must be
# there but may be empty; owner is optional text, stripped; above_min is a number above min.
Check = Literal[
    "code",
    "text",
    "given_text",
    "optional_text",
    "owner",
    "choice",
    "optional_choice",
    "number",
    "above_min",
    "target",
    "override",
    "term_rule",
    "baselines",
    "source",
    "comparison",
    "scenario",
]


class Field(Value):
    """One key of an indicator table: its level, its check, the attributes it sets, its columns."""

    def __init__(
        self,
        key: str,
        level: Level,
        check: Check,
        attrs: tuple[str, ...] = (),
        columns: tuple[str, ...] = (),
        json_only: bool = False,
        choices: tuple[str, ...] = (),
        default: Any = None,
    ) -> None:
        self.key = key
        self.level = level
        self.check = check
        self.attrs = attrs or (key,)  # the Indicator attributes its value sets
        self.columns = columns  # its columns in machine output, one per attribute; () for none
        self.json_only = json_only  # only JSON shows it (CSV has no room for it)
        self.choices = choices
        self.default = default  # when absent, or a description's key in a table giving only a target


# In the order the reader checks them, which is the order of their problems.
FIELDS = (
    Field("code", "identity", "code", columns=("code",)),
    Field("name_vi", "description", "text", columns=("name",), default=""),
    Field("name_en", "description", "text", columns=("name_en",), default=""),
    Field("unit", "description", "given_text", columns=("unit",), default=""),
    Field("unit_en", "description", "optional_text"),
    Field("source", "target", "source", columns=("target_source",)),
    Field("comparison", "target", "comparison", columns=("comparison",), choices=COMPARISONS),
    Field("kind", "description", "choice", columns=("kind",), choices=KINDS, default="level"),
    Field("target", "target", "target", ("target", "target_high"), ("target", "target_high")),
    Field("min", "description", "number", ("minimum",)),
    Field("max", "description", "above_min", ("maximum",)),
    Field("override", "target", "override", columns=("override_reason",)),  # shown by its reason
    Field("note", "target", "optional_text"),
    Field("note_en", "target", "optional_text"),
    Field("term_rule", "target", "term_rule", columns=("term_rule",), choices=TERM_RULES),
    Field("baseline_vi", "target", "optional_text", columns=("baseline_name",), json_only=True),
    Field("baseline_en", "target", "optional_text", columns=("baseline_name_en",), json_only=True),
    # Shown each with the figure's share of it.
    Field("other_baselines", "target", "baselines", columns=("other_baselines",), json_only=True, default=()),
    Field("display_vi", "description", "optional_text"),
    Field(
        "measured_against",
        "description",
        "optional_choice",
        columns=("measured_against",),
        json_only=True,
        choices=MEASURES,
        default="plan",
    ),
    Field("owner", "description", "owner"),
    Field("proposal", "target", "number", columns=("proposal",), json_only=True),
    Field("scenario", "target", "scenario", columns=("scenario",), json_only=True, default=()),
    Field("group", "description", "optional_choice", choices=GROUPS),
)

DESCRIPTION_KEYS = frozenset(f.key for f in FIELDS if f.level == "description")
TARGET_KEYS = frozenset(f.key for f in FIELDS if f.level != "description")  # the code and the target's
INDICATOR_KEYS = DESCRIPTION_KEYS | TARGET_KEYS
# What a plan's target sets on the indicator another file describes.
TARGET_ATTRS = tuple(attr for f in FIELDS if f.level == "target" for attr in f.attrs)
# The plan's columns in machine output: (column, Indicator attribute, only in JSON).
COLUMNS = tuple(
    (column, attr, f.json_only)
    for f in FIELDS
    if f.columns
    for column, attr in zip(f.columns, f.attrs, strict=True)
)
