"""`targets check`: a gate for scripts."""

from typing import Annotated

import typer

from ..exits import EXIT_CHECK_FAILED
from .app import AsOfOption, state_of


def check(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Also fail on indicators with no data.")] = False,
    as_of: AsOfOption = None,
) -> None:
    """A gate for scripts: exit 1 when an indicator is failing.

    Exit 0 when every indicator with data is met, exceeded or on track; 1 otherwise,
    listing those that are not; 2 on an error.

    Example: targets check --strict || echo "some targets are slipping"
    """
    from ..render import words
    from ..tracker import failing

    state = state_of(ctx)
    texts = state.texts
    the_report = state.tracker().report(as_of)
    bad = failing(the_report, strict)
    typer.echo(words.headline(the_report, texts))
    typer.echo(words.plan_line(the_report, texts))
    for s in bad:
        typer.echo(texts("check.failing", code=s.indicator.code, status=words.status(s, texts)))
    if bad:
        raise typer.Exit(EXIT_CHECK_FAILED)


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": 'Cổng kiểm tra cho chương trình: thoát với mã 1 khi có chỉ tiêu không đạt.\n\nThoát 0 khi mọi chỉ tiêu có số liệu đều đạt, vượt hoặc đúng tiến độ; 1 nếu không, kèm danh sách các chỉ tiêu đó; 2 khi có lỗi.\n\nVí dụ: targets check --strict || echo "có chỉ tiêu đang chậm"',
    "strict": "Cũng coi là không đạt khi chỉ tiêu chưa có số liệu.",
}
