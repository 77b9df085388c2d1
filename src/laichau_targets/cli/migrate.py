"""`targets migrate`: convert a v0.1 record log now rather than at the first write."""

import typer

from .app import state_of
from .output import tell_log


def migrate(ctx: typer.Context) -> None:
    """Convert a v0.1 record log (records.toml) to the current one (records.jsonl).

    Every record is kept, with its v0.1 number; the old file stays beside it as
    records.v0.1.toml. `record` and `undo` do the same on their first write.

    Example: targets migrate
    """
    state = state_of(ctx)
    tracker = state.tracker()
    if tracker.log.migrate() is None:
        typer.echo(state.texts("log.nothing_to_migrate", path=tracker.log.path.name))
    tell_log(tracker, state.texts)


# --help in Vietnamese: the command's help, then each parameter's, by parameter name.
HELP_VI = {
    "": "Chuyển sổ ghi số liệu v0.1 (records.toml) sang dạng hiện tại (records.jsonl).\n\nMọi bản ghi được giữ, kèm số thứ tự v0.1; tệp cũ được để lại bên cạnh với tên records.v0.1.toml. `record` và `undo` cũng làm việc này ở lần ghi đầu tiên.\n\nVí dụ: targets migrate",
}
