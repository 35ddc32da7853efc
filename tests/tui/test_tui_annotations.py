"""Every annotation is visible and reachable: listed in the claim bar when under the claim, a/A go to it,
x removes the one under the claim, and overlapping ones are each picked by name."""

from __future__ import annotations

from pathlib import Path

from store import Store
from store.model import Claim, story_order
from tui.dialogs.tag_picker import TagPicker
from tui.widgets.article_list import natural_key
from tui.widgets.claim_bar import ClaimBar


def first_listed(store: Store) -> str:
    """The brief the reader opens first: the top of the list in story order."""
    return min(store.summaries(), key=lambda s: (*story_order(s.published, s.not_before), natural_key(s.title))).id


def annotate_first_brief(folder: Path, spans: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Tag spans of the brief the reader opens first (as `newsbrief annotate --span` would): (id, sentences)."""
    with Store(folder) as store:
        first = first_listed(store)
        sentences = list(store.article(first).sentences)
        for start, end, tag in spans:
            store.toggle_tag(first, start, end, tag)
    return first, sentences


def sentences_of(folder: Path) -> list[tuple[int, int]]:
    with Store(folder, readonly=True) as store:
        return list(store.article(first_listed(store)).sentences)


async def test_an_annotation_that_is_not_the_claim_is_listed_reached_with_a_and_removed_with_x(reader, folder, read_annotations) -> None:
    sentences = sentences_of(folder)
    odd = (sentences[2][0] + 5, sentences[3][0] + 10)  # across two sentences, starting mid-sentence (made with --span)
    annotate_first_brief(folder, [(*odd, "disputed")])
    async with reader() as (app, pilot):
        screen = app.screen
        await pilot.press("right_square_bracket", "right_square_bracket")  # sentence 3: the annotation starts in it
        assert "also here: disputed" in screen.query_one(ClaimBar).describe().plain
        await pilot.press("left_square_bracket", "left_square_bracket", "a")  # from sentence 1, the next annotation
        assert screen.claim_span == odd and screen.claim == Claim(2, 3, *odd)
        assert "disputed" in screen.query_one(ClaimBar).describe().plain
        await pilot.press("A")  # none before it: the claim stays
        assert screen.claim_span == odd
        await pilot.press("x")
        assert read_annotations(folder) == []


async def test_overlapping_annotations_are_each_picked_and_x_removes_the_one_chosen(reader, folder, read_annotations) -> None:
    sentences = sentences_of(folder)
    whole = (sentences[1][0], sentences[1][1])
    part = (sentences[1][0], sentences[1][0] + 12)
    annotate_first_brief(folder, [(*whole, "casualties"), (*part, "disputed")])
    async with reader() as (app, pilot):
        screen = app.screen
        await pilot.press("right_square_bracket", "v")  # sentences 2-3: both annotations lie under it, neither is it
        assert len(screen.annotations_under_claim()) == 2
        await pilot.press("x")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, TagPicker)
        assert [label.split(". ", 1)[1] for label in picker.tags] == ["disputed", "casualties"]  # in text order: the part starts first
        await pilot.press("down", "enter")
        await pilot.pause()
        assert [(a.start, a.end, a.tags) for a in read_annotations(folder)] == [(*part, ("disputed",))]

        await pilot.press("i")  # one left under the claim: it becomes the claim at once
        assert screen.claim_span == part
        await pilot.press("1")
        (annotation,) = read_annotations(folder)
        assert annotation.span == part and annotation.tags == ("disputed", screen.store.tags()[0])


async def test_the_annotations_view_lists_every_annotation_filters_and_enter_opens_it_as_the_claim(
    reader, folder, posted, read_annotations, screen_text
) -> None:
    from tui.screens.annotations import AnnotationsScreen
    from tui.screens.main import MainScreen
    from tui.widgets.annotation_table import AnnotationTable

    with Store(folder) as store:
        briefs = sorted(store.summaries(), key=lambda s: s.source)
        last = store.article(briefs[-1].id)
        odd = (last.sentences[1][0] + 3, last.sentences[2][1])
        store.toggle_tag(briefs[0].id, *store.article(briefs[0].id).sentences[0], "estimate")
        store.toggle_tag(last.id, *odd, "disputed")
        store.set_note(last.id, *odd, "two sources disagree")
    messages, hook = posted
    async with reader(message_hook=hook) as (app, pilot):
        await pilot.press("L")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, AnnotationsScreen)
        table = view.query_one(AnnotationTable)
        assert table.row_count == 2 and "Annotations (2)" in screen_text(app)
        await pilot.press("slash", *"agree", "enter")  # the note's words
        await pilot.pause()
        assert table.row_count == 1 and "disputed · two sources disagree" in table.row_text(0)
        assert "Annotations (1 of 2)" in screen_text(app) and table.has_focus
        await pilot.press("enter")
        await pilot.pause()
        chosen = [m.annotation for m in messages if isinstance(m, AnnotationTable.Chosen)]
        assert chosen and chosen[0].span == odd
        main = app.screen
        assert isinstance(main, MainScreen) and main.article_id == last.id and main.claim_span == odd
        await pilot.press("x")  # the jump made it the claim: x removes exactly it
        assert [a.tags for a in read_annotations(folder)] == [("estimate",)]


async def test_the_tag_picker_renames_moves_and_deletes_tags_on_disk(reader, folder, read_annotations, read_tags) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        await pilot.press("5")  # "disputed" (key 5) on the claim
        assert [a.tags for a in read_annotations(folder)] == [("disputed",)]
        await pilot.press("t", *"disp")
        await pilot.press("ctrl+r", *"ed", "enter")  # ctrl+r prefills the name; "ed" is added to it
        await pilot.pause()
        assert "disputeded" in read_tags(folder) and [a.tags for a in read_annotations(folder)] == [("disputeded",)]
        picker = app.screen
        assert isinstance(picker, TagPicker)  # open again, to go on managing
        await pilot.press(*"disputeded", "ctrl+up")
        await pilot.pause()
        assert read_tags(folder).index("disputeded") == 3 and screen.tags[3] == "disputeded"
        await pilot.press(*"disputeded", "ctrl+d")
        await pilot.pause()
        assert "disputeded" not in read_tags(folder) and read_annotations(folder) == []
        await pilot.press("escape")
        await pilot.press("ctrl+z")  # the delete is undone: the tag and its annotation are back
        await pilot.pause()
        assert "disputeded" in read_tags(folder) and [a.tags for a in read_annotations(folder)] == [("disputeded",)]
