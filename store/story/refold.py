"""Saved compare groups brought up to date by folding again only what a change touched.

A figure is folded only with figures of its own group and value (`Folding`), so a change to some
briefs (a date edit, a removal, an import, the repeat marks these move) touches only the (group,
value) parts their figures were in or are in now, and a moved figure only the parts it left and
joined. Those parts are folded again from every brief their saved rows name (a row names its brief
and the briefs folded into it), in story order; the other rows stay as saved. A merge or unmerge
changes which figures a group holds, so the groups on both sides of it are folded again whole. The
result is what grouping every brief would give (tested against it), at the cost of the parts touched.
That cost is the story's: where its figures recur from brief to brief, the parts one brief's figures
are in hold most briefs (a date edit at 100,000 generated briefs reads 50,000 to 80,000 lines again),
while a figure of a value few briefs give, new figures an import brings, or a merge of small groups
read few.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace

from store.model import Regrouping, story_order
from store.story.compare import PROGRESS_EVERY, CompareGroup, CompareRow, Folding, ValueKey, group_of, grouped_figures, ordered_groups
from store.story.compare_index import CompareEntry

# Share of the listed briefs above which reading them again costs more than grouping every brief: a
# refold also parses the touched groups' saved rows (1 s at 100,000 briefs) and reads lines one by one.
REFOLD_AT_MOST = 0.8
Part = tuple[str, ValueKey]  # a group and one of its values: what is folded on its own
Changed = Mapping[str, tuple[CompareEntry | None, CompareEntry | None]]  # brief id -> its entry before and now (None: none)


def refolded(
    saved: Sequence[CompareGroup],
    before: Regrouping,
    after: Regrouping,
    changed: Changed,
    entry_now: Callable[[str], CompareEntry | None],
    place: Mapping[str, int],
    progress: Callable[[int, int], None] | None = None,
    at_most: float = REFOLD_AT_MOST,
) -> list[CompareGroup] | None:
    """The groups `saved` (made with the regrouping `before`) once the `changed` briefs and the
    regrouping `after` are taken in. `entry_now(id)` reads an unchanged brief's entry; `place` is each
    listed brief's place in the catalog, which orders briefs of one day; `progress(done, total)` as
    the briefs read again are folded, which may raise to stop. None when grouping every brief is
    cheaper (the parts touched hold more than `at_most` of the listed briefs) or the only way to be right (a row
    of a group folded again names a brief no longer listed that no change accounts for: the index and
    the catalog disagree)."""
    whole = _merged_over(before, after)
    touched: set[Part] = set()
    for then, now in changed.values():
        touched.update(_parts(then, before))
        touched.update(_parts(now, after))
    moved = _moved_figures(before, after, changed.keys(), entry_now)
    touched.update(part for figure in moved for part in figure[1:])
    touched_groups = whole | {group for group, _ in touched}
    briefs = set(changed) | {article_id for article_id, _, _ in moved}
    kept: dict[str, list[CompareRow]] = {}
    untouched: list[CompareGroup] = []
    for stored in saved:
        if stored.id not in touched_groups:
            untouched.append(stored)
            continue
        rows = kept[stored.id] = []
        for row in stored.rows:
            if stored.id in whole or (stored.id, row.value_key) in touched:
                briefs.add(row.article_id)
                briefs.update(row.also_in)
            else:
                rows.append(row)
    if len(briefs) > at_most * len(place):
        return None

    def taken(group: str, value: ValueKey) -> bool:
        return group in whole or (group, value) in touched

    entries = [entry for entry in _entries(briefs, changed, entry_now, place, after, taken) if entry.figures]
    folding = _folded(entries, after, place, progress)
    made = []
    for group in touched_groups | folding.claims.keys():
        rows = kept.get(group, []) + [claim.made() for claim in folding.claims.get(group, [])]
        if any(row.article_id not in place for row in rows):
            return None
        rows.sort(key=lambda row: (story_order(row.published, row.not_before), place[row.article_id], row.figure.start))
        if rows:
            made.append(group_of(group, rows))
    return ordered_groups([*untouched, *made])


def _entries(
    briefs: Iterable[str],
    changed: Changed,
    entry_now: Callable[[str], CompareEntry | None],
    place: Mapping[str, int],
    regrouping: Regrouping,
    taken: Callable[[str, ValueKey], bool],
) -> Iterable[CompareEntry]:
    """The entries of the listed briefs among these, as they are now, with only their figures in the
    parts `taken` says: at 100,000 briefs a date edit reads 70,000 again, and whole entries were ~5 KB each."""
    for article_id in briefs:
        if article_id in place:
            entry = changed[article_id][1] if article_id in changed else entry_now(article_id)
            if entry is not None:
                figures = tuple(compared for group, compared, _ in grouped_figures(entry, regrouping) if taken(group, compared.value_key))
                yield replace(entry, figures=figures)


def _folded(entries: list[CompareEntry], regrouping: Regrouping, place: Mapping[str, int], progress: Callable[[int, int], None] | None) -> Folding:
    """The figures of these briefs, folded in story order."""
    entries.sort(key=lambda e: (story_order(e.published, e.not_before), place[e.id]))
    folding = Folding()
    for done, entry in enumerate(entries):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, len(entries))
        for group, compared, moved in grouped_figures(entry, regrouping):
            folding.add(group, entry, compared, moved)
    return folding


def _parts(entry: CompareEntry | None, regrouping: Regrouping) -> Iterable[Part]:
    if entry is None:
        return ()
    return [(group, compared.value_key) for group, compared, _ in grouped_figures(entry, regrouping)]


def _merged_over(before: Regrouping, after: Regrouping) -> set[str]:
    """The groups a change of merges gives figures to or takes them from: where a group is shown before and after."""
    merged = before.merges.keys() | after.merges.keys()
    return {shown for group in merged if before.final_group(group) != after.final_group(group) for shown in (before.final_group(group), after.final_group(group))}


def _moved_figures(
    before: Regrouping, after: Regrouping, changed: Collection[str], entry_now: Callable[[str], CompareEntry | None]
) -> list[tuple[str, Part, Part]]:
    """The figures of unchanged briefs moved, moved back or moved elsewhere: each one's brief, the part it left, the part it joined."""
    moved = []
    for key in before.moves.keys() | after.moves.keys():
        article_id, _, start = key.rpartition(":")
        if before.moves.get(key) == after.moves.get(key) or article_id in changed or (entry := entry_now(article_id)) is None:
            continue
        for compared in entry.figures:
            if str(compared.start) == start:
                value = compared.value_key
                then = before.final_group(before.moved(article_id, compared.start) or compared.rule_group)
                now = after.final_group(after.moved(article_id, compared.start) or compared.rule_group)
                moved.append((article_id, (then, value), (now, value)))
    return moved
