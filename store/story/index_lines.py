"""The compare index's lines read where they lie in its files (`IndexLines`), and what names them.

A line starts with its brief's id, so a file's lines are placed by reading ids alone; a brief's line is
read with one `pread` when grouping comes to it. What the files were when placed is their `State`,
which the saved groups keep (`store.story.compare_view`) to learn later which briefs were written since.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from store.model import Summary


def id_of(line: bytes) -> str:
    """The brief id a line starts with, read without parsing the line (ids are plain hex)."""
    end = line.find(b'"', 2)
    found = line[2:end]
    return found.decode() if line.startswith(b'["') and end > 0 and b"\\" not in found else str(orjson.loads(line)[0])


BaseMark = tuple[str | None, int]  # the base's stamp and size
State = tuple[BaseMark | None, tuple[tuple[int, int | None], ...]]  # the base's mark, each segment's number and size


class IndexLines:
    """The index's lines as its files held them at `state`, each read when asked for: grouping reads
    each brief's once, and at 100,000 briefs the lines are 442 MB that nobody need hold."""

    def __init__(self, state: State) -> None:
        self.state = state
        self._places: dict[str, tuple[int, int, int]] = {}  # id -> (file descriptor, offset, length)
        self._files: list[BinaryIO] = []
        # the briefs whose lines were written since an earlier reading, each with its place then (None:
        # it had no line); None when that is not known (not asked, or a fold came between)
        self.changed: dict[str, tuple[int, int, int] | None] | None = None

    def take(self, path: Path, *, skip_header: bool = False, newer: bool = False) -> None:
        """Read a file's line places over those before it; a file cut short by a crash counts for nothing.
        The file stays open until `close`, so that a fold by another process cannot take it away.
        A `newer` file is one written since the earlier reading `changed` is counted from."""
        file = open(path, "rb")  # noqa: SIM115 (closed by `close`)
        self._files.append(file)
        if skip_header:
            file.readline()
        offset, found = file.tell(), []
        for line in file:
            if not line.endswith(b"\n"):
                return
            found.append((id_of(line), None if is_removal(line) else (offset, len(line))))
            offset += len(line)
        number = file.fileno()
        for article_id, place in found:
            if newer and self.changed is not None and article_id not in self.changed:
                self.changed[article_id] = self._places.get(article_id)
            if place is None:
                self._places.pop(article_id, None)
            else:
                self._places[article_id] = (number, *place)

    def take_placed(self, path: Path, placed: Placed | None) -> bool:
        """Take the base's line places as its fold recorded them (`PLACES_FILE`), without reading its
        lines: whether they are the base's (`places_in`)."""
        file = open(path, "rb")  # noqa: SIM115 (closed by `close`)
        places = places_in(file, placed)
        if places is None:
            file.close()
            return False
        self._files.append(file)
        number = file.fileno()
        self._places.update((i, (number, offset, length)) for i, (offset, length) in places.items())
        return True

    def __iter__(self) -> Iterator[str]:
        """The ids of the briefs it holds a line of."""
        return iter(self._places)

    def __call__(self, article_id: str) -> bytes | None:
        return _read_at(self._places.get(article_id))

    def earlier(self, article_id: str) -> bytes | None:
        """A changed brief's line as the earlier reading had it (None: it had none)."""
        return _read_at(self.changed.get(article_id) if self.changed else None)

    def fits(self, summary: Summary) -> bool:
        """Whether the brief's line was made from it as the catalog lists it now (`CompareEntry.fits`),
        read from the line's first bytes alone: a line is written by `_line`, so its head is known."""
        place = self._places.get(summary.id)
        if place is None:
            return False
        head = orjson.dumps([summary.id, summary.title, summary.published, summary.published_inferred, summary.not_before, summary.source])
        head = head[:-1] + b","
        descriptor, offset, length = place
        return length > len(head) and os.pread(descriptor, len(head), offset) == head

    def close(self) -> None:
        for file in self._files:
            file.close()


Placed = tuple[str, list[str], list[int]]  # a base's stamp, its lines' ids, and each one's offset and length in turn


def places_in(file: BinaryIO, placed: Placed | None) -> dict[str, tuple[int, int]] | None:
    """Where each line of the base open in `file` is (id -> offset, length), as its fold recorded it:
    None when the record is not this base's (another stamp in its header, or another end)."""
    if placed is None:
        return None
    stamp, ids, places = placed
    file.seek(0)
    head = orjson.loads(file.readline())
    end = places[-2] + places[-1] if places else file.tell()
    if not isinstance(head, dict) or head.get("stamp") != stamp or os.fstat(file.fileno()).st_size != end or len(places) != 2 * len(ids):
        return None
    return {i: (offset, length) for i, offset, length in zip(ids, places[::2], places[1::2], strict=True)}


def _read_at(place: tuple[int, int, int] | None) -> bytes | None:
    if place is None:
        return None
    descriptor, offset, length = place
    return os.pread(descriptor, length, offset)


def state_from_record(record: Any) -> State | None:
    """A `State` as JSON gave it back (lists for tuples), or None when it is not one."""
    try:
        base, segments = record
        if base is not None and len(base) != 2:
            return None  # a file identity (inode, time, size), as an older newsbrief saved it: groups made again
        mark = None if base is None else (None if base[0] is None else str(base[0]), int(base[1]))
        return mark, tuple((int(n), None if size is None else int(size)) for n, size in segments)
    except (TypeError, ValueError, IndexError):
        return None


def is_removal(line: bytes) -> bool:
    """A segment's line that takes a brief out: its id alone, `["<id>"]`."""
    return line.startswith(b'["') and line.rstrip().endswith(b'"]') and line.count(b",") == 0
