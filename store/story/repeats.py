"""Repeated passages: paragraphs a brief shares, exactly or nearly, with an earlier brief.

Found once, at import (and again for the briefs a date edit reorders), never at display time.

- Paragraphs and their MinHash signatures come from `store.extract.signatures`. Two paragraphs repeat
  when the Jaccard similarity their signatures estimate is at least `THRESHOLD`; identical paragraphs
  have identical signatures, so an exact repeat is found by a dictionary lookup, before any band.
- Cheap at 10,000 briefs: paragraphs that repeat each other form a group, and only the groups are
  indexed, by LSH bands of their signature (`BANDS` bands of `BINS // BANDS` values). A new paragraph
  is compared with the few groups that share the most bands with it (`CANDIDATES`), never with every
  brief, and a band value shared by `BUCKET_LIMIT` groups indexes no more, so import stays linear. The groups live
  in their own file, `repeats.json`, read only by import and by a date edit.
- The first brief of a group is the one the others repeat (`repeated_from`): of two briefs that both
  have a date, the earlier date; otherwise (a date missing, or the same date) the one imported first.
"""

from __future__ import annotations

import io
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any

import orjson

from store.extract.signatures import BINS, EMPTY, Signature, Signatures, paragraph_signatures, similarity
from store.model import Article, Paragraph, Record
from store.persist.db import MARK, check_mark
from store.persist.storage import AtomicJSONStorage, encode_json, encode_json_to_keep, parse_tables, refusal

REPEATS_FILE = "repeats.json"
GROUPS_OPEN = b'"groups":{'  # the end of the file's first line; then a group a line
FILE_END = b"}}"  # its last line
BANDS = 8  # LSH bands; two values each
THRESHOLD = 0.7  # estimated Jaccard similarity from which a paragraph is a repeat
CANDIDATES = 8  # groups compared with a new paragraph: those sharing the most bands with it
BUCKET_LIMIT = 64  # groups kept per band value; a band shared by more says little, and would make import quadratic


Member = tuple[str, int, int]  # article id, paragraph start, paragraph end
Earlier = Callable[[str, str], bool]  # does the first article come before the second?
Marks = dict[tuple[int, int], str | None]  # paragraph span -> the article it repeats (None: it comes first)


Band = tuple[int, ...]  # a band's number, then its values


@dataclass(slots=True)
class _Group:
    """Paragraphs that repeat each other, first imported first; `sig` is the first one's signature.

    `first` is the earliest brief of the first `folded` members, as `RepeatIndex.marks` last found it:
    members are only ever added at the end, so the next search goes on from there (see `_first`)."""

    sig: Signature
    members: list[Member]
    first: str = ""
    folded: int = 0  # 0: not known (never searched, members taken out, or dates moved)

    def to_record(self) -> Record:
        return {"sig": self.sig, "members": list(self.members)}  # tuples are JSON arrays too


_COUNT = operator.itemgetter(1)  # of a (group, shared bands) pair
_ROWS = BINS // BANDS  # values per band
_UNUSED_BAND = (EMPTY,) * _ROWS
_ONLY_INT = frozenset([int])  # the type of every value of a signature (bool, float and str are not)


def _bands(sig: Signature) -> list[Band]:
    """The band keys of a signature, (band, its values), less the bands no shingle fell into."""
    keys = zip(range(BANDS), *(sig[row::_ROWS] for row in range(_ROWS)))
    if EMPTY not in sig:  # every bin used (most paragraphs): no band to leave out
        return list(keys)
    return [key for key in keys if key[1:] != _UNUSED_BAND]


def _read_group(doc: Record, shared: Callable[[str], str | None]) -> _Group | None:
    """A group as the file holds it, less the members whose brief `shared` does not know (it gives
    the one string kept for each id); None when the record is not of the shape a save writes (its
    numbers' types checked: a string offset would pass, then never match a paragraph)."""
    try:
        # `| 0` keeps an int offset as it is and raises TypeError for a str or a float: the cheapest check of 1,000,000 members
        sig, members = doc["sig"], [(article_id, m[1] | 0, m[2] | 0) for m in doc["members"] if (article_id := shared(m[0])) is not None]
    except (KeyError, TypeError, IndexError):
        return None
    if not isinstance(sig, list) or len(sig) != BINS or not _ONLY_INT.issuperset(map(type, sig)):
        return None
    return _Group(sig, members)


def _stored_groups(path: Path, raw: bytes) -> tuple[dict[str, Any], Iterator[tuple[str, Any]]]:
    """The repeats file's tables (its mark; the groups table empty), and its groups as (number,
    record), parsed one line at a time: orjson parses a whole file into a tree of its own first,
    which for the 43 MB file of 100,000 briefs rose to 790 MB. A file of the one-line layout before
    is parsed whole."""
    head, _, rest = raw.partition(b"\n")
    if not head.endswith(GROUPS_OPEN):
        tables = parse_tables(path, raw)
        return {**tables, "groups": {}}, iter(tables.get("groups", {}).items())
    return parse_tables(path, head + FILE_END), _group_lines(path, rest)


