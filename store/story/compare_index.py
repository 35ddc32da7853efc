"""The compare index: what grouping needs of every brief, kept beside the store.

Grouping needs each compared figure, its rule's group, its sentence and whether its paragraph repeats
another brief, but reading them from the article shards means parsing every brief's text (8.6 s at
10,000 briefs). So the library writes each brief's compared figures here when it shelves, re-dates,
re-marks or removes briefs, under the same lock as those writes, each write one atomic file.

The files are JSON Lines, one line a brief, `[id, title, published, inferred, not_before, source,
figures]`: a base, `compare.json` (a header line first), and segments, `compare-N.jsonl`, one a
write (see `CompareIndex`). A write serializes only the briefs it changes (an import batch of 500
into a store of 10,000 does not touch the other 9,500), grouping reads each brief's line once when
it comes to it in story order (`IndexLines`), and an article given as its record
(`Article.to_record()`, as the shelf writes it) lends the index its figure records as they are.

The index says which catalog it was made for (each brief's id, date, bound, title and source); a
brief it lacks or holds differently, say written by an older newsbrief, is read again from its shard
(`Store.compare` does, with progress and a way to stop).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import secrets
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, fields
from pathlib import Path
from typing import Any

import orjson

from store.model import Article, Figure, Record, Summary, Value
from store.persist.storage import atomic_write_bytes
from store.story.index_lines import IndexLines, Placed, State, id_of, is_removal, places_in
from store.story.rules import group_by_rules, sentence_of

COMPARE_FILE = "compare.json"
PLACES_FILE = "compare-places.json"  # where each of the base's lines is, written with it: opening need not read the base
FORMAT = "newsbrief-compare-index"
VERSION = 3  # 1: one JSON object of every brief's entry; 2: one file of lines, rewritten by every write
SEGMENT_PREFIX, SEGMENT_SUFFIX = "compare-", ".jsonl"
SEGMENT_GLOB = f"{SEGMENT_PREFIX}*{SEGMENT_SUFFIX}"
FOLD_AT_LEAST = 1 << 20  # bytes of segments below which they are not folded, however small the base


class ComparedFigure:
    """A compared figure, its rule's group, its sentence and the brief its paragraph repeats. Read
    from a line, it keeps the figure's record and makes the `Figure` only when asked for: grouping
    100,000 briefs keeps one row in six, and a frozen Figure takes microseconds to make."""

    __slots__ = ("_figure", "_record", "repeat_of", "rule_group", "sentence")
    _figure: Figure | None
    _record: dict[str, Any] | None

    def __init__(self, figure: Figure | dict[str, Any], rule_group: str, sentence: str, repeat_of: str | None) -> None:
        self._figure, self._record = (figure, None) if isinstance(figure, Figure) else (None, figure)
        self.rule_group, self.sentence, self.repeat_of = rule_group, sentence, repeat_of

    @property
    def figure(self) -> Figure:
        if self._figure is None:
            self._figure = _figure(self._record or {})
        return self._figure

    @property
    def record(self) -> Record:
        return self._record if self._record is not None else self.figure.to_record()

    @property
    def start(self) -> int:
        return int(self._record["start"]) if self._record is not None else self.figure.start

    @property
    def source(self) -> str | None:
        return self._record.get("source") if self._record is not None else self.figure.source

    @property
    def value_key(self) -> tuple[Value, Value, Value, str | None]:
        """What a figure's value is compared by (`CompareRow.value_key`)."""
        if self._record is not None:
            record = self._record
            return record["value"], record.get("low"), record.get("high"), record.get("qualifier")
        figure = self.figure
        return figure.value, figure.low, figure.high, figure.qualifier

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ComparedFigure) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def _key(self) -> tuple[Figure, str, str, str | None]:
        return self.figure, self.rule_group, self.sentence, self.repeat_of

    def __repr__(self) -> str:
        return f"ComparedFigure{self._key()!r}"


@dataclass(frozen=True, slots=True)
class CompareEntry:
    """One brief as the compare view sees it: what its rows show, and its compared figures."""

    id: str
    title: str
    published: str | None
    published_inferred: bool
    not_before: str | None
    source: str
    figures: tuple[ComparedFigure, ...]

    def fits(self, summary: Summary) -> bool:
        """Made from the brief the catalog lists now (same date, bound, title and source)."""
        return (self.title, self.published, self.published_inferred, self.not_before, self.source) == (
            summary.title, summary.published, summary.published_inferred, summary.not_before, summary.source
        )

    def to_line(self) -> bytes:
        figures = [[f.record, f.rule_group, f.sentence, f.repeat_of] for f in self.figures]
        return _line(self.id, self.title, self.published, self.published_inferred, self.not_before, self.source, figures)

    @classmethod
    def from_line(cls, line: bytes) -> CompareEntry:
        article_id, title, published, inferred, not_before, source, figures = orjson.loads(line)
        if not all(isinstance(f, dict) and f.keys() >= _NEEDED for f, *_ in figures):
            raise ValueError(f"brief {article_id}: a figure's record lacks fields")  # checked now: its Figure is made later, if its row is kept
        compared = tuple(ComparedFigure(f, group, sentence, repeat) for f, group, sentence, repeat in figures)
        return cls(article_id, title, published, inferred, not_before, source, compared)


