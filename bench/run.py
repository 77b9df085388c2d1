"""Time the installed `targets` against two references, and against growing record logs.

    .venv/bin/python bench/run.py            # about two minutes
    .venv/bin/python bench/run.py --rounds 5 # quicker, noisier

Run it with the interpreter of the environment that has `targets` installed: the script
is looked for beside that interpreter. Every command is run as a real process, interleaved
round by round so that a busy moment of the machine hits all of them alike; min and median
are printed, and each median as a ratio to the minimal Typer + Rich app.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

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

RECORD_BLOCK = (
    '[[record]]\nid = {id}\ncode = "{code}"\nvalue = {value}\nperiod = "{period}"\n'
    'basis = "estimate"\nrecorded_at = 2024-10-05 09:30:00+00:00\nuser = "bench"\n'
)
CODES = ["GRDP", "BUDGET", "JOBS", "FOREST", "GRAIN", "TRAINING"]
PERIODS = ["2024-Q1", "2024-H1", "2024-09", "2024"]


def targets_script() -> str:
    beside = Path(sys.executable).parent / "targets"
    found = str(beside) if beside.exists() else shutil.which("targets")
    if not found:
        sys.exit("bench: no `targets` beside this interpreter; run it with .venv/bin/python")
    return found


def write_log(folder: Path, count: int) -> None:
    blocks = [
        RECORD_BLOCK.format(id=n, code=CODES[n % len(CODES)], value=1 + n % 97, period=PERIODS[n % 4])
        for n in range(1, count + 1)
    ]
    (folder / "records.toml").write_text("\n".join(blocks), encoding="utf-8")


def time_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def measure(commands: dict[str, tuple[list[str], dict[str, str]]], rounds: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command, env in commands.values():  # one warm-up each: caches, page cache
        time_once(command, env)
    for _ in range(rounds):
        for name, (command, env) in commands.items():
            samples[name].append(time_once(command, env))
    return samples


def table(samples: dict[str, list[float]], reference: str, ratio_header: str) -> list[str]:
    ref = statistics.median(samples[reference])
    lines = [
        f"| {'command':<40} | min ms | median ms | {ratio_header} |",
        f"|{'-' * 42}|-------:|----------:|{'-' * (len(ratio_header) + 2)}:|",
    ]
    for name, values in samples.items():
        median = statistics.median(values)
        lines.append(
            f"| {name:<40} | {min(values) * 1000:6.1f} | {median * 1000:9.1f} | {median / ref:{len(ratio_header)}.2f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="record-log sizes of part 2")
    parser.add_argument("--only-spreadsheets", action="store_true", help="only the spreadsheet cases")
    args = parser.parse_args()
    script = targets_script()
    work = Path(tempfile.mkdtemp(prefix="targets-bench-"))
    try:
        base_env = {
            k: v for k, v in os.environ.items() if not k.startswith(("LAICHAU_TARGETS", "LANG", "LC_"))
        }
        base_env.update(NO_COLOR="1", XDG_CACHE_HOME=str(work / "cache"), LANG="C.UTF-8")
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

        sizes = [0] + [int(s) for s in args.sizes.split(",") if s]
        grown: dict[str, tuple[list[str], dict[str, str]]] = {}
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
        spreadsheets(script, work, base_env, args.rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def spreadsheets(script: str, work: Path, base_env: dict[str, str], rounds: int) -> None:
    """Spreadsheets in and out: `import` of 10,000 rows and the xlsx report (bench/spreadsheets.py)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from spreadsheets import spreadsheet_cases

    rounds = max(1, min(rounds, 5))  # each import round takes seconds
    print(f"\nspreadsheets ({rounds} rounds, +1 warm-up; each import into a fresh copy of the folder):\n")
    print("\n".join(spreadsheet_cases(script, work, base_env, rounds)))
    print("\ngoal: import of 10,000 rows in seconds, not 10,000 × one record")


if __name__ == "__main__":
    main()
