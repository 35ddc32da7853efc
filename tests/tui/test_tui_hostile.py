"""Text is data: markup, escapes, control characters, RTL and emoji in a brief show literally in every pane."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Store
from store.record.annotation_files import shard_of
from tui.app import create_app
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.claim_bar import ClaimBar
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.reading_pane import ReadingPane

TITLE = "[bold]x[/] [@click=app.quit]quit[/] [$accent]v \x1b[31mred"
BODY = (
    "Officials said [bold]12 soldiers[/] died and [@click=app.quit]click here[/] for 30 more.\n\n"
    "An escape \x1b[31mred\x1b[0m and a bell\x07 and a [link=https://example.com]link[/link], tab\there.\n\n"
    "עברית: 40 חיילים נהרגו. Emoji 👩‍👩‍👧 and 🇺🇦 count 5 drones.   Many    spaces."
)
FILE_NAME = "[b]hostile[@click=app.quit].txt"


@pytest.fixture
def hostile_store(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "store"
    source = tmp_path / FILE_NAME
    source.write_text(TITLE + "\n\n" + BODY, encoding="utf-8")
    with Store(folder) as store:
        store.import_seeds()
        report = store.import_paths([source])
        assert not report.errors, report.errors
    return folder, report.added[0]


async def open_hostile(app, article_id: str, pilot) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.query_one(ArticleList).show_article(article_id)
    await pilot.press("enter")
    await pilot.pause()
    assert screen.article_id == article_id
    return screen


async def test_hostile_brief_renders_literally_in_every_pane(hostile_store: tuple[Path, str], screen_text) -> None:
    folder, article_id = hostile_store
    app = create_app(folder)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        screen = await open_hostile(app, article_id, pilot)

        # the list: title and source as written, the ESC as a visible placeholder
        article_list = screen.query_one(ArticleList)
        row = article_list.row_ids.index(article_id)
        title_line = article_list.render_line(row * 2 - int(article_list.scroll_y)).text
        meta_line = article_list.render_line(row * 2 + 1 - int(article_list.scroll_y)).text
        assert "[bold]x[/] [@click=app.quit]quit[/]" in title_line
        assert "\x1b" not in title_line and "[b]hosti" in meta_line

        # the reading pane: every line as drawn
        reading = screen.query_one(ReadingPane)
        drawn = "\n".join(reading.render_line(y).text for y in range(reading.line_count))
        flat = " ".join(drawn.split())
        assert "[bold]12 soldiers[/]" in flat
        assert "[@click=app.quit]click here[/]" in flat
        assert "␛[31mred␛[0m" in flat and "bell␇" in flat
        assert "[link=https://example.com]link[/link]" in flat
        assert "עברית" in flat and "👩‍👩‍👧" in flat
        assert not any(ord(c) < 32 and c != "\n" for c in drawn)

        # the whole screen: the title in the reading pane's border, the claim bar, the figures
        text = screen_text(app)
        assert "[bold]x[/]" in text
        assert "␛" in text
        assert "\x1b" not in text
        claim_bar = screen.query_one(ClaimBar)
        assert "Claim" in claim_bar.describe().plain
        panel = screen.query_one(FiguresPanel)
        assert panel.row_count == len(screen.article.figures)

        # clicking on the [@click=app.quit] text runs nothing
        click_line = next(y for y in range(reading.line_count) if "[@click" in reading.line_text(y))
        column = 3 + reading.line_text(click_line).index("[@click") + 2
        await pilot.click(ReadingPane, offset=(column + 1, click_line + 1))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.screen is screen
        start, end = screen.claim_span  # the click landed on that sentence and made it the claim
        assert start <= screen.article.text.index("[@click") < end


async def test_hostile_tag_note_and_notifications_stay_literal(hostile_store: tuple[Path, str], toasts, read_annotations, read_tags) -> None:
    folder, article_id = hostile_store
    app = create_app(folder)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        screen = await open_hostile(app, article_id, pilot)
        label = "[bold]t[/] [@click=app.quit]"
        await pilot.press("t", *label, "enter")
        await pilot.pause()
        assert label in read_tags(folder)
        assert [a.tags for a in read_annotations(folder)] == [(label,)]
        assert any(label in toast for toast in toasts(app))
        assert label in screen.query_one(ClaimBar).describe().plain

        note = "[red]note[/] \\[x] [$foo]"
        await pilot.press("n", *note, "enter")
        await pilot.pause()
        assert [a.note for a in read_annotations(folder)] == [note]
        assert note in screen.query_one(ClaimBar).describe().plain

        # the tag picker shows the label literally
        await pilot.press("t")
        await pilot.pause()
        options = app.screen.query_one("#tag-options")
        prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        assert any(label in getattr(p, "plain", str(p)) for p in prompts)
        await pilot.press("escape")

        # the export dialog shows a hostile path literally and reports it literally
        await pilot.press("e")
        await pilot.pause()
        target = folder / "[bold]out[$accent].json"
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.exists()
        assert any(str(target) in toast for toast in toasts(app))
        assert app.is_running


async def test_a_one_megabyte_line_opens_and_scrolls(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    source = tmp_path / "long-line.txt"
    source.write_text("Long line with 7 figures " + "word " * 200_000 + "and 9 more.", encoding="utf-8")
    with Store(folder) as store:
        store.import_seeds()
        (article_id,) = store.import_paths([source]).added
    app = create_app(folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        screen = await open_hostile(app, article_id, pilot)
        reading = screen.query_one(ReadingPane)
        assert reading.line_count > 1000
        await pilot.press("tab", "end", "F")
        await pilot.pause()
        assert reading.scroll_y > 1000
        assert app.is_running


async def test_a_damaged_brief_record_is_one_notice_and_the_others_still_open(tmp_path: Path, toasts) -> None:
    folder = tmp_path / "store"
    with Store(folder) as store:
        store.import_seeds()
        first, *others = store.listing().by_date()
    volume = folder / "volumes" / "00000.json"
    data = json.loads(volume.read_text(encoding="utf-8"))
    next(record for record in data["articles"].values() if record["id"] == first)["sentences"] = "x"
    volume.write_text(json.dumps(data), encoding="utf-8")
    app = create_app(folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article_id is None  # the first brief, damaged, is not shown
        [notice] = toasts(app)
        assert f"{volume}: brief {first!r}: field 'sentences' is a string; expected a list" in notice
        await open_hostile(app, others[0], pilot)
        assert app.is_running


async def test_a_damaged_annotation_shard_is_a_notice_where_it_is_needed_and_the_reader_still_opens(tmp_path: Path, toasts) -> None:
    """The list's tag counts come from the annotations head, so the reader opens on a store with a
    damaged shard; each place that needs that shard says so in one line and changes nothing."""
    folder = tmp_path / "store"
    with Store(folder) as store:
        store.import_seeds()
        first, *others = store.listing().by_date()
        tagged = next(i for i in others if shard_of(i) != shard_of(first))
        store.toggle_tag(tagged, *store.article(tagged).sentences[0], "casualties")
    [shard] = (folder / "annotations").glob(f"{shard_of(tagged):02}-*.json")
    shard.write_text(shard.read_text(encoding="utf-8").replace('"start":', '"begin":'), encoding="utf-8")
    refusal = f"{shard}: annotation 1: no field 'start'"
    app = create_app(folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article_id == first and toasts(app) == []
        articles = screen.query_one(ArticleList)
        summary = articles.summary(tagged)
        assert summary is not None and summary.tag_count == 1  # counted from the head, the shard unread

        articles.show_article(tagged)
        await pilot.press("enter")  # open the brief of the damaged shard
        await pilot.pause()
        assert screen.article_id == first and refusal in toasts(app)[-1]
        for keys in (["L"], ["T", *"casualties", "enter"], ["X"]):  # every annotation; the tag filter; remove the brief (counts its annotations)
            shown = len(toasts(app))
            await pilot.press(*keys)
            await pilot.pause()
            assert app.screen is screen and len(toasts(app)) == shown + 1 and refusal in toasts(app)[-1], keys
        assert screen.tag_filter is None and app.is_running
    assert shard.read_text(encoding="utf-8").count('"begin":') == 1  # left as it is
