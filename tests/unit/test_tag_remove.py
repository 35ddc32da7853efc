"""Store.remove_tag: out of the tag set and off every annotation, in one undoable change."""

from __future__ import annotations

from store import Store


def test_remove_tag_takes_it_off_every_annotation_and_undo_puts_all_back(seeded_store: Store) -> None:
    store = seeded_store
    brief = store.summaries()[0].id
    first, second = store.article(brief).sentences[:2]
    store.toggle_tag(brief, *first, "disputed")
    store.toggle_tag(brief, *first, "estimate")
    store.toggle_tag(brief, *second, "disputed")
    before = (store.tags(), store.annotations())

    assert store.remove_tag("Disputed") == 2  # found without regard to case; on two annotations
    assert "disputed" not in store.tags()
    assert [a.tags for a in store.annotations()] == [("estimate",)]

    assert store.undo() is not None
    assert (store.tags(), store.annotations()) == before
