"""`targets paths`: which data folder, plan and log are in use."""

import typer

from .app import state_of
from .output import echo


def paths(ctx: typer.Context) -> None:
    from ..plan import plan_files_named

    state = state_of(ctx)
    texts = state.texts
    folder = state.folder()
    echo(texts("paths.folder", path=folder.path, why=texts(f"chosen.{folder.chosen_by}")))
    echo(texts("paths.plan", path=folder.plan_path))
    for n, file in enumerate(plan_files_named(folder.plan_path) or []):
        echo(texts("paths.plan_file" if n == 0 else "paths.plan_file_more", path=file))
    echo(texts("paths.log", path=folder.log_path))
    if folder.cache_dir is not None:
        echo(texts("paths.cache", path=folder.cache_dir))
    if not folder.path.is_dir():
        echo(texts("paths.missing", path=folder.path))
