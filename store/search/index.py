"""The search index: every brief's title and text in an SQLite FTS5 table in the store folder.

FTS5 is the established full-text engine and ships with Python's sqlite3: BM25 ranking, prefix and
phrase queries, and a tokenizer that folds case and accents (`unicode61 remove_diacritics 2`), all
in C. The index is derived data: the shelf (`store.persist.shelf`) writes it after every change of
its briefs, under the store's lock like every write, each change one SQLite transaction (journal,
fsync: a kill -9 leaves the last committed state). A crash between a shelf write and the index's
leaves the two apart; `SearchIndex.count` then differs from the catalog's and the store catches up
before searching. A damaged file is refused in one line that names `newsbrief search --rebuild`,
which builds a new index beside the old one and renames it over it.

The table is contentless: a copy of the texts would make the index as large as the store (95% at
10,000 briefs, against 23% without). So taking a brief out needs its indexed words again (FTS5's
'delete' command): its title is kept in `docs`, its text is the stored brief's. Where a query
matches in a text is found by `store.search.spans`.

A brief's rowid is its date key (the day of its date, then the order it was indexed that day), so
FTS5's doclists are in date order: "newest first" reads matches backwards and stops at the
`limit`-th (0.2 ms for a word in 80% of 100,000 briefs, against 155 ms when every match was joined
and sorted); briefs of one day come last indexed first. (Ranking a day's briefs by relevance would
cost what ranking every match does: BM25 counts every brief with each term first.) A new date moves
a brief (out and in again, as any edit does). An index of an older format is
rebuilt by the store at the next search, with progress (it is derived data).

Relevance is BM25 without its length normalization: the index keeps no brief's length
(`columnsize=0`), because reading it for every match was most of a ranked query's time
(`Store.search`, 10,000 briefs: a word 7.0 -> 2.2 ms, a phrase 13.4 -> 7.3 ms; 100,000: 69 -> 17 ms
and 135 -> 70 ms). So a brief ranks by how often it says each word (saturating: twice beats once,
ten times is not five times twice), a title word counting TITLE_WEIGHT times; a long brief is not
marked down for its length, and briefs that score alike come newest first. News briefs are of like
length, so little is lost; lengths back would mean format 2 again, and its time.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from store.errors import CorruptStore, ReadOnlyStore, StoreLocked
from store.model import Article, Span
from store.persist.storage import fsync_folder
from store.search.query import to_fts
from store.search.spans import match_spans

INDEX_FILE = "search.sqlite"
INDEX_FORMAT = "newsbrief-search-3"  # 2: rowids in date order; 3: no brief lengths (columnsize=0)
TITLE_WEIGHT = 4.0  # a word in the title counts as much as four in the text (BM25 column weights)
REBUILD_BATCH = 2000  # briefs per transaction when building the index anew
DAY_SHIFT = 32  # rowid = day number << DAY_SHIFT | the brief's place among that day's; undated: day 0
BM25 = f"bm25(briefs, {TITLE_WEIGHT}, 1.0)"  # called, not the configured `rank`: half the time per match (90 ms against 178 at 100,000)

Order = Literal["relevance", "date"]
Built = Callable[[int, int], None]  # (briefs indexed, briefs in all): progress of a rebuild or a catch-up

# rowids of briefs forgotten whose words the index still holds (until a rebuild): never given again.
# Made by the first write of an index written before it, so an older file needs no rebuild.
RETIRED = "CREATE TABLE IF NOT EXISTS retired(n INTEGER PRIMARY KEY);"

SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(n INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE, published TEXT, title TEXT NOT NULL);
{RETIRED}
CREATE VIRTUAL TABLE briefs USING fts5(title, text, content='', columnsize=0, tokenize='unicode61 remove_diacritics 2');
INSERT INTO briefs(briefs, rank) VALUES('rank', 'bm25({TITLE_WEIGHT}, 1.0)');
INSERT INTO meta VALUES('format', '{INDEX_FORMAT}');
"""


class IndexDamaged(CorruptStore):
    """The search index cannot be read; the briefs are untouched and `newsbrief search --rebuild` makes a new one."""


class IndexOutdated(IndexDamaged):
    """The index was written in an older format: the store rebuilds it (read-only, it says to)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A brief that matches, how well, and where in its title (`Store.match_spans` says where in its text)."""

    article_id: str
    score: float | None  # BM25, higher is better (title words weigh TITLE_WEIGHT times text words); None in date order
    published: str | None
    title_spans: tuple[Span, ...]


