"""The finished compare groups, kept on disk so that opening the compare view reads what it shows.

Grouping 10,000 briefs means parsing the compare index and building 89,000 figures (2 s); the
groups change only when a brief, a date, a repeat mark or the regrouping does. So the groups of the
default order are saved here with what they were made from (`Basis`: the compare index files'
identity, the catalog's segment files, the regrouping), which also lets a change be folded into
them without grouping every brief again (`store.story.refold`). Opening reads the groups'
headings, and a group's rows only when they are asked for, `CHUNK` rows at a time: the table draws
the rows on screen, so a store of 100,000 briefs opens as fast as one of 10,000.

The file is JSON Lines: a header line (format, version, `made_for`, its `basis`, the figure fields rows are
written with, and per group its id, label, drift, counts, column widths and where its chunks are,
as byte offsets after the header line), then one line a chunk: a JSON array of row records. It is
read through a memory map, which keeps the file it mapped when another process replaces it.
Derived data: a stale, damaged or missing file is made again from the compare index.
"""

from __future__ import annotations

import hashlib
import mmap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path
from typing import Any, overload

import orjson

from store.describe import describe_date, describe_value
from store.model import Figure, Regrouping
from store.persist.storage import atomic_write_bytes
from store.story.compare import CompareGroup, CompareRow
from store.story.index_lines import State, state_from_record

VIEW_FILE = "compare-groups.jsonl"
FORMAT = "newsbrief-compare-groups"
VERSION = 2  # 1 had no basis
CHUNK = 500  # rows a line: what a first screen parses of the largest group
_FIGURE_FIELDS = [f.name for f in fields(Figure)]


@dataclass(frozen=True)
class Basis:
    """What groups are made from: the compare index's state as read, the catalog's segment files, the regrouping."""

    index: State
    listing: list[tuple[int, str]]
    regrouping: Regrouping

    @property
    def key(self) -> str:
        return made_for(self.index, self.listing, self.regrouping)

    def to_record(self) -> dict[str, Any]:
        return {"index": self.index, "listing": self.listing, "regrouping": self.regrouping.to_record()}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Basis | None:
        index = state_from_record(record["index"])
        listing = [(int(number), str(file)) for number, file in record["listing"]]
        return cls(index, listing, Regrouping.from_record(record["regrouping"])) if index is not None else None


@dataclass(frozen=True)
class Saved:
    """The groups on disk and what they were made from (`key`: its digest, `Basis.key`)."""

    key: str
    basis: Basis
    groups: list[CompareGroup]


def made_for(index: object, listing: list[tuple[int, str]], regrouping: Regrouping) -> str:
    """What groups are made from (the compare index's state, the catalog's segment files (`Listing.files`),
    which name every brief's id, date, bound, title and source in order, and the regrouping), as a digest: they
    are right while it is the same. The files, not the summaries: building 100,000 summaries to hash
    them took 0.7 s of a first compare open."""
    return hashlib.sha256(orjson.dumps([index, regrouping.to_record(), listing])).hexdigest()


def cell_texts(row: CompareRow) -> tuple[str, str, str, str, str, str]:
    """The words of a row's cells: date, brief, figure, value, said by, reports."""
    figure = row.figure
    return (
        describe_date(row), row.title, figure.text, describe_value(figure), figure.source or "—", f"×{row.reports}" if row.reports > 1 else "",
    )


def natural_widths(rows: Sequence[CompareRow]) -> tuple[int, ...]:
    """Each cell column's widest text, in characters."""
    widths = [0] * 6
    for row in rows:
        for column, text in enumerate(cell_texts(row)):
            if len(text) > widths[column]:
                widths[column] = len(text)
    return tuple(widths)


_figure_values = attrgetter(*_FIGURE_FIELDS)  # a figure's fields in order, in one C call: a save writes 155,000 at 100,000 briefs


def _row_record(row: CompareRow) -> list[Any]:
    return [
        row.article_id, row.title, row.published, row.published_inferred, row.not_before, row.brief_source,
        _figure_values(row.figure), row.moved, row.repeat_of, row.also_in, row.reports,
    ]


