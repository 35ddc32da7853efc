"""Importing again: what is new, what is already stored, and what is a new version of a stored brief.

A brief's id is its text's hash, so the same text imported twice is one brief. A feed entry or a web
page is also known by its url: a new text from the same url is a new version of that brief, which
replaces it. The stored brief's annotations then move to the new text by their quote (the occurrence
whose surrounding text fits best); an annotation whose quote is gone is orphaned, never moved
silently to some other place: it is kept in `orphaned-annotations.json` and reported.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.persist.storage import atomic_write_bytes

ORPHANS_FILE = "orphaned-annotations.json"
METADATA_FIELDS = ("title", "source", "published", "url", "author")
CONTEXT_CHARS = 32  # the prefix and suffix kept with an annotation (as the store keeps them)

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What an incoming brief is: "new", "same" (its text is stored as `stored`), or "replaces"
    (a new text of the brief `stored`, known by its url)."""

    kind: str
    stored: str | None = None


class Revisions:
    """Judges each brief of an import against the store and against the briefs before it."""

    def __init__(self, summaries: dict[str, Record]) -> None:
        self._seen = set(summaries)
        counts = Counter(s.get("url") for s in summaries.values() if s.get("url"))
        # A url that several stored briefs share names none of them: no replacing by it.
        self._by_url = {s["url"]: article_id for article_id, s in summaries.items() if s.get("url") and counts[s["url"]] == 1}

    def judge(self, record: Record, identified_by_url: bool) -> Verdict:
        article_id, url = record["id"], record.get("url")
        if article_id in self._seen:
            return Verdict("same", article_id)
        self._seen.add(article_id)
        stored = self._by_url.get(url) if identified_by_url and url else None
        if url and identified_by_url:
            self._by_url[url] = article_id
        return Verdict("replaces", stored) if stored else Verdict("new")


def metadata_changes(stored: Record, incoming: Record) -> Record:
    """The metadata fields an import with `--update` changes: those the incoming brief gives anew.

    A field the incoming brief lacks (no date, no author) keeps what the store has, which may have
    been set by hand.
    """
    changes: Record = {}
    for name in METADATA_FIELDS:
        value = incoming.get(name)
        if value and value != stored.get(name):
            changes[name] = value
    if "published" in changes:
        changes["published_inferred"] = False
    return changes


@dataclass(frozen=True, slots=True)
class Reanchored:
    """The annotations of a replaced brief: moved to the new text, or orphaned."""

    moved: list[Record]
    orphaned: list[Record]


def reanchor(annotations: list[Record], new: Record) -> Reanchored:
    """Each annotation placed on the new text by its quote, or orphaned when the quote is gone."""
    moved, orphaned = [], []
    text = new["text"]
    for annotation in annotations:
        start = _best_occurrence(annotation, text)
        if start is None:
            orphaned.append(annotation)
            continue
        end = start + len(annotation["quote"])
        moved.append(
            {
                **annotation,
                "article_id": new["id"],
                "article_sha256": new["sha256"],
                "start": start,
                "end": end,
                "prefix": text[max(0, start - CONTEXT_CHARS) : start],
                "suffix": text[end : end + CONTEXT_CHARS],
            }
        )
    return Reanchored(moved, orphaned)


def _best_occurrence(annotation: Record, text: str) -> int | None:
    """Where the quote stands in `text`: the occurrence whose prefix and suffix match most
    characters of the old ones, the nearest to the old place on a tie."""
    quote = annotation["quote"]
    if not quote:
        return None
    starts = []
    found = text.find(quote)
    while found != -1:
        starts.append(found)
        found = text.find(quote, found + 1)
    if not starts:
        return None

    def fit(start: int) -> tuple[int, int]:
        before = text[max(0, start - CONTEXT_CHARS) : start]
        after = text[start + len(quote) : start + len(quote) + CONTEXT_CHARS]
        return _common_suffix(before, annotation["prefix"]) + _common_prefix(after, annotation["suffix"]), -abs(start - annotation["start"])

    return max(starts, key=fit)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def keep_orphans(folder: Path, old: Record, orphans: list[Record], when: str) -> Path:
    """Add orphaned annotations, with the text they were made on, to the store's orphans file.

    A file there that is not a JSON list (edited by hand, damaged) is left as it is: the orphans go
    to a new file beside it, named by the time, so none is ever lost.
    """
    path = folder / ORPHANS_FILE
    try:
        kept = json.loads(path.read_bytes())
    except FileNotFoundError:
        kept = []
    except (OSError, ValueError):
        kept = None
    if not isinstance(kept, list):
        path = folder / f"orphaned-annotations-{when.replace(':', '')}.json"
        kept = []
    kept.append({"orphaned_at": when, "article": {k: old.get(k) for k in ("id", "sha256", "title", "source", "url", "text")}, "annotations": orphans})
    atomic_write_bytes(path, json.dumps(kept, ensure_ascii=False, indent=2).encode("utf-8"))
    return path
