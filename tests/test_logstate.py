"""The cached state of the log never changes an answer, only how fast it comes."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laichau_targets.cachefile import cache_path
from laichau_targets.errors import RecordNotFoundError
from laichau_targets.logstate import append_figure, append_retraction, load_state, read_records
from laichau_targets.periods import Period
from laichau_targets.records import NewFigure, current_figures

WHEN = datetime(2024, 10, 5, 9, 30, tzinfo=UTC)


def figure(code: str, value: int, months: int, official: bool) -> NewFigure:
    return NewFigure(
        code=code,
        value=Decimal(value),
        period=Period(2024, months),
        basis="official" if official else "estimate",
        recorded_at=WHEN,
        user="u",
    )


def test_show_follows_a_log_changed_by_hand(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.7", "--period", "2024")
    assert "Not met" in targets("show").stdout  # the state is now cached
    with open(data_dir / "records.toml", "a", encoding="utf-8") as log:
        log.write(
            '\n[[record]]\nid = 2\ncode = "GRDP"\nvalue = 9.5\nperiod = "2024"\nbasis = "official"\n'
            'recorded_at = 2024-12-30T10:00:00Z\nuser = "by hand"\n'
        )
    data = json.loads(targets("report", "--format", "json").stdout)
    assert (data["indicators"][0]["actual"], data["indicators"][0]["status"]) == (9.5, "exceeded")
    assert targets("record", "GRDP", "9.6", "--period", "2024", "--official").stdout.startswith(
        "Recorded #3:"
    )


def test_a_log_damaged_after_caching_is_reported_not_hidden(targets, data_dir: Path) -> None:
    targets("record", "GRDP", "8.7", "--period", "2024")
    targets("show")
    log = data_dir / "records.toml"
    log.write_text(log.read_text(encoding="utf-8").replace("value = 8.7", "value = 8,7"), encoding="utf-8")
    for args in (["show"], ["record", "FOREST", "52", "--period", "2024"]):
        result = targets(*args)
        assert result.exit_code == 2 and "damaged" in result.stderr


def test_a_broken_or_missing_cache_is_rebuilt(targets, data_dir: Path, tmp_path: Path) -> None:
    targets("record", "JOBS", "5000", "--period", "2024-H1")
    expected = targets("report", "--format", "json").stdout
    cache = cache_path(tmp_path / "home" / ".cache" / "laichau-targets", "log", data_dir / "records.toml")
    assert cache.is_file()
    cache.write_bytes(b"\x00garbage")
    assert targets("report", "--format", "json").stdout == expected
    cache.unlink()
    assert targets("report", "--format", "json").stdout == expected
    assert cache.is_file()


def test_an_unwritable_cache_folder_only_costs_speed(
    targets, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert targets("record", "JOBS", "5000", "--period", "2024-H1").exit_code == 0
    assert targets("show").exit_code == 0


operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("record"),
            st.sampled_from(["GRDP", "JOBS", "grdp"]),
            st.integers(1, 500),
            st.sampled_from([3, 6, 9, 12]),
            st.booleans(),
        ),
        st.tuples(st.just("undo"), st.integers(0, 12)),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_the_cached_state_always_equals_a_full_reading(tmp_path: Path, ops) -> None:
    folder = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    log, cache = folder / "records.toml", folder / "cache"
    for op in ops:
        if op[0] == "record":
            _, code, value, months, official = op
            append_figure(log, figure(code, value, months, official), cache)
        else:
            try:
                append_retraction(log, op[1] or None, WHEN, "u", None, cache)
            except RecordNotFoundError:
                pass
        records = read_records(log)
        state = load_state(log, cache)
        assert state.current == current_figures(records)
        assert state.last_id == (records[-1].id if records else 0)
    shutil.rmtree(folder)


def test_a_plan_edited_after_caching_is_read_again(targets, data_dir: Path) -> None:
    assert "about 9%" in targets("list").stdout  # the parsed plan is now cached
    plan = data_dir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 9\n", "target = 9.5\n"), encoding="utf-8"
    )
    assert "about 9.5%" in targets("list").stdout
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 9.5\n", "target = \n"), encoding="utf-8"
    )
    broken = targets("list")
    assert broken.exit_code == 2 and "not valid TOML" in broken.stderr
