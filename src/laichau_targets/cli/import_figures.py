"""`targets import`: every figure of a spreadsheet or CSV file, all or nothing."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import EXIT_ERROR
from .app import Notation, state_of
from .output import columns, echo, outranked_lines, tell_log


def import_figures(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A filled template (targets template), any .xlsx or .csv.")
    ],
    period: Annotated[
        Optional[str],
        typer.Option(metavar="PERIOD", help="The period of rows whose Period cell is empty, e.g. 2024-09."),
    ] = None,
    locale: Annotated[
        Optional[Notation],
        typer.Option(help="How to read a number typed as text, 2.236 or 2,236: vi (2236) or en."),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check the file and print what would be recorded; write nothing."),
    ] = False,
) -> None:
    """Record the figures of a spreadsheet or CSV file at once: all, or none if a row is bad.

    Reads the sheets with the columns Mã / Code and Thực hiện / Value (and Kỳ / Period,
    Ước / Chính thức, Nguồn / Source, Ghi chú / Note). Every bad row is listed with its
    sheet and row number. Each record's source names the file and the row.

    Example: targets import mau-bieu.xlsx --dry-run
    """
    from ..errors import BadRowsError
    from ..render import words
    from .progress import progress_bar

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    try:
        with progress_bar(texts("import.reading", path=file.name)) as progress:
            done = tracker.import_file(
                file,
                locale=locale,
                period_text=period,
                dry_run=dry_run,
                progress=progress,
                lang=texts.lang,
            )
    except BadRowsError as exc:
        from .failures import error

        for problem in exc.problems:
            typer.echo(words.inert(f"{file.name}: {problem.text(texts.lang)}"), err=True)
        error(exc.text(texts.lang))
        raise typer.Exit(EXIT_ERROR) from None
    if dry_run:
        plan = tracker.plan
        rows = [
            (
                words.inert(f.code),
                words.quantity(f.value, plan.indicator(f.code), texts, places=None),
                words.period(f.period, texts),
                texts(f"basis.{f.basis}"),
                words.inert(f.source or ""),
            )
            for f in done.figures
        ]
        echo(columns(rows))
        echo(texts("import.dry_run", count=len(done.figures), path=file.name))
        return
    tell_log(tracker, texts)
    echo(texts("import.done", count=len(done.records), path=file.name))
    outranked = [r for r in done.records if r.id in done.outranked]
    for record in outranked[:_SAID]:
        for line in outranked_lines(record, done.outranked[record.id], done.shorts, texts):
            echo(line)
    if len(outranked) > _SAID:
        echo(texts("import.outranked_more", count=len(outranked) - _SAID))


_SAID = 10  # figures that do not count, named one by one before the rest are counted


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Ghi một lần mọi số liệu của tệp bảng tính hoặc CSV: tất cả, hoặc không gì nếu có dòng sai.\n\nĐọc các trang có cột Mã và Thực hiện (và Kỳ, Ước / Chính thức, Nguồn, Ghi chú). Mọi dòng sai được liệt kê với trang và số dòng. Nguồn của mỗi bản ghi ghi tên tệp và dòng.\n\nVí dụ: targets import mau-bieu.xlsx --dry-run",
    "file": "Biểu mẫu đã điền (targets template), hoặc tệp .xlsx hay .csv bất kỳ.",
    "period": "Kỳ của các dòng để trống cột Kỳ, ví dụ 2024-09.",
    "locale": "Cách đọc số gõ dạng chữ, 2.236 hay 2,236: vi (2236) hoặc en.",
    "dry_run": "Kiểm tra tệp và in những gì sẽ ghi; không ghi gì.",
}
