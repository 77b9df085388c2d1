"""Vietnamese review conventions, numbers in the output's language, and `show` at any width from 80."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import termios
from pathlib import Path

import pytest

from .conftest import snapshot
from .helpers import TARGETS, run_process, sigint_default


def unnumbered(text: str) -> str:
    """The output with each record id (a ULID's short form) as #ID: the ids are new each run."""
    return re.sub(r"#[0-9A-Z]{6,26}\b", "#ID", text)


# --- numbers follow the language (issue 13, item 2) ---


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
        "Đã ghi #ID: BUDGET = 2.365 tỷ đồng cho kỳ năm 2024 (ước).\nBUDGET: hiện vượt (đạt 105,8% dự toán)\n"
    )


def test_in_english_the_same_text_is_a_decimal_and_the_ten_times_warning_is_the_safety_net(
    targets, data_dir
) -> None:
    result = targets("--lang", "en", "record", "BUDGET", "2.365", "--period", "2024")
    assert result.exit_code == 0
    assert unnumbered(result.stdout).startswith(
        "Recorded #ID: BUDGET = 2.365 billion VND for 2024 (estimate).\n"
    )
    assert result.stderr == (
        "Warning: 2.365 is more than 10 times below the target 2,236; did you mean 2,365?\n"
    )


def test_locale_still_decides_whatever_the_language(targets, data_dir) -> None:
    result = targets("--lang", "vi", "record", "JOBS", "1,150", "--period", "2024-Q1", "--locale", "en")
    assert unnumbered(result.stdout).startswith(
        "Đã ghi #ID: JOBS = 1.150 lao động cho kỳ quý I/2024 (ước).\n"
    )
    after = targets("--lang", "en", "record", "JOBS", "2.310", "--period", "6 tháng/2024", "--locale", "vi")
    assert unnumbered(after.stdout).startswith("Recorded #ID: JOBS = 2,310 workers for H1 2024 (estimate).\n")


# --- periods as officers write them; quarters never reinterpreted (13.3, 11.5) ---


def test_spelled_periods_are_accepted_and_written_back_as_officers_write_them(targets, data_dir) -> None:
    for args in [
        ("JOBS", "1970", "--period", "quý I/2024"),
        ("BUDGET", "1.850,5", "--period", "9T/2024"),
        ("GRDP", "8,7", "--period", "Năm 2024"),
        ("FOREST", "53", "--period", "6 tháng/2024"),
    ]:
        assert targets("--lang", "vi", "record", *args).exit_code == 0
    data = json.loads(targets("report", "--format", "json").stdout)
    periods = {i["code"]: i["period"] for i in data["indicators"] if i["period"]}
    assert periods == {"JOBS": "2024-Q1", "BUDGET": "2024-09", "GRDP": "2024", "FOREST": "2024-H1"}
    md = targets("--lang", "vi", "report", "--format", "md").stdout
    assert "| 1.970 (quý I/2024, ước) |" in md
    assert "| 1.850,5 (9 tháng/2024, ước) |" in md
    assert "| 8,7% (năm 2024, ước) |" in md
    assert "| 53% (6 tháng/2024, ước) |" in md
    english = targets("--lang", "en", "report", "--format", "md").stdout
    assert "| 1,850.5 (Jan–Sep 2024, estimate) |" in english and "September" not in english


def test_a_quarter_alone_is_refused_and_nothing_is_written(targets, data_dir) -> None:
    before = snapshot(data_dir)
    result = targets("record", "JOBS", "2000", "--period", "2024-Q2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: period '2024-Q2': quarter II alone is not year-to-date and is not recorded; "
        "from January to the end of that quarter is 2024-H1 (H1 2024)\n"
    )
    assert snapshot(data_dir) == before


def test_a_v01_log_with_first_quarter_periods_keeps_its_meaning(targets, data_dir) -> None:
    (data_dir / "records.toml").write_text(
        '[[record]]\nid = 1\ncode = "JOBS"\nvalue = 1970.5\nperiod = "2024-Q1"\nbasis = "estimate"\n'
        'recorded_at = 2024-04-10T08:00:00Z\nuser = "lan"\n',
        encoding="utf-8",
    )
    jobs = json.loads(targets("report", "--format", "json").stdout)["indicators"][14]
    assert (jobs["code"], jobs["period"], jobs["projected"], jobs["status"]) == (
        "JOBS",
        "2024-Q1",
        7882,
        "off_track",
    )
    assert "| 1.970,5 (quý I/2024, ước) |" in targets("--lang", "vi", "report", "--format", "md").stdout


# --- review wording (13.3) and figures as typed (13.5) ---


