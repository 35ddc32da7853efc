"""Type-ahead: keys typed at once after the key that opens a dialog land in its field, never lost and
never taken by the reader behind it (a "2" of a date is not tag 2)."""

from __future__ import annotations

from pathlib import Path

from textual import events

from store import Store
from tui.screens.main import MainScreen


async def burst(app, pilot, keys: list[str]) -> None:
    """Every key handed to the app at once, as a fast typist or a paste does, then wait until all are handled."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
    for _ in range(10):
        await pilot.pause()


def dating(folder: Path, article_id: str) -> tuple[str | None, bool]:
    with Store(folder, readonly=True) as store:
        article = store.article(article_id)
    return article.published, article.published_inferred


async def test_a_date_typed_right_after_D_is_the_date_saved_and_no_digit_tags_the_claim(reader, folder, read_annotations) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_id = screen.article_id
        await burst(app, pilot, ["D", *"2024-12-16", "enter"])
        assert app.screen is screen, f"the dialog should have saved and closed, found {type(app.screen).__name__}"
        assert dating(folder, article_id) == ("2024-12-16", False)
        assert read_annotations(folder) == []  # "2", "0", "1", "6" went to the field, not to the tag keys


async def test_a_prefilled_date_is_replaced_by_what_is_typed_at_once(reader, folder) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        article_id = next(i for i in screen.article_list.row_ids if i.startswith("8f6b67fb"))  # dated 2024-12-19
        screen.article_list.show_article(article_id)
        await pilot.press("enter")
        await burst(app, pilot, ["D", *"2024-12-31", "enter"])
        assert dating(folder, article_id) == ("2024-12-31", False)


async def test_a_note_typed_right_after_n_is_saved_whole(reader, folder, read_annotations) -> None:
    async with reader() as (app, pilot):
        await burst(app, pilot, ["n", *"first casualty figure", "enter"])
        assert isinstance(app.screen, MainScreen)
        assert [a.note for a in read_annotations(folder)] == ["first casualty figure"]


async def test_a_tag_name_typed_right_after_t_creates_it_on_the_claim(reader, folder, read_annotations, read_tags) -> None:
    async with reader() as (app, pilot):
        span = app.screen.claim_span
        await burst(app, pilot, ["t", *"ceasefire", "enter"])
        assert isinstance(app.screen, MainScreen)
        assert "ceasefire" in read_tags(folder)
        assert [(a.span, a.tags) for a in read_annotations(folder)] == [(span, ("ceasefire",))]


async def test_esc_typed_at_once_cancels_the_dialog_it_follows(reader, folder, read_annotations) -> None:
    async with reader() as (app, pilot):
        await burst(app, pilot, ["n", *"dropped", "escape"])
        assert isinstance(app.screen, MainScreen)
        assert read_annotations(folder) == []
        await burst(app, pilot, ["2"])  # the reader has its keys again
        assert [a.tags for a in read_annotations(folder)] == [(app.screen.store.tags()[1],)]


async def test_X_then_y_typed_at_once_removes_the_brief(reader, folder) -> None:
    async with reader() as (app, pilot):
        gone = app.screen.article_id
        await burst(app, pilot, ["X", "y"])
        assert isinstance(app.screen, MainScreen)
        with Store(folder, readonly=True) as store:
            assert gone not in {s.id for s in store.summaries()}
