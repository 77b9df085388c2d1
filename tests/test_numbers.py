"""Numbers as people type them, in either convention and the output's language, within the range
a figure may have, and as outputs write them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laichau_targets.cli import EXIT_ERROR
from laichau_targets.datafolder import DataFolder
from laichau_targets.errors import NumberError
from laichau_targets.formatting import human, plain, rounded
from laichau_targets.numbers import parse_number

from .conftest import Targets, snapshot
from .helpers import RANGE, en, log_of, no_traceback, now, recorded, unnumbered, vi


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8.7", "8.7"),
        ("8,7", "8.7"),
        ("8.7%", "8.7"),
        ("8,7 %", "8.7"),
        ("2236", "2236"),
        ("2.236,5", "2236.5"),
        ("2,236.5", "2236.5"),
        ("0.236", "0.236"),
        ("0,236", "0.236"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("12345,678", "12345.678"),
        ("-3,8", "-3.8"),
        ("−0.5", "-0.5"),
        ("+4", "4"),
        (" 51,5 ", "51.5"),
    ],
)
def test_reads_what_reads_the_same_in_both_conventions(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "vi", "en", "in_english", "in_vietnamese"),
    [
        (
            "2.236",
            "2236",
            "2.236",
            "2,236 if written in Vietnamese notation, 2.236 if in",
            "2.236 nếu viết theo cách Việt Nam, 2,236 nếu",
        ),
        (
            "2,236",
            "2.236",
            "2236",
            "2.236 if written in Vietnamese notation, 2,236 if in",
            "2,236 nếu viết theo cách Việt Nam, 2.236 nếu",
        ),
    ],
)
@pytest.mark.reliability("bad values")
def test_without_a_locale_an_ambiguous_number_is_refused_with_both_readings_in_the_readers_notation(
    text: str, vi: str, en: str, in_english: str, in_vietnamese: str
) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert caught.value.text("en") == (
        f"{text!r} is ambiguous: {in_english} English notation; add --locale vi or --locale en"
    )
    assert caught.value.text("vi") == (
        f"{text!r} có hai cách hiểu: {in_vietnamese} viết theo cách tiếng Anh; thêm --locale vi hoặc --locale en"
    )
    assert parse_number(text, "vi") == Decimal(vi)
    assert parse_number(text, "en") == Decimal(en)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "1e3",
        "8.7.1,2",
        "1..2",
        ".5",
        "5.",
        "8,7,1",
        "1,2.3.4",
        "12.34,5.6",
        "%",
        "--1",
        "0x10",
    ],
)
@pytest.mark.reliability("bad values")
def test_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.reliability("bad values")
def test_a_locale_that_contradicts_the_text_is_refused() -> None:
    with pytest.raises(NumberError, match="does not read as a number in English notation"):
        parse_number("2.236,5", "en")


def test_plain_has_no_float_noise_and_no_exponent_and_keeps_the_decimals_typed() -> None:
    assert plain(Decimal(9) - Decimal("8.7")) == "0.3"
    assert plain(Decimal("1E+3")) == "1000"
    assert plain(Decimal("2236.50")) == "2236.50"
    assert plain(Decimal("-0.0")) == "0.0"


@pytest.mark.parametrize(
    ("typed", "locale", "shown"),
    [
        ("9,0", "vi", "9,0"),
        ("9.0", "en", "9.0"),
        ("9", "vi", "9"),
        ("2.236,50", "vi", "2.236,50"),
        ("6950", "en", "6,950"),
    ],
)
def test_a_figure_shows_as_it_was_typed(typed: str, locale: str, shown: str) -> None:
    assert human(parse_number(typed, locale), locale) == shown  # type: ignore[arg-type]


def test_human_follows_the_language() -> None:
    assert human(Decimal("2236"), "vi") == "2.236"
    assert human(Decimal("51.5"), "vi") == "51,5"
    assert human(Decimal("2236"), "en") == "2,236"
    assert human(Decimal("-1234567.25"), "en") == "-1,234,567.25"
    assert human(Decimal("96.6666"), "en", 1) == "96.7"


decimals = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False, allow_infinity=False
)


@given(decimals, st.sampled_from(["vi", "en"]))
def test_every_number_written_in_either_convention_reads_back(value: Decimal, locale: str) -> None:
    written = human(value, locale)  # type: ignore[arg-type]
    assert parse_number(written, locale) == value  # type: ignore[arg-type]


@given(decimals)
def test_machine_form_reads_back_without_a_locale_unless_ambiguous(value: Decimal) -> None:
    written = plain(value)
    try:
        assert parse_number(written) == value
    except NumberError as exc:
        assert "ambiguous" in str(exc)
        assert parse_number(written, "en") == value


@pytest.mark.reliability("bad values")
@given(st.text(alphabet="0123456789.,+-−% eEinfa", max_size=12))
def test_whatever_it_accepts_reads_back_from_its_machine_form(text: str) -> None:
    try:
        value = parse_number(text, "en")
    except NumberError:
        return
    assert parse_number(plain(value), "en") == value


@pytest.mark.parametrize(
    ("how", "env"),
    [
        (["--lang", "vi"], {}),
        ([], {"LAICHAU_TARGETS_LANG": "vi"}),
        ([], {"LANG": "vi_VN.UTF-8"}),
    ],
)
def test_a_number_that_reads_two_ways_is_read_in_the_chosen_language(targets, data_dir, how, env) -> None:
    result = targets(*how, "record", "BUDGET", "2.365", "--period", "2024", env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    assert unnumbered(result.stdout) == (
        f"{recorded(vi, 'ID', 'BUDGET', '2.365 tỷ đồng', 'năm 2024')}\n"
        f"{now(vi, 'BUDGET', 'exceeded', 'đạt 105,8% dự toán')}\n"
    )


def test_in_english_the_same_text_is_a_decimal_and_the_ten_times_warning_is_the_safety_net(
    targets, data_dir
) -> None:
    result = targets("--lang", "en", "record", "BUDGET", "2.365", "--period", "2024")
    assert result.exit_code == 0
    assert unnumbered(result.stdout).startswith(
        recorded(en, "ID", "BUDGET", "2.365 billion VND", "2024") + "\n"
    )
    assert result.stderr == (
        "Warning: 2.365 is more than 10 times below the target 2,236; did you mean 2,365?\n"
    )


def test_locale_still_decides_whatever_the_language(targets, data_dir) -> None:
    result = targets("--lang", "vi", "record", "JOBS", "1,150", "--period", "2024-Q1", "--locale", "en")
    assert unnumbered(result.stdout).startswith(
        recorded(vi, "ID", "JOBS", "1.150 lao động", "quý I/2024") + "\n"
    )
    after = targets("--lang", "en", "record", "JOBS", "2.310", "--period", "6 tháng/2024", "--locale", "vi")
    assert unnumbered(after.stdout).startswith(recorded(en, "ID", "JOBS", "2,310 workers", "H1 2024") + "\n")


def test_figures_show_as_typed_and_counts_of_people_never_in_fractions(
    targets, data_dir, monkeypatch
) -> None:
    targets("--lang", "vi", "record", "DOCTORS", "9,0", "--period", "2024")
    targets("record", "JOBS", "1970", "--period", "2024-Q1")
    targets("record", "TRAINING", "3000", "--period", "2024-H1")
    md = targets("--lang", "vi", "report", "--format", "md").stdout
    assert "| bác sỹ/1 vạn dân | tối thiểu 13,1 | 9,0 (năm 2024, ước) |" in md
    # (8,000 − 3,000) / 6 = 833.3 workers a month still needed: 834 whole workers
    assert "cần 834 lao động/tháng trong các tháng còn lại, so với 500 lao động/tháng đến nay" in md
    targets("record", "NRD_NEW", "2", "--period", "2024-09")  # 0.22 communes a month so far
    md = targets("--lang", "vi", "report", "--format", "md").stdout
    assert (
        "cần 1 xã/tháng trong các tháng còn lại, so với \\<1 xã/tháng đến nay" in md
    )  # Markdown escapes the <
    machine = {i["code"]: i for i in json.loads(targets("report", "--format", "json").stdout)["indicators"]}
    assert (machine["NRD_NEW"]["pace_so_far"], machine["JOBS"]["pace_needed"]) == (
        0.22,
        772.22,
    )  # exact for scripts
    history = targets("--lang", "vi", "history", "DOCTORS").stdout
    assert " 9,0 bác sỹ/1 vạn dân  Năm 2024, ước" in history  # as typed, with its unit
    monkeypatch.setenv("COLUMNS", "200")
    wide = targets("show", "--wide").stdout
    jobs = next(line for line in wide.splitlines() if line.startswith("JOBS"))
    assert jobs.split()[-6:-3] == ["7,880", "657", "773"]  # 1,970 / 3 = 656.7; 6,950 / 9 = 772.2, up


@pytest.mark.reliability("bad values")
@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("10000000000000000000000000", "1.000000e+25"),  # v0.1 wrote it; show/report/check then died
        ("0." + "0" * 400 + "1", "1E-401"),  # v0.1: OverflowError after writing
        ("1000000000000000000", "1000000000000000000"),  # 10^18: just beyond
        ("-1000000000000000000", "-1000000000000000000"),
        ("1234567890.12345678901", "1234567890.12345678901"),  # 21 significant digits
        ("0.0000000001", "1E-10"),  # finer than 10^-9
    ],
)
def test_out_of_range_figures_are_refused_and_nothing_is_written(
    targets: Targets, folder: Path, typed: str, quoted: str
) -> None:
    targets("record", "SUM", "100", "--period", "2024-06")
    before = snapshot(folder)
    result = targets("record", "SUM", typed, "--period", "2024", "--locale", "en")
    assert (result.exit_code, result.stdout) == (EXIT_ERROR, "")
    assert result.stderr == f"Error: {quoted} is outside the range a figure may have: {RANGE}\n"
    assert snapshot(folder) == before


@pytest.mark.reliability("bad values")
def test_every_entry_path_uses_the_same_range_check(folder: Path) -> None:
    from laichau_targets.tracker import Tracker, check_value

    tracker = Tracker(DataFolder(folder, "test"))
    with pytest.raises(NumberError):  # what `import` and any other way in will call
        check_value(tracker.plan.indicator("SUM"), Decimal("1e30"))
    with pytest.raises(NumberError):
        tracker.record("SUM", "1" + "0" * 30, "2024")
    assert not log_of(folder).exists()


@pytest.mark.reliability("bad values")
def test_the_edges_of_the_range_are_recorded_and_printed_exactly_everywhere(
    targets: Targets, folder: Path
) -> None:
    for typed in ("999999999999999999.99", "0.000000001", "12345678901234567.5", "-999999999999999999"):
        done = targets("record", "SUM", typed, "--period", "2024", "--locale", "en")
        assert done.exit_code == 0, done.output
        for args in (["show"], ["show", "--wide"], ["history"], ["check"], ["list"]):
            no_traceback(targets(*args))
        data = json.loads(targets("report", "--format", "json").stdout, parse_float=Decimal)
        assert data["indicators"][1]["actual"] == Decimal(typed)  # v0.1: 1.2345678901234568e+16
        csv_row = targets("report", "--format", "csv").stdout.splitlines()[2].split(",")
        assert Decimal(csv_row[8]) == Decimal(typed)
        for fmt in ("md", "html", "text"):
            no_traceback(targets("report", "--format", fmt))
    undone = targets("undo")
    assert undone.exit_code == 0


def test_plain_and_rounded_keep_every_digit_at_any_size_and_never_write_minus_zero() -> None:
    # v0.1: quantize() raised InvalidOperation beyond 28 digits, normalize() dropped digits
    assert plain(Decimal("123456789012345678901234567890.5")) == "123456789012345678901234567890.5"
    assert plain(Decimal("1E+29")) == "1" + "0" * 29
    assert rounded(Decimal("123456789012345678901234567.895"), 2) == Decimal("123456789012345678901234567.90")
    assert plain(Decimal("-0")) == "0"
    assert human(Decimal("-0.001"), "en", 2) == "0"  # v0.1: "-0" (item 9: "-0%")
    assert plain(rounded(Decimal("-0.004"), 2)) == "0"