def test_gaps_are_signed_figure_minus_target_and_met_explains_where_exceeded_begins(
    targets, data_dir
) -> None:
    done = targets("--lang", "vi", "record", "GRDP", "9,05", "--period", "2024")
    assert unnumbered(done.stdout) == (
        "Đã ghi #ID: GRDP = 9,05% cho kỳ năm 2024 (ước).\n"
        "GRDP: hiện đạt (cao hơn mục tiêu 0,05 điểm %; vượt khi trên 9,09%)\n"
    )
    targets("record", "BUDGET", "2365", "--period", "2024")
    md = targets("--lang", "vi", "report", "--format", "md").stdout
    assert "| +0,05 điểm | – | Đạt |" in md and "| +129 | – | Vượt |" in md
    assert "- GRDP: 9,05% là “Đạt”, chưa “Vượt”: vượt khi trên 9,09% (mục tiêu cộng 1% mục tiêu)" in md
    shown = targets("--lang", "vi", "show").stdout.splitlines()
    assert "GRDP: 9,05% là “Đạt”, chưa “Vượt”: vượt khi trên 9,09% (mục tiêu cộng 1% mục tiêu)" in shown
    english = targets("--lang", "en", "record", "GRDP", "8.7", "--period", "2024").stdout
    assert english.endswith("GRDP: now not met (0.3 points below target)\n")


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
    assert " 9,0  Năm 2024, ước" in history
    monkeypatch.setenv("COLUMNS", "200")
    wide = targets("show", "--wide").stdout
    jobs = next(line for line in wide.splitlines() if line.startswith("JOBS"))
    assert jobs.split()[-5:-2] == ["7,880", "657", "773"]  # 1,970 / 3 = 656.7; 6,950 / 9 = 772.2, up


