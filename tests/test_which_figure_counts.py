"""Which figure counts: the rule, in any order of the log's lines, and what `record` says when
the figure just recorded does not."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from laichau_targets.periods import Period
from laichau_targets.records import Figure, Record, Retraction, current_figures
from laichau_targets.standing import figures_of_year

from .helpers import WHEN, en, log_lines, now, recorded

some_rows = st.lists(
    st.tuples(
        st.integers(0, 5),  # time recorded, in seconds: ties are common
        st.sampled_from(["GRDP", "grdp", "JOBS"]),
        st.sampled_from([3, 6, 12]),
        st.integers(2023, 2024),
        st.booleans(),  # official
        st.integers(-1, 20),  # which earlier record it retracts instead, if >= 0
    ),
    max_size=30,
)


def _outranks(one: Figure, other: Figure) -> bool:
    """The rule as the documentation states it: an official figure over an estimate; then the one
    recorded later; of two recorded at once, the one of greater id (a batch's last)."""
    if (one.basis == "official") != (other.basis == "official"):
        return one.basis == "official"
    if one.recorded_at != other.recorded_at:
        return one.recorded_at > other.recorded_at
    return one.id > other.id


@settings(max_examples=200, deadline=None)
@given(
    some_rows,
    st.sampled_from([None, Period(2024, 3), Period(2024, 6), Period(2023, 12)]),
    st.randoms(use_true_random=False),
)
def test_the_current_figures_are_those_that_outrank_every_other(spec, as_of, random) -> None:
    records: list[Record] = []
    for n, (second, code, months, year, official, retracts) in enumerate(spec):
        record_id = f"01J9E0{n:020d}"
        target = records[retracts] if 0 <= retracts < n else None
        if isinstance(target, Figure):
            records.append(Retraction(record_id, target.code, target.id, WHEN, "lan"))
            continue
        at = WHEN + timedelta(seconds=second)
        basis = "official" if official else "estimate"
        records.append(Figure(record_id, code, Decimal(n), Period(year, months), basis, at, "lan"))
    gone = {r.retracts for r in records if isinstance(r, Retraction)}
    standing = [
        r
        for r in records
        if isinstance(r, Figure) and r.id not in gone and (as_of is None or r.period <= as_of)
    ]
    expected = {
        (f.code.upper(), f.period): f.id
        for f in standing
        if not any(
            _outranks(other, f)
            for other in standing
            if (other.code.upper(), other.period) == (f.code.upper(), f.period)
        )
    }
    shuffled = list(records)
    random.shuffle(shuffled)  # in any order of the file
    every = current_figures(shuffled)
    found = {key: figure for key, figure in every.items() if as_of is None or key[1] <= as_of}
    assert {key: figure.id for key, figure in found.items()} == expected
    # what `report --as-of` relies on: which figure counts never depends on another period
    assert found == current_figures(
        r for r in records if not isinstance(r, Figure) or as_of is None or r.period <= as_of
    )
    for code, period in every:
        assert figures_of_year(every, code.lower(), period.year)[-1].period == max(
            p for c, p in every if c == code and p.year == period.year
        )


def shortest(record_id: str, ids: list[str]) -> str:
    """The shortest beginning of `record_id` that no other of `ids` shares, and at least 6 characters."""
    length = 6
    while any(other != record_id and other.startswith(record_id[:length]) for other in ids):
        length += 1
    return record_id[:length]


def test_a_figure_outranked_by_a_clock_ahead_says_which_counts_and_how_to_change_it(
    targets, data_dir: Path
) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    ahead = json.loads(log_lines(data_dir)[-1])
    ahead.update(id="7" + ahead["id"][1:], value="9.9", recorded_at=(datetime.now(UTC) + timedelta(days=1)).isoformat(), user="minh")  # fmt: skip
    with open(data_dir / "records.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(ahead, ensure_ascii=False) + "\n")
    done = targets("record", "GRDP", "8.1", "--period", "2024")
    when = datetime.fromisoformat(ahead["recorded_at"]).strftime("%Y-%m-%d %H:%M")
    ids = [json.loads(line)["id"] for line in log_lines(data_dir)[1:]]
    short, new_short = shortest(ahead["id"], ids), shortest(ids[-1], ids)
    assert done.exit_code == 0
    assert done.stdout.splitlines() == [
        recorded(en, new_short, "GRDP", "8.1%", "2024"),
        f"GRDP = 8.1 for 2024 does not count: #{short} (9.9, estimate, recorded {when} by minh) counts over it.",
        f"If #{short} is wrong, `targets undo {short}` takes it back, and 8.1 counts.",
        now(en, "GRDP", "exceeded", en("gap.points_above", gap="0.9")),
    ]
    assert "9.9%" in targets("show").stdout
    assert targets("undo", short).exit_code == 0
    assert "8.1%" in targets("show").stdout


def test_an_estimate_after_the_official_figure_says_the_official_one_counts_in_vietnamese(
    targets, data_dir: Path
) -> None:
    assert targets("record", "GRDP", "9,0", "--period", "2024", "--official", "--lang", "vi").exit_code == 0
    official = json.loads(log_lines(data_dir)[-1])
    done = targets("record", "GRDP", "8,9", "--period", "2024", "--lang", "vi")
    when = datetime.fromisoformat(official["recorded_at"]).strftime("%d/%m/%Y %H:%M")
    short = shortest(official["id"], [json.loads(line)["id"] for line in log_lines(data_dir)[1:]])
    lines = done.stdout.splitlines()
    assert lines[1:3] == [
        f"GRDP = 8,9 kỳ năm 2024 không được tính: bản ghi #{short} (9,0, chính thức, do {official['user']} nhập lúc {when}) được tính thay.",
        f"Nếu bản ghi #{short} sai, `targets undo {short}` sẽ rút lại nó, và số liệu 8,9 được tính.",
    ]
