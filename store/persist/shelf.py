"""Where articles live: a small catalog read at open, and the bodies in shards read on demand.

With 10,000 briefs the bodies and their figures weigh about 50 MB of JSON; parsing that before the
first screen would take a second. The catalog (title, date, source, figure count) is all the list
needs, so only it is read at open. A body is read from its shard (one of 16 TinyDB files, chosen by
the first hex digit of the id) the first time it is asked for, and the shard stays cached, up to
`OPEN_SHARDS` of them: all sixteen parsed would hold some 250 MB at 10,000 briefs.

Import writes the shards first and the catalog last: a crash in between leaves bodies the catalog
does not list, which the next import of the same brief simply replaces.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Document

from store.model import Article, Summary
from store.persist.db import open_db, storage_of

CATALOG_FILE = "catalog.json"
SHARD_FOLDER = "articles"
OPEN_SHARDS = 4  # parsed shards kept; the least recently used one is closed when a fifth is needed


class Shelf:
    def __init__(self, folder: Path, *, readonly: bool) -> None:
        self.folder = folder
        self.readonly = readonly
        self._catalog = open_db(folder / CATALOG_FILE, readonly=readonly)
        self._summaries: dict[str, Summary] = {doc["id"]: Summary.from_record(doc) for doc in self._catalog.table("catalog").all()}
        self._shards: OrderedDict[str, TinyDB] = OrderedDict()
        self._shard_docs: dict[str, dict[str, int]] = {}  # shard name -> article id -> doc id

    def refresh(self) -> bool:
        """Drop what another process replaced since it was read: the catalog, parsed shards; whether any was."""
        changed = False
        for name in [name for name, shard in self._shards.items() if storage_of(shard).changed_on_disk()]:
            self._shards.pop(name).close()
            self._shard_docs.pop(name, None)
            changed = True
        if storage_of(self._catalog).changed_on_disk():
            self._catalog.close()
            self._catalog = open_db(self.folder / CATALOG_FILE, readonly=self.readonly)
            self._summaries = {doc["id"]: Summary.from_record(doc) for doc in self._catalog.table("catalog").all()}
            changed = True
        return changed

    def files(self) -> list[TinyDB]:
        return [self._catalog, *self._shards.values()]

    def summaries(self) -> dict[str, Summary]:
        return self._summaries

    def get(self, article_id: str) -> Article | None:
        return self.get_many([article_id]).get(article_id)

    def get_many(self, article_ids: list[str]) -> dict[str, Article]:
        """Many articles by id, reading each shard once however many shards there are to read."""
        found: dict[str, Article] = {}
        known = [article_id for article_id in article_ids if article_id in self._summaries]
        for name, ids in _by_shard(known):
            docs, table = self._docs(name), self._shard(name).table("articles")
            for article_id in ids:
                doc_id = docs.get(article_id)
                record = table.get(doc_id=doc_id) if doc_id else None
                if isinstance(record, dict):
                    found[article_id] = Article.from_record(record)
        return found

    def add(self, articles: list[Article]) -> None:
        """Add new articles: one write per shard touched, then one write of the catalog."""
        by_id = {article.id: article.to_record() for article in articles}
        for name, ids in _by_shard(list(by_id)):
            batch = [by_id[article_id] for article_id in ids]
            table = self._shard(name).table("articles")
            docs = self._docs(name)
            orphans = [docs.pop(r["id"]) for r in batch if r["id"] in docs]  # left by a crash mid-import
            with storage_of(self._shard(name)).batch():
                if orphans:
                    table.remove(doc_ids=orphans)
                for record, doc_id in zip(batch, table.insert_multiple(batch)):
                    docs[record["id"]] = doc_id
        summaries = [article.summary() for article in articles]
        self._catalog.table("catalog").insert_multiple(summary.to_record() for summary in summaries)
        self._summaries.update((summary.id, summary) for summary in summaries)

    def replace(self, articles: list[Article]) -> None:
        """Write changed articles back: one write per shard touched, then the catalog once if it changed.

        Whole records are swapped under their doc ids (remove, then insert), two table passes a shard:
        TinyDB's `update` would pass over the whole table once per record.
        """
        by_id = {article.id: article for article in articles}
        for name, ids in _by_shard(list(by_id)):
            docs = self._docs(name)
            _swap(self._shard(name), "articles", [Document(by_id[i].to_record(), doc_id=docs[i]) for i in ids])
        changed = [summary for summary in (a.summary() for a in articles) if summary != self._summaries[summary.id]]
        if changed:
            catalog_docs = {doc["id"]: doc.doc_id for doc in self._catalog.table("catalog").all()}
            _swap(self._catalog, "catalog", [Document(summary.to_record(), doc_id=catalog_docs[summary.id]) for summary in changed])
            self._summaries.update((summary.id, summary) for summary in changed)

    def remove(self, article_ids: list[str]) -> None:
        """Take articles off the shelf: the catalog first (so a crash leaves at most a body nobody
        lists, which the next import of that brief replaces), then one write per shard touched."""
        gone = [article_id for article_id in article_ids if article_id in self._summaries]
        if not gone:
            return
        wanted = set(gone)
        catalog_docs = [doc.doc_id for doc in self._catalog.table("catalog").all() if doc["id"] in wanted]
        self._catalog.table("catalog").remove(doc_ids=catalog_docs)
        for article_id in gone:
            del self._summaries[article_id]
        for name, ids in _by_shard(gone):
            docs = self._docs(name)
            doc_ids = [docs.pop(article_id) for article_id in ids if article_id in docs]
            if doc_ids:
                self._shard(name).table("articles").remove(doc_ids=doc_ids)

    def _shard(self, name: str) -> TinyDB:
        if name in self._shards:
            self._shards.move_to_end(name)
            return self._shards[name]
        if len(self._shards) >= OPEN_SHARDS:
            _, oldest = self._shards.popitem(last=False)
            oldest.close()  # every write is on disk already; closing only drops the parsed copy
        if not self.readonly:
            (self.folder / SHARD_FOLDER).mkdir(exist_ok=True)
        self._shards[name] = open_db(self.folder / SHARD_FOLDER / f"{name}.json", readonly=self.readonly)
        return self._shards[name]

    def _docs(self, name: str) -> dict[str, int]:
        if name not in self._shard_docs:
            self._shard_docs[name] = {doc["id"]: doc.doc_id for doc in self._shard(name).table("articles").all()}
        return self._shard_docs[name]

    def close(self) -> None:
        for db in self.files():
            db.close()


def _swap(db: TinyDB, table_name: str, documents: list[Document]) -> None:
    """Replace documents by doc id in one atomic write."""
    table = db.table(table_name)
    with storage_of(db).batch():
        table.remove(doc_ids=[document.doc_id for document in documents])
        table.insert_multiple(documents)


def _by_shard(article_ids: list[str]) -> list[tuple[str, list[str]]]:
    by_shard: dict[str, list[str]] = defaultdict(list)
    for article_id in article_ids:
        by_shard[_shard_name(article_id)].append(article_id)
    return sorted(by_shard.items())


def _shard_name(article_id: str) -> str:
    return article_id[0]


def remove_unfinished_writes(folder: Path) -> None:
    """Delete temporary files a killed writer left; safe only while holding the lock."""
    for place in (folder, folder / SHARD_FOLDER):
        for leftover in place.glob(".*.json.*tmp"):
            leftover.unlink(missing_ok=True)
