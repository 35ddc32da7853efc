"""Tag colours: one list (tui.presentation.TAG_COLOURS) drives the reading pane's tint and gutter mark and the claim bar."""

from __future__ import annotations

from textual.color import Color

from tui.presentation import TAG_COLOURS, tag_colour, tag_text_style
from tui.widgets.claim_bar import ClaimBar
from tui.widgets.reading_pane import ReadingPane


def test_a_tag_gets_its_place_in_the_tag_set_and_wraps_after_six() -> None:
    tags = [f"tag {n}" for n in range(8)]
    assert [tag_colour(tags, label) for label in tags] == [0, 1, 2, 3, 4, 5, 0, 1]
    assert tag_colour(tags, "not in the set") == len(TAG_COLOURS) - 1


async def test_the_reading_pane_and_the_claim_bar_draw_a_tag_in_the_same_theme_colour(reader) -> None:
    async with reader() as (app, pilot):
        reading = app.screen.query_one(ReadingPane)
        variables = app.theme_variables
        for number, colour in enumerate(TAG_COLOURS):
            assert reading.get_component_styles(f"reading-pane--mark-{number}").color == Color.parse(variables[f"text-{colour}"])
            tint = reading.get_component_styles(f"reading-pane--tag-{number}").background
            assert tint == Color.parse(variables[colour]).multiply_alpha(0.18)
        await pilot.press("2")  # the second tag of the set: the second colour
        await pilot.pause()
        label = app.screen.store.tags()[1]
        described = app.screen.query_one(ClaimBar).describe()
        styles = {str(span.style) for span in described.spans if described.plain[span.start : span.end] == label}
        assert styles == {f"bold {tag_text_style(1)}"} and tag_text_style(1) == f"$text-{TAG_COLOURS[1]}"
        line = reading.line_of(app.screen.claim_span[0])
        mark = list(reading.render_line(line - int(reading.scroll_y)))[1]
        assert mark.text == "▍" and mark.style.color.triplet == Color.parse(variables["text-success"]).rich_color.triplet
