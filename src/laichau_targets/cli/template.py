"""`targets template`: a workbook for a department to fill in and give back to `targets import`."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import OwnerOption, state_of
from .output import echo


def template(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="The workbook to write (.xlsx).")
    ],
    owner: OwnerOption = None,
    period: Annotated[
        Optional[str],
        typer.Option(metavar="PERIOD", help="Fill the Period column with this period, e.g. 2024-09."),
    ] = None,
) -> None:
    """Write an .xlsx sheet for a department: the plan's indicators and empty cells for the figures.

    With --owner, only the indicators that department reports. Give the filled file to
    `targets import`.

    Example: targets template -o mau-bieu.xlsx --owner "Sở Y tế" --period 2024-09
    """
    from ..errors import OutputError
    from ..owners import owned_by
    from ..periods import parse_period
    from ..render import write_file
    from ..render.xlsx import template as workbook

    state = state_of(ctx)
    texts = state.texts
    if output.suffix.lower() != ".xlsx":
        raise OutputError("error.template_extension", path=output)
    plan = state.tracker().plan
    indicators = owned_by(plan.indicators, owner) if owner is not None else list(plan.indicators)
    label = parse_period(period, plan.year).label if period else None
    write_file(output, workbook(plan, indicators, texts, label, owner))
    echo(texts("template.done", path=output, count=len(indicators)))


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": 'Ghi biểu mẫu .xlsx cho một đơn vị: các chỉ tiêu của kế hoạch và ô trống để điền số liệu.\n\nVới --owner, chỉ các chỉ tiêu đơn vị đó báo cáo. Nhập biểu đã điền bằng `targets import`.\n\nVí dụ: targets template -o mau-bieu.xlsx --owner "Sở Y tế" --period 2024-09',
    "output": "Tệp bảng tính cần ghi (.xlsx).",
    "period": "Điền sẵn cột Kỳ bằng kỳ này, ví dụ 2024-09.",
}
