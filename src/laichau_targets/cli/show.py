"""`targets show`: the coloured progress table."""

from typing import Annotated

import typer

from .app import AsOfOption, OwnerOption, state_of


def show(
    ctx: typer.Context,
    wide: Annotated[bool, typer.Option("--wide", help="Add the projection and pace columns.")] = False,
    as_of: AsOfOption = None,
    owner: OwnerOption = None,
) -> None:
    """Show every indicator's progress as a coloured table.

    The headline under the table counts the indicators by status.

    Example: targets show --wide --owner "Sở Y tế"
    """
    from ..render import table

    state = state_of(ctx)
    report = state.tracker().report(as_of)
    if owner is not None:
        from ..owners import for_owner

        report = for_owner(report, owner)
    table.render(report, state.texts, wide=wide)


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": 'Hiện tiến độ của mọi chỉ tiêu thành bảng có màu.\n\nDòng tổng hợp dưới bảng đếm các chỉ tiêu theo đánh giá.\n\nVí dụ: targets show --wide --owner "Sở Y tế"',
    "wide": "Thêm cột dự báo cả năm, bình quân theo tháng, so với cùng kỳ và xu hướng.",
}
