"""The compare groups a store keeps are brought up to date after a change by folding again only the
briefs it touched, and are then what grouping every brief gives: after date edits, removals, imports,
moves and merges, in this process and in the next."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from store import Store
from store.story.compare import compare_figures
from store.story.compare_index import COMPARE_FILE, SEGMENT_GLOB, CompareIndex

SOURCES = ["the Associated Press", "Reuters", "officials in Kyiv", "the regional governor", "AP"]
SHARED = (
    "Earlier in the week the health ministry said that 40 soldiers were killed and 120 were wounded when shelling hit the "
    "town's market, a figure local officials have not confirmed."
)
BRIEFS = 40


def write_briefs(folder: Path, numbers: range) -> Path:
    """Briefs of one story: counts of killed and wounded that recur from brief to brief, from a few
    sources over six days, a sum of money, and a paragraph every fourth brief repeats."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        text = (
            f"Clashes near the border, report {n}\n\nOn December {1 + n % 6}, 2024, {SOURCES[n % 5]} said {10 + n % 7} soldiers "
            f"were killed and {30 + n % 4} were wounded near the village.\n\n"
        )
        if n % 4 == 0:
            text += SHARED + "\n\n"
        text += f"Damage was put at ${n % 3 + 1} million by {SOURCES[(n + 2) % 5]}.\n"
        (folder / f"{n:03}.txt").write_text(text, encoding="utf-8")
    return folder


def table(groups) -> list:
    return [(group.to_record(), group.brief_count) for group in groups]


def every_brief_grouped(store: Store) -> list:
    return table(compare_figures(store.articles(), store.regrouping()))


def grouping(store: Store) -> tuple[list, list[tuple[int, int]]]:
    """The groups the store shows, and the progress it reported making them."""
    seen: list[tuple[int, int]] = []
    groups = table(store.compare(progress=lambda done, total: seen.append((done, total))))
    return groups, seen


@pytest.fixture
def story(tmp_path: Path):
    store = Store(tmp_path / "store")
    store.import_paths([write_briefs(tmp_path / "briefs", range(BRIEFS))])
    store.compare()
    yield store
    store.close()


def test_a_date_edit_folds_again_only_the_briefs_it_touched(story: Store) -> None:
    brief = story.listing().by_date()[0]
    story.edit(brief, date="2024-12-29")
    groups, seen = grouping(story)
    assert groups == every_brief_grouped(story)
    assert seen and all(total < BRIEFS for _, total in seen)  # some briefs read again, not the whole store
    assert next(row for group in story.compare() for row in group.rows if row.article_id == brief).published == "2024-12-29"


def test_the_groups_brought_up_to_date_are_saved_for_the_next_process(story: Store) -> None:
    story.edit(story.listing().by_date()[3], date="2024-11-30")
    made = table(story.compare())
    with Store(story.folder, readonly=True) as reader:
        groups, seen = grouping(reader)
    assert groups == made and seen == []  # read as saved: nothing folded


def test_a_copy_of_the_store_folder_keeps_its_saved_groups(story: Store, tmp_path: Path) -> None:
    made = table(story.compare())
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(story.folder), str(copy)], check=True)  # new inodes, new times
    with Store(copy, readonly=True) as reader:
        groups, seen = grouping(reader)
    assert groups == made and seen == []  # read as saved: nothing grouped again
    with Store(copy) as writer:
        writer.edit(writer.listing().by_date()[0], date="2024-12-29")
        groups, seen = grouping(writer)
        assert groups == every_brief_grouped(writer)
        assert seen and all(total < BRIEFS for _, total in seen)  # and a change is folded into them, not every brief grouped


def test_removals_moves_merges_and_undo_are_folded_in(story: Store) -> None:
    ids = story.listing().by_date()
    story.remove([ids[5], ids[6]])
    assert grouping(story)[0] == every_brief_grouped(story)
    killed = next(group for group in story.compare() if group.id == "killed")
    row = killed.rows[2]
    story.move_figure(row.article_id, row.figure.start, "wounded")
    assert grouping(story)[0] == every_brief_grouped(story)
    story.move_figure(killed.rows[0].article_id, killed.rows[0].figure.start, "disputed", new=True)
    assert grouping(story)[0] == every_brief_grouped(story)
    story.merge_groups("wounded", "killed")
    groups = grouping(story)[0]
    assert groups == every_brief_grouped(story) and "wounded" not in {record["id"] for record, _ in groups}
    story.undo()
    assert grouping(story)[0] == every_brief_grouped(story)
    story.undo()
    story.undo()
    assert grouping(story)[0] == every_brief_grouped(story)


def test_an_import_by_another_process_is_folded_in(story: Store, tmp_path: Path) -> None:
    more = tmp_path / "more"
    more.mkdir()
    for n in range(6):  # figures of values the story has not had: they touch no brief's rows but their own
        text = f"Fresh fighting, dispatch {n}\n\nRescuers in the north counted {500 + n} people killed overnight, the Red Cross said on December 7, 2024.\n"
        (more / f"{n}.txt").write_text(text, encoding="utf-8")
    with Store(story.folder) as other:
        other.import_paths([more])
    story.refresh()
    groups, seen = grouping(story)
    assert len(story.summaries()) == BRIEFS + 6
    assert groups == every_brief_grouped(story)
    assert seen and all(total < BRIEFS + 6 for _, total in seen)


def test_when_the_index_was_folded_between_every_brief_is_grouped(story: Store) -> None:
    story.edit(story.listing().by_date()[0], date="2024-12-29")
    base = story.folder / COMPARE_FILE
    if not base.exists():  # no fold yet: make the index as a fold leaves it, one base of every line
        with CompareIndex(story.folder).reading() as lines:
            body = b"".join(lines(i) or b"" for i in lines)
        base.write_bytes(b'{"format": "newsbrief-compare-index", "version": 3, "through": 99}\n' + body)
        for segment in story.folder.glob(SEGMENT_GLOB):
            segment.unlink()
    else:
        base.write_bytes(base.read_bytes())  # another file of the same lines
    groups, seen = grouping(story)
    assert groups == every_brief_grouped(story)
    assert (0, BRIEFS) in seen  # the whole store grouped


class Stop(Exception):
    pass


def test_stopping_a_refold_leaves_the_saved_groups_to_be_brought_up_to_date_later(story: Store) -> None:
    story.edit(story.listing().by_date()[0], date="2024-12-29")

    def stop(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        story.compare(progress=stop)
    groups, seen = grouping(story)
    assert groups == every_brief_grouped(story) and seen and all(total < BRIEFS for _, total in seen)


def test_a_change_that_touches_most_briefs_groups_every_brief(story: Store) -> None:
    story.merge_groups("wounded", "killed")  # every brief has figures in both: folding again is grouping all
    groups, seen = grouping(story)
    assert groups == every_brief_grouped(story)
    assert (0, BRIEFS) in seen
