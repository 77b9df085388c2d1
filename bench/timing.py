"""Timing a command as a real process, piped or on a pseudo-terminal, and the tables of ratios:
what run.py and spreadsheets.py share."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

Setup = Callable[[], None] | None
TERMINAL = "BENCH_TERMINAL"  # in a case's env: run it on a pseudo-terminal of this many columns


def time_once(command: list[str], env: dict[str, str], setup: Setup = None) -> float:
    if setup is not None:
        setup()
    if TERMINAL in env:
        return time_on_terminal(command, env)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def time_on_terminal(command: list[str], env: dict[str, str]) -> float:
    """The command with a pseudo-terminal as its input and outputs, as a person runs it: colour,
    the terminal's width; its output is read as it comes, as a terminal would."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, int(env[TERMINAL]), 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process and every copy of the terminal's other end are gone
            break
        if not chunk:
            break
        output += chunk
    status = process.wait()
    elapsed = time.perf_counter() - start
    os.close(leader)
    if status != 0:
        sys.exit(f"bench: {' '.join(command)} failed on a terminal: {output.decode(errors='replace')}")
    return elapsed


Commands = dict[str, tuple[list[str], dict[str, str]] | tuple[list[str], dict[str, str], Setup]]


def measure(commands: Commands, rounds: int) -> dict[str, list[float]]:
    """Median-ready samples; a command's setup (third item) runs before each of its runs, untimed."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command, env, *setup in commands.values():  # one warm-up each: caches, page cache
        time_once(command, env, *setup)
    for _ in range(rounds):
        for name, (command, env, *setup) in commands.items():
            samples[name].append(time_once(command, env, *setup))
    return samples


def table(samples: dict[str, list[float]], reference: str, ratio_header: str) -> list[str]:
    """Min and median of each command, the ratio of its median to the reference's, and the
    median of its paired ratios: each round's run against the reference's run of the same
    round, seconds apart, so that load that comes and goes over minutes cancels out."""
    ref = statistics.median(samples[reference])
    lines = [
        f"| {'command':<40} | min ms | median ms | {ratio_header} | paired × |",
        f"|{'-' * 42}|-------:|----------:|{'-' * (len(ratio_header) + 2)}:|---------:|",
    ]
    for name, values in samples.items():
        median = statistics.median(values)
        paired = statistics.median(v / r for v, r in zip(values, samples[reference], strict=True))
        lines.append(
            f"| {name:<40} | {min(values) * 1000:6.1f} | {median * 1000:9.1f} | {median / ref:{len(ratio_header)}.2f} | {paired:8.2f} |"
        )
    return lines
