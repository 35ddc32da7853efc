"""Reading flow: J/K from brief to brief in list order, s through oldest, newest and title (natural) order, o opens the url."""

from __future__ import annotations

from pathlib import Path

from store import Store
from store.model import Claim
from tui.widgets.article_list import ArticleList, natural_key


def test_natural_order_reads_numbers_by_value() -> None:
    titles = ["Brief 10", "brief 2", "Brief 1b", "Brief 1a", "Alpha"]
    assert sorted(titles, key=natural_key) == ["Alpha", "Brief 1a", "Brief 1b", "brief 2", "Brief 10"]


async def test_J_and_K_open_the_next_and_previous_brief_from_the_reading_pane(reader, posted) -> None:
    messages, hook = posted
    async with reader(message_hook=hook) as (app, pilot):
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        ids = article_list.row_ids
        await pilot.press("tab", "right_square_bracket")  # the reading pane, the claim on sentence 2
        await pilot.press("J")
        assert screen.article_id == ids[1] and article_list.cursor_id == ids[1]
        assert screen.claim == Claim(0, 0)  # a new brief starts at its first sentence
        await pilot.press("J", "K")
        assert screen.article_id == ids[1]
        await pilot.press("K", "K")  # the first brief: K stays and says so
        assert screen.article_id == ids[0]
        assert not [m for m in messages if isinstance(m, ArticleList.Selected)]  # no list enter was needed


async def test_s_steps_through_oldest_first_newest_first_and_title_order(reader, screen_text) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        summaries = {s.id: s for s in screen.store.summaries()}
        oldest = article_list.row_ids
        dated = [i for i in oldest if summaries[i].published]
        await pilot.press("s")
        assert screen.sort_by == "newest" and "by newest" in screen_text(app)
        newest = article_list.row_ids
        assert [i for i in newest if summaries[i].published] == sorted(dated, key=lambda i: summaries[i].published, reverse=True)
        assert all(not summaries[i].published for i in newest[len(dated):])  # undated last
        await pilot.press("s")
        assert article_list.row_ids == sorted(oldest, key=lambda i: natural_key(summaries[i].title))
        await pilot.press("s")
        assert article_list.row_ids == oldest


async def test_o_opens_the_brief_url_when_it_has_one(reader, folder: Path, toasts) -> None:
    with Store(folder) as store:
        first = store.summaries()[0].id
        store.edit(first, url="https://example.com/brief")
    async with reader() as (app, pilot):
        opened: list[str] = []
        app.open_url = lambda url, **_kw: opened.append(url)  # the browser is the system's; record the call
        screen = app.screen
        screen.open_article(first)
        await pilot.press("o")
        assert opened == ["https://example.com/brief"]
        other = next(i for i in screen.query_one(ArticleList).row_ids if i != first)
        screen.open_article(other)
        assert screen.check_action("open_url", ()) is None  # no url: shown dimmed, nothing opens
        await pilot.press("o")
        assert opened == ["https://example.com/brief"]