def damaged(path: Path, problem: str) -> IndexDamaged:
    return IndexDamaged(f"{path}: the search index is damaged ({problem}); the briefs are untouched: rebuild it with `newsbrief search --rebuild`")


class SearchIndex:
    """The index file of one store folder, opened on first use; writes only under the store's lock."""

    def __init__(self, folder: Path, *, readonly: bool) -> None:
        self.path = Path(folder) / INDEX_FILE
        self.readonly = readonly
        self._db: sqlite3.Connection | None = None
        self._inode: int | None = None  # of the file opened: a rebuild elsewhere renames a new one over it

    # --- reading ------------------------------------------------------------------------------

    def count(self) -> int | None:
        """Briefs in the index; None when there is no index file yet."""
        if not self.path.exists() and self._db is None:
            return None
        with self._reading() as db:
            row = db.execute("SELECT count(*) FROM docs").fetchone()
        return int(row[0])

    def ids(self) -> set[str]:
        with self._reading() as db:
            return {row[0] for row in db.execute("SELECT article_id FROM docs")}

    def search(self, query: str, *, within: set[str] | None = None, by: Order = "relevance", limit: int = 20) -> list[SearchHit]:
        """The best `limit` matches (by relevance, or newest first), only among `within` when given; a
        hit of the date order has no score."""
        match = to_fts(query)
        with self._reading() as db:
            where, parameters = "briefs MATCH ?", [match]
            if within is not None:
                # "+": a filter on the rows FTS5 gives, not a lookup per id (one FTS5 query each: 126 ms against 13 at 10,000)
                where += " AND +rowid IN (SELECT n FROM docs WHERE article_id IN (SELECT value FROM json_each(?)))"
                parameters.append(_json_list(within))
            if by == "relevance":
                scored = db.execute(f"SELECT rowid, {BM25} AS score FROM briefs WHERE {where} ORDER BY score, rowid DESC LIMIT ?", [*parameters, limit]).fetchall()
            else:
                scored = [(n, None) for (n,) in db.execute(f"SELECT rowid FROM briefs WHERE {where} ORDER BY rowid DESC LIMIT ?", [*parameters, limit])]
            rows = {n: (article_id, published, title) for n, article_id, published, title in db.execute(
                "SELECT n, article_id, published, title FROM docs WHERE n IN (SELECT value FROM json_each(?))", [json.dumps([n for n, _ in scored])]
            )}
        return [SearchHit(rows[n][0], None if score is None else -score, rows[n][1], match_spans(query, rows[n][2])) for n, score in scored if n in rows]

    def matching(self, query: str) -> set[str]:
        """Every brief that matches, unordered (the reader's list shows them in its own order)."""
        with self._reading() as db:
            return {row[0] for row in db.execute("SELECT docs.article_id FROM briefs JOIN docs ON docs.n = briefs.rowid WHERE briefs MATCH ?", [to_fts(query)])}

    # --- writing (the store's lock held) ---------------------------------------------------------

    def add(self, articles: Iterable[Article]) -> None:
        """Index articles, in one transaction; an article indexed already is indexed again."""
        with self._transaction() as db:
            _insert(db, articles)

    def retitle(self, articles: Iterable[Article]) -> None:
        """A new title or date for indexed briefs (an edit, an import with --update)."""
        with self._transaction() as db:
            _insert(db, articles)

    def remove(self, articles: Iterable[Article]) -> None:
        """Take briefs out: their words, given again (the index keeps no copy), and their row."""
        with self._transaction() as db:
            for article in articles:
                _delete(db, article.id, article.text)

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop the rows of briefs gone without their text (a crash between the shelf's write and
        this index's): they are never found again; their words stay until `--rebuild`, under
        rowids `retired` keeps from being given to another brief (which would match those words)."""
        with self._transaction() as db:
            for article_id in article_ids:
                db.execute("INSERT INTO retired SELECT n FROM docs WHERE article_id = ?", (article_id,))
                db.execute("DELETE FROM docs WHERE article_id = ?", (article_id,))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db = self._inode = None

    # --- the file -----------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._connection()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                self.close()
                raise damaged(self.path, str(error)) from None
            raise StoreLocked(f"{self.path}: the search index is busy with another process's write; try again") from None
        except sqlite3.DatabaseError as error:
            self.close()
            raise damaged(self.path, str(error)) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise ReadOnlyStore(f"{self.folder}: the store is open read-only; nothing was written")
        with self._reading() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(RETIRED)
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @property
    def folder(self) -> Path:
        return self.path.parent

    def _connection(self) -> sqlite3.Connection:
        inode = _inode(self.path)
        if self._db is not None and inode == self._inode:
            return self._db
        self.close()  # first use, or another process renamed a rebuilt index over the one open here
        if inode is None and self.readonly:
            raise IndexDamaged(f"{self.path}: this store has no search index yet; run `newsbrief search --rebuild` on it once, not read-only")
        self._db = _open(self.path, readonly=self.readonly)
        self._inode = _inode(self.path)
        return self._db


def rebuild(folder: Path, batches: Iterable[list[Article]], total: int, progress: Built | None = None) -> None:
    """A new index of every article, built beside the old one and renamed over it (the store's lock held)."""
    path = Path(folder) / INDEX_FILE
    scratch = path.with_name(f".{INDEX_FILE}.rebuild")
    for leftover in (scratch, scratch.with_name(scratch.name + "-journal")):
        leftover.unlink(missing_ok=True)
    db = _open(scratch, readonly=False)
    try:
        done = 0
        for batch in batches:
            db.execute("BEGIN IMMEDIATE")
            _insert(db, batch)
            db.execute("COMMIT")
            done += len(batch)
            if progress:
                progress(done, total)
        db.execute("INSERT INTO briefs(briefs) VALUES('optimize')")  # one segment b-tree: the fastest queries
        db.execute("VACUUM")  # the pages the merges freed: 35% of the file at 10,000 briefs
    finally:
        db.close()
    with suppress(FileNotFoundError):
        os.unlink(path.with_name(INDEX_FILE + "-journal"))  # the old file's: it would be played onto the new one
    os.replace(scratch, path)
    fsync_folder(folder)


def _open(path: Path, *, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=30)
        else:
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
            db.execute("PRAGMA synchronous = FULL")  # a commit is on disk before it returns
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and not readonly:
            db.executescript(f"BEGIN IMMEDIATE; {SCHEMA} COMMIT;")
        elif "meta" not in tables:
            db.close()
            raise damaged(path, "not a newsbrief search index")
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if row is None or row[0] != INDEX_FORMAT:
            db.close()
            if row is not None and row[0].startswith("newsbrief-search-"):
                raise IndexOutdated(f"{path}: the search index is of an older format ({row[0]}); "
                                    "open the store for writing once (e.g. `newsbrief search --rebuild`) to rebuild it")
            raise damaged(path, f"format {row[0] if row else None!r}, this newsbrief reads {INDEX_FORMAT!r}")
    except sqlite3.DatabaseError as error:
        raise damaged(path, str(error)) from None
    return db


def date_key(published: str | None) -> int:
    """The first rowid of a brief's day: its date's day number, shifted; an undated brief's is 0 (the oldest)."""
    try:
        return date.fromisoformat(published[:10]).toordinal() << DAY_SHIFT if published else 0
    except ValueError:
        return 0


def _insert(db: sqlite3.Connection, articles: Iterable[Article]) -> None:
    """Index articles; one indexed already (same id, same text) is taken out first. In date order:
    FTS5 writes its pending words out whenever a rowid comes below the last one (a rebuild in
    store order took 45% more time)."""
    for article in sorted(articles, key=lambda article: date_key(article.published)):
        _delete(db, article.id, article.text)
        first = date_key(article.published)
        last = db.execute("SELECT max(last) FROM (SELECT max(n) AS last FROM docs WHERE n >= ?1 AND n < ?2 "
                          "UNION ALL SELECT max(n) FROM retired WHERE n >= ?1 AND n < ?2)", (first, first + (1 << DAY_SHIFT))).fetchone()[0]
        number = first if last is None else last + 1
        db.execute("INSERT INTO docs(n, article_id, published, title) VALUES (?, ?, ?, ?)", (number, article.id, article.published, article.title))
        db.execute("INSERT INTO briefs(rowid, title, text) VALUES (?, ?, ?)", (number, article.title, article.text))


def _delete(db: sqlite3.Connection, article_id: str, text: str) -> None:
    row = db.execute("SELECT n, title FROM docs WHERE article_id = ?", (article_id,)).fetchone()
    if row is not None:
        db.execute("INSERT INTO briefs(briefs, rowid, title, text) VALUES('delete', ?, ?, ?)", (row[0], row[1], text))
        db.execute("DELETE FROM docs WHERE n = ?", (row[0],))


def _json_list(ids: set[str]) -> str:
    return json.dumps(sorted(ids))


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None
