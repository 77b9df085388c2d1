"""The core's record-like classes: equality, repr and replace() as dataclasses gave them; the
records of the log are named tuples."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.messages import Message
from laichau_targets.periods import Period
from laichau_targets.records import Figure
from laichau_targets.values import Value

AT = datetime(2024, 10, 1, tzinfo=UTC)


class Sample(Value):
    """A record-like class of the core as the core writes them, with one attribute left out of ==."""

    not_compared = ("short",)

    def __init__(self, code: str, value: Decimal, note: str | None = None, short: str = "") -> None:
        self.code = code
        self.value = value
        self.note = note
        self.short = short


def sample(**changes: object) -> Sample:
    fields: dict[str, object] = {"code": "GRDP", "value": Decimal("8.7")}
    return Sample(**{**fields, **changes})  # type: ignore[arg-type]


def figure(**changes: object) -> Figure:
    fields: dict[str, object] = {
        "id": "01J0000000000000000000000A",
        "code": "GRDP",
        "value": Decimal("8.7"),
        "period": Period(2024, 12),
        "basis": "estimate",
        "recorded_at": AT,
        "user": "lan",
    }
    return Figure(**{**fields, **changes})  # type: ignore[arg-type]


def test_equal_by_every_field_but_those_not_compared() -> None:
    assert sample(short="01J000") == sample(short="01J0000")
    assert sample() != sample(value=Decimal("8.8"))
    assert sample() != sample(note="ước")


def test_a_figure_is_equal_by_every_field() -> None:
    assert figure() == figure()
    assert figure() != figure(value=Decimal("8.8"))
    assert figure() != figure(note="ước")
    assert figure() != figure(id="01J0000000000000000000000B")
    assert figure() != figure(batch="01J0000000000000000000000B", batch_size=2)


def test_a_value_is_never_equal_to_another_type() -> None:
    assert figure() != Message("error.x")
    assert Message("error.x") != ("error.x", {})
    assert sample() != Message("error.x")


def test_repr_names_the_fields_but_those_not_compared() -> None:
    assert repr(Message("error.x", {"code": "GRDP"})) == "Message(key='error.x', params={'code': 'GRDP'})"
    assert repr(sample(short="01J000")) == "Sample(code='GRDP', value=Decimal('8.7'), note=None)"


def test_replace_copies_and_changes_only_what_it_is_told() -> None:
    one = sample()
    other = one.replace(value=Decimal("9"))
    assert (other.value, one.value) == (Decimal("9"), Decimal("8.7"))
    assert type(other) is Sample
    assert other.replace(value=Decimal("8.7")) == one


def test_replace_refuses_a_field_the_class_has_not() -> None:
    with pytest.raises(TypeError, match="Sample has no field valeu"):
        sample().replace(valeu=Decimal("9"))


def test_a_figure_is_immutable_and_replaced_as_a_named_tuple() -> None:
    one = figure()
    other = one._replace(value=Decimal("9"))
    assert (other.value, one.value) == (Decimal("9"), Decimal("8.7"))
    assert other._replace(value=Decimal("8.7")) == one
    with pytest.raises(AttributeError):
        one.value = Decimal("9")  # type: ignore[misc]
    with pytest.raises(ValueError, match="valeu"):
        one._replace(valeu=Decimal("9"))


def test_default_containers_are_not_shared() -> None:
    first, second = Message("a"), Message("b")
    first.params["x"] = 1
    assert second.params == {}


@given(
    st.integers(1900, 2200), st.sampled_from([1, 3, 6, 9, 12]), st.integers(1900, 2200), st.integers(1, 12)
)
def test_periods_order_and_hash_as_year_then_months(year: int, months: int, year2: int, months2: int) -> None:
    one, two = Period(year, months), Period(year2, months2)
    assert (one < two) == ((year, months) < (year2, months2))
    assert (one <= two) == ((year, months) <= (year2, months2))
    assert (one == two) == ((year, months) == (year2, months2))
    assert len({one, two, Period(year, months)}) == len({(year, months), (year2, months2)})
    assert one.a_year_earlier() == Period(year - 1, months)
