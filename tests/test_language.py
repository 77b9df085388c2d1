"""Vietnamese first: the officers' language in every human output, numbers in their convention,
help and usage errors in the reader's language."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from laichau_targets.messages import choose_lang

from .conftest import log_ids
from .helpers import en, error_line, headline, now, recorded, vi


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        ("vi", {"LAICHAU_TARGETS_LANG": "en"}, "vi"),
        (None, {"LAICHAU_TARGETS_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LANG": "vi_VN.UTF-8"}, "vi"),
        (None, {"LC_ALL": "vi_VN", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LANGUAGE": "fr:vi:en", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LANGUAGE": "en_GB:vi", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "vi_VN.UTF-8", "LANG": "C"}, "vi"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_choice(option, environ, expected) -> None:
    assert choose_lang(option, environ) == expected


@pytest.fixture
def budget_and_grdp(targets, data_dir: Path) -> None:
    for args in [
        ("GRDP", "8.7", "--period", "2024"),
        ("JOBS", "9500", "--period", "2024"),
        ("FOREST", "52.9", "--period", "2024"),
        ("BUDGET", "2.300,5", "--period", "2024", "--locale", "vi"),
    ]:
        assert targets("record", *args).exit_code == 0


def test_markdown_in_vietnamese_reads_as_a_vietnamese_report(targets, budget_and_grdp) -> None:
    md = targets("--lang", "vi", "report", "--format", "md").stdout
    assert "# Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024 tỉnh Lai Châu" in md
    assert f"**{headline(vi, 3, 17, not_met=1, no_data=13)}**" in md
    rows = {line.split(" | ")[0].lstrip("| "): line for line in md.splitlines() if line.startswith("| ")}
    assert rows["GRDP"].endswith(
        "| % | khoảng 9% | 8,7% (năm 2024, ước) | – | -0,3 điểm | – | Không đạt |"
    )  # figure − target, as review tables sign it; "%" never apart from its number
    assert rows["FOREST"].endswith("| Đạt |")
    assert rows["JOBS"].endswith(
        "| lao động | tối thiểu 8.920 | 9.500 (năm 2024, ước) | 106,5% | +580 | – | Vượt |"
    )
    assert rows["BUDGET"].endswith(
        "| tỷ đồng | tối thiểu 2.236 | 2.300,5 (năm 2024, ước) | 102,9% dự toán | +64,5 | – | Vượt |"
    )
    assert "| triệu đồng | khoảng 51,5 |" in rows["GRDP\\_PC"]
    assert "| Tốc độ tăng giá trị tăng thêm ngành nông nghiệp | % |" in rows["AGRI\\_VA"]  # display_vi
    assert (
        "## Các chỉ tiêu chưa đạt\n\n- GRDP – Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP): thấp hơn mục tiêu 0,3 điểm %\n"
        in md
    )
    assert ", do root nhập ngày " in md


def test_the_same_report_in_english_has_the_same_numbers_in_english_form(targets, budget_and_grdp) -> None:
    md = targets("--lang", "en", "report", "--format", "md").stdout
    assert f"**{headline(en, 3, 17, not_met=1, no_data=13)}**" in md
    assert (
        "| billion VND | at least 2,236 | 2,300.5 (2024, estimate) | 102.9% of est. | +64.5 | – | Exceeded |"
        in md
    )
    assert "| million VND | about 51.5 |" in md
    assert "| % | about 9% | 8.7% (2024, estimate) | – | -0.3 pt | – | Not met |" in md
    assert "| Growth of agricultural value added | % |" in md


def test_machine_outputs_never_change_with_the_language(targets, budget_and_grdp, monkeypatch) -> None:
    english = {}
    for fmt in ("json", "csv"):
        english[fmt] = targets("--lang", "en", "report", "--format", fmt).stdout
        assert targets("--lang", "vi", "report", "--format", fmt).stdout == english[fmt]
        monkeypatch.setenv("LANG", "vi_VN.UTF-8")
        assert targets("report", "--format", fmt).stdout == english[fmt]
        monkeypatch.delenv("LANG")
    assert '"actual": 2300.5,' in english["json"]
    assert ",2300.5," in english["csv"] and "2.300,5" not in english["csv"]


def test_the_environment_picks_the_language(targets, budget_and_grdp, monkeypatch) -> None:
    monkeypatch.setenv("LAICHAU_TARGETS_LANG", "vi")
    assert targets("check").stdout.startswith(vi("headline.met", met=3, total=17))
    monkeypatch.delenv("LAICHAU_TARGETS_LANG")
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert targets("check").stdout.startswith(vi("headline.met", met=3, total=17))
    assert targets("--lang", "en", "check").stdout.startswith(en("headline.met", met=3, total=17))


def test_record_confirmation_errors_and_warnings_in_vietnamese(targets, data_dir: Path) -> None:
    done = targets("--lang", "vi", "record", "BUDGET", "1.850,5", "--period", "2024-09")
    assert done.stdout == (
        f"{recorded(vi, log_ids(data_dir)[0][:6], 'BUDGET', '1.850,5 tỷ đồng', '9 tháng/2024')}\n"
        f"{now(vi, 'BUDGET', 'on_track', 'đạt 82,8% dự toán')}\n"
    )
    bad = targets("--lang", "vi", "record", "GRPD", "8,7")
    assert (bad.exit_code, bad.stderr) == (
        2,
        error_line(vi("error.unknown_code_suggest", code="GRPD", suggestion="GRDP"), vi),
    )
    far = targets("--lang", "vi", "record", "JOBS", "95", "--period", "2024")
    assert far.stderr == "Cảnh báo: 95 thấp hơn mục tiêu 8.920 hơn 10 lần; có phải định nhập 9.500?\n"
    rule = targets("--lang", "vi", "record", "FOREST", "120,5")
    assert (
        rule.stderr == "Lỗi: 120,5 lớn hơn giá trị hợp lý lớn nhất của FOREST là 100 (max trong kế hoạch)\n"
    )


def test_a_decomposed_plan_shows_the_same_aligned_table(targets, data_dir: Path, tmp_path: Path) -> None:
    monkeypatch_columns = {"COLUMNS": "200"}  # names whole, so that every row is as wide as the header
    composed = targets("--lang", "vi", "show", env=monkeypatch_columns).stdout
    plan = data_dir / "targets.toml"
    decomposed_text = unicodedata.normalize("NFD", plan.read_text(encoding="utf-8"))
    assert decomposed_text != plan.read_text(encoding="utf-8")
    other = tmp_path / "decomposed"
    for file in data_dir.rglob("*.toml"):  # the entry point and the plan files it names
        (other / file.relative_to(data_dir)).parent.mkdir(parents=True, exist_ok=True)
        text = unicodedata.normalize("NFD", file.read_text(encoding="utf-8"))
        (other / file.relative_to(data_dir)).write_text(text, encoding="utf-8")
    shown = targets("--lang", "vi", "--data", str(other), "show", env=monkeypatch_columns).stdout
    assert shown == composed
    rows = composed.splitlines()[:-3]
    assert len(rows) == 18
    status_column = rows[0].index("Đánh giá")
    assert all(row[status_column - 2 : status_column] == "  " and row[status_column] != " " for row in rows)


@pytest.mark.parametrize(
    ("args", "english", "vietnamese"),
    [
        (
            ["record"],
            "Missing argument 'CODE'. (see 'targets record --help')",
            "Thiếu tham số 'CODE'. (xem 'targets record --help')",
        ),
        (
            ["show", "--wid"],
            "No such option: --wid (Possible options: --wide) (see 'targets show --help')",
            "Không có tùy chọn --wid (tùy chọn gần giống: --wide) (xem 'targets show --help')",
        ),
        (
            ["show", "extra"],
            "Got unexpected extra argument(s) (extra) (see 'targets show --help')",
            "Thừa tham số (extra) (xem 'targets show --help')",
        ),
        (
            ["shwo"],
            "No such command 'shwo'. Did you mean 'show'? (see 'targets --help')",
            "Không có lệnh 'shwo'. Có phải định gõ 'show'? (xem 'targets --help')",
        ),
        (
            ["show", "--plan"],
            "Option '--plan' requires an argument. (see 'targets --help')",
            "Tùy chọn '--plan' cần một giá trị. (xem 'targets --help')",
        ),
        (
            ["history", "GRDP", "--code", "JOBS"],
            "Invalid value for --code: two different codes: GRDP and JOBS (see 'targets history --help')",
            "Giá trị không hợp lệ cho --code: hai mã khác nhau: GRDP và JOBS (xem 'targets history --help')",
        ),
        (
            ["history", "-n", "x"],
            "Invalid value for '--limit' / '-n': 'x' is not a valid int range. (see 'targets history --help')",
            "Giá trị không hợp lệ cho '--limit' / '-n': 'x' không phải số nguyên. (xem 'targets history --help')",
        ),
    ],
)
def test_a_mistake_in_the_command_line_is_told_in_the_readers_language(
    targets, data_dir, monkeypatch: pytest.MonkeyPatch, args: list[str], english: str, vietnamese: str
) -> None:
    """Click's own words were English only: a Vietnamese reader now reads them in Vietnamese."""
    assert targets(*args).stderr == f"Error: {english}\n"
    monkeypatch.setenv("LAICHAU_TARGETS_LANG", "vi")
    result = targets(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Lỗi: {vietnamese}\n")


def test_the_choices_of_language_and_notation_come_from_their_one_tables(targets) -> None:
    """--lang lists messages.LANGS, --locale formatting.SEPARATORS, each in its own order."""
    from laichau_targets.formatting import SEPARATORS
    from laichau_targets.messages import LANGS

    assert f"--lang <{'|'.join(LANGS)}>" in targets("--help").stdout
    for command in ("record", "import"):
        assert f"--locale <{'|'.join(SEPARATORS)}>" in targets(command, "--help").stdout


def test_help_is_in_vietnamese_when_vietnamese_is_chosen(targets) -> None:
    listing = targets("--lang", "vi", "--help").stdout
    assert listing.startswith("Cách dùng: targets [TÙY_CHỌN] LỆNH [THAM_SỐ]...\n")
    assert "\nLệnh:\n  show      Hiện tiến độ của mọi chỉ tiêu thành bảng có màu.\n" in listing
    assert "  --help                Hiện trợ giúp này rồi thoát.\n" in listing
    record = targets("record", "--help", env={"LAICHAU_TARGETS_LANG": "vi"}).stdout
    assert "  --note TEXT              Ghi chú lưu kèm bản ghi.\n" in record
    assert "Tham số:\n  CODE   Mã chỉ tiêu" in record
    english = targets("record", "--help").stdout  # the same process: nothing stays translated
    assert "  --note TEXT              A note kept with the record.\n" in english
