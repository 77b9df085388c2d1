"""`targets record`: add a reported figure."""

from typing import Annotated, Optional

import typer

from .app import Notation, state_of
from .output import outranked_lines, standing_line, tell_log


def record(
    ctx: typer.Context,
    code: Annotated[
        str, typer.Argument(metavar="CODE", help="Indicator code, any case (targets list shows them).")
    ],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The figure: 8.7, 8,7, 2236, 2.236,5 ...")],
    period: Annotated[
        Optional[str],
        typer.Option(
            metavar="PERIOD",
            help="Year-to-date period: 2024-Q1, 2024-H1, 2024-09, 2024, or as officers write it: 'Quý I/2024', '6 tháng/2024', '9T/2024', 'Năm 2024'. Default: this month in the plan year, else the full year.",
        ),
    ] = None,
    official: Annotated[
        bool,
        typer.Option(
            "--official/--estimate", show_default=False, help="An official figure, or an estimate (default)."
        ),
    ] = False,
    source: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="Where the figure comes from.")
    ] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="A note kept with the record.")] = None,
    locale: Annotated[
        Optional[Notation],
        typer.Option(
            help="How to read 2.236 or 2,236: vi (2236) or en. Default: the language of the output."
        ),
    ] = None,
) -> None:
    """Add a reported figure and print the indicator's new standing.

    Example: targets record BUDGET 1.850,5 --period 2024-09 --source "Sở Tài chính"
    """
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    done = tracker.record(
        code,
        value,
        period_text=period,
        basis="official" if official else "estimate",
        source=source,
        note=note,
        locale=locale,
        reading=texts.lang,
    )
    rec, standing, indicator = done.record, done.standing, done.indicator
    state.written = done.shorts[rec.id]
    tell_log(tracker, texts)
    if done.period_defaulted:
        typer.echo(texts("record.period_default", period=words.period(rec.period, texts)), err=True)
    typer.echo(
        texts(
            "record.saved",
            id=done.shorts[rec.id],
            code=indicator.code,
            value=words.quantity(rec.value, indicator, texts, places=None),
            period=words.period(rec.period, texts),
            basis=texts(f"basis.{rec.basis}"),
        )
    )
    for line in outranked_lines(rec, done.outranked_by, done.shorts, texts):
        typer.echo(line)
    typer.echo(standing_line(standing, texts, indicator.code, rec.period.year))
    if done.likely_intended is not None:
        target = standing.indicator.target if standing else indicator.target
        direction = "above" if rec.value > target else "below"
        typer.echo(
            "Warning: "
            + texts(
                "warn.far",
                value=words.figure(rec.value, texts),
                direction=texts(f"warn.far.{direction}"),
                target=words.figure(target, texts),
                likely=words.figure(done.likely_intended, texts),
            ),
            err=True,
        )


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": 'Ghi một số liệu báo cáo và in đánh giá mới của chỉ tiêu.\n\nVí dụ: targets record BUDGET 1.850,5 --period "9 tháng/2024" --source "Sở Tài chính"',
    "code": "Mã chỉ tiêu, chữ hoa hay thường đều được (targets list liệt kê các mã).",
    "value": "Số liệu: 8,7, 8.7, 2236, 2.236,5 ...",
    "period": "Kỳ lũy kế từ đầu năm: 'Quý I/2024', '6 tháng/2024', '9T/2024', 'Năm 2024', hoặc 2024-Q1, 2024-H1, 2024-09, 2024. Mặc định: tháng hiện tại nếu đang trong năm kế hoạch, không thì cả năm.",
    "official": "Số chính thức, hoặc số ước tính (mặc định).",
    "source": "Nguồn của số liệu.",
    "note": "Ghi chú lưu kèm bản ghi.",
    "locale": "Cách đọc 2.236 hay 2,236: vi (2236) hoặc en. Mặc định: theo ngôn ngữ hiển thị.",
}
