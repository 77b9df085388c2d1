"""`targets paths`: which data folder, plan and log are in use."""

import typer

from .base import state_of


def paths(ctx: typer.Context) -> None:
    """Say which data folder, plan, record log and caches are in use, and why.

    Example: targets --data /srv/plan paths
    """
    state = state_of(ctx)
    texts = state.texts
    folder = state.folder()
    typer.echo(texts("paths.folder", path=folder.path, why=texts(f"chosen.{folder.chosen_by}")))
    typer.echo(texts("paths.plan", path=folder.plan_path))
    typer.echo(texts("paths.log", path=folder.log_path))
    if folder.cache_dir is not None:
        typer.echo(texts("paths.cache", path=folder.cache_dir))
