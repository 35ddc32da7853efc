"""Where articles live: a small catalog read at open, and the bodies in volumes read on demand.

With 10,000 briefs the bodies and their figures weigh over 100 MB of JSON; parsing that before the
first screen would take seconds. The catalog (title, date, source, figure count: what the list
shows; `store.persist.catalog`, one segment per volume) is all the list needs, so only it is read at open. Bodies live in volumes of at
most `VOLUME_BRIEFS` briefs (`volumes/00012.json`), filled in import order: new briefs go to the
last volume until it is full, then to a new one. So a write touches only the volumes of the briefs
it changes, each of bounded size, and the cost of adding a brief does not grow with the store (the
shards this replaces, one per first hex digit of the id, were all rewritten by every import batch).
A volume read stays cached, up to `OPEN_VOLUMES` of them.

Import writes the volumes first and the catalog last: a crash in between leaves bodies the catalog
does not list, which the next import of the same brief simply replaces. The search index
(`store.search.index`) is written after both, by every change; a crash before it leaves the index
behind the catalog, which the store sees by the count and catches up.
"""

from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
from tinydb import TinyDB
from tinydb.table import Document

from store.model import Article, Figure, Paragraph, Record
from store.persist.catalog import CATALOG_FILE, Catalog, Listing
from store.persist.db import open_db, storage_of
from store.persist.record_shapes import record_problem
from store.persist.storage import AtomicJSONStorage, FileIdentity, encode_json, file_identity, identity_of, refusal

if TYPE_CHECKING:  # loaded at first use (`Shelf.search_index`)
    from store.search.index import SearchIndex

__all__ = ["CATALOG_FILE", "VOLUME_BRIEFS", "VOLUME_FOLDER", "Shelf", "volume_path"]

VOLUME_FOLDER = "volumes"
VOLUME_BRIEFS = 500  # briefs per volume: ~6 MB of JSON, a write of a few tens of ms
OPEN_VOLUMES = 4  # parsed volumes kept; the least recently used one is closed when a fifth is needed


def volume_path(folder: Path, number: int) -> Path:
    return folder / VOLUME_FOLDER / f"{number:05}.json"


