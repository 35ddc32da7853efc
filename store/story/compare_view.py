"""The finished compare groups, kept on disk so that opening the compare view reads what it shows.

Grouping 10,000 briefs means parsing the compare index and building 89,000 figures (2 s); the
groups change only when a brief, a date, a repeat mark or the regrouping does. So the groups of the
default order are saved here with what they were made from (`made_for`: the compare index files'
identity, the catalog's segment files, the regrouping). Opening reads the groups'
headings, and a group's rows only when they are asked for, `CHUNK` rows at a time: the table draws
the rows on screen, so a store of 100,000 briefs opens as fast as one of 10,000.

The file is JSON Lines: a header line (format, version, `made_for`, the figure fields rows are
written with, and per group its id, label, drift, counts, column widths and where its chunks are,
as byte offsets after the header line), then one line a chunk: a JSON array of row records. It is
read through a memory map, which keeps the file it mapped when another process replaces it.
Derived data: a stale, damaged or missing file is made again from the compare index.
"""

from __future__ import annotations

import hashlib
import mmap
from collections.abc import Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, overload

import orjson

from store.describe import describe_date, describe_value
from store.model import Figure, Regrouping
from store.persist.storage import atomic_write_bytes
from store.story.compare import CompareGroup, CompareRow

VIEW_FILE = "compare-groups.jsonl"
FORMAT = "newsbrief-compare-groups"
VERSION = 1
CHUNK = 500  # rows a line: what a first screen parses of the largest group
_FIGURE_FIELDS = [f.name for f in fields(Figure)]


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


def _row_record(row: CompareRow) -> list[Any]:
    figure = row.figure
    return [
        row.article_id, row.title, row.published, row.published_inferred, row.not_before, row.brief_source,
        [getattr(figure, name) for name in _FIGURE_FIELDS], row.moved, row.repeat_of, row.also_in, row.reports,
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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def save(folder: Path, key: str, groups: Sequence[CompareGroup]) -> None:
    """Write the groups made for `key` (see `made_for`): one atomic write. The caller holds the store's lock."""
    chunks: list[bytes] = []
    headings = []
    at = 0
    for group in groups:
        places = []
        rows = list(group.rows)
        for first in range(0, len(rows), CHUNK):
            line = orjson.dumps([_row_record(row) for row in rows[first : first + CHUNK]]) + b"\n"
            places.append([at, len(line)])
            chunks.append(line)
            at += len(line)
        widths = group.widths or natural_widths(rows)
        headings.append([group.id, group.label, group.drift, group.brief_count, len(rows), list(widths), places])
    header = {"format": FORMAT, "version": VERSION, "made_for": key, "figure_fields": _FIGURE_FIELDS, "groups": headings}
    atomic_write_bytes(folder / VIEW_FILE, [orjson.dumps(header), b"\n", *chunks])  # not joined: 64 MB less at 100,000 briefs


def load(folder: Path, key: str) -> list[CompareGroup] | None:
    """The groups saved for `key`, their rows read when asked for; None when the file holds others (or none)."""
    try:
        with open(folder / VIEW_FILE, "rb") as file:
            header = orjson.loads(file.readline())
            if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
                return None
            if header.get("made_for") != key or header.get("figure_fields") != _FIGURE_FIELDS:
                return None
            start = file.tell()
            body = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        groups = []
        for group, label, drift, briefs, count, widths, places in header["groups"]:
            if places and places[-1][0] + places[-1][1] + start > len(body):
                return None  # cut short
            groups.append(CompareGroup(group, label, drift, StoredRows(body, start, places, count), briefs, tuple(widths)))
        return groups
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None  # gone or damaged: made again
