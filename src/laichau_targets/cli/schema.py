"""`targets schema`: the JSON Schema of `report --format json`."""

import sys

import typer


def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema that `report --format json` follows.

    Within one schema_version fields are only added: read the fields you know, ignore the others.

    Example: targets schema > report.schema.json
    """
    from importlib import resources

    sys.stdout.write((resources.files("laichau_targets") / "report.schema.json").read_text(encoding="utf-8"))


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "In JSON Schema mà report --format json tuân theo.\n\nTrong cùng một schema_version chỉ có thêm trường: đọc các trường mình biết, bỏ qua các trường khác.\n\nVí dụ: targets schema > report.schema.json",
}
