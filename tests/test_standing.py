"""The standing rules of PRODUCT.md: gap, progress, status, for every comparison and kind, and how
the outputs word them."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.messages import Texts
from laichau_targets.periods import Period
from laichau_targets.plans import Indicator, Override, Plan, Settings
from laichau_targets.records import Figure, Retraction, current_figures
from laichau_targets.render import render
from laichau_targets.standing import judge, summarize
from laichau_targets.standing import standings as standings_of_current

from .conftest import Targets
from .helpers import (
    HEAD,
    by_code,
    en,
    indicator_table,
    json_report,
    make_folder,
    now,
    record,
    recorded,
    tracker,
    unnumbered,
    vi,
)


def indicator(
    comparison: str = "at_least",
    kind: str = "level",
    target: str = "100",
    high: str | None = None,
    unit: str = "tỷ đồng",
    **extra,
) -> Indicator:
    return Indicator(
        code="X",
        name_vi="X",
        name_en="X",
        unit=unit,
        target=D(target),
        comparison=comparison,  # type: ignore[arg-type]
        kind=kind,
        source="X.",
        target_high=D(high) if high else None,
        **extra,  # type: ignore[arg-type]
    )


SETTINGS = Settings()  # exceed margin 1 %, about tolerance 1 %, at-risk band 5 %


WHEN = datetime(2024, 12, 20, tzinfo=UTC)


def ulid(n: int) -> str:
    """An id of the log's shape that sorts as `n` does."""
    return f"{n:026d}"


def figure(value: str, months: int = 12, basis: str = "estimate", id: int = 1, code: str = "X") -> Figure:
    return Figure(
        id=ulid(id),
        code=code,
        recorded_at=WHEN,
        user="u",
        value=D(value),
        period=Period(2024, months),
        basis=basis,
    )  # type: ignore[arg-type]


def status(ind: Indicator, value: str, months: int = 12) -> str:
    return judge(ind, figure(value, months), SETTINGS).status


@pytest.mark.parametrize(
    ("value", "expected"),
    [("101.01", "exceeded"), ("101", "met"), ("100", "met"), ("99.99", "not_met")],
)
def test_at_least_full_year(value: str, expected: str) -> None:
    assert status(indicator("at_least"), value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("101.5", "exceeded"), ("100.5", "met"), ("99", "met"), ("98.99", "not_met")],
)
def test_about_full_year_allows_the_tolerance_below(value: str, expected: str) -> None:
    assert status(indicator("about"), value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("98.9", "exceeded"), ("99", "met"), ("100", "met"), ("100.01", "not_met")],
)
def test_at_most_full_year(value: str, expected: str) -> None:
    assert status(indicator("at_most"), value) == expected


@pytest.mark.parametrize(
    ("value", "expected", "gap"),
    [
        ("6", "not_met", "0.5"),
        ("6.5", "met", "0"),
        ("7", "met", "0"),
        ("7.07", "met", "-0.07"),
        ("7.08", "exceeded", "-0.08"),
    ],
)
def test_range_full_year(value: str, expected: str, gap: str) -> None:
    ind = indicator("range", target="6.5", high="7", unit="%")
    standing = judge(ind, figure(value), SETTINGS)
    assert (standing.status, standing.gap) == (expected, D(gap))


def test_grdp_8_7_against_about_9_is_not_met_with_a_gap_of_exactly_0_3() -> None:
    ind = indicator("about", kind="growth_rate", target="9", unit="%")
    standing = judge(ind, figure("8.7"), SETTINGS)
    assert standing.status == "not_met"
    assert standing.gap == D("0.3") and str(standing.gap) == "0.3"
    assert standing.gap_percent is None  # a rate: its gap is in points
    assert standing.progress is None  # one growth rate divided by another means nothing (issue 20)


def test_a_level_in_percent_still_has_a_progress() -> None:
    forest = judge(indicator("at_least", kind="level", target="52.9", unit="%"), figure("50.26"), SETTINGS)
    assert (forest.progress, forest.gap_percent) == (D("95.01"), None)


def test_quantities_also_give_the_gap_as_a_share_of_the_target() -> None:
    standing = judge(indicator(target="2236"), figure("2000"), SETTINGS)
    assert (standing.gap, standing.gap_percent, standing.progress) == (D("236"), D("10.55"), D("89.45"))


def test_at_most_progress_is_inverted() -> None:
    assert judge(indicator("at_most"), figure("80"), SETTINGS).progress == D("125")


@pytest.mark.parametrize(
    ("value", "expected"), [("100", "on_track"), ("96", "at_risk"), ("95", "at_risk"), ("94.9", "off_track")]
)
def test_levels_within_the_year_are_judged_by_the_figure_itself(value: str, expected: str) -> None:
    assert status(indicator(kind="level"), value, months=6) == expected
    assert status(indicator(kind="growth_rate"), value, months=6) == expected