_NEEDED = frozenset(f.name for f in fields(Figure) if f.default is MISSING)  # what a record must give to make a Figure


def _figure(record: dict[str, Any]) -> Figure:
    """A figure of a line: its record's fields as they are (a line written since the figure's last
    field came), else only those the figure knows (`Figure.from_record`)."""
    try:
        return Figure(**record)
    except TypeError:
        return Figure.from_record(record)


def _line(article_id: str, title: str, published: str | None, inferred: bool, not_before: str | None, source: str, figures: list[Any]) -> bytes:
    return orjson.dumps([article_id, title, published, inferred, not_before, source, figures]) + b"\n"


def entry_of(article: Article) -> CompareEntry:
    """The brief's compared figures: those a rule gives a group (every figure but dates)."""
    compared = []
    for figure in article.figures:
        sentence = sentence_of(article, figure)
        group = group_by_rules(figure.kind, figure.subject, sentence)
        if group is not None:
            compared.append(ComparedFigure(figure, group, sentence, article.repeated_from(figure.start)))
    return CompareEntry(
        article.id, article.title, article.published, article.published_inferred, article.not_before, article.source, tuple(compared)
    )


def line_of_record(record: Mapping[str, Any]) -> bytes:
    """`entry_of(Article.from_record(record)).to_line()`, without making the article: its figure
    records go into the line as they are."""
    text, sentences, paragraphs = record["text"], record["sentences"], record.get("paragraphs", ())
    figures = []
    for figure in record["figures"]:
        number = figure["sentence"]
        sentence = text[sentences[number][0] : sentences[number][1]] if 0 <= number < len(sentences) else ""
        group = group_by_rules(figure["kind"], figure["subject"], sentence)
        if group is not None:
            start = figure["start"]
            repeat = next((p.get("repeated_from") for p in paragraphs if p["start"] <= start < p["end"]), None)
            figures.append([figure, group, sentence, repeat])
    return _line(
        record["id"], record["title"], record["published"], record.get("published_inferred", False), record.get("not_before"),
        record["source"], figures,
    )


def remarked_line(line: bytes, marks: Mapping[tuple[int, int], str | None]) -> bytes | None:
    """The line with each figure's `repeat_of` as the marks (paragraph span -> the brief it repeats)
    of the paragraph it begins in say, as `entry_of` of the marked article would give; None when none
    moves. Done on the parsed JSON: making the entry's objects and back took five times as long."""
    article_id, title, published, inferred, not_before, source, figures = orjson.loads(line)
    spans = sorted(marks.items())
    starts = [start for (start, _), _ in spans]
    moved = False
    for compared in figures:
        start = compared[0]["start"]
        at = bisect_right(starts, start) - 1  # the paragraph the figure begins in, if marked
        if at >= 0 and start < spans[at][0][1] and spans[at][1] != compared[3]:
            compared[3], moved = spans[at][1], True
    return _line(article_id, title, published, inferred, not_before, source, figures) if moved else None


