"""The catalog in columns (store version 3): an import appends to it instead of rewriting it, its
order is the list's order, a stale order is never shown, and other processes see its changes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from store import Store
from store.model import date_key, natural_key, story_order
from store.persist.shelf import VOLUME_BRIEFS
from store.persist.storage import identity_of

WORDS = ["troops", "ceasefire", "convoy", "talks", "shelling", "aid", "border", "drones"]


def write_briefs(folder: Path, numbers: range) -> Path:
    """Small briefs with titles that sort by number only when numbers sort by value, and a date each."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        day = 1 + n % 28
        text = f"Brief {n} on the {WORDS[n % len(WORDS)]}\n\nOn December {day}, 2024, {n + 3} people crossed at point {n}."
        (folder / f"{n:05}.txt").write_text(text, encoding="utf-8")
    return folder


def tuple_key(text: str) -> tuple[tuple[int, str | int], ...]:
    """The natural order as tuples, as the list sorted before the key became a string."""
    parts = re.split(r"(\d+)", text.casefold())
    return tuple((1, int(part)) if index % 2 else (0, part) for index, part in enumerate(parts))


@settings(max_examples=500)
@given(st.text(alphabet="ab Zé-0123456789", max_size=14), st.text(alphabet="ab Zé-0123456789", max_size=14))
def test_the_string_key_sorts_titles_as_the_tuple_key_did(a: str, b: str) -> None:
    assert (natural_key(a) < natural_key(b)) == (tuple_key(a) < tuple_key(b))
    assert (natural_key(a) == natural_key(b)) == (tuple_key(a) == tuple_key(b))


@settings(max_examples=300)
@given(st.sampled_from([None, "2024-12-01", "2024-12-10", "--12-03"]), st.sampled_from([None, "2024-11-30"]), st.text(alphabet="ab 12", max_size=6))
def test_the_date_key_is_the_story_order_then_the_title(published: str | None, not_before: str | None, title: str) -> None:
    other = ("2024-12-01", None, "a 2")
    assert (date_key(published, not_before, title) < date_key(*other)) == (
        (*story_order(published, not_before), tuple_key(title)) < (*story_order(other[0], other[1]), tuple_key(other[2]))
    )


def test_an_import_appends_to_the_catalog_and_the_list_order_is_kept(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.import_paths([write_briefs(tmp_path / "first", range(VOLUME_BRIEFS + 20))])
        segments = sorted((store_dir / "catalog").glob("*.json"))
        assert [p.name for p in segments] == ["00000.json", "00001.json"]
        full = identity_of(segments[0])
        store.import_paths([write_briefs(tmp_path / "second", range(VOLUME_BRIEFS + 20, VOLUME_BRIEFS + 40))])
        assert identity_of(segments[0]) == full  # the full segment is not written again
        listing = store.listing()
        assert len(listing) == VOLUME_BRIEFS + 40
        expected = sorted(listing, key=lambda i: (*story_order(listing[i].published, listing[i].not_before), tuple_key(listing[i].title)))
        assert listing.by_date() == expected
    with Store(store_dir, readonly=True) as again:  # read back from the head, not sorted
        assert again.listing().by_date() == expected


def test_an_order_left_stale_by_a_crash_is_not_shown(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.import_paths([write_briefs(tmp_path / "briefs", range(30))])
        expected = store.listing().by_date()
    head = store_dir / "catalog.json"
    data = json.loads(head.read_text())
    data["order"]["1"]["by_date"].reverse()  # an order computed from other segments than those on disk ...
    data["order"]["1"]["stamps"]["0"] = "an older stamp"
    head.write_text(json.dumps(data))
    with Store(store_dir, readonly=True) as store:
        assert store.listing().by_date() == expected  # ... is sorted again from the date keys


def test_another_process_sees_briefs_added_and_removed(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with Store(store_dir) as writer, Store(store_dir) as reader:
        writer.import_paths([write_briefs(tmp_path / "briefs", range(12))])
        assert reader.refresh().briefs and len(reader.listing()) == 12
        gone = reader.listing().by_date()[0]
        writer.remove([gone])
        assert reader.refresh().briefs
        assert gone not in reader.listing() and len(reader.listing().by_date()) == 11
        assert not reader.refresh().briefs  # nothing new since


def test_a_brief_read_alone_is_the_brief_its_volume_holds(tmp_path: Path) -> None:
    """The reader's first brief is cut out of its volume without parsing the rest: first, middle, last of a volume."""
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.import_paths([write_briefs(tmp_path / "briefs", range(VOLUME_BRIEFS + 5))])
        ids = list(store.listing())
    for article_id in [ids[0], ids[250], ids[VOLUME_BRIEFS - 1], ids[VOLUME_BRIEFS], ids[-1]]:
        with Store(store_dir, readonly=True) as alone, Store(store_dir, readonly=True) as whole:
            whole.find_articles(ids)  # every volume parsed
            assert alone.article(article_id) == whole.article(article_id)
