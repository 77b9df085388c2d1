"""The HTML report and its charts, parsed as SVG, and opened in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from laichau_targets.messages import Texts
from laichau_targets.render import chart, render, words

from .helpers import GRDP_YEARS, hostile_plan, record, run_process, tracker, vi


def test_every_chart_of_the_html_report_parses_as_svg(years: Path, term: Path) -> None:
    record(years, ("BUDGET", "800", "2024-H1"), ("BUDGET", "2000", "2024"), ("BUDGET", "1100", "2025-H1"))
    record(years, ("GRDP", "-1.5", "2025-03"))
    for folder, plan, count in [(years, None, 2), (term, "2021-2025", 1)]:
        if plan:
            record(folder, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items() if year != "2023"))
        page = render(tracker(folder, plan).report(), "html", Texts("vi"))
        svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
        assert len(svgs) == count
        for svg in svgs:
            root = ElementTree.fromstring(svg)
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            assert root.find("{http://www.w3.org/2000/svg}rect") is not None
        assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_a_term_chart_draws_each_year_and_marks_the_missing_one(term: Path) -> None:
    record(term, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items() if year != "2023"))
    page = render(tracker(term, "2021-2025").report(), "html", Texts("en"))
    svg = ElementTree.fromstring(re.search(r"<svg.*?</svg>", page, flags=re.S).group())  # type: ignore[union-attr]
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert [y for y in labels if y and y.isdigit() and len(y) == 4] == [
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
    ]
    assert "–" in labels and "9.5" in labels and "8.9" in labels  # 2023 missing
    bars = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if float(r.get("width", 0)) > 10]
    assert len(bars) == 4
    assert "target 9–10%" in labels  # the term's range, drawn as two lines


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.browser
def test_the_charts_show_in_headless_chromium_on_a_desktop_and_a_phone(
    years: Path, term: Path, tmp_path: Path, lang: str
) -> None:
    record(years, ("BUDGET", "800", "2024-H1"), ("BUDGET", "2000", "2024"), ("BUDGET", "1100", "2025-H1"))
    record(years, ("GRDP", "8.7", "2024"), ("GRDP", "7.9", "2025-H1"))
    record(term, *(("GRDP", rate, year) for year, rate in GRDP_YEARS.items() if year != "2023"))
    for name, folder, plan in [("year", years, None), ("term", term, "2021-2025")]:
        page = render(tracker(folder, plan).report(), "html", Texts(lang))
        # The charts alone, so that the screenshot shows them at the top whatever the table's length,
        # and the same page without them: the charts must add what a person sees.
        head = page[: page.index("<main>") + len("<main>")]
        charts = re.search(r'<div class="charts">.*?</div>', page, flags=re.S)
        assert charts is not None
        charts_only = head + charts.group() + "</main></body></html>"
        neither = head + "</main></body></html>"
        sizes: dict[str, int] = {}
        for label, html in [("page", page), ("charts", charts_only), ("neither", neither)]:
            file = tmp_path / f"{name}-{label}-{lang}.html"
            file.write_text(html, encoding="utf-8")
            common = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
            for size in ("1200,1000", "390,1000"):
                shot = tmp_path / f"{file.stem}-{size.split(',')[0]}.png"
                run_process(
                    [*common, f"--screenshot={shot}", f"--window-size={size}", file.as_uri()],
                    capture_output=True,
                    timeout=120,
                    check=True,
                )
                assert shot.read_bytes().startswith(b"\x89PNG"), shot
                sizes[f"{label} {size}"] = shot.stat().st_size
            if label == "neither":
                continue
            dom = run_process(
                [*common, "--dump-dom", file.as_uri()],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            ).stdout
            assert dom.count("<svg") == (2 if name == "year" else 1)
        for size in ("1200,1000", "390,1000"):
            assert sizes[f"charts {size}"] > 2 * sizes[f"neither {size}"], (name, size, sizes)


def test_every_status_has_a_colour_in_show_and_in_html() -> None:
    from laichau_targets.plans import STATUSES
    from laichau_targets.render.html import COLOURS
    from laichau_targets.render.table import STATUS_STYLE

    assert set(STATUS_STYLE) == set(STATUSES) == set(COLOURS)


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`; .ci/run installs it)"
)
@pytest.mark.parametrize("size", ["1200,1600", "390,844"])
@pytest.mark.browser
def test_html_opens_in_headless_chromium(targets, figures: Path, tmp_path: Path, size: str) -> None:
    hostile_plan(figures)
    page = tmp_path / "report.html"
    assert targets("--lang", "vi", "report", "--output", str(page)).exit_code == 0
    shot = tmp_path / "shot.png"
    common = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    run_process(
        [*common, f"--screenshot={shot}", f"--window-size={size}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    dom = run_process(
        [*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert "<script" not in dom  # the hostile name stayed text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert dom.count('<tr class="') == 17
    assert vi("headline.met", met=2, total=17) in dom
    assert re.search(
        r"Số liệu mới nhất: năm 2024, nhập lần cuối ngày \d\d/\d\d/\d{4}\. Báo cáo lập lúc ", dom
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.browser
def test_the_2021_2025_term_review_agrees_with_itself_in_chromium(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Issue 20: "No figures recorded yet." above five years of GRDP; each year's bar coloured
    against the term's end. Opened as a person opens it, at a desktop's and a phone's width."""
    from .test_review_wording import TERM_FIGURES

    monkeypatch.setenv("LAICHAU_TARGETS_TODAY", "2026-12-07")
    record(data_dir, *TERM_FIGURES)
    texts = Texts(lang)
    report = tracker(data_dir, "2021-2025").report()
    page = tmp_path / f"term-{lang}.html"
    page.write_text(render(report, "html", texts), encoding="utf-8")
    common = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    for size in ("1200,2600", "390,5200"):
        shot = tmp_path / f"term-{lang}-{size.split(',')[0]}.png"
        run_process(
            [*common, f"--screenshot={shot}", f"--window-size={size}", page.as_uri()],
            timeout=120,
            check=True,
            capture_output=True,
        )
        assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 50_000, shot
    dom = run_process(
        [*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))
    assert texts("report.made", made="@").split("@")[0] not in text
    statuses = re.findall(r'<td class="status"[^>]*><span[^>]*>([^<]+)</span></td>', dom)
    assert len(statuses) == 22
    counts = {s: statuses.count(texts.status(s)) for s in ("exceeded", "not_met", "no_data", "not_judged")}
    assert counts == {"exceeded": 2, "not_met": 1, "no_data": 18, "not_judged": 1}
    assert " ".join(words.headline(report, texts).split()) in text
    # Bars: GRDP 2024 (9.0 against 2024's own ≈ 9) met, 2025 (7.52 against ≥ 8) short, 2021-2023 neutral.
    grdp = re.search(r'<svg[^>]*aria-label="GRDP:.*?</svg>', dom, flags=re.S)
    assert grdp is not None
    fills = re.findall(
        r'<rect x="[\d.]+" y="[\d.]+" width="(?:[2-9]\d|\d{3})[\d.]*" height="[\d.]+" fill="(#\w+)"',
        grdp.group(),
    )
    assert fills == [chart.NEUTRAL, chart.NEUTRAL, chart.NEUTRAL, chart.MET, chart.SHORT]
