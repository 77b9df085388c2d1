"""`targets schema`: the JSON Schema of `report --format json`."""

import sys

import typer


def schema(ctx: typer.Context) -> None:
    from importlib import resources

    sys.stdout.write((resources.files("laichau_targets") / "report.schema.json").read_text(encoding="utf-8"))
