"""`targets plans`: the plans of the data folder."""

import typer

from .app import state_of
from .output import columns


def plans(ctx: typer.Context) -> None:
    """List the plans of the data folder: name, annual or term, targets, complete, source.

    The folder's current plan, the one commands use without --plan, is marked with *.

    Example: targets plans
    """
    from ..render import words

    state = state_of(ctx)
    texts = state.texts
    tracker = state.tracker()
    header = [texts(f"plans.col.{name}") for name in ("plan", "kind", "targets", "complete", "source")]
    rows = [header]
    for plan in tracker.plans.plans:
        mark = " *" if plan is tracker.plan else ""
        rows.append(
            [
                words.inert(plan.name) + mark,
                texts(f"plan_kind.{'term' if plan.is_term else 'annual'}"),
                str(len(plan.indicators)),
                texts("plans.yes" if plan.complete else "plans.no"),
                words.plan_source(plan),
            ]
        )
    typer.echo(columns(rows))
    typer.echo(texts("plans.current_mark"))


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Liệt kê các kế hoạch của thư mục dữ liệu: tên, kế hoạch năm hay giai đoạn, số chỉ tiêu, "
    "đầy đủ hay chưa, nguồn.\n\nKế hoạch đang dùng, kế hoạch các lệnh dùng khi không có --plan, "
    "được đánh dấu *.\n\nVí dụ: targets plans",
}