class CompareIndex:
    """The compare index files of one store folder, never held in memory: read a line at a time.

    A write adds a segment (`compare-N.jsonl`: the lines of the briefs it changed, and `["ID"]` for
    each it removed) and never reads or rewrites the others, so an import batch costs what its own
    briefs cost. When the segments have grown as large as the base (`compare.json`), they are folded
    into a new base, which says which segments it holds (`through`); those are then deleted, and a
    crash between leaves them ignored. The base doubles from fold to fold: every line is rewritten a
    bounded number of times on average, whatever the store's size. A fold also writes where each of
    the base's lines is (`PLACES_FILE`, naming the base by a stamp in its header), so that reading
    need not pass over the base's 442 MB at 100,000 briefs to learn it (1.7 s)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / COMPARE_FILE

    def state(self) -> State:
        """What the files on disk are now: changes whenever a write of any process lands (a stat each,
        and the base's first line). Named by what the files hold, not where they lie on disk: a copy
        of the store folder (`cp -r`) keeps its saved groups (the inodes and times of a copy differ)."""
        segments = tuple(sorted((number, _size(path)) for number, path in self._segments()))
        return self._base_mark(), segments

    def _base_mark(self) -> tuple[str | None, int] | None:
        """The base's stamp (a fold's, written in its header) and size; None when there is none."""
        try:
            with open(self.path, "rb") as file:
                size = os.fstat(file.fileno()).st_size
                head = orjson.loads(file.readline())
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return (None, -1)
        stamp = head.get("stamp") if isinstance(head, dict) else None
        return (stamp if isinstance(stamp, str) else None, size)

    def _segments(self) -> list[tuple[int, Path]]:
        found = []
        for path in self.folder.glob(SEGMENT_GLOB):
            number = path.name.removeprefix(SEGMENT_PREFIX).removesuffix(SEGMENT_SUFFIX)
            if number.isdigit():
                found.append((int(number), path))
        return sorted(found)

    @contextmanager
    def reading(self, since: State | None = None) -> Iterator[IndexLines]:
        """Each brief's line as the files hold it now, read when asked for (see `IndexLines`); given
        the `state` of an earlier reading, also which briefs' lines were written since (`IndexLines.changed`)."""
        lines = self._open_lines(since)
        try:
            yield lines
        finally:
            lines.close()

    def write(self, changed: Iterable[Article | CompareEntry | Record | bytes], removed: Iterable[str] = ()) -> None:
        """Put the entries of changed briefs in and take removed ones out: one atomic write, of a segment.

        A changed brief is an `Article`, its `CompareEntry`, its record (`Article.to_record()`) or its line.
        Only those are serialized; the other briefs' lines are neither read nor written (but at a fold).
        The caller holds the store's lock (every library write does)."""
        new: dict[str, bytes] = {}
        for item in changed:
            if isinstance(item, bytes):
                new[id_of(item)] = item
            elif isinstance(item, Mapping):
                new[item["id"]] = line_of_record(item)
            else:
                entry = entry_of(item) if isinstance(item, Article) else item
                new[entry.id] = entry.to_line()
        gone = [i for i in removed if i not in new]
        if not new and not gone:
            return
        body = b"".join([*new.values(), *(orjson.dumps([i]) + b"\n" for i in gone)])
        atomic_write_bytes(self._next_segment(), body)
        self._fold_if_grown()

    def lines_for(self, ids: Collection[str]) -> dict[str, bytes]:
        """The lines the files hold now for these briefs (those it has), streamed from the files: an
        import asks for a few at a time and never holds the rest."""
        if not ids:
            return {}  # not a pass over every file for nothing
        return {id_of(line): line for line in self._latest_lines(self._segments(), ids)}

    def rewrite(self, ids: Collection[str], change: Callable[[str, bytes], bytes | None]) -> None:
        """Replace the lines of these briefs by what `change(id, line)` makes of each (None: as it is),
        in one segment streamed from the files, as `write` would: the new marks of a whole store's
        briefs at the end of an import, without holding their lines (the lock held)."""
        held = self._latest_lines(self._segments(), ids)
        first = next((new for line in held if (new := change(id_of(line), line)) is not None), None)
        if first is None:
            return
        rest = (new for line in held if (new := change(id_of(line), line)) is not None)  # streamed from here into the segment
        atomic_write_bytes(self._next_segment(), itertools.chain([first], rest))
        self._fold_if_grown()

    def _next_segment(self) -> Path:
        """Where the next write goes: past every segment, and past those the base holds."""
        segments = self._segments()
        number = max([segments[-1][0] if segments else 0, self._through()]) + 1
        return self.folder / f"{SEGMENT_PREFIX}{number}{SEGMENT_SUFFIX}"

    def _through(self) -> int:
        try:
            with open(self.path, "rb") as file:
                head = orjson.loads(file.readline())
            return int(head.get("through", 0)) if isinstance(head, dict) else 0
        except (OSError, ValueError, TypeError):
            return 0

    def _fold_if_grown(self) -> None:
        """Fold the segments into a new base once they hold as many bytes as it does."""
        segments = self._segments()
        grown = sum(path.stat().st_size for _, path in segments)
        base = self.path.stat().st_size if self.path.exists() else 0
        if not segments or grown < max(base, FOLD_AT_LEAST):
            return
        through, stamp = segments[-1][0], secrets.token_hex(8)
        header = orjson.dumps({"format": FORMAT, "version": VERSION, "through": through, "stamp": stamp}) + b"\n"
        ids: list[str] = []
        places: list[int] = []  # offset and length of each line, in turn

        def placed(lines: Iterator[bytes]) -> Iterator[bytes]:
            at = len(header)
            for line in lines:
                ids.append(id_of(line))
                places.extend((at, len(line)))
                at += len(line)
                yield line

        atomic_write_bytes(self.path, itertools.chain([header], placed(self._latest_lines(segments))))
        atomic_write_bytes(self.folder / PLACES_FILE, [orjson.dumps({"stamp": stamp, "ids": ids, "places": places})])
        for number, path in segments:
            if number <= through:
                path.unlink(missing_ok=True)

    def _latest_lines(self, segments: list[tuple[int, Path]], wanted: Collection[str] | None = None) -> Iterator[bytes]:
        """Each brief's line as grouping reads them (the base's, each later segment's over them; a damaged
        file counts for nothing), streamed from the files: of every brief (the next base, at a fold),
        or of the `wanted` ones. Only ids are held: a fold at 100,000 briefs held the 422 MB of lines
        twice. Each file is read once to check it, once to copy; but the `wanted` lines of a base whose
        places file is its own are read where it says they are (an import's compare writes passed twice
        over the base for a few hundred lines)."""
        def taken(line: bytes) -> bool:
            return wanted is None or id_of(line) in wanted

        with contextlib.ExitStack() as files:
            base = files.enter_context(open(self.path, "rb")) if wanted is not None and self.path.exists() else None
            placed = places_in(base, self._base_places()) if base is not None else None
            whole = placed is not None or (self._base_readable() and _ids_in(self.path, skip_header=True) is not None)
            base_through = self._through() if whole else 0
            last: dict[str, int] = {}  # brief id -> the last segment naming it (a line or a removal)
            later = []
            for number, path in segments:
                ids = _ids_in(path) if number > base_through else None
                if ids is not None:
                    later.append((number, path))
                    last.update((i, number) for i in ids)
            if base is not None and placed is not None and wanted is not None:
                for article_id in wanted:
                    place = placed.get(article_id)
                    if place is not None and article_id not in last:
                        yield os.pread(base.fileno(), place[1], place[0])
            elif whole:
                with open(self.path, "rb") as file:
                    file.readline()  # the header
                    yield from (line for line in file if id_of(line) not in last and taken(line))
        for number, path in later:
            with open(path, "rb") as file:
                yield from (line for line in file if last[id_of(line)] == number and not is_removal(line) and taken(line))

    def _base_places(self) -> Placed | None:
        """The base's stamp and its lines' places as the fold that wrote it left them (None when not there)."""
        try:
            found = orjson.loads((self.folder / PLACES_FILE).read_bytes())
            return str(found["stamp"]), found["ids"], found["places"]
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def _base_readable(self) -> bool:
        """Whether the base is this version's index (another version's counts for nothing)."""
        try:
            with open(self.path, "rb") as file:
                head = orjson.loads(file.readline())
        except (OSError, ValueError):
            return False
        return isinstance(head, dict) and head.get("format") == FORMAT and head.get("version") == VERSION

    def _open_lines(self, since: State | None) -> IndexLines:
        """Where each brief's line is, as `_latest_lines` sees them (the base's, each later segment's
        over them, a removal taking one out; a damaged or cut file counts for nothing), the files held
        open. Found again when a write of another process landed meanwhile. The segments written
        since the state `since` are those it did not name, while it names the same base and every
        segment it named is there as it was (no fold came between)."""
        while True:
            before = self.state()
            lines = IndexLines(before)
            then = set(since[1]) if since is not None and since[0] == before[0] and set(since[1]) <= set(before[1]) else None
            if then is not None:
                lines.changed = {}
            now = dict(before[1])
            try:
                through = 0
                if self._base_readable():
                    through = self._through()
                    if not lines.take_placed(self.path, self._base_places()):
                        lines.take(self.path, skip_header=True)
                for number, path in self._segments():
                    if number > through:
                        lines.take(path, newer=then is not None and (number, now.get(number)) not in then)
            except FileNotFoundError:
                lines.close()  # a fold took a segment away meanwhile
                continue
            if self.state() == before:
                return lines
            lines.close()


def _size(path: Path) -> int | None:
    """A segment's size (its name is never used again, so name and size say which it is); None when gone."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def _ids_in(path: Path, *, skip_header: bool = False) -> list[str] | None:
    """The brief ids of a file's lines, read a line at a time; None when it is damaged or cut short by a
    crash, as `IndexLines.take` skips such a file."""
    try:
        with open(path, "rb") as file:
            if skip_header:
                file.readline()
            ids = []
            for line in file:
                if not line.endswith(b"\n"):
                    return None
                ids.append(id_of(line))
            return ids
    except (OSError, ValueError, TypeError, IndexError):
        return None
