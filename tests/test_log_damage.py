"""A damaged log, as a command meets it: one error naming the file and the line, nothing written,
never a traceback or a hang."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import snapshot
from .helpers import cli, en, error_line, log_lines

DAMAGE_KINDS = [
    ("two records on one line", lambda a, b: [a + "," + b], 1, "two records on one line (the second begins at column {col}); put each on its own line"),
    ("one record over two lines", lambda a, b: [a[: len(a) // 2], a[len(a) // 2 :], b], 1, "not a JSON object on one line"),
    ("a value with an underscore", lambda a, b: [a.replace('"value":"8.7"', '"value":"8_7"'), b], 1, "value '8_7' is not a plain decimal number (digits 0-9, a point)"),
    ("a value in Arabic-Indic digits", lambda a, b: [a.replace('"value":"8.7"', '"value":"٨.٧"'), b], 1, "value '٨.٧' is not a plain decimal number (digits 0-9, a point)"),
    ("an id in lower case", lambda a, b: [a, b.replace(json.loads(b)["id"], json.loads(b)["id"].lower())], 2, "id '{low}' is in lower case; ids are written in capitals ({up})"),
    ("a time out of range", lambda a, b: [a, b.replace(json.loads(b)["recorded_at"], "9999-12-31T23:59:59-23:59")], 2, "recorded_at '9999-12-31T23:59:59-23:59' lies outside the range of dates and times"),
]  # fmt: skip


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(("name", "damage", "line", "detail"), DAMAGE_KINDS, ids=[d[0] for d in DAMAGE_KINDS])
@pytest.mark.parametrize(
    "command", [("show",), ("report", "--format", "html"), ("history",), ("record", "JOBS", "1")]
)
def test_each_kind_of_damage_is_one_error_naming_its_line(
    targets, data_dir: Path, name: str, damage, line: int, detail: str, command: tuple[str, ...]
) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    assert targets("record", "JOBS", "9000", "--period", "2024").exit_code == 0
    declaration, first, second = log_lines(data_dir)
    (data_dir / "records.jsonl").write_text(
        "\n".join([declaration, *damage(first, second)]) + "\n", encoding="utf-8"
    )
    before = snapshot(data_dir)
    done = targets(*command)
    second_id = json.loads(second)["id"]
    expected = detail.format(col=len(first) + 2, low=second_id.lower(), up=second_id)
    path = data_dir / "records.jsonl"
    assert (done.exit_code, done.stdout) == (2, "")
    assert done.stderr == error_line(
        en("error.log_record_damaged", path=path, line=line + 1, detail=expected)
    )
    assert snapshot(data_dir) == before


@pytest.mark.reliability("damaged logs")
@pytest.mark.parametrize(
    "value", ["1e1000000000000000000", "1E+99999999999999999999", "1e-99999999999999999999"]
)
def test_an_exponent_no_decimal_can_hold_is_damage_named_not_a_crash(
    targets, data_dir: Path, value: str
) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    path = data_dir / "records.jsonl"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"value":"8.7"', f'"value":"{value}"'), encoding="utf-8"
    )
    done = targets("show")
    assert (done.exit_code, done.stderr) == (
        2,
        error_line(
            en(
                "error.log_record_damaged",
                path=path,
                line=2,
                detail=en("error.record_value_range", value=f"'{value}'"),
            )
        ),
    )


def test_a_fifo_where_torn_lines_go_is_an_error_not_a_hang(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    with open(data_dir / "records.jsonl", "ab") as handle:
        handle.write(b'{"id":"01JD3')  # a write cut short
    os.mkfifo(data_dir / "records.torn.jsonl")
    before = snapshot(data_dir)
    done = cli(
        "record", "GRDP", "8.8", "--period", "2024", data=data_dir
    )  # a real process: a hang would time out
    assert done.returncode == 2 and "records.torn.jsonl: cannot be written" in done.stderr
    assert snapshot(data_dir) == before


def test_a_last_line_with_a_wrong_byte_in_its_middle_is_damage_not_a_cut(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    line = json.loads(log_lines(data_dir)[-1])
    line.update(id="7" + line["id"][1:], note="NOTE")
    with open(data_dir / "records.jsonl", "ab") as handle:
        handle.write(json.dumps(line).encode().replace(b"NOTE", b"\xfd\xe1c t\xednh"))  # Latin-1, no newline
    done = targets("show")
    assert done.exit_code == 2 and "record at line 3: not UTF-8 text" in done.stderr


def test_one_id_on_two_lines_that_differ_in_how_a_value_is_written_is_damage(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "9.9", "--period", "2024").exit_code == 0
    with open(data_dir / "records.jsonl", "a", encoding="utf-8") as handle:
        handle.write(log_lines(data_dir)[-1].replace('"value":"9.9"', '"value":"9.90"') + "\n")
    done = targets("show")
    assert (
        done.exit_code == 2
        and "record at line 3: id " in done.stderr
        and "different record at line 2" in done.stderr
    )
