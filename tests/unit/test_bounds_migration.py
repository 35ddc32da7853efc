"""A store imported before undated briefs got "not before" bounds gets them the first time it is
opened for writing: once, with progress, a backup kept until it has finished."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from store import Store
from store.library.bounds import BACKUP_FOLDER, MARK_FILE

from checkout import with_seeds

BOUNDED = {"881b00be": "2024-12-16", "382c7d5c": "2024-12-17"}  # seeds 000 and 004


def as_an_older_newsbrief_left_it(folder: Path) -> None:
    """The seeds' store with every bound taken off its briefs, and no mark: what an import by the
    newsbrief before bounds wrote (the catalog, the volumes and the compare index without them)."""
    with Store(folder) as store, store._writing():
        store.library.rewrite([dataclasses.replace(a, not_before=None) for a in store.articles() if a.not_before])
    (folder / MARK_FILE).unlink()


def bounds(folder: Path) -> dict[str, str | None]:
    with Store(folder, readonly=True) as store:
        return {s.id[:8]: s.not_before for s in store.summaries() if s.id[:8] in BOUNDED}


def test_an_older_store_gets_its_bounds_once_with_progress_and_sorts_by_them(tmp_path: Path) -> None:
    folder = with_seeds(tmp_path / "store")
    before = bounds(folder)
    as_an_older_newsbrief_left_it(folder)
    assert bounds(folder) == dict.fromkeys(BOUNDED)  # read-only opens change nothing
    told: list[tuple[int, int]] = []
    said: list[str] = []
    with Store(folder, upgrading=lambda done, total: told.append((done, total)), on_wait=said.append) as store:
        assert {s.id[:8]: s.not_before for s in store.summaries() if s.id[:8] in BOUNDED} == BOUNDED == before
        article = store.article(store.resolve("881b00be"))
        assert article.not_before == "2024-12-16"  # in the brief's volume too, not only in the catalog
        by_story = [row.article_id[:8] for group in store.compare() if group.id == "casualties" for row in group.rows]
    assert told[0] == (0, 3) and told[-1] == (3, 3)  # the three undated seeds looked at
    assert len(said) == 1 and "3 undated briefs" in said[0]
    assert by_story.index("881b00be") < by_story.index("382c7d5c")  # the story ordered by the bounds
    assert (folder / MARK_FILE).is_file() and not (folder / BACKUP_FOLDER).exists()
    told.clear()
    with Store(folder, upgrading=lambda done, total: told.append((done, total))):
        pass
    assert told == []  # once


def test_a_crash_part_way_keeps_the_backup_and_the_next_open_finishes(tmp_path: Path) -> None:
    folder = with_seeds(tmp_path / "store")
    as_an_older_newsbrief_left_it(folder)
    catalog_before = (folder / "catalog.json").read_bytes()

    def crash(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Store(folder, upgrading=crash)
    assert (folder / BACKUP_FOLDER / "catalog.json").read_bytes() == catalog_before  # the store as it was
    assert not (folder / MARK_FILE).exists()
    with Store(folder):
        pass
    assert bounds(folder) == BOUNDED
    assert not (folder / BACKUP_FOLDER).exists()
