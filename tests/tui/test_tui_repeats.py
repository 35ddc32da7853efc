"""Repeated paragraphs in the reader: dimmed under an "also in" line, folded away by `r`, and marked
in the figures panel."""

from __future__ import annotations

from pathlib import Path

from store import Store
from tui.presentation import describe_date
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.reading_pane import ReadingPane


def a_brief_with_repeats(folder: Path) -> tuple[str, dict, dict]:
    """(id, article, the brief it repeats) for a seed that repeats an earlier seed's paragraphs."""
    with Store(folder) as store:
        store.import_seeds()
        for summary in store.summaries():
            article = store.article(summary.id)
            earlier = next((p.repeated_from for p in article.paragraphs if p.repeated_from), None)
            if earlier:
                return summary.id, article, store.article(earlier)
    raise AssertionError("no seed repeats another")


async def open_brief(app, pilot, article_id: str):
    """Open a brief from the list as a user would (cursor on it, enter); the main screen."""
    screen = app.screen
    screen.article_list.show_article(article_id)
    await pilot.press("enter")
    await pilot.pause()
    assert screen.article_id == article_id
    return screen


async def test_repeated_paragraphs_are_dimmed_named_and_folded_by_r(tmp_path: Path, toasts, reader) -> None:
    folder = tmp_path / "store"
    article_id, article, earlier = a_brief_with_repeats(folder)
    repeated = [p for p in article.paragraphs if p.repeated_from]
    async with reader(folder) as (app, pilot):
        screen = await open_brief(app, pilot, article_id)
        reading = screen.query_one(ReadingPane)
        notes = [line for line in range(reading.line_count) if reading.line_text(line).startswith("↻")]
        assert len(notes) == len(repeated)
        assert all(f"also in {describe_date(earlier)} · {earlier.title[:20]}" in reading.line_text(n) for n in notes)
        # the paragraph's own lines follow its note, dimmed; the brief's own paragraphs are not
        first = repeated[0]
        first_line = reading.line_of(first.start)
        assert first_line == notes[0] + 1 and reading.is_dimmed(first_line)
        assert reading.line_text(first_line) in article.text[first.start : first.end]
        own = next(p for p in article.paragraphs if not p.repeated_from)
        assert not reading.is_dimmed(reading.line_of(own.start))
        shown_lines = reading.line_count

        await pilot.press("r")
        await pilot.pause()
        assert "hidden" in toasts(app)[-1]
        hidden_notes = [line for line in range(reading.line_count) if reading.line_text(line).startswith("↻")]
        assert len(hidden_notes) == len(repeated) and "lines hidden (r shows)" in reading.line_text(hidden_notes[0])
        assert reading.line_count < shown_lines
        assert not any(first.start < reading.line_span(line)[0] < first.end for line in range(reading.line_count))
        assert reading.line_of(first.start + 5) == hidden_notes[0]  # offsets inside land on the note

        await pilot.press("r")
        await pilot.pause()
        assert reading.line_count == shown_lines


async def test_figures_in_repeated_paragraphs_are_marked_in_the_panel(tmp_path: Path, reader) -> None:
    folder = tmp_path / "store"
    article_id, article, _ = a_brief_with_repeats(folder)
    spans = [(p.start, p.end) for p in article.paragraphs if p.repeated_from]
    async with reader(folder) as (app, pilot):
        screen = await open_brief(app, pilot, article_id)
        panel = screen.query_one(FiguresPanel)
        marks = [panel.figure_text(row).startswith("↻") for row in range(panel.row_count)]
        expected = [any(s <= f.start < e for s, e in spans) for f in article.figures]
        assert marks == expected and any(expected) and not all(expected)


async def test_r_does_nothing_on_a_brief_without_repeats(tmp_path: Path, toasts, reader) -> None:
    folder = tmp_path / "store"
    with Store(folder) as store:
        store.import_seeds()
        first = next(s.id for s in store.summaries() if not any(p.repeated_from for p in store.article(s.id).paragraphs))
    async with reader(folder) as (app, pilot):
        screen = await open_brief(app, pilot, first)
        lines = screen.reading_pane.line_count
        await pilot.press("r")
        await pilot.pause()
        assert screen.reading_pane.line_count == lines
        assert not any("repeated" in toast for toast in toasts(app))


async def test_a_brief_with_repeats_opens_at_its_first_line(tmp_path: Path, reader) -> None:
    folder = tmp_path / "store"
    article_id, _, _ = a_brief_with_repeats(folder)
    with Store(folder) as store:  # make it the brief the reader opens first
        store.edit(article_id, date="2000-01-01")
    async with reader(folder) as (app, _pilot):
        screen = app.screen
        assert screen.article_id == article_id
        assert screen.reading_pane.scroll_y == 0
        assert screen.reading_pane.line_span(0)[0] <= screen.claim_span[0] < screen.reading_pane.line_span(1)[1]
