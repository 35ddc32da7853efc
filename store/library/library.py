"""The library: the store's articles on their shelf, and the repeat groups that mark their paragraphs.

Import and a date edit are the only writes here. Both place paragraphs among the repeat groups
first, write the repeats file, then the shards, then the catalog: a crash in between leaves bodies
the catalog does not list, which the next import of the same brief simply replaces.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from store.cycle_collector import without_cycle_collection
from store.errors import IngestError
from store.extract.signatures import Signatures
from store.library.fields import FieldMap
from store.model import Article, Dating
from store.persist.catalog import Listing
from store.persist.shelf import Shelf
from store.persist.storage import atomic_write_bytes, encode_json
from store.story.compare_index import CompareIndex, entry_of, remarked_line

if TYPE_CHECKING:  # loaded at the first search (`Shelf.search_index`), and at the first write of repeats (`_repeat_index`)
    from store.search.index import Built, Order, SearchHit
    from store.story.repeats import Marks, RepeatIndex

STALE_FILE = "stale-marks.json"  # stored briefs whose repeat marks an import changed and has not rewritten yet
IMPORT_BATCH = 5000  # briefs per write during import: one write per shard per batch, never one per brief
FLUSH_EVERY = 3.0  # seconds: a batch is written at least this often, so open readers see briefs arrive
WRITE_SHARE = 10  # ... or, when a batch's write took longer, this many times its length: writes stay a tenth of the import
COMPARE_BATCH = 10_000  # compare lines kept before they are written (the rest when the import ends): ~45 MB

Shelving = tuple[Article, Signatures, bytes]  # a new brief, its paragraphs' signatures, its compare index line unmarked
Progress = Callable[[int, int, "ImportReport"], None]  # (files done, files in all, the counts so far)
Writing = Callable[[], AbstractContextManager[None]]  # the store's lock held, and what others wrote read


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)  # article ids, in import order
    unchanged: int = 0  # briefs already in the store
    errors: list[IngestError] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # ids of stored briefs given a new text or (--update) new metadata
    notices: list[str] = field(default_factory=list)  # one line for each update: what changed, where its annotations went
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (stored id, new id): a new text at a stored url


class Library:
    """The articles of one store folder: read from the shelf, written by import and date edits."""

    def __init__(self, folder: Path, *, readonly: bool) -> None:
        self.folder = folder
        self.readonly = readonly
        self._shelf = Shelf(folder, readonly=readonly)
        self._repeats: RepeatIndex | None = None  # read by the first import or date edit, never by the reader
        self.compare_index = CompareIndex(folder)  # written before the shelf by every write here
        self._moved: set[int] = set()  # repeat groups whose earliest brief this import moved, numbered as in `_moved_in`
        self._moved_in: RepeatIndex | None = None
        self._unindexed: dict[str, bytes] = {}  # compare lines of briefs this import shelved, written when it ends

    def summaries(self) -> Listing:
        return self._shelf.summaries()

    def get(self, article_id: str) -> Article | None:
        return self._shelf.get(article_id)

    def get_many(self, article_ids: list[str], *, whole: bool = False) -> dict[str, Article]:
        return self._shelf.get_many(article_ids, whole=whole)

    # --- search ---------------------------------------------------------------------------------

    def search(self, query: str, *, within: set[str] | None, by: Order, limit: int) -> list[SearchHit]:
        """Matches among the briefs the catalog lists (a crash can leave the index a removed one)."""
        known = self.summaries()
        return [hit for hit in self._shelf.search_index.search(query, within=within, by=by, limit=limit) if hit.article_id in known]

    def search_matching(self, query: str) -> set[str]:
        return self._shelf.search_index.matching(query) & self.summaries().keys()

    def search_behind(self) -> bool:
        """Whether the index misses a change of the briefs: a crash between the shelf's write and its,
        a store made before there was an index (which then has none), or one of an older format."""
        from store.search.index import IndexOutdated

        try:
            return self._shelf.search_index.count() != len(self.summaries())
        except IndexOutdated:
            return True

    def catch_up_search(self, progress: Built | None = None) -> None:
        """Index the briefs the index lacks and forget those it should not have; an index of an older
        format is built anew (the store's lock held)."""
        from store.search.index import REBUILD_BATCH, IndexOutdated

        index = self._shelf.search_index
        try:
            index.count()
        except IndexOutdated:
            self.rebuild_search(progress)
            return
        indexed = index.ids() if index.count() is not None else set()
        known = self.summaries()
        if extra := indexed - known.keys():
            index.forget(extra)
        missing = [article_id for article_id in known if article_id not in indexed]
        done = 0
        for batch in self._shelf.batches(missing, REBUILD_BATCH):
            index.add(batch)
            done += len(batch)
            if progress:
                progress(done, len(missing))

    def rebuild_search(self, progress: Built | None = None) -> None:
        """A new index from every brief, renamed over the old one, damaged or not (the store's lock held)."""
        from store.search.index import REBUILD_BATCH, rebuild

        self._shelf.search_index.close()
        ids = list(self.summaries())
        rebuild(self.folder, self._shelf.batches(ids, REBUILD_BATCH), len(ids), progress)

    def refresh(self) -> bool:
        """Read again what another process changed since (see `Shelf.refresh`); whether anything was."""
        if self._repeats is not None and self._repeats.changed_on_disk():
            self._repeats = None
        changed = self._shelf.refresh()
        if changed and self._repeats is not None:
            self._repeats.forget_firsts()  # a date edit there moves no group, only which brief is earliest
        return changed

    def close(self) -> None:
        self._shelf.close()

    # --- import -------------------------------------------------------------------------------

    # Without the cycle collector: an import makes no cycles (a 10,000-brief import left 2,161 objects
    # for it, all from start-up), but holds a growing heap (repeat groups, a batch's articles) that its
    # passes walked again and again: 3.2 s of the importing process's 9.5 s of CPU at 10,000 briefs.
    @without_cycle_collection()
    def import_paths(
        self,
        paths: Iterable[str | Path],
        writing: Writing,
        progress: Progress | None = None,
        *,
        update: bool = False,
        fields: FieldMap | None = None,
    ) -> ImportReport:
        """Import files, folders and URLs; each bad file, line or entry is one error in the report, the rest go in.

        Sources are read and their figures found outside the lock; each batch is written under it.
        With `update`, a brief already stored takes the metadata the import gives it. A new text from
        the url of a stored feed entry or page is added and named in `replaced`: the store moves the
        old brief's annotations to it, then removes the old brief.
        """
        # Here, not at the top: the extractor's patterns take ~150 ms to compile, which the reader,
        # opening on a store that is already filled, should not pay before its first screen.
        from store.library.importer import articles_from_source
        from store.library.ingest import Source, find_sources
        from store.library.revisions import Revisions
        from store.library.workers import map_in_workers

        report = ImportReport()
        sources: list[Source] = []
        for found in find_sources(list(paths)):
            if isinstance(found, IngestError):
                report.errors.append(found)
            else:
                sources.append(found)
        batch: list[Shelving] = []
        revisions = Revisions(self.summaries().urls())
        refreshed: list[Article] = []  # --update: articles already stored, as this import gives them
        flushed, every = time.monotonic(), FLUSH_EVERY
        built = map_in_workers(functools.partial(articles_from_source, imported_at=now_iso(), fields=fields), sources)
        for number, (articles, errors) in enumerate(built, 1):
            report.errors.extend(errors)
            for one in articles:
                verdict = revisions.judge(one.article, one.identified_by_url)
                if verdict.kind == "same":
                    report.unchanged += 1
                    if update:
                        refreshed.append(one.article)
                    continue
                batch.append((one.article, one.signatures, one.compare_line))
                if verdict.kind == "replaces" and verdict.stored:
                    report.replaced.append((verdict.stored, one.article.id))
                else:
                    report.added.append(one.article.id)
            if len(batch) >= IMPORT_BATCH or (batch and time.monotonic() - flushed >= every):
                started = time.monotonic()
                self._write_batch(batch, writing, report)
                batch, flushed = [], time.monotonic()
                every = max(FLUSH_EVERY, WRITE_SHARE * (flushed - started))
            if progress:
                progress(number, len(sources), report)
        if batch:
            self._write_batch(batch, writing, report)
            batch.clear()  # its articles are not held through the end of the import (up to 5,000: ~135 MB)
        self._settle(writing)
        if refreshed:
            with writing():
                for incoming in refreshed:
                    self._refresh(incoming, report)
        # read again by the next write that needs it: at 100,000 briefs the index and the file it was
        # read from hold some 300 MB, which the grouping that ends an import would carry on top of its own
        self._repeats = None
        return report

    def import_articles(self, articles: list[Article], writing: Writing) -> ImportReport:
        """Shelve articles built elsewhere (a bundle's), in one batch, less those already stored."""
        from store.extract.signatures import paragraph_signatures

        report = ImportReport()
        known = self.summaries()
        batch = [(article, paragraph_signatures(article), entry_of(article).to_line()) for article in articles if article.id not in known]
        report.unchanged = len(articles) - len(batch)
        report.added = [article.id for article, _, _ in batch]
        if batch:
            self._write_batch(batch, writing, report)
        self._settle(writing)  # the stored briefs that now repeat these, and the compare entries, as after an import
        return report

    def _write_batch(self, batch: list[Shelving], writing: Writing, report: ImportReport) -> None:
        """Shelve a batch under the lock, less the briefs another process added meanwhile."""
        with writing():
            known = self.summaries()  # read again under the lock
            fresh = [one for one in batch if one[0].id not in known]
            late = {one[0].id for one in batch} - {one[0].id for one in fresh}
            if late:
                report.unchanged += len(late)
                report.added = [i for i in report.added if i not in late]
                report.replaced = [(old, new) for old, new in report.replaced if new not in late]
            if fresh:
                self._add(fresh)

    def _refresh(self, incoming: Article, report: ImportReport) -> None:
        """Give a stored brief the metadata an import with --update has for it."""
        from store.library.revisions import with_metadata

        stored = self.get(incoming.id)
        assert stored is not None, "an unchanged brief is on the shelf"
        article, changed = with_metadata(stored, incoming)
        if changed:
            self.set_dating(article.id, article.dating, title=article.title, author=article.author)
            report.updated.append(article.id)
            report.notices.append(f"{article.id}: updated {', '.join(changed)}")

    def _add(self, batch: list[Shelving]) -> None:
        """Date what the text dates, mark repeated paragraphs, then shelve: repeats file first, catalog last.

        A paragraph's mark names its group's earliest brief, which moves whenever an earlier-dated
        brief joins: in a batch of new briefs that changes the marks of stored briefs all over the
        store (at 10,000 briefs the last batch changed 5,474 of 6,593). Rewriting them batch after
        batch made import quadratic, so they are only named in the stale-marks file (before the
        catalog is written) and rewritten once, volume by volume, when the import ends. Only the
        stored briefs of groups whose earliest brief moved are named; the dates the store learns
        for its undated briefs (below) move the earliest of their groups too.
        """
        from store.extract.dating import usual_year  # here: opening a store for the list or a tag needs no dating
        from store.library.text_dating import dated_from_text

        summaries = self.summaries()
        published = summaries.published()
        year = usual_year([*published.values(), *(a.published for a, _, _ in batch)])
        new = {article.id: dated_from_text(article, year) for article, _, _ in batch}
        lines = {article.id: line if new[article.id] is article else entry_of(new[article.id]).to_line() for article, _, line in batch}
        redated: set[str] = set()
        # The first year the store learns dates what earlier batches had no year for ("December 16")
        if year is not None and summaries and usual_year(list(published.values())) is None:
            undated = self.get_many([i for i, s in summaries.items() if s.published is None and s.not_before is None])
            redone = {i: dated_from_text(article, year) for i, article in undated.items()}
            dated = [article for i, article in redone.items() if article != undated[i]]
            self.compare_index.write(dated)
            self._shelf.replace(dated)
            published = summaries.published()  # as shelved now
            redated = {article.id for article in dated}
        try:
            index = self._repeat_index()
            # the groups of briefs dated just now: their earliest may move, so every stored brief in them is marked again
            moved = index.dates_moved(redated) if redated else set()
            touched = set().union(*(index.place(new[article.id], signatures) for article, signatures, _ in batch))
            dates = {**published, **{i: a.published for i, a in new.items()}}
            marks, first_moved = index.placed_marks(touched, new.keys(), _earlier(dates, [*summaries, *new]))
            moved |= first_moved
            marked = self._marked(marks, new)
            for article_id in marked:
                lines[article_id] = remarked_line(lines[article_id], marks[article_id]) or lines[article_id]
            index.save()
            if self._moved_in is not index:
                self._moved, self._moved_in = set(), index
            self._moved |= moved
            stored = index.members(moved) - new.keys()
            if stored:
                self._write_stale(self._stale() | stored)
            self._shelf.add([marked.pop(article_id, article) for article_id, article in new.items()])
            self._unindexed.update(lines)
            if len(self._unindexed) >= COMPARE_BATCH:  # bounded memory: written now, in this batch's lock
                self._index_unindexed()
        except BaseException:
            self._reopen()
            raise

    def _settle(self, writing: Writing) -> None:
        """What an import leaves to its end, in one write of each file under the lock: the compare
        entries of the briefs it shelved, and the marks of stored briefs it moved (`_remark_stale`).

        A compare write reads the index's files once to see which of its briefs they hold already, so
        the entries are written once every `COMPARE_BATCH` briefs and when the import ends, not once a
        batch. A brief the index lacks is read again from its volume when compare next runs, so a crash
        before this costs time, never a wrong row.
        """
        if self._unindexed or (self.folder / STALE_FILE).exists():
            with writing():
                self._remark_stale()

    def _remark_stale(self) -> None:
        """Rewrite the marks of the stored briefs this import left stale and index the compare entries
        of the briefs it shelved (the lock held): the records volume by volume, each volume written
        only if a mark in it moved, then the entries in one write. The entries are set from the marks,
        not from what the volumes held, so a crash between the two is mended by the next import.

        The groups whose earliest brief this import moved say what their marks are now; for briefs owed since a crash,
        or by another process's import, every group does.
        """
        from store.story.repeats import mark_paragraphs

        stale = self._stale()
        index = self._repeat_index()
        summaries = self.summaries()
        earlier = _earlier(summaries.published(), list(summaries))
        marks = index.marks(self._moved if self._moved_in is index else set(), earlier, of=stale) if stale else {}
        if any(i not in marks and i in summaries for i in stale):  # owed since a crash, or by another process
            marks = index.marks(index.every_group(), earlier, of=stale)
        owed = {i: marks[i] for i in stale if i in marks and i in summaries}
        try:
            self._shelf.amend_paragraphs(list(owed), lambda article_id, paragraphs: mark_paragraphs(paragraphs, owed[article_id]))
            self._index_unindexed(owed)
        except BaseException:
            self._reopen()
            raise
        self._write_stale(set())
        self._moved, self._moved_in = set(), None

    def _index_unindexed(self, owed: dict[str, Marks] | None = None) -> None:
        """Write the compare entries of the briefs shelved since the last such write, then those of
        stored briefs whose marks are `owed`, as the marks say (the lock held). Where the index holds
        another entry for a brief just shelved (another process wrote it meanwhile, or an import was
        cut short), the entry is made again from the volume. The stored briefs' lines stream from the
        index's files to its new segment: at 100,000 briefs, parsing them all held 1.4 GB."""
        summaries, owed = self.summaries(), owed or {}
        lines = {i: line for i, line in self._unindexed.items() if i in summaries}
        differ = [i for i, line in self.compare_index.lines_for(lines.keys()).items() if line != lines[i]]
        lines |= {i: entry_of(article).to_line() for i, article in self.get_many(differ).items()}
        for i in lines.keys() & owed.keys():
            lines[i] = remarked_line(lines[i], owed[i]) or lines[i]
        if lines:
            self.compare_index.write(lines.values())
        stored = {i: marks for i, marks in owed.items() if i not in lines}
        self._unindexed = lines = {}  # not held while the stored briefs' lines stream
        if stored:
            self.compare_index.rewrite(stored.keys(), lambda article_id, line: remarked_line(line, stored[article_id]))

    def _stale(self) -> set[str]:
        path = self.folder / STALE_FILE
        if not path.exists():
            return set()
        try:
            ids = orjson.loads(path.read_bytes())
        except orjson.JSONDecodeError:
            return set(self.summaries())  # damaged: every brief is re-marked, which is always right
        return {str(i) for i in ids} if isinstance(ids, list) else set(self.summaries())

    def _write_stale(self, ids: set[str]) -> None:
        path = self.folder / STALE_FILE
        if ids:
            atomic_write_bytes(path, encode_json(sorted(ids)))
        else:
            path.unlink(missing_ok=True)

    # --- a date edit --------------------------------------------------------------------------

    def set_dating(self, article_id: str, dating: Dating, *, title: str | None = None, author: str | None = None) -> None:
        """Write a brief's date, source and url (and with --update its title and author), and the
        repeat marks a new date moves, in one shelf write."""
        from store.library.text_dating import redated

        stored = self.get(article_id)
        assert stored is not None, "the store checks the article exists before an edit"
        article = replace(stored.with_dating(dating), title=title or stored.title, author=author or stored.author)
        changed = {article_id: article}
        try:
            if stored.published != dating.published:
                article = changed[article_id] = redated(article)
                index = self._repeat_index()
                dates = self.summaries().published() | {article_id: dating.published}
                marks = index.marks(index.dates_moved({article_id}), _earlier(dates, list(self.summaries())))
                changed |= self._marked(marks, changed)
            self.compare_index.write(changed.values())
            self._shelf.replace(list(changed.values()))
        except BaseException:
            self._reopen()
            raise

    # --- removing -----------------------------------------------------------------------------

    def remove(self, article_ids: set[str]) -> None:
        """Remove articles, and mark again the paragraphs that repeated theirs: repeats file first, catalog last."""
        try:
            index = self._repeat_index()
            touched = index.forget(article_ids)
            left = [i for i in self.summaries() if i not in article_ids]
            dates = self.summaries().published()
            marked = self._marked(index.marks(touched, _earlier(dates, left)), {})
            index.save()
            self.compare_index.write(marked.values(), removed=article_ids)
            self._shelf.replace(list(marked.values()))
            self._shelf.remove(sorted(article_ids))
        except BaseException:
            self._reopen()
            raise

    def rewrite(self, articles: list[Article]) -> None:
        """Shelve stored briefs again as given (a migration's, `store.library.bounds`): compare index first, catalog last."""
        try:
            self.compare_index.write(articles)
            self._shelf.replace(articles)
        except BaseException:
            self._reopen()
            raise

    # --- repeats ------------------------------------------------------------------------------

    def _repeat_index(self) -> RepeatIndex:
        # Here, not at the top: the reader and the commands that only read or tag never need it (3 ms of import self time)
        from store.story.repeats import REPEATS_FILE, RepeatIndex

        if self._repeats is None:
            self._repeats = RepeatIndex(self.folder / REPEATS_FILE, self.summaries(), readonly=self.readonly)
        return self._repeats

    def _marked(self, marks: dict[str, Marks], pending: dict[str, Article]) -> dict[str, Article]:
        """The articles whose repeat marks change, marked: those in `pending` and the stored ones."""
        from store.story.repeats import with_marks

        stored = self.get_many([article_id for article_id in marks if article_id not in pending])
        changed = {}
        for article_id, article_marks in marks.items():
            article = pending.get(article_id) or stored[article_id]
            marked = with_marks(article, article_marks)
            if marked is not None:
                changed[article_id] = marked
        return changed

    def _reopen(self) -> None:
        """Back to what is on disk after a failed write."""
        self.close()
        self._shelf = Shelf(self.folder, readonly=self.readonly)
        self._repeats = None
        self.compare_index = CompareIndex(self.folder)
        self._unindexed = {}  # their briefs' entries are made again from the volumes when compare runs


def _earlier(dates: dict[str, str | None], order: list[str]) -> Callable[[str, str], bool]:
    """Which of two briefs came first: the earlier date when both are dated, else the earlier import."""
    place = {article_id: number for number, article_id in enumerate(order)}

    def earlier(a: str, b: str) -> bool:
        date_a, date_b = dates.get(a), dates.get(b)
        if date_a and date_b and date_a != date_b:
            return date_a < date_b
        return place[a] < place[b]

    return earlier