class Shelf:
    def __init__(self, folder: Path, *, readonly: bool) -> None:
        self.folder = folder
        self.readonly = readonly
        self._catalog = Catalog(folder, readonly=readonly)
        self._volumes: OrderedDict[int, TinyDB] = OrderedDict()
        self._volume_docs: dict[int, dict[str, int]] = {}  # volume -> article id -> doc id
        self._raw: OrderedDict[int, tuple[FileIdentity, bytes]] = OrderedDict()  # volume files `get` read, unparsed
        self._search_index: SearchIndex | None = None

    def refresh(self) -> bool:
        """Drop what another process replaced since it was read: the catalog, parsed volumes; whether any was."""
        changed = False
        for number in [number for number, volume in self._volumes.items() if storage_of(volume).changed_on_disk()]:
            self._volumes.pop(number).close()
            self._volume_docs.pop(number, None)
            changed = True
        return self._catalog.refresh() or changed

    def summaries(self) -> Listing:
        """Every brief's summary by id, each built when asked for; `by_date()` is the list's default order."""
        return Listing(self._catalog)

    def get(self, article_id: str) -> Article | None:
        number = self._catalog.volume_holding(article_id)
        if number is not None and number not in self._volumes:
            record = _one_record(self._raw_volume(number), article_id)
            if record is not None:
                return _article_of(volume_path(self.folder, number), record, whole=True)
        return self.get_many([article_id], whole=True).get(article_id)

    def _raw_volume(self, number: int) -> bytes:
        """The bytes of a volume file, the last `OPEN_VOLUMES` read kept while their files are the same
        (the next brief the reader opens is mostly in one of them): a stat instead of reading 6 MB again."""
        path = volume_path(self.folder, number)
        kept = self._raw.get(number)
        if kept is not None and identity_of(path) == kept[0]:
            self._raw.move_to_end(number)
            return kept[1]
        try:
            with path.open("rb") as file:
                seen, raw = file_identity(file), file.read()
        except OSError:
            return b""
        self._raw[number] = (seen, raw)
        if len(self._raw) > OPEN_VOLUMES:
            self._raw.popitem(last=False)
        return raw

    def get_many(self, article_ids: list[str], *, whole: bool = False) -> dict[str, Article]:
        """Many articles by id, reading each volume once however many volumes there are to read
        (`whole`: each record checked whole, see `_article_of`).

        A brief the catalog lists in a volume that does not hold it is refused, unless the catalog
        changed on disk since it was read: another process's removal writes the catalog first and
        the volume after, and `refresh` (which the reader's follower calls) takes the new one in.
        Otherwise the store is damaged (a hand edit of an id, or of a segment's volume number), and
        skipping the brief would leave the list or a search hit naming a brief nothing can show."""
        found, missing = self._read_many(article_ids, whole)
        if missing and not self._catalog.changed_on_disk():
            number, article_id = missing[0]
            more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            raise refusal(volume_path(self.folder, number), f"holds no brief {article_id}{more}, which the catalog lists in it")
        return found

    def _read_many(self, article_ids: list[str], whole: bool) -> tuple[dict[str, Article], list[tuple[int, str]]]:
        """The listed ones of these articles, and each listed one its volume lacks, with that volume."""
        found: dict[str, Article] = {}
        missing: list[tuple[int, str]] = []
        for number, ids in self._by_volume(article_ids):
            docs, table = self._docs(number), self._volume(number).table("articles")
            for article_id in ids:
                doc_id = docs.get(article_id)
                record = table.get(doc_id=doc_id) if doc_id else None
                if isinstance(record, dict):
                    found[article_id] = _article_of(volume_path(self.folder, number), record, whole=whole)
                else:
                    missing.append((number, article_id))
        return found, missing

    def add(self, articles: list[Article]) -> None:
        """Add new articles to the last volumes: one write per volume filled, then its catalog segment and the head."""
        placed: dict[int, list[Article]] = defaultdict(list)
        sizes = self._catalog.sizes()
        tail = max(sizes, default=0)
        for article in articles:
            if sizes.get(tail, 0) >= VOLUME_BRIEFS:
                tail += 1
            placed[tail].append(article)
            sizes[tail] = sizes.get(tail, 0) + 1
        for number, batch in sorted(placed.items()):
            records = [article.to_record() for article in batch]
            table, docs = self._volume(number).table("articles"), self._docs(number)
            orphans = [docs.pop(r["id"]) for r in records if r["id"] in docs]  # left by a crash mid-import
            with storage_of(self._volume(number)).batch():
                if orphans:
                    table.remove(doc_ids=orphans)
                for record, doc_id in zip(records, table.insert_multiple(records)):
                    docs[record["id"]] = doc_id
        self._catalog.write({number: [*self._catalog.segment_summaries(number), *(a.summary() for a in batch)] for number, batch in placed.items()})
        self._index(lambda index: index.add(articles))

    def replace(self, articles: list[Article]) -> None:
        """Write changed articles back: one write per volume touched, then their catalog segments if a summary changed.

        Whole records are swapped under their doc ids (remove, then insert), two table passes a volume:
        TinyDB's `update` would pass over the whole table once per record.
        """
        by_id = {article.id: article for article in articles}
        listing = self.summaries()
        for number, ids in self._by_volume(list(by_id)):
            docs = self._docs(number)
            _swap(self._volume(number), "articles", [Document(by_id[i].to_record(), doc_id=docs[i]) for i in ids])
        changed = {summary.id: summary for summary in (a.summary() for a in articles) if summary.id in listing and summary != listing[summary.id]}
        if changed:
            self._catalog.write({number: [changed.get(s.id, s) for s in self._catalog.segment_summaries(number)] for number, _ in self._by_volume(list(changed))})
            self._index(lambda index: index.retitle([by_id[article_id] for article_id in changed]))

    def amend_paragraphs(self, article_ids: list[str], amend: Callable[[str, list[Record]], bool]) -> int:
        """Change stored articles' paragraph records (their repeat marks), volume by volume, one write per
        volume with a change; how many articles changed. `amend(article_id, paragraphs)` changes one
        article's paragraph records in place and says whether it did. Only for what neither the catalog
        nor the search index holds, so no Article is made, and a volume is not parsed and encoded whole
        but only each article's paragraphs, where its bytes hold them (`_amended`): the end of a
        10,000-brief import re-marks ~4,700 stored briefs, and a volume took ~27 ms against ~3."""
        amended = 0
        for number, ids in self._by_volume(article_ids):
            path = volume_path(self.folder, number)
            try:
                edited = _amended(path.read_bytes(), ids, amend)
            except OSError:
                edited = None  # read as TinyDB does, which says what is wrong
            if edited is None:
                amended += self._amend_parsed(number, ids, amend)
                continue
            raw, changed = edited
            if changed:
                volume = self._volumes.get(number)  # its parsed copy, if open, is dropped by the write
                (storage_of(volume) if volume is not None else AtomicJSONStorage(path)).write_encoded(raw)
            amended += changed
        return amended

    def _amend_parsed(self, number: int, ids: list[str], amend: Callable[[str, list[Record]], bool]) -> int:
        """`amend_paragraphs` of one volume, parsed whole: for a volume not laid out as `_amended` expects."""
        docs, storage = self._docs(number), storage_of(self._volume(number))
        tables = storage.read() or {}
        records = tables.get("articles", {})
        changed = sum(1 for i in ids if i in docs and amend(i, records[str(docs[i])]["paragraphs"]))
        if changed:
            storage.write(tables)  # a failed write drops the cache: the next read is what is on disk
        return changed

    def remove(self, article_ids: list[str]) -> None:
        """Take articles off the shelf: the catalog first (so a crash leaves at most a body nobody
        lists, which the next import of that brief replaces), then one write per volume touched."""
        gone = [article_id for article_id in article_ids if article_id in self._catalog.volume_of]
        if not gone:
            return
        wanted = set(gone)
        located = self._by_volume(gone)
        texts = list(self.get_many(gone).values())  # the index needs their words to take them out
        self._catalog.write({number: [s for s in self._catalog.segment_summaries(number) if s.id not in wanted] for number, _ in located})
        for number, ids in located:
            docs = self._docs(number)
            doc_ids = [docs.pop(article_id) for article_id in ids if article_id in docs]
            if doc_ids:
                self._volume(number).table("articles").remove(doc_ids=doc_ids)
        self._index(lambda index: index.remove(texts))

    @property
    def search_index(self) -> SearchIndex:
        """The search index, its module and SQLite loaded at first use: the list, a brief and a tag
        need neither (~4 ms of every command's and the reader's start)."""
        if self._search_index is None:
            from store.search.index import SearchIndex

            self._search_index = SearchIndex(self.folder, readonly=self.readonly)
        return self._search_index

    def _index(self, change: Callable[[SearchIndex], None]) -> None:
        """Bring the search index along; a damaged one is left for `newsbrief search --rebuild`,
        which reads every brief anew, and says so itself at the next search."""
        from store.search.index import IndexDamaged

        try:
            change(self.search_index)
        except IndexDamaged:
            self.search_index.close()

    def batches(self, article_ids: list[str], size: int) -> Iterator[list[Article]]:
        """These articles, `size` or fewer at a time, volume by volume: however many, never all in memory."""
        for _, ids in self._by_volume(article_ids):
            for start in range(0, len(ids), size):
                yield list(self.get_many(ids[start : start + size]).values())

    def _by_volume(self, article_ids: list[str]) -> list[tuple[int, list[str]]]:
        """The listed ones of these ids, by the volume that holds each, in volume order."""
        by_volume: dict[int, list[str]] = defaultdict(list)
        for article_id in article_ids:
            number = self._catalog.volume_of.get(article_id)
            if number is not None:
                by_volume[number].append(article_id)
        return sorted(by_volume.items())

    def _volume(self, number: int) -> TinyDB:
        if number in self._volumes:
            self._volumes.move_to_end(number)
            return self._volumes[number]
        if len(self._volumes) >= OPEN_VOLUMES:
            _, oldest = self._volumes.popitem(last=False)
            oldest.close()  # every write is on disk already; closing only drops the parsed copy
        if not self.readonly:
            (self.folder / VOLUME_FOLDER).mkdir(exist_ok=True)
        self._volumes[number] = open_db(volume_path(self.folder, number), readonly=self.readonly)
        return self._volumes[number]

    def _docs(self, number: int) -> dict[str, int]:
        if number not in self._volume_docs:
            docs = self._volume(number).table("articles").all()
            unnamed = next((doc.doc_id for doc in docs if type(doc.get("id")) is not str), None)
            if unnamed is not None:
                raise refusal(volume_path(self.folder, number), f"brief {unnamed} has no id (expected a string)")
            self._volume_docs[number] = {doc["id"]: doc.doc_id for doc in docs}
        return self._volume_docs[number]

    def close(self) -> None:
        for volume in self._volumes.values():
            volume.close()
        if self._search_index is not None:
            self._search_index.close()


