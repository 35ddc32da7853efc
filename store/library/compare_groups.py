"""The compare groups as the store keeps them: read as saved, brought up to date, or made whole.

Opening the compare view reads the groups saved while nothing they are made of changed
(`store.story.compare_view`). After a change (a date edit, an import, a removal, a move, a merge)
only the parts of the groups it touched are folded again (`store.story.refold`): the briefs it
changed are those whose compare index lines were written since the groups were saved
(`IndexLines.changed`), each with its line then and now. Every write of the library writes those
lines before the catalog, so a change the catalog shows is among them. When that is not known (no
groups saved, a fold of the index came between, the figure order, which is never saved), every brief
is grouped (`compare_entries`, with progress). In a writable store the groups are saved.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from store.cycle_collector import without_cycle_collection
from store.library.compare_feed import entry_now, mended_entries, story_entries
from store.library.library import Library, Writing
from store.model import Regrouping
from store.story import compare_view
from store.story.compare import CompareGroup, compare_entries
from store.story.compare_index import CompareEntry
from store.story.compare_view import Basis, Saved
from store.story.index_lines import IndexLines
from store.story.refold import refolded

Progress = Callable[[int, int], None]  # (done, total), which may raise to stop


def compare_groups(library: Library, regrouping: Regrouping, order: str, progress: Progress | None, writing: Writing | None) -> list[CompareGroup]:
    """The groups by `order` (see `Store.compare`); `writing` None in a read-only store."""
    folder, index = library.folder, library.compare_index
    listing = library.summaries().files()  # the catalog as it is now, whatever a write reads later
    saved = compare_view.load_saved(folder) if order == "brief" else None
    if saved is not None and saved.key == compare_view.made_for(index.state(), listing, regrouping):
        return saved.groups
    with without_cycle_collection(), index.reading(since=saved.basis.index if saved else None) as lines:
        groups, mended = None, False
        if saved is not None and lines.changed is not None:
            groups, mended = _refolded(library, saved, lines, lines.changed.keys(), regrouping, writing, progress)
        if groups is None:
            fresh = mended_entries(library, lines, writing, progress)
            summaries = library.summaries()
            groups, mended = compare_entries(story_entries(library, summaries, lines, fresh), regrouping, order, progress, len(summaries)), bool(fresh)
        # what the groups are made of: the index as read (and mended) and the catalog as it was then
        made_of = index.state() if mended and writing is not None else lines.state
    if order != "brief" or writing is None:
        return groups
    basis = Basis(made_of, listing, regrouping)
    with writing():
        compare_view.save(folder, basis, groups)
    # read back as saved, their rows parsed when drawn: the reader does not hold 155,000 rows at 100,000 briefs
    return compare_view.load(folder, basis.key) or groups


def _refolded(
    library: Library,
    saved: Saved,
    lines: IndexLines,
    written: Collection[str],
    regrouping: Regrouping,
    writing: Writing | None,
    progress: Progress | None,
) -> tuple[list[CompareGroup] | None, bool]:
    """The saved groups with the briefs `written` since folded in, and whether entries were mended;
    None when a line the groups were made from cannot be read, or grouping every brief is cheaper (`refolded`)."""
    fresh = mended_entries(library, lines, writing, progress, among=written)
    try:
        then = {i: CompareEntry.from_line(line) if (line := lines.earlier(i)) is not None else None for i in written}
    except (ValueError, TypeError):
        return None, bool(fresh)
    changed = {i: (entry, entry_now(library, lines, fresh, i)) for i, entry in then.items()}
    place = {article_id: n for n, article_id in enumerate(library.summaries())}
    groups = refolded(saved.groups, saved.basis.regrouping, regrouping, changed, lambda i: entry_now(library, lines, fresh, i), place, progress)
    return groups, bool(fresh)
