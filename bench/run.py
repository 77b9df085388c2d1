"""Time the installed `targets` against two references, and against growing record logs.

    .venv/bin/python bench/run.py            # about five minutes
    .venv/bin/python bench/run.py --rounds 5 # quicker, noisier

Run it with the interpreter of the environment that has `targets` installed: the script
is looked for beside that interpreter. Every command is run as a real process, interleaved
round by round so that a busy moment of the machine hits all of them alike; min and median
are printed, and each median as a ratio to the minimal Typer + Rich app. The last part
times what a team's log needs (issue 10): a cold read of logs of 1,000 to 100,000 records,
`show` after a pull appended 100 records to 100,000, and `history --limit 20`, `undo` and
`report --as-of` on 100,000 records (12,500 code, period and basis keys, each revised 8
times) against `show` on the same log (issue 18).
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from timing import TERMINAL, Commands, measure, table, time_once

REFERENCE_APP = """
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for name in ("Code", "Indicator", "Target", "Latest", "Progress", "Gap", "Status"):
        table.add_column(name)
    for n in range(17):
        table.add_row(f"C{n}", "An indicator of the plan", "9%", "8.7%", "96.7%", "0.3 pt", "Not met")
    Console().print(table)


if __name__ == "__main__":
    app()
"""

# The bundled plan's codes, then others: 625 codes x 10 periods x 2 bases = 12,500 keys, each
# revised 8 times in a log of 100,000 records (issue 18).
CODES = [
    "GRDP", "GRDP_PC", "AGRI_VA", "GRAIN", "LIVESTOCK", "NRD_SHARE", "NRD_NEW", "FOREST", "BUDGET",
    "SCHOOLS", "EHR", "DOCTORS", "POOR", "POOR_DIST", "JOBS", "TRAINING", "TRAINED",
]  # fmt: skip
CODES += [f"X{n:03d}" for n in range(625 - len(CODES))]
PERIODS = [f"{year}{part}" for year in (2023, 2024) for part in ("-Q1", "-H1", "-09", "-11", "")]
KEYS = len(CODES) * len(PERIODS) * 2


def targets_script() -> str:
    beside = Path(sys.executable).parent / "targets"
    found = str(beside) if beside.exists() else shutil.which("targets")
    if not found:
        sys.exit("bench: no `targets` beside this interpreter; run it with .venv/bin/python")
    return found


def log_lines(count: int, first: int = 0) -> bytes:
    """`count` records as another program (or a pull) would write them: one JSON object a line."""
    import json

    from laichau_targets.ids import encode

    start = datetime(2024, 1, 1, tzinfo=UTC)
    lines = []
    for n in range(first, first + count):
        at = start + timedelta(seconds=n)
        key = n % KEYS
        row = {
            "id": encode((int(at.timestamp() * 1000) << 80) | (n * 7919 + 1)),
            "code": CODES[key % len(CODES)],
            "value": f"{1 + n % 97}.{n % 10}",
            "period": PERIODS[key // len(CODES) % len(PERIODS)],
            "basis": "official" if key >= KEYS // 2 else "estimate",
            "recorded_at": at.isoformat(),
            "user": "bench",
            "source": "Cục Thống kê tỉnh Lai Châu" if n % 3 == 0 else None,
        }
        lines.append(json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False) + "\n")
    return "".join(lines).encode("utf-8")


def write_log(folder: Path, count: int) -> None:
    (folder / "records.jsonl").write_bytes(log_lines(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="record-log sizes of part 2")
    parser.add_argument("--only-spreadsheets", action="store_true", help="only the spreadsheet cases")
    parser.add_argument(
        "--only-import-scaling",
        action="store_true",
        help="only import of 2,000 and 20,000 rows against as many indicators",
    )
    parser.add_argument(
        "--only-startup", action="store_true", help="only the start-up cases, piped and on a terminal"
    )
    args = parser.parse_args()
    script = targets_script()
    work = Path(tempfile.mkdtemp(prefix="targets-bench-"))
    try:
        base_env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("LAICHAU_TARGETS", "LANG", "LC_")) and k != "PYTHONDONTWRITEBYTECODE"
        }  # an installed program has its bytecode cached: the warm-up runs write it
        base_env.update(NO_COLOR="1", XDG_CACHE_HOME=str(work / "cache"), LANG="C.UTF-8")
        # The cases record into 2024 and ask for 2024's checkpoints: the bundled 2024 plan is this year's.
        base_env["LAICHAU_TARGETS_TODAY"] = "2024-12-20"
        reference = work / "reference_app.py"
        reference.write_text(REFERENCE_APP, encoding="utf-8")

        folder = work / "plan"
        subprocess.run([script, "init", str(folder)], check=True, stdout=subprocess.DEVNULL, env=base_env)
        write_log(folder, 17)
        env = {**base_env, "LAICHAU_TARGETS_DATA": str(folder)}
        writes = work / "writes"
        subprocess.run([script, "init", str(writes)], check=True, stdout=subprocess.DEVNULL, env=base_env)
        write_env = {**base_env, "LAICHAU_TARGETS_DATA": str(writes)}

        print(f"# targets benchmark, {date.today().isoformat()}")
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
        )
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"typer {version('typer')}, rich {version('rich')}")
        except PackageNotFoundError:
            pass
        print(f"rounds: {args.rounds} (+1 warm-up), medians as a ratio to the minimal Typer + Rich app\n")

        if args.only_spreadsheets:
            spreadsheets(script, work, base_env, args.rounds)
            return
        if args.only_import_scaling:
            import_scaling(script, work, base_env, args.rounds)
            return
        startup = measure(
            {
                "bare python -I -c pass": ([sys.executable, "-I", "-c", "pass"], base_env),
                "minimal Typer + Rich app (17-row table)": ([sys.executable, str(reference)], base_env),
                "targets show": ([script, "show"], env),
                "targets record (temporary folder)": (
                    [script, "record", "JOBS", "100", "--period", "2024-09"],
                    write_env,
                ),
                "targets report --format json": ([script, "report", "--format", "json"], env),
                "targets --help": ([script, "--help"], env),
            },
            args.rounds,
        )
        print("\n".join(table(startup, "minimal Typer + Rich app (17-row table)", "× Typer app")))
        print("\ngoals: show ≤ 1.00, record ≤ 0.75, --help ≤ 1.00\n")
        terminal = {k: v for k, v in base_env.items() if k not in ("NO_COLOR", "COLUMNS", "LINES", "TERM")}
        terminal["TERM"] = "xterm-256color"
        for width in ("80", "120"):  # people have both
            print(f"the same on a {width}-column terminal, in colour, as a person runs them:\n")
            wide = {**terminal, TERMINAL: width}
            on_terminal = measure(
                {
                    "minimal Typer + Rich app, terminal": ([sys.executable, str(reference)], wide),
                    "targets show, terminal": (
                        [script, "show"],
                        {**wide, "LAICHAU_TARGETS_DATA": str(folder)},
                    ),
                    "targets record, terminal": (
                        [script, "record", "JOBS", "100", "--period", "2024-09"],
                        {**wide, "LAICHAU_TARGETS_DATA": str(writes)},
                    ),
                },
                args.rounds,
            )
            print("\n".join(table(on_terminal, "minimal Typer + Rich app, terminal", "× Typer app")))
            print("\ngoals: show ≤ 1.00, record ≤ 0.75\n")
        if args.only_startup:
            return

        sizes = [0] + [int(s) for s in args.sizes.split(",") if s]
        grown: Commands = {}
        cold: dict[int, float] = {}
        for size in sizes:
            sized = work / f"log-{size}"
            subprocess.run([script, "init", str(sized)], check=True, stdout=subprocess.DEVNULL, env=base_env)
            write_log(sized, size)
            sized_env = {**base_env, "LAICHAU_TARGETS_DATA": str(sized)}
            cold[size] = time_once([script, "show"], sized_env)
            grown[f"show, {size:,} records"] = ([script, "show"], sized_env)
        for size in sizes:
            sized_env = {**base_env, "LAICHAU_TARGETS_DATA": str(work / f"log-{size}")}
            grown[f"record, {size:,} records"] = (
                [script, "record", "JOBS", "100", "--period", "2024-09"],
                sized_env,
            )
        growth = measure(grown, args.rounds)
        shows = {k: v for k, v in growth.items() if k.startswith("show")}
        records = {k: v for k, v in growth.items() if k.startswith("record")}
        print("\n".join(table(shows, "show, 0 records", "× no records")))
        print()
        print("\n".join(table(records, "record, 0 records", "× no records")))
        print("\nfirst show after the log was written by another program (it is parsed whole once):")
        for size, seconds in cold.items():
            print(f"  {size:>7,} records: {seconds * 1000:7.1f} ms")
        print("\ngoals: show ≤ 2× with 10,000 records, ≤ 5× with 100,000; record ≤ 1.2× with 100,000")
        print()
        team_log(script, base_env, work, sizes[1:], args.rounds)
        spreadsheets(script, work, base_env, args.rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def team_log(script: str, base_env: dict[str, str], work: Path, sizes: list[int], rounds: int) -> None:
    """Issue 18's cases: cold reads, a pull's new lines, history and --as-of against show.

    The cache lives in the user's cache folder: a cold read is one with that folder gone.
    """
    cases: Commands = {}
    for size in sizes:  # folders and cache folders of their own: the warm cases keep theirs
        folder = work / f"cold-{size}"
        subprocess.run([script, "init", str(folder)], check=True, stdout=subprocess.DEVNULL, env=base_env)
        write_log(folder, size)
        cache = work / f"cold-cache-{size}"
        env = {**base_env, "LAICHAU_TARGETS_DATA": str(folder), "XDG_CACHE_HOME": str(cache)}
        cases[f"cold show, {size:,} records"] = (
            [script, "show"],
            env,
            functools.partial(shutil.rmtree, cache, ignore_errors=True),
        )
    big = max(sizes)
    folder = work / f"log-{big}"
    env = {**base_env, "LAICHAU_TARGETS_DATA": str(folder)}
    pulled = work / "pulled"
    subprocess.run([script, "init", str(pulled)], check=True, stdout=subprocess.DEVNULL, env=base_env)
    base = log_lines(big)
    (pulled / "records.jsonl").write_bytes(base)
    pulled_cache = work / "pulled-cache"
    pulled_env = {**base_env, "LAICHAU_TARGETS_DATA": str(pulled), "XDG_CACHE_HOME": str(pulled_cache)}
    subprocess.run([script, "show"], check=True, stdout=subprocess.DEVNULL, env=pulled_env)
    saved = work / "pulled-cache-saved"
    shutil.copytree(pulled_cache, saved)
    tail = log_lines(100, first=big)

    def pull() -> None:  # git writes the file anew: new inode, the old lines and 100 more
        shutil.rmtree(pulled_cache)
        shutil.copytree(saved, pulled_cache)
        fresh = pulled / "records.jsonl.new"
        fresh.write_bytes(base + tail)
        os.replace(fresh, pulled / "records.jsonl")

    empty = {**base_env, "LAICHAU_TARGETS_DATA": str(work / "log-0")}
    cases["show, empty folder"] = ([script, "show"], empty)
    cases[f"show, {big:,} records (warm)"] = ([script, "show"], env)
    cases[f"show after a pull of 100 onto {big:,}"] = ([script, "show"], pulled_env, pull)
    cases[f"history --limit 20, {big:,} records"] = ([script, "history", "--limit", "20"], env)
    cases[f"report --as-of 2024-H1, {big:,} records"] = (
        [script, "report", "--as-of", "2024-H1", "--format", "json"],
        env,
    )
    cases[f"undo, {big:,} records"] = ([script, "undo"], env)
    samples = measure(cases, max(rounds, 5))
    print("\n".join(table(samples, f"show, {big:,} records (warm)", "× warm show")))
    warm = statistics.median(samples[f"show, {big:,} records (warm)"])
    cold = samples[f"cold show, {big:,} records"]
    print(
        f"\ngoals (issue 18), with {big:,} records of {KEYS:,} keys:"
        f"\n  warm show ≤ 1.3× show on an empty folder: "
        f"{warm / statistics.median(samples['show, empty folder']):.2f}×"
        f"\n  cold show ≤ 1,000 ms by the median of {len(cold)} runs, 1,200 ms at most: "
        f"median {statistics.median(cold) * 1000:.0f} ms, most {max(cold) * 1000:.0f} ms"
        f"\n  show after a pull of 100 lines ≤ 1.5× warm show: "
        f"{statistics.median(samples[f'show after a pull of 100 onto {big:,}']) / warm:.2f}×"
        f"\n  history --limit 20 ≤ 2× warm show: "
        f"{statistics.median(samples[f'history --limit 20, {big:,} records']) / warm:.2f}×"
        f"\n  report --as-of ≤ 2× warm show: "
        f"{statistics.median(samples[f'report --as-of 2024-H1, {big:,} records']) / warm:.2f}×"
    )


def spreadsheets(script: str, work: Path, base_env: dict[str, str], rounds: int) -> None:
    """Spreadsheets in and out: `import` of 10,000 rows and the xlsx report (bench/spreadsheets.py)."""
    from spreadsheets import spreadsheet_cases  # beside this script, as timing is

    rounds = max(1, min(rounds, 5))  # each import round takes seconds
    print(f"\nspreadsheets ({rounds} rounds, +1 warm-up; each import into a fresh copy of the folder):\n")
    print("\n".join(spreadsheet_cases(script, work, base_env, rounds)))
    print("\ngoal: import of 10,000 rows in seconds, not 10,000 × one record")
    import_scaling(script, work, base_env, rounds)


def import_scaling(script: str, work: Path, base_env: dict[str, str], rounds: int) -> None:
    """`import` as the rows and the plan grow together (bench/spreadsheets.py)."""
    from spreadsheets import scaling_cases

    rounds = max(1, min(rounds, 3))  # a round of 20,000 rows takes seconds
    print(f"\nimport scaling ({rounds} rounds, +1 warm-up):\n")
    print("\n".join(scaling_cases(script, work, base_env, rounds)))


if __name__ == "__main__":
    main()
