"""The list's count of tagged claims per brief comes from the annotations head, so opening the list
reads no annotation shard; a head without the counts (an older newsbrief wrote it) is counted from
the shards, and the next write puts the counts back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store import Store
from store.errors import StoreError
from store.record.annotation_files import ANNOTATIONS_FILE, SHARD_FOLDER, shard_of


def tag_counts(folder: Path) -> dict[str, int]:
    store = Store(folder, readonly=True)
    try:
        return {summary.id: summary.tag_count for summary in store.summaries() if summary.tag_count}
    finally:
        store.close()


def tag_three_briefs(store: Store) -> tuple[str, str, str]:
    """Brief a: two tagged claims and a note without a tag; b: one claim tagged, then untagged; c: one, removed with its brief."""
    a, b, c = (summary.id for summary in store.summaries()[:3])
    first, second, third = store.article(a).sentences[:3]
    store.toggle_tag(a, *first, "casualties")
    store.toggle_tag(a, *second, "disputed")
    store.set_note(a, *third, "check the ministry's figure")
    sentence = store.article(b).sentences[0]
    store.toggle_tag(b, *sentence, "estimate")
    store.toggle_tag(b, *sentence, "estimate")
    store.toggle_tag(c, *store.article(c).sentences[0], "estimate")
    store.remove([c])
    return a, b, c


Damage = Callable[[dict[str, Any]], object]


def edit_head(folder: Path, change: Damage) -> None:
    path = folder / ANNOTATIONS_FILE
    head = json.loads(path.read_text(encoding="utf-8"))
    change(head["shards"]["1"])
    path.write_text(json.dumps(head), encoding="utf-8")


def test_the_list_counts_tagged_claims_without_reading_a_shard(seeded_store: Store, store_dir: Path) -> None:
    a, _, _ = tag_three_briefs(seeded_store)
    seeded_store.close()
    assert tag_counts(store_dir) == {a: 2}

    # The shard of brief a damaged: the list still opens with its count, and only that brief's annotations are refused
    for shard in (store_dir / SHARD_FOLDER).glob(f"{shard_of(a):02}-*.json"):
        shard.write_text("{not json", encoding="utf-8")
    assert tag_counts(store_dir) == {a: 2}
    store = Store(store_dir, readonly=True)
    with pytest.raises(StoreError, match=f"{shard_of(a):02}-"):
        store.annotations(a)
    store.close()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda shards: shards.pop("tagged"), id="no counts, as an older newsbrief writes the head"),
        pytest.param(lambda shards: shards.update(tagged={"7": {"0123456789abcdef": "two"}}), id="a count that is not a number"),
        pytest.param(lambda shards: shards.update(tagged=[1, 2]), id="counts that are not an object"),
    ],
)
def test_a_head_without_usable_counts_is_counted_from_the_shards_and_the_next_write_mends_it(seeded_store: Store, store_dir: Path, damage: Damage) -> None:
    a, b, _ = tag_three_briefs(seeded_store)
    seeded_store.close()
    edit_head(store_dir, damage)
    assert tag_counts(store_dir) == {a: 2}

    store = Store(store_dir)
    store.toggle_tag(b, *store.article(b).sentences[1], "casualties")
    store.close()
    tagged = json.loads((store_dir / ANNOTATIONS_FILE).read_text(encoding="utf-8"))["shards"]["1"]["tagged"]
    expected: dict[str, dict[str, int]] = {}
    for brief, count in ((a, 2), (b, 1)):
        expected.setdefault(str(shard_of(brief)), {})[brief] = count
    assert tagged == expected
    assert tag_counts(store_dir) == {a: 2, b: 1}
