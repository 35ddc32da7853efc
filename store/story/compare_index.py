"""The compare index: what the compare view needs of every brief, kept beside the store.

Grouping needs each compared figure, its rule's group, its sentence and whether its paragraph repeats
another brief, but reading them from the article shards means parsing every brief's text (8.6 s at
10,000 briefs). So the library writes each brief's compared figures here when it shelves, re-dates,
re-marks or removes briefs, under the same lock as those writes, in one atomic file write; the view
reads this one file and groups in memory.

The index says which catalog it was made for (each brief's id, date, bound, title and source); a
brief it lacks or holds differently, say written by an older newsbrief, is read again from its shard
(`Store.compare` does, with progress and a way to stop).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.model import Article, Figure, Summary
from store.persist.storage import FileIdentity, atomic_write_bytes, encode_json, identity_of
from store.story.compare import rule_group, sentence_of

COMPARE_FILE = "compare.json"
FORMAT = "newsbrief-compare-index"
VERSION = 1


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

    def to_record(self) -> list[Any]:
        figures = [[f.figure.to_record(), f.rule_group, f.sentence, f.repeat_of] for f in self.figures]
        return [self.title, self.published, self.published_inferred, self.not_before, self.source, figures]

    @classmethod
    def from_record(cls, article_id: str, record: list[Any]) -> CompareEntry:
        title, published, inferred, not_before, source, figures = record
        compared = tuple(ComparedFigure(Figure.from_record(f), group, sentence, repeat) for f, group, sentence, repeat in figures)
        return cls(article_id, title, published, inferred, not_before, source, compared)


def entry_of(article: Article) -> CompareEntry:
    """The brief's compared figures: those a rule gives a group (every figure but dates)."""
    compared = []
    for figure in article.figures:
        sentence = sentence_of(article, figure)
        group = rule_group(figure, sentence)
        if group is not None:
            compared.append(ComparedFigure(figure, group, sentence, article.repeated_from(figure.start)))
    return CompareEntry(
        article.id, article.title, article.published, article.published_inferred, article.not_before, article.source, tuple(compared)
    )


class CompareIndex:
    """The compare index file of one store folder, read when first asked and again when replaced."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / COMPARE_FILE
        self._entries: dict[str, CompareEntry] = {}
        self._read_as: FileIdentity | None = None
        self._loaded = False

    def entries(self) -> dict[str, CompareEntry]:
        """Every brief's entry as on disk now (read again when another process replaced the file)."""
        now = identity_of(self.path)
        if not self._loaded or now != self._read_as:
            self._entries = self._read() if now is not None else {}
            self._read_as, self._loaded = now, True
        return self._entries

    def missing(self, summaries: Mapping[str, Summary]) -> list[str]:
        """Ids of listed briefs the index lacks or holds as they were before a change."""
        entries = self.entries()
        return [i for i, summary in summaries.items() if i not in entries or not entries[i].fits(summary)]

    def write(self, changed: Iterable[Article | CompareEntry], removed: Iterable[str] = ()) -> None:
        """Put the entries of changed briefs in and take removed ones out: one atomic write.

        The caller holds the store's lock (every library write does)."""
        entries = dict(self.entries())
        for gone in removed:
            entries.pop(gone, None)
        for item in changed:
            entry = entry_of(item) if isinstance(item, Article) else item
            entries[entry.id] = entry
        data = {"format": FORMAT, "version": VERSION, "entries": {i: e.to_record() for i, e in entries.items()}}
        atomic_write_bytes(self.path, encode_json(data))
        self._entries, self._read_as, self._loaded = entries, identity_of(self.path), True

    def _read(self) -> dict[str, CompareEntry]:
        try:
            data = orjson.loads(self.path.read_bytes())
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a compare index")
            if data.get("version") != VERSION:
                return {}  # another version's index: every brief is read again, and the next write replaces it
            return {i: CompareEntry.from_record(i, record) for i, record in data["entries"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return {}  # gone or damaged: derived data, so every brief is read again and the next write mends it