@pytest.mark.parametrize(
    ("value", "months", "expected", "projected"),
    [
        ("75", 9, "on_track", "100"),  # 75 in 9 months: 100 by December
        ("72", 9, "at_risk", "96"),
        ("60", 9, "off_track", "80"),
        ("25", 3, "on_track", "100"),
    ],
)
def test_accumulating_quantities_are_judged_by_their_pace(
    value: str, months: int, expected: str, projected: str
) -> None:
    standing = judge(indicator(kind="accumulating"), figure(value, months), SETTINGS)
    assert (standing.status, standing.projected) == (expected, D(projected))


def test_pace_so_far_and_pace_needed() -> None:
    standing = judge(indicator(kind="accumulating", target="2236"), figure("1500", 9), SETTINGS)
    assert standing.pace_so_far == D("166.67")
    assert standing.pace_needed == D("245.33")  # (2236 - 1500) / 3


def test_met_early_once_the_year_to_date_figure_reaches_the_target() -> None:
    assert status(indicator(kind="accumulating"), "100", months=9) == "met"
    assert status(indicator(kind="accumulating"), "120", months=9) == "exceeded"


def test_an_at_most_quantity_already_over_its_cap_is_off_track() -> None:
    assert status(indicator("at_most", kind="accumulating"), "101", months=6) == "off_track"
    assert status(indicator("at_most", kind="accumulating"), "40", months=6) == "on_track"


def test_thresholds_are_settings_of_the_plan() -> None:
    strict = Settings(exceed_margin=D(0), about_tolerance=D(0), at_risk_band=D(1))
    assert judge(indicator(), figure("100.5"), strict).status == "exceeded"
    assert judge(indicator("about"), figure("99.5"), strict).status == "not_met"
    assert judge(indicator(), figure("98", 6), strict).status == "off_track"


def test_no_data() -> None:
    standing = judge(indicator(), None, SETTINGS)
    assert (standing.status, standing.gap, standing.progress, standing.actual) == (
        "no_data",
        None,
        None,
        None,
    )


def test_an_override_replaces_the_verdict_and_keeps_the_computed_one() -> None:
    ind = indicator(override=Override(status="met", reason="Ước đạt theo báo cáo"))
    standing = judge(ind, figure("99"), SETTINGS)
    assert (standing.status, standing.computed_status, standing.overridden) == ("met", "not_met", True)


def standings(plan, records, as_of=None):
    """As `report --as-of` judges: the figures that count, of the periods up to the checkpoint."""
    current = current_figures(records)
    if as_of is not None:
        current = {key: figure for key, figure in current.items() if key[1] <= as_of}
    return standings_of_current(plan, current)


def _plan(*indicators: Indicator) -> Plan:
    return Plan(province="P", year=2024, title="T", site="s", author="a", indicators=indicators)


def test_current_figure_is_the_latest_period_then_official_then_most_recent() -> None:
    plan = _plan(indicator())
    records = [
        figure("50", 6, "official", id=1),
        figure("70", 9, "estimate", id=2),
        figure("71", 9, "official", id=3),
        figure("72", 9, "estimate", id=4),
        figure("73", 9, "official", id=5),
        Retraction(id=ulid(6), code="X", recorded_at=WHEN, user="u", retracts=ulid(5)),
        figure("40", 6, "estimate", id=7),
    ]
    assert standings(plan, records)[0].actual == D("71")
    assert standings(plan, records, as_of=Period(2024, 6))[0].actual == D("50")
    assert standings(plan, records, as_of=Period(2024, 3))[0].status == "no_data"


def test_codes_match_case_insensitively_and_other_years_are_ignored() -> None:
    plan = _plan(indicator())
    other_year = Figure(
        id=ulid(2),
        code="X",
        recorded_at=WHEN,
        user="u",
        value=D(5),
        period=Period(2023, 12),
        basis="official",
    )
    assert standings(plan, [figure("80", code="x"), other_year])[0].actual == D(80)


def test_summary_counts_every_status() -> None:
    plan = _plan(indicator(), indicator(), indicator())
    rows = standings(plan, [figure("120", id=1)])
    summary = summarize(rows)
    assert summary.total == 3
    assert summary.counts["exceeded"] == 3  # three indicators with the same code X
    assert summary.met_or_exceeded == 3


ORDER = {"not_met": 0, "met": 1, "exceeded": 2, "off_track": 0, "at_risk": 1, "on_track": 2}


values = st.decimals(
    min_value=D("-1000"), max_value=D("1000"), places=2, allow_nan=False, allow_infinity=False
)


targets = st.decimals(
    min_value=D("0.1"), max_value=D("1000"), places=1, allow_nan=False, allow_infinity=False
)


