"""Every listed brief's compare entry in story order, as grouping takes them (`compare_entries`).

The entries are read a line at a time from the compare index (`IndexLines`), so that grouping holds
only the rows it keeps. A brief the index lacks, or holds as it was before a change (an index
written by an older newsbrief, a crash between the shelf's write and the index's), is read again
from its shard first, with progress, and written back to the index in a writable store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from store.library.library import Library, Writing
from store.model import Summary
from store.story.compare import Placed, story_ranks
from store.story.compare_index import CompareEntry, entry_of
from store.story.index_lines import IndexLines

READ_BATCH = 500  # briefs read from their shards between two progress reports


def mended_entries(
    library: Library,
    lines: IndexLines,
    writing: Writing | None,
    progress: Callable[[int, int], None] | None = None,
    among: Iterable[str] | None = None,
) -> dict[str, CompareEntry]:
    """The entries of listed briefs (`among` these, when given) the index lacks or holds as they were,
    read from their shards (`progress(done, total)`, which may raise to stop) and, given `writing`,
    written to the index under the lock if they still fit the catalog once others' writes are read."""
    summaries = library.summaries()
    if among is None:
        stale = [i for i, summary in summaries.items() if not lines.fits(summary)]
    else:
        stale = [i for i in among if i in summaries and not lines.fits(summaries[i])]
    fresh: dict[str, CompareEntry] = {}
    for at in range(0, len(stale), READ_BATCH):
        if progress:
            progress(at, len(stale))
        fresh.update((article.id, entry_of(article)) for article in library.get_many(stale[at : at + READ_BATCH]).values())
    if fresh and writing is not None:
        with writing():
            listed = library.summaries()
            library.compare_index.write([e for e in fresh.values() if e.id in listed and e.fits(listed[e.id])])
    return fresh


def story_entries(library: Library, summaries: Mapping[str, Summary], lines: IndexLines, fresh: Mapping[str, CompareEntry]) -> Iterator[Placed]:
    """Each listed brief's place in the catalog and its entry, in story order, parsed as they are
    taken; a damaged line's brief is read from its shard."""
    listed = list(summaries.values())
    for place in story_ranks(listed):
        entry = entry_now(library, lines, fresh, listed[place].id)
        if entry is not None:
            yield place, entry


def entry_now(library: Library, lines: IndexLines, fresh: Mapping[str, CompareEntry], article_id: str) -> CompareEntry | None:
    """A brief's entry: as mended (`fresh`), else parsed from its line; a damaged line's brief is read from its shard."""
    entry = fresh.get(article_id)
    if entry is None:
        line = lines(article_id)
        try:
            entry = CompareEntry.from_line(line) if line is not None else None
        except (ValueError, TypeError):
            article = library.get(article_id)
            entry = entry_of(article) if article is not None else None
    return entry
