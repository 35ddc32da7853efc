"""Reopening the reader returns to where the user left off: the brief, its claim and the scroll."""

from __future__ import annotations

import json
from pathlib import Path

from store.model import Claim


async def test_reopening_the_reader_returns_to_the_last_brief_claim_and_scroll(folder: Path, reader) -> None:
    async with reader(size=(120, 24)) as (app, pilot):
        screen = app.screen
        await pilot.press("j", "j", "enter", "tab", "]", "]", "v")  # the third brief, sentences 3–4
        screen.reading_pane.scroll_to(y=4, animate=False, immediate=True, force=True)
        await pilot.pause()
        left = (screen.article_id, screen.claim, int(screen.reading_pane.scroll_y))
        assert left[1] == Claim(2, 3) and left[2] == 4
        first_opened = screen.article_list.row_ids[0]
        assert left[0] != first_opened
        await pilot.press("q")
    async with reader(size=(120, 24)) as (app, pilot):
        screen = app.screen
        await pilot.pause()
        assert (screen.article_id, screen.claim, int(screen.reading_pane.scroll_y)) == left
        assert screen.article_list.cursor_id == left[0]


async def test_a_place_whose_brief_is_gone_opens_the_first_brief(folder: Path, reader) -> None:
    settings = folder / "settings.json"
    settings.write_text(json.dumps({"place": {"article_id": "0" * 16, "claim": [5, 9], "scroll": 80}}), encoding="utf-8")
    async with reader() as (app, _pilot):
        screen = app.screen
        assert screen.article_id == screen.article_list.row_ids[0] and screen.claim == Claim(0, 0)
