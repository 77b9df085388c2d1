"""`targets show`: the table a person reads, at any width from 80, piped or on a real terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import termios
from pathlib import Path

import pytest

from .conftest import ALL_CODES
from .helpers import TARGETS, en, headline, plan_line, run_process, sigint_default


def test_show_lists_all_17_indicators_with_the_articles_numbers(targets, data_dir: Path) -> None:
    result = targets("show")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "Code",
        "Indicator",
        "Target",
        "Latest",
        "Period",
        "Progress",
        "Gap",
        "Status",
    ]
    rows = [line for line in lines[1:-3] if line[:1].strip()]
    assert [row.split()[0] for row in rows] == ALL_CODES
    words = [row.split() for row in rows]
    targets_shown = [ws[ws.index(next(w for w in ws if w in "≈≥")) + 1] for ws in words]
    assert targets_shown == [
        "9%",
        "51.5",
        "4.1%",
        "225.5",
        "5.1%",
        "46.8%",
        "5",
        "52.9%",
        "2,236",
        "68.4%",
        "60%",
        "13.1",
        "3.8%",
        "5.4%",
        "8,920",
        "8,000",
        "60.6%",
    ]
    assert lines[-3:] == [
        headline(en, 0, 17, no_data=17),
        plan_line(en, "2024", 17),
        en("show.shortened"),
    ]
    assert all(len(line) <= 100 for line in lines)


def test_a_name_that_says_its_unit_is_not_followed_by_it(targets, data_dir, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    shown = targets("--lang", "vi", "show").stdout
    doctors = next(line for line in shown.splitlines() if line.startswith("DOCTORS"))
    assert "Bác sỹ/1 vạn dân" in doctors and " · " not in doctors
    budget = next(line for line in shown.splitlines() if line.startswith("BUDGET"))
    assert "Thu ngân sách trên địa bàn · tỷ đồng" in budget


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


@pytest.fixture
def report_of_every_kind(figures_of_every_kind: Path):
    from laichau_targets.datafolder import DataFolder
    from laichau_targets.tracker import Tracker

    return Tracker(DataFolder(figures_of_every_kind, "test")).report()


STATUS_KEYS = ["exceeded", "met", "not_met", "on_track", "at_risk", "off_track", "no_data"]


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


def test_show_wide_adds_the_pace_columns(targets, figures: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    lines = targets("show", "--wide").stdout.splitlines()
    assert lines[0].split()[-8:] == [
        "Projected",
        "Pace/month",
        "Needed/month",
        "Of",
        "last",
        "year",
        "(%)",
        "Trend",
    ]
    budget = next(line for line in lines if line.startswith("BUDGET"))
    # No 2023 figures: a straight-line projection, nothing to compare with, one figure in the trend,
    # labelled with its checkpoint; amounts at the target's usual precision (whole billions).
    assert budget.split()[-6:] == ["2,467", "206", "129", "–", "9M", "▅"]
    training = next(line for line in lines if line.startswith("TRAINING"))
    assert training.split()[-6:] == ["6,000", "500", "834", "–", "6M", "▅"]  # whole workers


@pytest.mark.parametrize("columns", ["80", "100", "160"])
def test_show_adapts_to_the_terminal_width(targets, figures: Path, monkeypatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    lines = targets("show").stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    assert [line.split()[0] for line in lines if line[:1].strip()][1:18] == ALL_CODES


def test_show_wide_gives_year_on_year_and_a_sparkline(targets, data_dir: Path) -> None:
    for value, period in [("500", "2023-Q1"), ("1000", "2023-H1"), ("2000", "2023"), ("600", "2024-Q1")]:
        targets("record", "BUDGET", value, "--period", period)
    lines = targets("show", "--wide").stdout.splitlines()
    budget = [line for line in lines if line.startswith("BUDGET")][-1]  # the --wide columns may move below
    # 600 by March, when 2023 had 500 of its 2,000: 2,400 (~: seasonal) by December; 600 / 500 = 120 %.
    # 1,636 to go over nine months is 181.78 a month, 182 at the target's whole billions.
    # The sparkline holds one kind of checkpoint, labelled: the two first quarters, 500 and 600.
    assert budget.split()[-7:] == ["2,400", "~", "200", "182", "120%", "3M", "▁█"]
    assert any(line.startswith("~ projected at last year's share of the year") for line in lines[-3:])
