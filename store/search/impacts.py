"""Relevance without scoring every match: per-term lists of briefs, shortest first, read from the top.

For one term (a word, or a phrase of up to `PHRASE_WORDS` words) BM25 orders briefs by two numbers
only: f, the term's weighted count in a brief (`TITLE_WEIGHT` per title occurrence, 1 per text one),
and D, the brief's length in tokens. Of two briefs with the same f the shorter always scores higher,
whatever the idf and the average length (which change with every import). So a second contentless
FTS5 table, `impacts`, holds one key per term and count in each brief (`t12f3`: word 12, f = 3;
`p12x40f1`: the pair "12 40" once; `q12x40x7f5`: a triple), and its rowid is the brief's length then
the order indexed (`D << LENGTH_SHIFT | k`). The best briefs of one key are the first rows of its
doclist, which FTS5 reads from the start as cheaply as the date order reads from the end; the keys
of a term and how many briefs have each are in the table's vocabulary (fts5vocab), which also gives
the idf. Each candidate is scored as FTS5's bm25() scores it (the same formula, with N and the
average length read from the main table's averages record), so the best `limit` are the briefs
`ORDER BY bm25(briefs, 4, 1), rowid DESC` gives, in its order: only about `limit` rows per count of
the term are read (a word in 85% of 100,000 briefs: ~20 keys) instead of every match. A word that
begins other indexed words too (`soldier`: "soldiers") is ranked from the lists of the one most
briefs have, less the briefs with any of the others (up to `FEW`), which FTS5 scores.

Words are tokenized here as `store.search.spans` does (runs of letters and digits, folded with NFKD
and casefold); where that and FTS5's unicode61 tokenizer differ (rare letters outside Unicode 6.1,
`ß`), the order can differ from bm25()'s. Queries this cannot answer (several terms, a phrase of
more words, a word that begins many indexed words, a tag filter, a large limit) are ranked by FTS5
over every match.
"""

from __future__ import annotations

import heapq
import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from operator import add

from store.search.query import Term
from store.search.spans import TOKEN, fold

PHRASE_WORDS = 3  # words, pairs and triples are keyed (`Spellings.keys`): phrases of up to three words are ranked here
LENGTH_SHIFT = 32  # impacts rowid = brief length << LENGTH_SHIFT | its place among the briefs of that length
TITLE_WEIGHT = 4  # a word in the title counts as much as four in the text (BM25 column weights)
BEGUN = 8  # a prefix that begins more indexed words is ranked by FTS5
FEW = 5000  # briefs with the other words a prefix begins, scored by FTS5 (a word and its plurals): more, FTS5 ranks them all
MOST = 1000  # a larger limit is ranked by FTS5: the lists would be read nearly whole anyway
K1, B = 1.2, 0.75  # FTS5's bm25() constants

IMPACTS_SCHEMA = """
CREATE TABLE words(id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE impacts USING fts5(keys, content='', detail=none, tokenize='ascii');
CREATE VIRTUAL TABLE impact_keys USING fts5vocab(impacts, row);
"""


def tokens(text: str) -> list[str]:
    return list(map(fold, TOKEN.findall(text)))


class Spellings:
    """How this batch's words are written in keys (`t12`, `p12x`, `q12x`, `12x`, `12`), so that a
    brief's 790 keys are joined by `map` and `Counter` in C, never a Python loop per key (a third
    of the time formatting each took)."""

    def __init__(self, ids: dict[str, int]) -> None:
        self.alone = {word: f"t{number}" for word, number in ids.items()}
        self.first = {word: f"p{number}x" for word, number in ids.items()}
        self.first_of_three = {word: f"q{number}x" for word, number in ids.items()}
        self.middle = {word: f"{number}x" for word, number in ids.items()}
        self.last = {word: str(number) for word, number in ids.items()}

    def keys(self, title: list[str], text: list[str], title_weight: int) -> str:
        """A brief's keys: each word, pair and triple (within one column, as FTS5 matches a phrase) with its f."""
        counts: Counter[str] = Counter()
        for words, weight in ((title, title_weight), (text, 1)):
            after, third = map(self.last.__getitem__, words[1:]), map(self.last.__getitem__, words[2:])
            pairs = map(add, map(self.first.__getitem__, words), after)
            triples = map(add, map(add, map(self.first_of_three.__getitem__, words), map(self.middle.__getitem__, words[1:])), third)
            grams = [*map(self.alone.__getitem__, words), *pairs, *triples]
            for _ in range(weight):
                counts.update(grams)
        return " ".join(map(add, counts, map(_COUNTS.__getitem__, counts.values())))


class _Suffixes(dict[int, str]):
    def __missing__(self, count: int) -> str:
        self[count] = suffix = f"f{count}"
        return suffix


_COUNTS = _Suffixes()


def _key(ids: list[int]) -> str:
    """A term's key without its count: `t12f`, `p12x40f`, `q12x40x7f`."""
    return "tpq"[len(ids) - 1] + "x".join(map(str, ids)) + "f"


def spellings(db: sqlite3.Connection, words: Iterable[str]) -> Spellings:
    """These words' keys; a new word gets the next id (the store's lock held: an id never changes)."""
    wanted = sorted(set(words))
    db.executemany("INSERT OR IGNORE INTO words(word) VALUES (?)", [(w,) for w in wanted])
    return Spellings(dict(db.execute("SELECT word, id FROM words WHERE word IN (SELECT value FROM json_each(?))", [_json(wanted)])))