def _row(record: list[Any]) -> CompareRow:
    article_id, title, published, inferred, not_before, source, figure, moved, repeat_of, also_in, reports = record
    return CompareRow(article_id, title, published, inferred, source, Figure(*figure), moved, repeat_of, tuple(also_in), not_before, reports)


class StoredRows(Sequence[CompareRow]):
    """A stored group's rows, parsed a chunk at a time when first asked for."""

    def __init__(self, body: mmap.mmap, start: int, chunks: list[list[int]], count: int) -> None:
        self._body, self._start, self._chunks, self._count = body, start, chunks, count
        self._parsed: dict[int, list[CompareRow]] = {}

    def __len__(self) -> int:
        return self._count

    def _chunk(self, number: int) -> list[CompareRow]:
        rows = self._parsed.get(number)
        if rows is None:
            offset, length = self._chunks[number]
            at = self._start + offset
            rows = self._parsed[number] = [_row(record) for record in orjson.loads(self._body[at : at + length])]
        return rows

    @overload
    def __getitem__(self, index: int) -> CompareRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[CompareRow]: ...
    def __getitem__(self, index: int | slice) -> CompareRow | Sequence[CompareRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._chunk(index // CHUNK)[index % CHUNK]

    def __iter__(self) -> Iterator[CompareRow]:
        for number in range(len(self._chunks)):
            yield from self._chunk(number)

    def chunk_lines(self) -> list[bytes]:
        """The rows' chunks as stored, each a line: what a save of the same rows writes again."""
        return [self._body[self._start + offset : self._start + offset + length] for offset, length in self._chunks]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def save(folder: Path, basis: Basis, groups: Sequence[CompareGroup]) -> None:
    """Write the groups made from `basis`: one atomic write. A group read from the file before and
    kept as it was has its chunks copied as they are. The caller holds the store's lock."""
    chunks: list[bytes] = []
    headings = []
    at = 0
    for group in groups:
        places = []
        lines = group.rows.chunk_lines() if isinstance(group.rows, StoredRows) else _chunk_lines(group.rows)
        for line in lines:
            places.append([at, len(line)])
            chunks.append(line)
            at += len(line)
        widths = group.widths or natural_widths(group.rows)
        headings.append([group.id, group.label, group.drift, group.brief_count, len(group.rows), list(widths), places])
    header = {
        "format": FORMAT, "version": VERSION, "made_for": basis.key, "basis": basis.to_record(), "figure_fields": _FIGURE_FIELDS,
        "groups": headings,
    }
    atomic_write_bytes(folder / VIEW_FILE, [orjson.dumps(header), b"\n", *chunks])  # not joined: 64 MB less at 100,000 briefs


def _chunk_lines(rows: Sequence[CompareRow]) -> Iterator[bytes]:
    rows = list(rows)
    for first in range(0, len(rows), CHUNK):
        yield orjson.dumps([_row_record(row) for row in rows[first : first + CHUNK]]) + b"\n"


def load(folder: Path, key: str) -> list[CompareGroup] | None:
    """The groups saved for `key` (`Basis.key`), their rows read when asked for; None when the file holds others (or none)."""
    saved = load_saved(folder, key)
    return saved.groups if saved is not None else None


def load_saved(folder: Path, key: str | None = None) -> Saved | None:
    """The groups saved (for `key`, when given) and their basis; None when there are none (or others)."""
    try:
        with open(folder / VIEW_FILE, "rb") as file:
            header = orjson.loads(file.readline())
            if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
                return None
            if (key is not None and header.get("made_for") != key) or header.get("figure_fields") != _FIGURE_FIELDS:
                return None
            basis = Basis.from_record(header["basis"])
            start = file.tell()
            body = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        groups = []
        for group, label, drift, briefs, count, widths, places in header["groups"]:
            if places and places[-1][0] + places[-1][1] + start > len(body):
                return None  # cut short
            groups.append(CompareGroup(group, label, drift, StoredRows(body, start, places, count), briefs, tuple(widths)))
        return Saved(str(header["made_for"]), basis, groups) if basis is not None else None
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None  # gone or damaged: made again
