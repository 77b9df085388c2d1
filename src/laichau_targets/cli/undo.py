"""`targets undo`: take back a record."""

from typing import Annotated, Optional

import typer

from .app import state_of
from .output import standing_line, tell_log


def undo(
    ctx: typer.Context,
    record_id: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[ID]",
            help="The record to retract: the beginning of its id (6 characters or more), as `targets history` shows it. Default: the last one standing.",
        ),
    ] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Why it is taken back.")] = None,
) -> None:
    """Take back a record by appending a retraction.

    Nothing is deleted: the history keeps both.

    Example: targets undo 01JD3KX2 --note "typed into the wrong indicator"
    """
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    done = tracker.undo(record_id, note)
    state.written = done.shorts[done.retraction.id]
    tell_log(tracker, texts)
    gone = done.retracted
    typer.echo(
        texts(
            "undo.done",
            id=done.shorts[gone.id],
            code=gone.code,
            value=words.figure(gone.value, texts),
            period=words.period(gone.period, texts),
            by=done.shorts[done.retraction.id],
        )
    )
    typer.echo(standing_line(done.standing, texts, gone.code, gone.period.year))


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Rút lại một bản ghi bằng cách ghi thêm một bản ghi rút lại.\n\nKhông xóa gì: lịch sử giữ cả hai.\n\n"
    'Ví dụ: targets undo 01JD3KX2 --note "nhập nhầm chỉ tiêu"',
    "record_id": "Bản ghi cần rút lại: phần đầu mã của nó (từ 6 ký tự), như `targets history` hiện. "
    "Mặc định: bản ghi cuối cùng còn hiệu lực.",
    "note": "Lý do rút lại.",
}
