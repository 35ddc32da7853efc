"""The compare index: what grouping needs of every brief, kept beside the store.

Grouping needs each compared figure, its rule's group, its sentence and whether its paragraph repeats
another brief, but reading them from the article shards means parsing every brief's text (8.6 s at
10,000 briefs). So the library writes each brief's compared figures here when it shelves, re-dates,
re-marks or removes briefs, under the same lock as those writes, each write one atomic file.

The files are JSON Lines, one line a brief, `[id, title, published, inferred, not_before, source,
figures]`: a base, `compare.json` (a header line first), and segments, `compare-N.jsonl`, one a
write (see `CompareIndex`). The index keeps each brief's line as bytes and parses lines only when
grouping asks for entries, so a write serializes only the briefs it changes (an import batch of 500
into a store of 10,000 does not touch the other 9,500), and an article given as its record
(`Article.to_record()`, as the shelf writes it) lends the index its figure records as they are.

The index says which catalog it was made for (each brief's id, date, bound, title and source); a
brief it lacks or holds differently, say written by an older newsbrief, is read again from its shard
(`Store.compare` does, with progress and a way to stop).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.model import Article, Figure, Record, Summary
from store.persist.storage import FileIdentity, atomic_write_bytes, identity_of
from store.story.compare import group_by_rules, sentence_of

COMPARE_FILE = "compare.json"
FORMAT = "newsbrief-compare-index"
VERSION = 3  # 1: one JSON object of every brief's entry; 2: one file of lines, rewritten by every write
PROGRESS_EVERY = 1000  # briefs parsed between two progress reports
SEGMENT_PREFIX, SEGMENT_SUFFIX = "compare-", ".jsonl"
SEGMENT_GLOB = f"{SEGMENT_PREFIX}*{SEGMENT_SUFFIX}"
FOLD_AT_LEAST = 1 << 20  # bytes of segments below which they are not folded, however small the base


@dataclass(frozen=True, slots=True)
class ComparedFigure:
    figure: Figure
    rule_group: str
    sentence: str
    repeat_of: str | None


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
        figures = [[f.figure.to_record(), f.rule_group, f.sentence, f.repeat_of] for f in self.figures]
        return _line(self.id, self.title, self.published, self.published_inferred, self.not_before, self.source, figures)

    @classmethod
    def from_line(cls, line: bytes) -> CompareEntry:
        article_id, title, published, inferred, not_before, source, figures = orjson.loads(line)
        compared = tuple(ComparedFigure(Figure.from_record(f), group, sentence, repeat) for f, group, sentence, repeat in figures)
        return cls(article_id, title, published, inferred, not_before, source, compared)


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


def _id_of(line: bytes) -> str:
    """The brief id a line starts with, read without parsing the line (ids are plain hex)."""
    end = line.find(b'"', 2)
    found = line[2:end]
    return found.decode() if line.startswith(b'["') and end > 0 and b"\\" not in found else str(orjson.loads(line)[0])


State = tuple[FileIdentity | None, tuple[tuple[int, FileIdentity | None], ...]]  # the base's identity, each segment's


class CompareIndex:
    """The compare index files of one store folder, read when first asked and again when replaced.

    A write adds a segment (`compare-N.jsonl`: the lines of the briefs it changed, and `["ID"]` for
    each it removed) and never reads or rewrites the others, so an import batch costs what its own
    briefs cost. When the segments have grown as large as the base (`compare.json`), they are folded
    into a new base, which says which segments it holds (`through`); those are then deleted, and a
    crash between leaves them ignored. The base doubles from fold to fold: every line is rewritten a
    bounded number of times on average, whatever the store's size."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / COMPARE_FILE
        self._lines: dict[str, bytes] = {}
        self._entries: dict[str, CompareEntry] | None = None  # the lines parsed, when grouping asked
        self._read_as: State | None = None
        self._loaded = False

    def state(self) -> State:
        """What the files on disk are now: changes whenever a write of any process lands (a stat each)."""
        segments = tuple(sorted((number, identity_of(path)) for number, path in self._segments()))
        return identity_of(self.path), segments

    @property
    def identity(self) -> State | None:
        """The state of the files this index last read or wrote: what `entries()` hold."""
        return self._read_as

    def _segments(self) -> list[tuple[int, Path]]:
        found = []
        for path in self.folder.glob(SEGMENT_GLOB):
            number = path.name.removeprefix(SEGMENT_PREFIX).removesuffix(SEGMENT_SUFFIX)
            if number.isdigit():
                found.append((int(number), path))
        return sorted(found)

    def _current(self) -> dict[str, bytes]:
        now = self.state()
        if not self._loaded or now != self._read_as:
            self._lines = self._read()
            self._entries, self._read_as, self._loaded = None, now, True
        return self._lines

    def entries(self, progress: Callable[[int, int], None] | None = None) -> dict[str, CompareEntry]:
        """Every brief's entry as on disk now (read again when another process replaced the file);
        `progress(done, total)` as lines are parsed, which may raise to stop."""
        lines = self._current()
        if self._entries is None:
            entries: dict[str, CompareEntry] = {}
            for done, (article_id, line) in enumerate(lines.items()):
                if progress and done % PROGRESS_EVERY == 0:
                    progress(done, len(lines))
                try:
                    entries[article_id] = CompareEntry.from_line(line)
                except (ValueError, TypeError):
                    continue  # a damaged line: the brief is read again from its shard
            self._entries = entries
        return self._entries

    def missing(self, summaries: Mapping[str, Summary]) -> list[str]:
        """Ids of listed briefs the index lacks or holds as they were before a change."""
        entries = self.entries()
        return [i for i, summary in summaries.items() if i not in entries or not entries[i].fits(summary)]

    def write(self, changed: Iterable[Article | CompareEntry | Record | bytes], removed: Iterable[str] = ()) -> None:
        """Put the entries of changed briefs in and take removed ones out: one atomic write, of a segment.

        A changed brief is an `Article`, its `CompareEntry`, its record (`Article.to_record()`) or its line.
        Only those are serialized; the other briefs' lines are neither read nor written (but at a fold).
        The caller holds the store's lock (every library write does)."""
        in_memory = self._in_step()  # else read again when next asked
        new: dict[str, bytes] = {}
        parsed: dict[str, CompareEntry] = {}
        for item in changed:
            if isinstance(item, bytes):
                new[_id_of(item)] = item
                continue
            if isinstance(item, Mapping):
                new[item["id"]] = line_of_record(item)
                continue
            entry = entry_of(item) if isinstance(item, Article) else item
            new[entry.id] = entry.to_line()
            parsed[entry.id] = entry
        gone = [i for i in removed if i not in new]
        if not new and not gone:
            return
        body = b"".join([*new.values(), *(orjson.dumps([i]) + b"\n" for i in gone)])
        atomic_write_bytes(self._next_segment(), body)
        if in_memory:
            for i in gone:
                self._lines.pop(i, None)
            self._lines.update(new)
            if self._entries is not None and len(parsed) == len(new):
                for i in gone:
                    self._entries.pop(i, None)
                self._entries.update(parsed)
            else:
                self._entries = None  # records' lines are parsed when next asked
            self._read_as = self.state()
        else:
            self._loaded = False
        self._fold_if_grown()

    def lines_for(self, ids: Collection[str]) -> dict[str, bytes]:
        """The lines the files hold now for these briefs (those it has), streamed from the files when
        this index has not read them all: an import asks for a few at a time and never holds the rest."""
        if not ids:
            return {}  # not a pass over every file for nothing
        if self._in_step():
            return {i: self._lines[i] for i in ids if i in self._lines}
        return {_id_of(line): line for line in self._latest_lines(self._segments(), ids)}

    def rewrite(self, ids: Collection[str], change: Callable[[str, bytes], bytes | None]) -> None:
        """Replace the lines of these briefs by what `change(id, line)` makes of each (None: as it is),
        in one segment streamed from the files, as `write` would: the new marks of a whole store's
        briefs at the end of an import, without holding their lines (the lock held)."""
        kept = self._in_step()
        held = [self._lines[i] for i in ids if i in self._lines] if kept else self._latest_lines(self._segments(), ids)
        changed: dict[str, bytes] = {}
        for line in held:
            article_id = _id_of(line)
            new = change(article_id, line)
            if new is not None:
                changed[article_id] = new
                if not kept:
                    break  # the rest stream from here straight into the segment
        if not changed:
            return
        rest = () if kept else (new for line in held if (new := change(_id_of(line), line)) is not None)
        atomic_write_bytes(self._next_segment(), itertools.chain(changed.values(), rest))
        if kept:
            self._lines.update(changed)
            if self._entries is not None:
                self._entries.update((i, CompareEntry.from_line(line)) for i, line in changed.items())
            self._read_as = self.state()
        else:
            self._loaded = False
        self._fold_if_grown()

    def _in_step(self) -> bool:
        """The lines in memory are what the files hold now (a stat of each file)."""
        return self._loaded and self.state() == self._read_as

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
        in_step = self._in_step()
        through = segments[-1][0]
        header = orjson.dumps({"format": FORMAT, "version": VERSION, "through": through}) + b"\n"
        atomic_write_bytes(self.path, itertools.chain([header], self._latest_lines(segments)))
        for number, path in segments:
            if number <= through:
                path.unlink(missing_ok=True)
        if in_step:
            self._read_as = self.state()  # the same lines, in other files
        if self._entries is None:  # nobody groups in this process (an import): its memory stays bounded
            self._lines, self._loaded = {}, False

    def _latest_lines(self, segments: list[tuple[int, Path]], wanted: Collection[str] | None = None) -> Iterator[bytes]:
        """Each brief's line as `_read` sees it (the base's, each later segment's over them; a damaged
        file counts for nothing), streamed from the files: of every brief (the next base, at a fold),
        or of the `wanted` ones. Only ids are held: a fold at 100,000 briefs held the 422 MB of lines
        twice. Each file is read once to check it, once to copy."""
        def taken(line: bytes) -> bool:
            return wanted is None or _id_of(line) in wanted

        base_ids = _ids_in(self.path, skip_header=True) if self._base_readable() else None
        base_through = self._through() if base_ids is not None else 0
        last: dict[str, int] = {}  # brief id -> the last segment naming it (a line or a removal)
        later = []
        for number, path in segments:
            ids = _ids_in(path) if number > base_through else None
            if ids is not None:
                later.append((number, path))
                last.update((i, number) for i in ids)
        if base_ids is not None:
            with open(self.path, "rb") as file:
                file.readline()  # the header
                yield from (line for line in file if _id_of(line) not in last and taken(line))
        for number, path in later:
            with open(path, "rb") as file:
                yield from (line for line in file if last[_id_of(line)] == number and not _is_removal(line) and taken(line))

    def _base_readable(self) -> bool:
        """Whether the base is this version's index (another version's counts for nothing, as in `_read`)."""
        try:
            with open(self.path, "rb") as file:
                head = orjson.loads(file.readline())
        except (OSError, ValueError):
            return False
        return isinstance(head, dict) and head.get("format") == FORMAT and head.get("version") == VERSION

    def _read(self) -> dict[str, bytes]:
        """The base's lines, then each later segment's over them."""
        lines: dict[str, bytes] = {}
        through = 0
        try:
            data = self.path.read_bytes()
            header, _, body = data.partition(b"\n")
            head = orjson.loads(header) if header.startswith(b"{") else None
            if not isinstance(head, dict) or head.get("format") != FORMAT:
                raise ValueError("not a compare index")
            if head.get("version") == VERSION:
                through = int(head.get("through", 0))
                lines = _lines_of(body)
            # another version's index: every brief is read again, and the next write mends it
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            lines = {}  # gone or damaged: derived data, so every brief is read again and the next write mends it
        for number, path in self._segments():
            if number <= through:
                continue  # folded into the base; a crash came before it was deleted
            try:
                for article_id, line in _lines_of(path.read_bytes()).items():
                    if _is_removal(line):
                        lines.pop(article_id, None)
                    else:
                        lines[article_id] = line
            except (OSError, ValueError, TypeError, IndexError):
                continue  # a damaged segment: its briefs are read again from their shards
        return lines


def _is_removal(line: bytes) -> bool:
    """A segment's line that takes a brief out: its id alone, `["<id>"]`."""
    return line.startswith(b'["') and line.rstrip().endswith(b'"]') and line.count(b",") == 0


def _ids_in(path: Path, *, skip_header: bool = False) -> list[str] | None:
    """The brief ids of a file's lines, read a line at a time; None when it is damaged or cut short by a
    crash, as `_read` skips such a file."""
    try:
        with open(path, "rb") as file:
            if skip_header:
                file.readline()
            ids = []
            for line in file:
                if not line.endswith(b"\n"):
                    return None
                ids.append(_id_of(line))
            return ids
    except (OSError, ValueError, TypeError, IndexError):
        return None


def _lines_of(body: bytes) -> dict[str, bytes]:
    lines = body.splitlines(keepends=True)
    if lines and not lines[-1].endswith(b"\n"):
        raise ValueError("cut short")
    return {_id_of(line): line for line in lines}
