"""The footer at 80, 120 and 200 columns: the focused pane's keys, most useful first, each whole; when
they do not all fit, the line ends with "… more", which opens help, where every key of the pane is."""

from __future__ import annotations

import pytest

from tui.screens.help import HelpScreen, help_rows
from tui.widgets.footer import KeyFooter, footer_items


async def settled(app, pilot) -> KeyFooter:
    """The footer once it shows the focused pane's keys (it redraws after the refresh that follows a focus change)."""
    footer = app.screen.query_one(KeyFooter)
    for _ in range(200):  # up to 10 s: 2 s was too short for the footer on a slow machine (CI at 03bbc10, the compare view's)
        await pilot.pause(0.05)
        if footer.items == footer_items(app.screen):
            break
    return footer


@pytest.mark.parametrize("width,height", [(80, 24), (120, 40), (200, 60)])
async def test_the_footer_shows_whole_keys_and_more_opens_help_with_the_rest(reader, screen_lines, width: int, height: int) -> None:
    async with reader(size=(width, height)) as (app, pilot):
        screen = app.screen
        for pane in ("list", "reading"):
            if pane == "reading":
                await pilot.press("tab")
            footer = await settled(app, pilot)
            line = screen_lines(app)[-1]
            shown, every = footer.shown, footer.items
            assert [item.description for item in shown][:2] == ["help", "palette"]  # most useful first: help, then the rest by rank
            assert shown == [item for item in every if item in shown]  # in rank order
            if len(shown) < len(every):  # short of room: the keys that work now, up to where the line is full
                assert shown == [item for item in every if item.enabled][: len(shown)]
            for item in shown:
                assert f" {item.display} {item.description} " in line + " "  # each whole on the line
            if len(shown) < len(every):
                assert line.rstrip().endswith("… more")
                hidden = {item.description for item in every[len(shown) :]}
                assert hidden
            else:
                assert "… more" not in line
            assert ("sort" in {item.description for item in every}) == (pane == "list")  # the focused pane's keys
        help_texts = {row.text for row in help_rows(screen, screen.panes())}
        assert "Mark the open brief reviewed, or not reviewed any more" in help_texts
        if len(footer.shown) < len(footer.items):
            await pilot.click(KeyFooter, offset=(screen_lines(app)[-1].index("… more") + 2, 0))  # on "… more"
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)


async def test_at_200_columns_every_key_of_the_list_fits_and_at_80_the_most_used_do(reader) -> None:
    async with reader(size=(200, 60)) as (app, pilot):
        assert app.screen.focused is app.screen.article_list
        wide = [item.description for item in (await settled(app, pilot)).shown]
    async with reader(size=(80, 24)) as (app, pilot):
        assert app.screen.focused is app.screen.article_list
        narrow = [item.description for item in (await settled(app, pilot)).shown]
    assert narrow == wide[: len(narrow)] and len(narrow) < len(wide)
    assert {"help", "sort", "tag filter", "unreviewed"} <= set(narrow)  # the list's own keys first, where the list has focus
    assert "clear filter" not in narrow  # dimmed (no filter to clear): left out when room is short