_NEXT_RECORD = re.compile(rb'\},"\d+":\{"id":"')  # between two articles of a volume: never inside a JSON string, whose quotes are escaped


def _article_of(path: Path, record: Record, *, whole: bool = False) -> Article:
    """The article of a volume's record, or the volume's refusal naming the brief and what is wrong.

    Its own fields' types are checked (6 us a brief); with `whole` (a brief opened to be read: the
    reader, `show`), its sentences', figures' and paragraphs' too (80 us: passes over every brief
    would take 8 s more at 100,000), else they are checked only as far as making them fails."""
    problem = record_problem(record, Article) or (_parts_problem(record) if whole else None)
    if problem is None:
        try:
            return Article.from_record(record)
        except (KeyError, TypeError, ValueError) as error:
            problem = f"a figure, paragraph or sentence is malformed ({type(error).__name__}: {error})"
    raise refusal(path, f"brief {record.get('id')!r}: {problem}")


def _parts_problem(record: Record) -> str | None:
    for number, span in enumerate(record["sentences"]):
        if not (type(span) is list and len(span) == 2 and all(type(end) is int for end in span)):
            return f"sentence {number} is not a [start, end] pair of integers"
    for part, cls in (("figures", Figure), ("paragraphs", Paragraph)):
        for number, item in enumerate(record[part]):
            problem = record_problem(item, cls)
            if problem:
                return f"{part[:-1]} {number}: {problem}"
    return None