def test_a_name_that_says_its_unit_is_not_followed_by_it(targets, data_dir, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    shown = targets("--lang", "vi", "show").stdout
    doctors = next(line for line in shown.splitlines() if line.startswith("DOCTORS"))
    assert "Bác sỹ/1 vạn dân" in doctors and " · " not in doctors
    budget = next(line for line in shown.splitlines() if line.startswith("BUDGET"))
    assert "Thu ngân sách trên địa bàn · tỷ đồng" in budget


# --- `show` at any width from 80, on a real terminal (13.4) ---


def _on_a_terminal(args: list[str], columns: int, env: dict[str, str]) -> str:
    """Run `targets` in a pseudo-terminal `columns` wide, as a person at a terminal would."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its terminal is the pty
        sigint_default()
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        os.execve(TARGETS[0], [*TARGETS, *args], env)
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;]*m", "", text)  # what the person sees: styles (bold, dim) take no room


@pytest.fixture
def figures_of_every_kind(targets, data_dir: Path) -> Path:
    for args in [
        ("GRDP", "9.05", "--period", "2024"),
        ("JOBS", "1970", "--period", "2024-Q1"),
        ("BUDGET", "2365", "--period", "2024"),
        ("NRD_SHARE", "40", "--period", "2024-09"),  # at risk? far below: off track
        ("GRAIN", "163", "--period", "2024-09"),  # at risk
        ("DOCTORS", "9.0", "--period", "2024"),
    ]:
        assert targets("record", *args).exit_code == 0
    return data_dir


STATUSES = {
    "en": ["Met", "Off track", "Exceeded", "At risk", "Not met", "No data"],
    "vi": ["Đạt", "Chậm tiến độ", "Vượt", "Có nguy cơ không đạt", "Không đạt", "Chưa có số liệu"],
}


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("columns", [80, 160])
def test_show_on_a_terminal_keeps_what_a_person_came_for(
    figures_of_every_kind: Path, lang: str, columns: int
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env.update(TERM="xterm", LAICHAU_TARGETS_LANG=lang)
    out = _on_a_terminal(["show"], columns, env)
    lines = out.splitlines()
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    header = lines[0].split()
    code, target, latest, gap, status = {
        "en": ("Code", "Target", "Latest", "Gap", "Status"),
        "vi": ("Mã", "Kế", "Thực", "Chênh", "Đánh"),
    }[lang]
    for word in (code, target, latest, gap, status):
        assert word in header
    rows = {line.split()[0]: line for line in lines[1:18]}
    assert len(rows) == 17
    for line in rows.values():
        assert any(line.rstrip().endswith(s) for s in STATUSES[lang]), line  # the status, whole, on its row
    assert rows["BUDGET"].split()[-2:] == ["+129", STATUSES[lang][2]]
    assert (" -4.1 " if lang == "en" else " -4,1 ") in rows["DOCTORS"]
    assert ("9.0" if lang == "en" else "9,0") in rows["DOCTORS"].split()
    progress = "Progress" if lang == "en" else "Tiến độ"
    period = "Period" if lang == "en" else "Kỳ"
    assert progress in out and period in out  # moved to a second table at 80 columns, never dropped
    if columns == 80:
        assert lines[19].split()[:3] == [code, period, *progress.split()[:1]]
        assert ("Names are shortened" if lang == "en" else "Tên chỉ tiêu được rút gọn") in out
    else:
        assert header[-1] == status.split()[0] or header[-2:] == ["Đánh", "giá"]
        assert "…" not in out


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_wide_fits_80_columns_on_a_terminal_and_100_piped(figures_of_every_kind: Path, lang: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env.update(TERM="xterm", LAICHAU_TARGETS_LANG=lang)
    out = _on_a_terminal(["show", "--wide"], 80, env)
    assert max(len(line) for line in out.splitlines()) <= 80
    projected = "Projected" if lang == "en" else "Dự báo cả năm"
    assert projected in out
    piped = run_process([*TARGETS, "show", "--wide"], capture_output=True, text=True, env=env).stdout
    assert max(len(line) for line in piped.splitlines()) <= 100
    assert projected in piped
    assert not any(line.endswith(" ") for line in piped.splitlines())  # no trailing spaces when piped


# --- script edges (13.6) ---


def test_paths_says_a_missing_folder_does_not_exist(targets, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    result = targets("--data", str(missing), "paths")
    assert result.stdout.splitlines()[0] == f"Data folder: {missing} (chosen by --data)"
    assert result.stdout.splitlines()[-1] == (
        f"The data folder {missing} does not exist; `targets init {missing}` starts one."
    )


def test_validate_of_a_missing_file_is_one_error_line(targets, tmp_path: Path) -> None:
    result = targets("validate", "data/targets.toml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: data/targets.toml: no plan file here; `targets init DIR` makes one\n"


# --- --help in Vietnamese (13.6) ---


def _app_commands():
    import typer.main

    from laichau_targets.cli import app

    return typer.main.get_command(app)


def test_every_command_and_parameter_has_its_help_in_both_languages_in_the_catalogue() -> None:
    """The English that Typer shows is the catalogue's; the Vietnamese is beside it; no help
    text of the catalogue is left without a command or a parameter to describe."""
    from laichau_targets.cli.help_vi import help_key
    from laichau_targets.messages import CATALOGUE, LANGS

    group = _app_commands()
    shown = {help_key("targets"): group.help, help_key("targets", "epilog"): group.epilog}
    shown |= {help_key("targets", p.name): p.help for p in group.params if p.name != "help"}
    for name in group.list_commands(None):
        command = group.get_command(None, name)
        shown[help_key(name)] = command.help
        shown |= {help_key(name, p.name): p.help for p in command.params if p.name != "help"}
    missing = [key for key in shown if key not in CATALOGUE or set(CATALOGUE[key]) != set(LANGS)]
    assert missing == []
    assert {key: text for key, text in shown.items() if text != CATALOGUE[key]["en"]} == {}
    assert sorted(key for key in CATALOGUE if key.startswith("help.")) == sorted(shown)
    assert len(shown) > 40  # the program's, its 15 commands' and their parameters'


def test_the_choices_of_language_and_notation_come_from_their_one_tables(targets) -> None:
    """--lang lists messages.LANGS, --locale formatting.SEPARATORS, each in its own order."""
    from laichau_targets.formatting import SEPARATORS
    from laichau_targets.messages import LANGS

    assert f"--lang <{'|'.join(LANGS)}>" in targets("--help").stdout
    for command in ("record", "import"):
        assert f"--locale <{'|'.join(SEPARATORS)}>" in targets(command, "--help").stdout


def test_every_usage_error_rule_turns_the_catalogues_english_into_its_vietnamese() -> None:
    """Click writes the English; the rule that recognises it must give the catalogue's Vietnamese."""
    import re

    from laichau_targets.cli.help_vi import USAGE_ERRORS, usage_error
    from laichau_targets.messages import Texts

    for pattern, key in USAGE_ERRORS:
        values = {name: f"'{name}x'" for name in re.compile(pattern).groupindex}
        english = Texts("en")(key, **values)
        assert re.search(pattern, english), key
        assert usage_error(english) == Texts("vi")(key, **values), key


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


@pytest.fixture
def report_of_every_kind(figures_of_every_kind: Path):
    from laichau_targets.datafolder import DataFolder
    from laichau_targets.tracker import Tracker

    return Tracker(DataFolder(figures_of_every_kind, "test")).report()


def test_show_fits_every_width_from_80_and_keeps_every_column(report_of_every_kind) -> None:
    import io

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from laichau_targets.messages import Texts
    from laichau_targets.render import table

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.integers(80, 220), st.sampled_from(["en", "vi"]), st.booleans())
    def fits(width: int, lang: str, wide: bool) -> None:
        texts = Texts(lang)  # type: ignore[arg-type]
        out = io.StringIO()
        table.render(report_of_every_kind, texts, stream=out, wide=wide, width=width)
        lines = out.getvalue().splitlines()
        assert all(len(line) <= width and not line.endswith(" ") for line in lines)
        headers = " ".join(line for line in lines if line.startswith(texts("col.code") + " "))
        wanted = ["target", "latest", "period", "progress", "gap", "status"]
        wanted += ["projected", "pace_so_far", "pace_needed"] if wide else []
        assert all(texts(f"col.{key}") in headers for key in wanted)  # moved perhaps, never dropped
        rows = lines[1:18]
        assert [row.split()[0] for row in rows] == [s.indicator.code for s in report_of_every_kind.standings]
        labels = [texts.status(s) for s in STATUS_KEYS]
        assert all(any(f" {label}  " in row + "  " for label in labels) for row in rows)  # whole, on its row

    fits()


STATUS_KEYS = ["exceeded", "met", "not_met", "on_track", "at_risk", "off_track", "no_data"]
