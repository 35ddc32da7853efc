"""The compare index: what grouping needs of every brief, kept beside the store.

Grouping needs each compared figure, its rule's group, its sentence and whether its paragraph repeats
another brief, but reading them from the article shards means parsing every brief's text (8.6 s at
10,000 briefs). So the library writes each brief's compared figures here when it shelves, re-dates,
re-marks or removes briefs, under the same lock as those writes, in one atomic file write.

The file is JSON Lines: a header line, then one line a brief, `[id, title, published, inferred,
not_before, source, figures]`. The index keeps each brief's line as bytes and parses lines only when
grouping asks for entries, so a write serializes only the briefs it changes (an import batch of 500
into a store of 10,000 does not encode the other 9,500 again), and an article given as its record
(`Article.to_record()`, as the shelf writes it) lends the index its figure records as they are.

The index says which catalog it was made for (each brief's id, date, bound, title and source); a
brief it lacks or holds differently, say written by an older newsbrief, is read again from its shard
(`Store.compare` does, with progress and a way to stop).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.model import Article, Figure, Record, Summary
from store.persist.storage import FileIdentity, atomic_write_bytes, identity_of
from store.story.compare import group_by_rules, sentence_of

COMPARE_FILE = "compare.json"
FORMAT = "newsbrief-compare-index"
VERSION = 2  # 1: one JSON object of every brief's entry
PROGRESS_EVERY = 1000  # briefs parsed between two progress reports
_HEADER = orjson.dumps({"format": FORMAT, "version": VERSION}) + b"\n"


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


def _id_of(line: bytes) -> str:
    """The brief id a line starts with, read without parsing the line (ids are plain hex)."""
    end = line.find(b'"', 2)
    found = line[2:end]
    return found.decode() if line.startswith(b'["') and end > 0 and b"\\" not in found else str(orjson.loads(line)[0])


class CompareIndex:
    """The compare index file of one store folder, read when first asked and again when replaced."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / COMPARE_FILE
        self._lines: dict[str, bytes] = {}
        self._entries: dict[str, CompareEntry] | None = None  # the lines parsed, when grouping asked
        self._read_as: FileIdentity | None = None
        self._loaded = False

    @property
    def identity(self) -> FileIdentity | None:
        """The identity of the file this index last read or wrote: what `entries()` hold."""
        return self._read_as

    def _current(self) -> dict[str, bytes]:
        now = identity_of(self.path)
        if not self._loaded or now != self._read_as:
            self._lines = self._read() if now is not None else {}
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

    def write(self, changed: Iterable[Article | CompareEntry | Record], removed: Iterable[str] = ()) -> None:
        """Put the entries of changed briefs in and take removed ones out: one atomic write.

        A changed brief is an `Article`, its `CompareEntry`, or its record (`Article.to_record()`).
        Only those are serialized; the other briefs' lines are written as they were read.
        The caller holds the store's lock (every library write does)."""
        lines = dict(self._current())
        parsed = dict(self._entries) if self._entries is not None else None
        for gone in removed:
            lines.pop(gone, None)
            if parsed is not None:
                parsed.pop(gone, None)
        for item in changed:
            if isinstance(item, Mapping):
                lines[item["id"]] = line_of_record(item)
                parsed = None
                continue
            entry = entry_of(item) if isinstance(item, Article) else item
            lines[entry.id] = entry.to_line()
            if parsed is not None:
                parsed[entry.id] = entry
        atomic_write_bytes(self.path, b"".join([_HEADER, *lines.values()]))
        self._lines, self._entries, self._read_as, self._loaded = lines, parsed, identity_of(self.path), True

    def _read(self) -> dict[str, bytes]:
        try:
            data = self.path.read_bytes()
            header, _, body = data.partition(b"\n")
            if not header.startswith(b"{"):
                raise ValueError("not a compare index")
            head = orjson.loads(header)
            if not isinstance(head, dict) or head.get("format") != FORMAT:
                raise ValueError("not a compare index")
            if head.get("version") != VERSION:
                return {}  # another version's index: every brief is read again, and the next write replaces it
            lines = body.splitlines(keepends=True)
            if lines and not lines[-1].endswith(b"\n"):
                raise ValueError("cut short")
            return {_id_of(line): line for line in lines}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return {}  # gone or damaged: derived data, so every brief is read again and the next write mends it
