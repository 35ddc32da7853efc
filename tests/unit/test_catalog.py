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
from store.persist.catalog import FIRST_PAGE
from store.persist.date_order import order_after, sorted_positions
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


def listed_files(store_dir: Path) -> dict[int, str]:
    return {number: file for number, file, _ in json.loads((store_dir / "catalog.json").read_text())["catalog"]["1"]["segments"]}


def test_an_import_appends_to_the_catalog_and_the_list_order_is_kept(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.import_paths([write_briefs(tmp_path / "first", range(VOLUME_BRIEFS + 20))])
        files = listed_files(store_dir)
        assert sorted(files) == [0, 1]
        full = identity_of(store_dir / "catalog" / files[0])
        store.import_paths([write_briefs(tmp_path / "second", range(VOLUME_BRIEFS + 20, VOLUME_BRIEFS + 40))])
        assert listed_files(store_dir)[0] == files[0] and identity_of(store_dir / "catalog" / files[0]) == full  # the full segment is not written again
        assert listed_files(store_dir)[1] != files[1]  # the last one is written anew
        listing = store.listing()
        assert len(listing) == VOLUME_BRIEFS + 40
        expected = sorted(listing, key=lambda i: (*story_order(listing[i].published, listing[i].not_before), tuple_key(listing[i].title)))
        assert listing.by_date() == expected
    with Store(store_dir, readonly=True) as again:  # read back from the head, not sorted
        assert again.listing().by_date() == expected


def test_a_segment_written_by_a_write_cut_short_is_not_listed_and_goes_at_the_next_write(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.import_paths([write_briefs(tmp_path / "briefs", range(30))])
        expected = store.listing().by_date()
    stray = store_dir / "catalog" / "00000-0123456789ab.json"  # what a crash before the head's rename leaves
    stray.write_bytes((store_dir / "catalog" / listed_files(store_dir)[0]).read_bytes().replace(b"Brief 1 ", b"Changed 1 "))
    with Store(store_dir) as store:
        assert store.listing().by_date() == expected and not [s for s in store.summaries() if s.title.startswith("Changed")]
        store.import_paths([write_briefs(tmp_path / "more", range(30, 32))])
        assert not stray.exists()


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


def test_a_reader_two_writes_behind_still_reads_the_list(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with Store(store_dir) as writer:
        writer.import_paths([write_briefs(tmp_path / "briefs", range(12))])
        with Store(store_dir, readonly=True) as reader:
            first = reader.listing().by_date()[0]
            for batch in (range(12, 14), range(14, 16)):  # the segment the reader's head names is gone after the second
                writer.import_paths([write_briefs(tmp_path / f"more-{batch.start}", batch)])
            assert reader.listing()[first].title == writer.listing()[first].title
            assert reader.refresh().briefs and len(reader.listing()) == 16


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


def test_the_first_rows_of_the_list_come_from_the_head_as_their_segments_have_them(tmp_path: Path) -> None:
    """The head carries the summaries first in the list's order: the reader's first screen reads no
    segment, and after edits that move briefs in and out of that page its rows are still the segments'."""
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.import_paths([write_briefs(tmp_path / "briefs", range(VOLUME_BRIEFS + 200))])
        order = store.listing().by_date()
        store.edit(order[0], date="2031-05-01")  # out of the first page (the list's order is the story's: oldest first)
        store.edit(order[-1], date="2019-03-01")  # into it
        store.remove([order[1]])
    with Store(store_dir, readonly=True) as whole:
        listing = whole.listing()
        every = dict(listing.items())  # built from every segment
        expected = [every[article_id] for article_id in listing.by_date()[:FIRST_PAGE]]
    with Store(store_dir, readonly=True) as reader:
        for segment in (store_dir / "catalog").iterdir():
            segment.unlink()  # after the open: what the first rows need is in the head
        listing = reader.listing()
        assert [listing.summary_at(position) for position in listing.date_order()[:FIRST_PAGE]] == expected
    assert expected[0].published == "2019-03-01" and order[0] not in {s.id for s in expected} and order[1] not in every


def test_a_head_without_its_first_page_is_read_from_the_segments(tmp_path: Path) -> None:
    """A head an older newsbrief wrote has no first page: the list is the same, read from the segments."""
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.import_paths([write_briefs(tmp_path / "briefs", range(40))])
        listing = store.listing()
        expected = [listing.summary_at(position) for position in listing.date_order()]
    head = json.loads((store_dir / "catalog.json").read_text())
    del head["catalog"]["1"]["first"]
    (store_dir / "catalog.json").write_text(json.dumps(head))
    with Store(store_dir, readonly=True) as reader:
        listing = reader.listing()
        assert [listing.summary_at(position) for position in listing.date_order()] == expected


DAY_KEYS = st.sampled_from(["02024-12-01", "02024-12-02", "02024-12-03", "12024-12-02", "2"]).flatmap(
    lambda day: st.sampled_from(["a", "b", ""]).map(lambda title: f"{day}\x00{title}")
)  # few distinct keys, so equal keys (whose order is catalog order) are common


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(DAY_KEYS, max_size=40), added=st.lists(DAY_KEYS, max_size=20), changed=st.none() | st.integers(0, 39), new_key=DAY_KEYS
)
def test_the_order_after_a_write_is_the_full_sort_whether_merged_or_not(before: list[str], added: list[str], changed: int | None, new_key: str) -> None:
    keys = before + added
    if changed is not None and changed < len(before):
        keys[changed] = new_key  # a brief's date edited: no longer an append, and maybe equal to others' now
    assert order_after((before, sorted_positions(before)), keys) == sorted_positions(keys)
    assert order_after(None, keys) == sorted_positions(keys)
