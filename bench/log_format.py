"""Measure the candidate line encodings of the record log (docs/LOG-FORMAT.md quotes the output).

    .venv/bin/python bench/log_format.py [--records 100000] [--rounds 3]

Each candidate holds the same records, one per line; the time is the best of a few rounds of
turning the file's text into one dict per record (values kept exact as Decimal).
"""

from __future__ import annotations

import argparse
import json
import time
import tomllib
from collections.abc import Callable
from decimal import Decimal

import tomli_w

CODES = ["GRDP", "BUDGET", "JOBS", "FOREST", "GRAIN", "TRAINING"]
PERIODS = ["2024-Q1", "2024-H1", "2024-09", "2024"]


def sample(n: int) -> dict[str, object]:
    return {
        "id": f"01JD3K{n:020d}",
        "code": CODES[n % 6],
        "value": f"{1 + n % 97}.{n % 10}",
        "period": PERIODS[n % 4],
        "basis": "estimate",
        "recorded_at": "2024-10-05T09:30:00.123456+07:00",
        "user": "nguyen.van.a",
        "source": "Cục Thống kê tỉnh Lai Châu",
    }


def toml_blocks(rows: list[dict[str, object]]) -> str:
    return "\n".join("[[record]]\n" + tomli_w.dumps(r) for r in rows)


def toml_inline(rows: list[dict[str, object]]) -> str:
    # one line per record: a key per record, its table inline
    def inline(r: dict[str, object]) -> str:
        return "{ " + ", ".join(tomli_w.dumps({k: v}).rstrip("\n") for k, v in r.items()) + " }"

    return "".join(f"r{r['id']} = {inline(r)}\n" for r in rows)


def jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows)


def jsonl_number(rows: list[dict[str, object]]) -> str:
    return "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")).replace(
            f'"value":"{r["value"]}"', f'"value":{r["value"]}'
        )
        + "\n"
        for r in rows
    )


def read_toml_whole(text: str) -> list[dict[str, object]]:
    data = tomllib.loads(text, parse_float=Decimal)
    return list(data.get("record", data.values()))


def read_toml_lines(text: str) -> list[dict[str, object]]:
    return [next(iter(tomllib.loads(line, parse_float=Decimal).values())) for line in text.splitlines()]


def read_json_lines(text: str) -> list[dict[str, object]]:
    loads = json.loads
    rows = [loads(line) for line in text.splitlines()]
    for row in rows:
        row["value"] = Decimal(row["value"])
    return rows


def read_json_array(text: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads("[" + text.rstrip("\n").replace("\n", ",") + "]")
    for row in rows:
        row["value"] = Decimal(row["value"])
    return rows


def read_json_number(text: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(
        "[" + text.rstrip("\n").replace("\n", ",") + "]", parse_float=Decimal, parse_int=Decimal
    )
    return rows


def best(read: Callable[[str], list[dict[str, object]]], text: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        rows = read(text)
        times.append(time.perf_counter() - start)
        assert len(rows) == EXPECTED, (read.__name__, len(rows))
    return min(times)


EXPECTED = 0


def main() -> None:
    global EXPECTED
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    EXPECTED = args.records
    rows = [sample(n) for n in range(args.records)]
    cases = [
        ("TOML [[record]] blocks, tomllib", toml_blocks(rows), read_toml_whole),
        ("TOML one-line inline tables, tomllib whole file", toml_inline(rows), read_toml_whole),
        ("TOML one-line inline tables, tomllib per line", toml_inline(rows), read_toml_lines),
        ("JSON Lines, value as string, json per line", jsonl(rows), read_json_lines),
        ("JSON Lines, value as string, json as one array", jsonl(rows), read_json_array),
        ("JSON Lines, value as number, parse_float=Decimal", jsonl_number(rows), read_json_number),
    ]
    print(f"{args.records:,} records, best of {args.rounds}\n")
    print(f"| {'encoding':<52} | MB    | seconds | MB/s  |")
    print(f"|{'-' * 54}|------:|--------:|------:|")
    for name, text, read in cases:
        size = len(text.encode("utf-8")) / 1e6
        seconds = best(read, text, args.rounds)
        print(f"| {name:<52} | {size:5.1f} | {seconds:7.3f} | {size / seconds:5.1f} |")


if __name__ == "__main__":
    main()
