"""Long work shows a progress bar to a person at a terminal, and nothing to a pipe or CI."""

from __future__ import annotations

import io

import pytest

from laichau_targets.cli.progress import progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_rows_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    screen = Terminal()
    with progress_bar("Reading so-lieu.xlsx", stream=screen, delay=0) as update:
        assert update is not None
        update(500, 10_000)
        update(5_000, 10_000)
    assert "Reading so-lieu.xlsx" in screen.getvalue()
    assert "5000/10000" in screen.getvalue()


def test_quick_work_draws_nothing_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    screen = Terminal()
    with progress_bar("Reading", stream=screen, delay=60) as update:
        assert update is not None
        update(500, 1_000)
    assert screen.getvalue() == ""


@pytest.mark.parametrize("ci", [None, "true"])
def test_a_pipe_or_ci_gets_no_bar(monkeypatch: pytest.MonkeyPatch, ci: str | None) -> None:
    stream: io.StringIO = io.StringIO()
    if ci:
        monkeypatch.setenv("CI", ci)
        stream = Terminal()
    else:
        monkeypatch.delenv("CI", raising=False)
    with progress_bar("Reading", stream=stream, delay=0) as update:
        assert update is None
    assert stream.getvalue() == ""
