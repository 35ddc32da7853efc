"""The seeds rule: only the default store, opened for the first time and empty, gets the sample briefs."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Store
from tui.app import create_app
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList

from checkout import SEEDS


def listed(app) -> int:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.query_one(ArticleList).row_count


async def test_the_default_store_is_seeded_once_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toasts) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    app = create_app(None)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert listed(app) == 5
        assert any("filled with the 5 sample briefs" in toast for toast in toasts(app))
    with Store(tmp_path / "xdg" / "newsbrief") as store:
        store.remove([s.id for s in store.summaries()])
    again = create_app(None)
    async with again.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert listed(again) == 0  # emptied by the user: it stays empty
        assert not any("sample briefs" in toast for toast in toasts(again))


async def test_a_new_store_folder_opens_empty(tmp_path: Path, toasts) -> None:
    app = create_app(tmp_path / "new")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert listed(app) == 0
        await pilot.press("j", "k", "tab", "tab", "enter")  # an empty reader takes keys without failing
        assert not any("sample briefs" in toast for toast in toasts(app))
    with Store(tmp_path / "new") as store:
        assert store.is_empty()
        assert len(store.import_paths([SEEDS]).added) == 5
