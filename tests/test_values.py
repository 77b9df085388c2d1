"""The core's record-like classes: equality, repr and replace() as dataclasses gave them."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.messages import Message
from laichau_targets.periods import Period
from laichau_targets.records import Figure

AT = datetime(2024, 10, 1, tzinfo=UTC)


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


def test_equal_by_every_field_but_the_short_id() -> None:
    assert figure(short="01J000") == figure(short="01J0000")
    assert figure() != figure(value=Decimal("8.8"))
    assert figure() != figure(note="ước")


def test_a_value_is_never_equal_to_another_type() -> None:
    assert figure() != Message("error.x")
    assert Message("error.x") != ("error.x", {})


def test_repr_names_the_fields_but_the_short_id() -> None:
    assert repr(Message("error.x", {"code": "GRDP"})) == "Message(key='error.x', params={'code': 'GRDP'})"
    assert "short" not in repr(figure(short="01J000"))


def test_replace_copies_and_changes_only_what_it_is_told() -> None:
    one = figure()
    other = one.replace(value=Decimal("9"))
    assert (other.value, one.value) == (Decimal("9"), Decimal("8.7"))
    assert other.replace(value=Decimal("8.7")) == one


def test_replace_refuses_a_field_the_class_has_not() -> None:
    with pytest.raises(TypeError, match="Figure has no field valeu"):
        figure().replace(valeu=Decimal("9"))


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