def _group_lines(path: Path, rest: bytes) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(io.BytesIO(rest), 2):
        if line == FILE_END:
            return
        try:
            ((key, record),) = orjson.loads(b"{%b}" % line.rstrip(b",\n")).items()
        except ValueError:  # not JSON (orjson's error is one), or not one group
            raise refusal(path, f"line {number} is not one repeat group") from None
        yield key, record
    raise refusal(path, "the file ends before its last repeat group")


class RepeatIndex:
    """The groups of repeating paragraphs, loaded from and saved to the repeats file."""

    def __init__(self, path: Path, known: Collection[str], *, readonly: bool) -> None:
        """The groups as the file holds them, less the briefs not in `known` (a crash can leave briefs
        the catalog lacks); at 100,000 briefs a million members, each brief's id held once."""
        self._storage = AtomicJSONStorage(path, readonly=readonly)  # the file's writes, and which file was read
        self._groups: list[_Group] = []  # in import order
        self._buckets: dict[Band, list[int]] = defaultdict(list)
        self._exact: dict[tuple[int, ...], int] = {}  # a signature seen -> its group: exact repeats skip the bands
        self._encoded: list[bytes | None] = []  # each group's JSON as last saved; None: changed since
        raw = self._storage.read_bytes()
        tables, groups = _stored_groups(path, raw) if raw else ({}, iter(()))
        if not check_mark(path, tables, readonly=readonly):
            tables = {"meta": {"1": MARK}}
        # the file's other tables (its format mark), encoded once: a save does not parse the file again
        others = b"".join(encode_json(name) + b":" + encode_json(table) + b"," for name, table in tables.items() if name != "groups")
        self._head = b"{%b%b\n" % (others, GROUPS_OPEN)
        shared = {article_id: article_id for article_id in known}.get  # one string per brief, not one per member read
        for number, doc in groups:
            group = _read_group(doc, shared)
            if group is None:
                raise refusal(path, f"repeat group {number} is not a signature of {BINS} numbers and a list of [article id, start, end] members")
            if group.members:
                self._add_group(group)

    def changed_on_disk(self) -> bool:
        """Another process wrote the file since this index read or saved it."""
        return self._storage.changed_on_disk()

    def _add_group(self, group: _Group) -> int:
        self._groups.append(group)
        self._encoded.append(None)
        number = len(self._groups) - 1
        self._exact.setdefault(tuple(group.sig), number)
        for key in _bands(group.sig):
            bucket = self._buckets[key]
            if len(bucket) < BUCKET_LIMIT:
                bucket.append(number)
        return number

    def place(self, article: Article, signatures: Signatures | None = None) -> set[int]:
        """Put each paragraph of a new article in its group (a new one when it repeats nothing).

        `signatures` are the paragraphs' signatures when an import worker has made them already.
        """
        touched = set()
        if signatures is None:
            signatures = paragraph_signatures(article)
        for paragraph, sig in zip(article.paragraphs, signatures):
            if sig is None:
                continue
            member = (article.id, paragraph.start, paragraph.end)
            number = self._exact.get(tuple(sig))
            if number is None:
                number = self._similar(sig)
            if number is not None:
                self._groups[number].members.append(member)
                self._exact.setdefault(tuple(sig), number)
            else:
                number = self._add_group(_Group(sig, [member]))
            self._encoded[number] = None
            touched.add(number)
        return touched

    def _similar(self, sig: Signature) -> int | None:
        """The group of the first of the `CANDIDATES` groups sharing the most bands with `sig` (the
        earlier indexed first among equals) that it is similar enough to, if one is.

        The first candidate is taken by `max` (the first of the most shared), and the others are
        sorted only when it fails: it is the one in six cases of ten, and `most_common` sorted them all.
        """
        hits = Counter(chain.from_iterable(map(self._buckets.get, _bands(sig), repeat(()))))
        if not hits:
            return None
        first = max(hits.items(), key=_COUNT)[0]
        if similarity(sig, self._groups[first].sig) >= THRESHOLD:
            return first
        # `most_common(n)` is this: stable, so groups with as many shared bands stay in indexing order
        ranked = sorted(hits.items(), key=_COUNT, reverse=True)[1:CANDIDATES]
        return next((n for n, _ in ranked if similarity(sig, self._groups[n].sig) >= THRESHOLD), None)

    def _first(self, group: _Group, earlier: Earlier, upto: int) -> str:
        """The earliest brief of the group's first `upto` members (at least one), found as a walk from
        the first member that takes each earlier one; the walk goes on from where the last one stopped.

        `earlier` is not an order (a dated and an undated brief compare by import, two dated ones by
        date), so the walk's path decides; going on from its last stop is the same walk. Walked anew each
        batch, the groups' members took 12 million `earlier` calls in a 100,000-brief import."""
        if 0 < group.folded <= upto:
            first, start = group.first, group.folded
        else:
            first, start = group.members[0][0], 1
        for article_id, _, _ in islice(group.members, start, upto):
            if earlier(article_id, first):
                first = article_id
        group.first, group.folded = first, upto
        return first

    def forget_firsts(self) -> None:
        """Any brief's date may have moved (another process wrote): every earliest brief is searched for anew."""
        for group in self._groups:
            group.folded = 0

    def dates_moved(self, article_ids: Collection[str]) -> set[int]:
        """These briefs' dates moved: the groups they are in, whose earliest briefs are searched for anew."""
        numbers = self.groups_of(article_ids)
        for number in numbers:
            self._groups[number].folded = 0
        return numbers

    def placed_marks(self, numbers: set[int], new: Collection[str], earlier: Earlier) -> tuple[dict[str, Marks], set[int]]:
        """The marks of the `new` briefs' paragraphs in these groups, and the groups whose earliest brief
        is now a new one: their stored briefs' marks move. `place` put the new briefs' members at
        the end of each group, and the stored briefs' marks name the earliest of the rest."""
        marks: dict[str, Marks] = defaultdict(dict)
        moved = set()
        for number in numbers:
            group = self._groups[number]
            members = group.members
            stored = len(members)
            while stored and members[stored - 1][0] in new:
                stored -= 1
            before = self._first(group, earlier, stored) if stored else None
            first = self._first(group, earlier, len(members))
            for article_id, start, end in islice(members, stored, None):
                marks[article_id][(start, end)] = first if article_id != first else None
            if before is not None and first != before:
                moved.add(number)
        return marks, moved

    def every_group(self) -> set[int]:
        """The numbers of all groups: for marks owed since a crash, when nobody knows which groups moved."""
        return set(range(len(self._groups)))

    def groups_of(self, article_ids: Collection[str]) -> set[int]:
        """The groups with a paragraph of these articles."""
        return {n for n, group in enumerate(self._groups) if any(m[0] in article_ids for m in group.members)}

    def marks(self, numbers: set[int], earlier: Earlier, of: Collection[str] | None = None) -> dict[str, Marks]:
        """For the articles in these groups (those `of` them, when given): paragraph span -> the article
        it repeats (None: first). An import's batch asks `placed_marks` instead: the groups it touches
        hold the stored briefs too, some 200,000 paragraphs a batch at 40,000 briefs."""
        marks: dict[str, Marks] = defaultdict(dict)
        for number in numbers:
            members = self._groups[number].members
            if not members:
                continue  # every brief of the group was removed
            first = self._first(self._groups[number], earlier, len(members))
            for article_id, start, end in members:
                if of is None or article_id in of:
                    marks[article_id][(start, end)] = first if article_id != first else None
        return marks

    def members(self, numbers: set[int]) -> set[str]:
        """The articles with a paragraph in these groups."""
        return {member[0] for number in numbers for member in self._groups[number].members}

    def forget(self, article_ids: set[str]) -> set[int]:
        """Take removed briefs out of their groups; the groups they were in, whose marks may change."""
        touched = set()
        for number, group in enumerate(self._groups):
            kept = [member for member in group.members if member[0] not in article_ids]
            if len(kept) != len(group.members):
                group.members, group.folded = kept, 0
                self._encoded[number] = None
                touched.add(number)
        return touched

    def save(self) -> None:
        """Write every group in one atomic write, a line each, numbered as `insert_multiple` into an
        emptied table would; only the groups changed since the last save are encoded again (at
        100,000 briefs the file holds some 60,000 groups, and an import saves it once a batch)."""
        encoded = [done if done is not None else encode_json_to_keep(group.to_record()) for group, done in zip(self._groups, self._encoded)]
        lines = (b'"%d":%b%b\n' % (number, one, b"," if number < len(encoded) else b"") for number, one in enumerate(encoded, 1))
        self._storage.write_encoded(chain([self._head], lines, [FILE_END]))
        self._encoded = [*encoded]


def mark_paragraphs(paragraphs: list[Record], marks: Marks) -> bool:
    """Set `repeated_from` on a stored article's paragraph records, in place, as `marks` say; whether any changed.

    `with_marks` for an article as its volume holds it: no Article is made and serialized again."""
    changed = False
    for paragraph in paragraphs:
        span = (paragraph["start"], paragraph["end"])
        if span in marks and paragraph.get("repeated_from") != marks[span]:
            paragraph["repeated_from"] = marks[span]
            changed = True
    return changed


def with_marks(article: Article, marks: Marks) -> Article | None:
    """The article with `repeated_from` set on its paragraphs as `marks` say; None when nothing changes.

    A paragraph is made again only when its mark moves (by its class: `replace` took 4 µs a paragraph)."""
    paragraphs, moved = [], False
    for paragraph in article.paragraphs:
        mark = marks.get((paragraph.start, paragraph.end), paragraph.repeated_from)
        if mark != paragraph.repeated_from:
            paragraph, moved = Paragraph(paragraph.start, paragraph.end, mark), True
        paragraphs.append(paragraph)
    return replace(article, paragraphs=tuple(paragraphs)) if moved else None
