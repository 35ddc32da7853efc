"""Claims follow what the reader shows: every jump puts the claim on it, and the tag key then tags that, on disk."""

from __future__ import annotations

from store.model import Claim
from tui.screens.compare import CompareScreen
from tui.screens.main import MainScreen
from tui.widgets.compare_table import CompareTable, FigureRow
from tui.widgets.figures_panel import FiguresPanel


def covers(span: tuple[int, int] | None, offset: int) -> bool:
    return span is not None and span[0] <= offset < span[1]


async def test_a_compare_row_opens_the_brief_with_the_claim_on_its_figure_and_1_tags_that(reader, posted, read_annotations, folder) -> None:
    messages, hook = posted
    async with reader(message_hook=hook) as (app, pilot):
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one(CompareTable)
        first_sentence_ends = {s.id: app.store.article(s.id).sentences[0][1] for s in app.store.summaries()}
        table.move_to(next(i for i in range(table.row_count) if isinstance(r := table.row(i), FigureRow) and r.start >= first_sentence_ends[r.article_id]))
        row = table.row(table.cursor)  # a figure past its brief's first sentence, where the claim starts
        await pilot.press("enter")
        await pilot.pause()
        assert [(m.article_id, m.start) for m in messages if isinstance(m, CompareTable.Chosen)][:1] == [(row.article_id, row.start)]
        main = app.screen
        assert isinstance(main, MainScreen) and main.article_id == row.article_id
        assert covers(main.claim_span, row.start)
        await pilot.press("1")
        (annotation,) = read_annotations(folder)
        assert annotation.article_id == row.article_id and annotation.start <= row.start < annotation.end


async def test_moving_in_the_figures_panel_and_f_move_the_claim_to_the_figure(reader) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        figures = screen.article.figures
        far = next(i for i, f in enumerate(figures) if screen.article.sentence_at(f.start) not in (None, 0))
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, FiguresPanel)
        await pilot.press(*["j"] * (far + 1))
        await pilot.pause()
        assert screen.figure_index == far and covers(screen.claim_span, figures[far].start)
        await pilot.press("shift+tab", "F")  # from the reading pane, the previous figure: the claim follows
        assert screen.figure_index == far - 1 and covers(screen.claim_span, figures[far - 1].start)


async def test_an_extended_claim_stays_while_f_steps_through_its_own_figures(reader) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        inside: list[int] = []
        for _ in range(6):  # extend the claim until it holds two figures
            await pilot.press("v")
            inside = [i for i, f in enumerate(screen.article.figures) if covers(screen.claim_span, f.start)]
            if len(inside) >= 2:
                break
        claim = screen.claim
        assert len(inside) >= 2 and claim.last > claim.first
        await pilot.press("f", "f")
        assert screen.figure_index == inside[1] and screen.claim == claim


async def test_v_V_w_W_and_z_shape_the_claim_and_the_tag_lands_on_that_span(reader, read_annotations, folder) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        sentences = screen.article.sentences
        await pilot.press("v", "v", "V")
        assert screen.claim == Claim(0, 1)
        await pilot.press("W")  # one word off the end
        start, end = screen.claim_span
        assert start == sentences[0][0] and sentences[1][0] < end < sentences[1][1]
        assert screen.article.text[end:].startswith(" ")
        await pilot.press("1")
        (annotation,) = read_annotations(folder)
        assert (annotation.start, annotation.end) == (start, end)
        assert "part of sentences 1–2" in str(screen.query_one("#claim-line").render())

        await pilot.press("f", "f", "z")  # the second figure, then the claim narrowed to it
        figure = screen.article.figures[1]
        assert screen.claim_span == (figure.start, figure.end)
        await pilot.press("2")
        on_disk = {(a.start, a.end): a.tags for a in read_annotations(folder)}
        assert on_disk[(figure.start, figure.end)] == (screen.store.tags()[1],)
        await pilot.press("V")  # back to its whole sentence
        sentence = screen.article.sentence_at(figure.start)
        assert screen.claim == Claim(sentence, sentence)