def ranked(db: sqlite3.Connection, term: Term, limit: int) -> list[tuple[int, float]] | None:
    """(date key, BM25 score) of the best `limit` briefs for one term, best first; None when this
    term is not one the impact lists answer (FTS5 ranks it)."""
    if limit > MOST or len(term.words) > PHRASE_WORDS or (term.prefix and len(term.words) > 1):
        return None
    words = _words(db, term)
    if words is None:
        return None
    if not words:
        return []
    main, *others = sorted(words, key=lambda groups: -sum(count for _, count in groups))
    if sum(count for groups in others for _, count in groups) > FEW:
        return None
    rows, tokens_in_all = _averages(db)
    hits = sum(count for _, count in main)
    exact: dict[int, float] = {}  # date key -> score, by FTS5, of the briefs with another word the prefix begins
    skipped: set[int] = set()  # their impact rows: the main word's f is only part of theirs
    if others:
        skipped = {impact for groups in others for key, _ in groups for (impact,) in db.execute("SELECT rowid FROM impacts WHERE impacts MATCH ?", [key])}
        numbers = [n for (n,) in db.execute("SELECT n FROM docs WHERE impact IN (SELECT value FROM json_each(?))", [_json(list(skipped))])]
        exact = dict(db.execute(f"SELECT rowid, -bm25(briefs, {TITLE_WEIGHT}, 1.0) FROM briefs WHERE briefs MATCH ? "
                                "AND +rowid IN (SELECT value FROM json_each(?))", [term.fts(), _json(numbers)]))
        if hits < rows / 2:  # otherwise the idf is the floor whatever the count: no need to count
            hits = db.execute("SELECT count(*) FROM briefs WHERE briefs MATCH ?", [term.fts()]).fetchone()[0]
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    if idf <= 0.0:
        idf = 1e-6  # as FTS5 does for a term in half the briefs or more
    average = tokens_in_all / rows

    def score(f: float, length: int) -> float:
        return idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * length / average)))

    best = heapq.nsmallest(limit, exact.values(), key=lambda value: -value)  # the best `limit` scores so far
    heapq.heapify(best)
    candidates: dict[int, float] = {}
    for key, f in sorted(((key, float(key.rsplit("f", 1)[1])) for key, _ in main), key=lambda kf: -kf[1]):
        taken, last_length = 0, -1
        for (impact,) in db.execute("SELECT rowid FROM impacts WHERE impacts MATCH ?", [key]):
            length = impact >> LENGTH_SHIFT
            if taken >= limit and length != last_length:
                break  # the next ones are longer: never better than the `limit` taken (ties of one length all kept)
            value = score(f, length)
            if len(best) >= limit and value < best[0]:
                break
            if impact in skipped:
                continue
            heapq.heappush(best, value) if len(best) < limit else heapq.heappushpop(best, value)
            candidates[impact] = value
            taken, last_length = taken + 1, length
    briefs = db.execute("SELECT impact, n FROM docs WHERE impact IN (SELECT value FROM json_each(?))", [_json(list(candidates))])
    scored = [*((n, candidates[impact]) for impact, n in briefs), *exact.items()]
    return sorted(scored, key=lambda hit: (-hit[1], -hit[0]))[:limit]


def _words(db: sqlite3.Connection, term: Term) -> list[list[tuple[str, int]]] | None:
    """For each indexed word the term can be (a prefix: up to `BEGUN`; else the phrase itself), its
    keys with their counts of briefs, words no brief has left out; None for a prefix of more words."""
    words = [fold(word) for word in term.words]
    if term.prefix:
        begun = [row[0] for row in db.execute("SELECT id FROM words WHERE word >= ? AND word < ? LIMIT ?", (words[0], words[0] + "\U0010ffff", BEGUN + 1))]
        return None if len(begun) > BEGUN else [groups for groups in (_key_counts(db, [word]) for word in begun) if groups]
    ids = dict(db.execute("SELECT word, id FROM words WHERE word IN (SELECT value FROM json_each(?))", [_json(words)]))
    if any(word not in ids for word in words):
        return []
    groups = _key_counts(db, [ids[word] for word in words])
    return [groups] if groups else []


def _key_counts(db: sqlite3.Connection, ids: list[int]) -> list[tuple[str, int]]:
    key = _key(ids)
    return db.execute("SELECT term, doc FROM impact_keys WHERE term > ? AND term < ?", (key, key[:-1] + "g")).fetchall()


def _averages(db: sqlite3.Connection) -> tuple[int, int]:
    """FTS5's own count of rows and of tokens in all columns (its averages record, varints), which bm25() uses."""
    row = db.execute("SELECT block FROM briefs_data WHERE id = 1").fetchone()
    numbers = list(_varints(row[0])) if row else [0]
    return max(numbers[0], 1), max(sum(numbers[1:]), 1)


def _varints(blob: bytes) -> Iterator[int]:
    """SQLite's varints: seven bits a byte, high bit set while more follow; a ninth byte gives all eight."""
    at = 0
    while at < len(blob):
        value = 0
        for place in range(9):
            byte = blob[at]
            at += 1
            if place == 8:
                value = value << 8 | byte
                break
            value = value << 7 | byte & 0x7F
            if not byte & 0x80:
                break
        yield value


def _json(values: list[str] | list[int]) -> str:
    return json.dumps(values)