def _one_record(raw: bytes, article_id: str) -> Record | None:
    """One article's record from a volume's bytes, without parsing its 499 neighbours (the reader's
    first brief: a 6 MB volume parses in ~50 ms, one record in well under 1). None when it is not
    found so, and the caller reads the volume whole, which also says what is wrong with it."""
    start = raw.find(b'{"id":"' + article_id.encode() + b'"')
    if start < 0:
        return None
    after = _NEXT_RECORD.search(raw, start)
    end = after.start() + 1 if after else len(raw) - 2  # the last article: the volume's table and top level close after it
    try:
        record = orjson.loads(raw[start:end])
    except orjson.JSONDecodeError:
        return None
    return record if isinstance(record, dict) and record.get("id") == article_id else None


_RECORD_START = b'{"id":"'  # where an article's record starts in a volume (`Article.to_record` puts its id first)
_PARAGRAPHS = b',"paragraphs":['  # where its paragraphs start: a key, never inside a string, whose quotes are escaped


def _amended(raw: bytes, ids: list[str], amend: Callable[[str, list[Record]], bool]) -> tuple[bytes, int] | None:
    """A volume's bytes with these articles' paragraph records amended (parsed, amended and encoded
    alone: the same bytes as the whole volume parsed, amended and encoded again), and how many changed.

    None when the bytes are not laid out as this newsbrief writes a volume (each record starting with
    its id, an id once a volume, each record's paragraphs a flat list of objects), which the caller
    then parses whole."""
    if not (raw.startswith(b"{") and raw.endswith(b"}}}")):
        return None
    records: list[tuple[int, str]] = []  # each record's start and id
    start = raw.find(_RECORD_START)
    while start >= 0:
        quote = raw.find(b'"', start + len(_RECORD_START))
        records.append((start, raw[start + len(_RECORD_START) : quote].decode()))
        start = raw.find(_RECORD_START, quote)
    present = {article_id for _, article_id in records}
    wanted = set(ids)
    if len(present) != len(records) or not wanted <= present:
        return None
    pieces, copied, changed = [], 0, 0
    for (start, article_id), end in zip(records, [*(start for start, _ in records[1:]), len(raw)]):
        if article_id not in wanted:
            continue
        key = raw.find(_PARAGRAPHS, start, end)
        opening = key + len(_PARAGRAPHS) - 1
        closing = raw.find(b"]", opening, end)  # paragraph records hold no list: the first closes theirs
        if key < 0 or closing < 0:
            return None
        closing += 1
        try:
            paragraphs = orjson.loads(raw[opening:closing])
        except orjson.JSONDecodeError:
            return None
        if not isinstance(paragraphs, list) or not all(isinstance(paragraph, dict) for paragraph in paragraphs):
            return None
        if amend(article_id, paragraphs):
            pieces += [raw[copied:opening], encode_json(paragraphs)]
            copied, changed = closing, changed + 1
    pieces.append(raw[copied:])
    return b"".join(pieces), changed


def _swap(db: TinyDB, table_name: str, documents: list[Document]) -> None:
    """Replace documents by doc id in one atomic write."""
    table = db.table(table_name)
    with storage_of(db).batch():
        table.remove(doc_ids=[document.doc_id for document in documents])
        table.insert_multiple(documents)

