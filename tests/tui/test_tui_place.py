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


async def test_a_part_sentence_claim_reopens_as_exactly_that_span(folder: Path, reader, read_annotations) -> None:
    async with reader(size=(120, 24)) as (app, pilot):
        screen = app.screen
        await pilot.press("tab", "]", "w", "w", "W")  # sentence 2, then its end a word further, twice, and back one
        await pilot.pause()
        sentences = screen.article.sentences
        worded = screen.claim
        assert worded.start is not None and screen.claim_span != sentences[1]
        await pilot.press("q")
    async with reader(size=(120, 24)) as (app, pilot):
        screen = app.screen
        assert screen.claim == worded  # not widened to whole sentences
        span = screen.claim_span
        await pilot.press("f", "z")  # now narrowed to the first figure
        await pilot.pause()
        figured = screen.claim
        figure = screen.figures[0]
        assert screen.claim_span == (figure.start, figure.end)
        await pilot.press("q")
    async with reader(size=(120, 24)) as (app, pilot):
        screen = app.screen
        assert screen.claim == figured and screen.claim_span == (figure.start, figure.end)
        await pilot.press("1")  # the tag goes on exactly that span
        await pilot.pause()
        assert [a.span for a in read_annotations(folder)] == [(figure.start, figure.end)]
        assert span != screen.claim_span


async def test_a_narrowed_claim_that_no_longer_fits_its_sentences_opens_the_brief_at_its_start(folder: Path, reader) -> None:
    async with reader() as (app, _pilot):
        article_id = app.screen.article_id
    settings = folder / "settings.json"
    place = {"article_id": article_id, "claim": [0, 0, 5, 100000], "scroll": 0}
    settings.write_text(json.dumps({"place": place}), encoding="utf-8")
    async with reader() as (app, _pilot):
        assert app.screen.article_id == article_id and app.screen.claim == Claim(0, 0)


async def test_a_place_whose_brief_is_gone_opens_the_first_brief(folder: Path, reader) -> None:
    settings = folder / "settings.json"
    settings.write_text(json.dumps({"place": {"article_id": "0" * 16, "claim": [5, 9], "scroll": 80}}), encoding="utf-8")
    async with reader() as (app, _pilot):
        screen = app.screen
        assert screen.article_id == screen.article_list.row_ids[0] and screen.claim == Claim(0, 0)
