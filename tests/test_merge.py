"""Any union of two clones' logs is a valid log that says the same as both together."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laichau_targets import log as log_module
from laichau_targets.errors import RecordNotFoundError
from laichau_targets.log import RecordLog
from laichau_targets.periods import Period
from laichau_targets.records import Figure, current_figures

START = datetime(2024, 10, 1, tzinfo=UTC)

steps = st.lists(
    st.tuples(
        st.sampled_from(["mine", "theirs"]),
        st.sampled_from(["record", "record", "undo"]),
        st.sampled_from(["GRDP", "JOBS"]),
        st.integers(1, 99),
        st.sampled_from([6, 12]),
        st.integers(0, 5),
    ),
    min_size=1,
    max_size=16,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    base=st.integers(0, 4),
    steps=steps,
    order=st.randoms(use_true_random=False),
    interleave=st.booleans(),
    repeat=st.booleans(),
)
def test_a_union_of_two_clones_is_one_valid_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: int, steps, order, interleave: bool, repeat: bool
) -> None:
    monkeypatch.setattr(log_module, "CACHED_FROM", 0)  # every log cached, however small
    case = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    mine, theirs, cache = case / "mine", case / "theirs", case / "cache"
    mine.mkdir(parents=True)
    log = RecordLog(mine, cache)
    log.append(
        [Figure("", "GRDP", Decimal(n), Period(2024, 12), "estimate", START, "base") for n in range(base)]
    )
    shutil.copytree(mine, theirs)
    logs = {"mine": log, "theirs": RecordLog(theirs, cache)}
    for n, (clone, action, code, value, months, pick) in enumerate(steps):
        when = START + timedelta(minutes=n + 1)
        if action == "record":
            new = Figure("", code, Decimal(value), Period(2024, months), "official", when, clone)
            logs[clone].append([new])
        else:
            records = logs[clone].records()
            try:
                logs[clone].retract(records[pick % len(records)].id if records else None, when, clone, None)
            except RecordNotFoundError:
                pass
    expected = {r.id: r for clone in logs.values() for r in clone.records()}
    base_lines, ours, theirs_lines = _split(mine, theirs)
    tail = ours + theirs_lines  # git's union: our lines, then theirs
    if interleave:
        order.shuffle(tail)  # how the lines of both sides interleave is no matter
    if repeat and tail:
        tail.append(tail[0])  # the same record twice: a merge done again
    # the merge, written over my log: my cache (of my log before the merge) is still there
    (mine / "records.jsonl").write_bytes(b"".join(base_lines + tail))

    whole = RecordLog(mine)  # read whole, no cache
    together = whole.records()
    assert [r.id for r in together] == sorted(expected, key=lambda i: (expected[i].recorded_at, i))
    assert together == sorted(expected.values(), key=lambda r: (r.recorded_at, r.id))
    cached = RecordLog(mine, cache)
    contents, read_whole = cached.contents(), whole.contents()
    assert contents.current_figures() == current_figures(together)
    assert cached.records() == together
    assert contents.history(None, None) == read_whole.history(None, None)
    assert contents.shorts(expected) == read_whole.shorts(expected)
    shutil.rmtree(case)


def _split(mine: Path, theirs: Path) -> tuple[list[bytes], list[bytes], list[bytes]]:
    """The lines both logs share, then each one's own lines."""
    a = (
        (mine / "records.jsonl").read_bytes().splitlines(keepends=True)
        if (mine / "records.jsonl").exists()
        else []
    )
    b = (
        (theirs / "records.jsonl").read_bytes().splitlines(keepends=True)
        if (theirs / "records.jsonl").exists()
        else []
    )
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n], a[n:], b[n:]
