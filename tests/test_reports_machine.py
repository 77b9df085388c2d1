"""JSON and CSV, the reports for programs: the shipped schema documents every field, and CSV
reads back to JSON's numbers."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import jsonschema

from laichau_targets.datafolder import DataFolder
from laichau_targets.plans import Override
from laichau_targets.plans.fields import COLUMNS

from .conftest import ALL_CODES, REPO


def schema() -> dict:
    return json.loads((resources.files("laichau_targets") / "report.schema.json").read_text(encoding="utf-8"))


def undocumented(data: object, node: dict, where: str = "") -> set[str]:
    """Fields the output has and the schema does not describe: open for consumers, closed for us."""
    if "$ref" in node:
        node = schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
    found: set[str] = set()
    if isinstance(data, dict) and "properties" in node:
        for key, value in data.items():
            if key not in node["properties"]:
                found.add(where + key)
            else:
                found |= undocumented(value, node["properties"][key], f"{where}{key}.")
    elif isinstance(data, list) and "items" in node:
        for item in data:
            found |= undocumented(item, node["items"], where + "[].")
    return found


def test_json_validates_against_the_shipped_schema(targets, figures: Path) -> None:
    for args in [(), ("--as-of", "2024-H1"), ("--as-of", "2024-Q1")]:
        data = json.loads(targets("report", "--format", "json", *args).stdout)
        jsonschema.validate(data, schema(), format_checker=jsonschema.FormatChecker())
        assert undocumented(data, schema()) == set()
    assert data["as_of"] == "2024-Q1" and data["summary"]["no_data"] == 17


def test_targets_schema_prints_the_shipped_schema(targets) -> None:
    result = targets("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema()


def test_the_schema_is_open_to_added_fields_and_says_the_consumers_rule(targets, figures: Path) -> None:
    data = json.loads(targets("report", "--format", "json").stdout)
    data["indicators"][0]["added_in_a_later_release"] = 1
    data["added_too"] = {"x": 1}
    jsonschema.validate(data, schema())
    assert undocumented(data, schema()) == {"indicators.[].added_in_a_later_release", "added_too"}
    assert "a consumer reads the fields it knows and ignores the others" in schema()["description"]


def test_json_of_an_empty_log_validates(targets, data_dir: Path) -> None:
    data = json.loads(targets("report", "--format", "json").stdout)
    jsonschema.validate(data, schema())
    assert all(i["actual"] is None and i["gap"] is None for i in data["indicators"])


def test_csv_reads_back_to_the_same_numbers_as_json(targets, figures: Path) -> None:
    data = json.loads(targets("report", "--format", "json").stdout)
    raw = targets("report", "--format", "csv").stdout_bytes
    assert raw.startswith("\ufeff".encode())  # spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 17
    for row, indicator in zip(rows, data["indicators"], strict=True):
        assert row["code"] == indicator["code"]
        assert row["name"] == indicator["name"]  # Vietnamese intact
        for field in ("target", "actual", "gap", "gap_percent", "progress", "projected", "pace_needed"):
            expected = indicator[field]
            assert (float(row[field]) if row[field] else None) == expected, (row["code"], field)
    jobs = rows[14]
    assert (jobs["actual"], jobs["gap"], jobs["status"]) == ("9500", "-580", "exceeded")


def test_record_then_json_report(targets, data_dir: Path) -> None:
    assert targets("record", "GRDP", "8.7", "--period", "2024").exit_code == 0
    result = targets("report", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    grdp = next(i for i in data["indicators"] if i["code"] == "GRDP")
    assert (grdp["actual"], grdp["gap"], grdp["status"], grdp["period"]) == (8.7, 0.3, "not_met", "2024")
    assert '"gap": 0.3,' in result.stdout  # a JSON number without float noise
    assert data["summary"]["total"] == 17
    assert data["summary"]["not_met"] == 1 and data["summary"]["no_data"] == 16
    assert [i["code"] for i in data["indicators"]] == ALL_CODES


def test_the_json_schema_lists_exactly_the_indicator_fields_of_machine_output(data_dir: Path) -> None:
    """Machine output shows the plan's fields as plans.fields says, and the standing's own: the
    schema documents every one of them, and nothing else."""
    from laichau_targets.render.machine import ROW, json_standing_fields, report_fields, standing_fields
    from laichau_targets.tracker import Tracker

    report = Tracker(DataFolder(data_dir, "option"), None).report()
    schema = json.loads((REPO / "src" / "laichau_targets" / "report.schema.json").read_text(encoding="utf-8"))
    documented = schema["$defs"]["indicator"]["properties"]
    assert set(schema["$defs"]["indicator"]["required"]) == set(documented)
    from_plan = {column for column, _, _ in COLUMNS}
    csv_from_plan = {column for column, _, json_only in COLUMNS if not json_only}
    from_standing = set(standing_fields(report.standings[0]))
    assert from_plan <= set(documented)
    json_only = set(json_standing_fields(report.standings[0]))
    assert set(documented) - from_plan == from_standing | json_only | {"term"}
    assert set(ROW) == csv_from_plan | from_standing and len(ROW) == len(set(ROW))
    assert [set(row) for row in report_fields(report)["indicators"]] == [set(documented)] * len(
        report.standings
    )


def test_machine_output_shows_an_override_by_its_reason_and_each_baseline_with_its_share(
    data_dir: Path,
) -> None:
    from laichau_targets.render.machine import plan_fields
    from laichau_targets.tracker import Tracker

    standing = Tracker(DataFolder(data_dir, "option"), None).report().standings[0]
    standing.indicator = standing.indicator.replace(override=Override("met", "a reason"))
    assert plan_fields(standing, json_only=False)["override_reason"] == "a reason"
    assert plan_fields(standing, json_only=True)["other_baselines"] == []
