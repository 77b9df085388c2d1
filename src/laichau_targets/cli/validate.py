"""`targets validate`: check a plan file."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from .base import EXIT_ERROR, echo, error, state_of


def validate(
    ctx: typer.Context,
    plan_file: Annotated[
        Optional[Path], typer.Argument(metavar="[FILE]", help="A plan file. Default: the one in use.")
    ] = None,
) -> None:
    """Check a plan file and list every problem with its line.

    Example: targets validate data/targets.toml
    """
    from ..errors import PlanError
    from ..plan import load_plan

    state = state_of(ctx)
    texts = state.texts
    path = plan_file or state.folder().plan_path
    try:
        plan = load_plan(path)
    except PlanError as exc:
        from ..render.words import inert

        if len(exc.problems) == 1:  # a missing or unreadable file, or one problem: one line
            raise
        for problem in exc.problems:
            typer.echo(inert(f"{path}: {problem.text(texts.lang)}"), err=True)
        error(texts("error.validate_count", path=path, count=len(exc.problems)))
        raise typer.Exit(EXIT_ERROR) from None
    echo(texts("validate.ok", path=path, province=plan.province, year=plan.year, count=len(plan.indicators)))


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Kiểm tra một tệp kế hoạch và liệt kê mọi lỗi kèm số dòng.\n\nVí dụ: targets validate data/targets.toml",
    "plan_file": "Tệp kế hoạch. Mặc định: tệp đang dùng.",
}
