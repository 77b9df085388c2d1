"""The spreadsheet cases of the benchmark: `import` of 10,000 rows and the xlsx report, and how
`import` grows with the rows and the plan's indicators together (see run.py)."""

from __future__ import annotations

import csv
import statistics
import subprocess
from pathlib import Path

from timing import table, time_once

ROWS = 10_000
EXTRA_INDICATOR = """
[[indicator]]
code = "BENCH{n:05d}"
name_vi = "Chỉ tiêu thử {n}"
name_en = "Bench indicator {n}"
unit = "tỷ đồng"
unit_en = "billion VND"
target = {target}
comparison = "at_least"
kind = "accumulating"
source = "bench"
"""
PERIODS = [*(f"2024-{m:02d}" for m in range(1, 12)), "2024"]  # the 12 year-to-date periods
BASES = ["ước", "chính thức"]


def big_plan(folder: Path, indicators: int) -> list[str]:
    """Add `indicators` to the folder's plan (10,000 distinct code, period and basis need 417); their codes."""
    plan = folder / "targets.toml"
    extra = "".join(EXTRA_INDICATOR.format(n=n, target=1000 + n) for n in range(indicators))
    plan.write_text(plan.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return [f"BENCH{n:05d}" for n in range(indicators)]


def rows(codes: list[str]) -> list[list[object]]:
    """ROWS distinct rows: every code at every period, estimate and official, until there are enough."""
    out: list[list[object]] = []
    for basis in BASES:
        for period in PERIODS:
            for n, code in enumerate(codes):
                out.append(
                    [code, "", round(500 + n * 1.25 + len(out) % 7 * 0.1, 2), period, basis, "bench", ""]
                )
                if len(out) == ROWS:
                    return out
    raise ValueError("not enough codes for ROWS distinct rows")


HEADERS = ["Mã", "Chỉ tiêu", "Thực hiện", "Kỳ", "Ước / Chính thức", "Nguồn", "Ghi chú"]


def write_xlsx(path: Path, data: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu")
    sheet.append(HEADERS)
    for row in data:
        sheet.append(row)
    book.save(path)


def write_csv(path: Path, data: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(data)


def spreadsheet_cases(script: str, work: Path, base_env: dict[str, str], rounds: int) -> list[str]:
    """Import 10,000 rows (xlsx and CSV) into fresh folders, and write the xlsx report; a table of lines."""
    base_env = {**base_env, "LAICHAU_TARGETS_TODAY": "2024-12-20"}  # the bundled 2024 plan is this year's
    template = work / "sheets-plan"
    subprocess.run([script, "init", str(template)], check=True, stdout=subprocess.DEVNULL, env=base_env)
    data = rows(big_plan(template, 420))
    files = {"xlsx": work / "so-lieu.xlsx", "csv": work / "so-lieu.csv"}
    write_xlsx(files["xlsx"], data)
    write_csv(files["csv"], data)
    samples: dict[str, list[float]] = {
        "record one figure": [],
        "import 10,000 rows, xlsx": [],
        "import 10,000 rows, csv": [],
        "import --dry-run 10,000 rows, xlsx": [],
        "report --format json (17 indicators)": [],
        "report -o r.xlsx (17 indicators)": [],
        "report -o annex.xlsx (100 indicators)": [],
        "report -o annex.docx (100 indicators)": [],
    }
    hundred = work / "sheets-hundred"
    subprocess.run([script, "init", str(hundred)], check=True, stdout=subprocess.DEVNULL, env=base_env)
    big_plan(hundred, 83)  # the bundled 17 and 83 more
    for round_no in range(rounds + 1):  # the first is a warm-up
        times: dict[str, float] = {}
        for kind in ("xlsx", "csv"):
            folder = work / f"sheets-{kind}-{round_no}"
            subprocess.run(["cp", "-r", str(template), str(folder)], check=True)
            env = {**base_env, "LAICHAU_TARGETS_DATA": str(folder)}
            times[f"import 10,000 rows, {kind}"] = time_once([script, "import", str(files[kind])], env)
        env = {**base_env, "LAICHAU_TARGETS_DATA": str(work / f"sheets-xlsx-{round_no}")}
        times["import --dry-run 10,000 rows, xlsx"] = time_once(
            [script, "import", "--dry-run", str(files["xlsx"])], env
        )
        small = {**base_env, "LAICHAU_TARGETS_DATA": str(work / "sheets-small")}
        if round_no == 0:
            subprocess.run(
                [script, "init", str(work / "sheets-small")],
                check=True,
                stdout=subprocess.DEVNULL,
                env=base_env,
            )
        times["record one figure"] = time_once(
            [script, "record", "JOBS", "100", "--period", "2024-09"], small
        )
        times["report --format json (17 indicators)"] = time_once(
            [script, "report", "--format", "json"], small
        )
        times["report -o r.xlsx (17 indicators)"] = time_once(
            [script, "report", "-o", str(work / "r.xlsx")], small
        )
        annex = {**base_env, "LAICHAU_TARGETS_DATA": str(hundred)}
        for fmt in ("xlsx", "docx"):
            times[f"report -o annex.{fmt} (100 indicators)"] = time_once(
                [script, "report", "-o", str(work / f"annex.{fmt}")], annex
            )
        if round_no:
            for name, seconds in times.items():
                samples[name].append(seconds)
    one = statistics.median(samples["record one figure"])
    lines = table(samples, "record one figure", "× one record")
    lines.append("")
    lines.append(
        f"10,000 single `record` commands would take about {one * ROWS:.0f} s; "
        f"the import takes {statistics.median(samples['import 10,000 rows, xlsx']):.1f} s (xlsx), "
        f"{statistics.median(samples['import 10,000 rows, csv']):.1f} s (csv)."
    )
    small_xlsx = statistics.median(samples["report -o r.xlsx (17 indicators)"])
    for fmt in ("xlsx", "docx"):
        annex_time = statistics.median(samples[f"report -o annex.{fmt} (100 indicators)"])
        lines.append(
            f"The annex of 100 indicators as {fmt}: {annex_time / small_xlsx:.2f}× the xlsx report of the "
            "17-indicator plan (goal: at most 1.5×)."
        )
    return lines


SCALES = (2_000, 20_000)  # rows, each of its own indicator, against a plan of as many more indicators


def scaling_cases(script: str, work: Path, base_env: dict[str, str], rounds: int) -> list[str]:
    """`import` of N rows, each of another indicator, into a plan of N more indicators, at N = 2,000
    and 20,000: matching rows to indicators must stay linear (issue 21: within 10× for 10× more)."""
    base_env = {**base_env, "LAICHAU_TARGETS_TODAY": "2024-12-20"}  # the bundled 2024 plan is this year's
    samples: dict[str, list[float]] = {}
    prepared: dict[int, tuple[Path, Path]] = {}
    for n in SCALES:
        folder = work / f"scale-{n}"
        subprocess.run([script, "init", str(folder)], check=True, stdout=subprocess.DEVNULL, env=base_env)
        codes = big_plan(folder, n)
        data = [[code, "", 1000 + i, "2024", "ước", "bench", ""] for i, code in enumerate(codes)]
        path = work / f"scale-{n}.csv"
        write_csv(path, data)
        env = {**base_env, "LAICHAU_TARGETS_DATA": str(folder)}
        subprocess.run([script, "list"], check=True, stdout=subprocess.DEVNULL, env=env)  # the plan's cache
        prepared[n] = folder, path
        samples[f"import --dry-run {n:,} rows, {n:,} more indicators"] = []
        samples[f"import {n:,} rows, {n:,} more indicators"] = []
    for round_no in range(rounds + 1):  # the first is a warm-up
        for n, (folder, path) in prepared.items():
            env = {**base_env, "LAICHAU_TARGETS_DATA": str(folder)}
            dry = time_once([script, "import", "--dry-run", str(path)], env)
            copy = work / f"scale-{n}-{round_no}"
            subprocess.run(["cp", "-r", str(folder), str(copy)], check=True)
            real = time_once([script, "import", str(path)], {**env, "LAICHAU_TARGETS_DATA": str(copy)})
            if round_no:
                samples[f"import --dry-run {n:,} rows, {n:,} more indicators"].append(dry)
                samples[f"import {n:,} rows, {n:,} more indicators"].append(real)
    small, large = SCALES
    first = f"import {small:,} rows, {small:,} more indicators"
    lines = table(samples, first, f"× {small:,}")
    for kind in ("import", "import --dry-run"):
        ratio = statistics.median(
            samples[f"{kind} {large:,} rows, {large:,} more indicators"]
        ) / statistics.median(samples[f"{kind} {small:,} rows, {small:,} more indicators"])
        lines.append(
            f"{kind}: {large:,} against {large:,} takes {ratio:.1f}× {small:,} against {small:,} (goal ≤ 10×)"
        )
    return lines