@given(targets, values, values, st.sampled_from(["at_least", "about"]), st.sampled_from([6, 12]))
def test_a_higher_figure_never_judges_worse_for_at_least_and_about(target, a, b, comparison, months) -> None:
    ind = indicator(comparison, target=str(target))
    low, high = sorted((a, b))
    worse = judge(ind, figure(str(low), months), SETTINGS).status
    better = judge(ind, figure(str(high), months), SETTINGS).status
    assert ORDER[worse] <= ORDER[better]


@given(targets, values, st.sampled_from([6, 12]))
def test_a_lower_figure_never_judges_worse_for_at_most(target, value, months) -> None:
    ind = indicator("at_most", target=str(target))
    lower = value - 1
    assert (
        ORDER[judge(ind, figure(str(lower), months), SETTINGS).status]
        >= ORDER[judge(ind, figure(str(value), months), SETTINGS).status]
    )


@given(targets, values)
def test_gap_is_positive_exactly_while_short_of_an_at_least_target(target, value) -> None:
    standing = judge(indicator(target=str(target)), figure(str(value)), SETTINGS)
    assert (standing.gap > 0) == (standing.status == "not_met")
    assert standing.gap == target - value  # exact: no float noise


@given(targets, values, st.integers(1, 11))
def test_an_accumulating_figure_on_pace_is_never_off_track(target, value, months) -> None:
    on_pace = (target * months / 12).quantize(D("0.0001"))
    if on_pace * 12 / months < target:
        on_pace += D("0.0001")
    assert judge(
        indicator(kind="accumulating", target=str(target)), figure(str(on_pace), months), SETTINGS
    ).status in ("on_track", "met", "exceeded")


def test_gaps_are_signed_figure_minus_target_and_met_explains_where_exceeded_begins(
    targets, data_dir
) -> None:
    done = targets("--lang", "vi", "record", "GRDP", "9,05", "--period", "2024")
    assert unnumbered(done.stdout) == (
        f"{recorded(vi, 'ID', 'GRDP', '9,05%', 'năm 2024')}\n"
        f"{now(vi, 'GRDP', 'met', 'cao hơn mục tiêu 0,05 điểm %; vượt khi trên 9,09%')}\n"
    )
    targets("record", "BUDGET", "2365", "--period", "2024")
    md = targets("--lang", "vi", "report", "--format", "md").stdout
    assert "| +0,05 điểm | – | Đạt |" in md and "| +129 | – | Vượt |" in md
    assert "- GRDP: 9,05% là “Đạt”, chưa “Vượt”: vượt khi trên 9,09% (mục tiêu cộng 1% mục tiêu)" in md
    shown = targets("--lang", "vi", "show").stdout.splitlines()
    assert "GRDP: 9,05% là “Đạt”, chưa “Vượt”: vượt khi trên 9,09% (mục tiêu cộng 1% mục tiêu)" in shown
    english = targets("--lang", "en", "record", "GRDP", "8.7", "--period", "2024").stdout
    assert english.endswith(now(en, "GRDP", "not_met", en("gap.points_below", gap="0.3")) + "\n")


def test_one_point_is_singular(targets: Targets, folder: Path) -> None:
    result = targets("record", "RATE", "8", "--period", "2024")
    assert result.stdout.splitlines()[1] == now(en, "RATE", "not_met", en("gap.point_below", gap="1"))
    result = targets("record", "RATE", "10", "--period", "2024")
    assert result.stdout.splitlines()[1] == now(en, "RATE", "exceeded", en("gap.point_above", gap="1"))
    result = targets("record", "RATE", "9.5", "--period", "2024")
    assert result.stdout.splitlines()[1] == now(en, "RATE", "exceeded", en("gap.points_above", gap="0.5"))


def test_a_target_with_two_baselines_gives_the_share_of_each_and_judges_by_the_primary(
    tmp_path: Path,
) -> None:
    budget = indicator_table(
        "BUDGET",
        "2080",
        "accumulating",
        unit="tỷ đồng",
        baseline_vi='"dự toán HĐND tỉnh giao"',
        baseline_en='"the provincial council\'s estimate"',
        other_baselines='[{ name_vi = "dự toán Trung ương giao", name_en = "the central government\'s estimate", target = 2000 }]',
    )
    folder = make_folder(tmp_path / "f", HEAD.format(when="year = 2024") + budget)
    record(folder, ("BUDGET", "520", "2024-03"))
    got = by_code(json_report(folder))["BUDGET"]
    assert got["progress"] == 25 and got["baseline_name"] == "dự toán HĐND tỉnh giao"
    assert got["other_baselines"] == [
        {
            "name": "dự toán Trung ương giao",
            "name_en": "the central government's estimate",
            "target": 2000,
            "progress": 26,
        }
    ]
    assert got["status"] == "on_track"  # 520 x 4 = 2,080: the primary target, just reached
    in_vietnamese = render(tracker(folder).report(), "md", Texts("vi"))
    assert "BUDGET: bằng 25% dự toán HĐND tỉnh giao, 26% dự toán Trung ương giao" in in_vietnamese.replace(
        "25,0", "25"
    )
