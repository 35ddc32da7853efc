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
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from store.model import CONTEXT_CHARS, Annotation, Article
from store.persist.storage import atomic_write_bytes

ORPHANS_FILE = "orphaned-annotations.json"
METADATA_FIELDS = ("title", "source", "published", "url", "author")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What an incoming brief is: "new", "same" (its text is stored as `stored`), or "replaces"
    (a new text of the brief `stored`, known by its url)."""

    kind: str
    stored: str | None = None


class Revisions:
    """Judges each brief of an import against the store and against the briefs before it."""

    def __init__(self, urls: Mapping[str, str | None]) -> None:
        """`urls`: every stored brief's url (or None) by id."""
        self._seen = set(urls)
        counts = Counter(url for url in urls.values() if url)
        # A url that several stored briefs share names none of them: no replacing by it.
        self._by_url = {url: article_id for article_id, url in urls.items() if url and counts[url] == 1}

    def judge(self, article: Article, identified_by_url: bool) -> Verdict:
        if article.id in self._seen:
            return Verdict("same", article.id)
        self._seen.add(article.id)
        url = article.url if identified_by_url else None
        stored = self._by_url.get(url) if url else None
        if url:
            self._by_url[url] = article.id
        return Verdict("replaces", stored) if stored else Verdict("new")


def with_metadata(stored: Article, incoming: Article) -> tuple[Article, list[str]]:
    """The stored article with the metadata an import with `--update` gives anew, and the names changed.

    A field the incoming brief lacks (no date, no author) keeps what the store has, which may have
    been set by hand.
    """
    changes = {name: getattr(incoming, name) for name in METADATA_FIELDS if getattr(incoming, name) and getattr(incoming, name) != getattr(stored, name)}
    if "published" in changes:
        changes["published_inferred"] = False
    return replace(stored, **changes), sorted(name for name in changes if name != "published_inferred")


@dataclass(frozen=True, slots=True)
class Reanchored:
    """The annotations of a replaced brief: moved to the new text, or orphaned."""

    moved: list[Annotation]
    orphaned: list[Annotation]


def reanchor(annotations: list[Annotation], new: Article) -> Reanchored:
    """Each annotation placed on the new text by its quote, or orphaned when the quote is gone."""
    moved, orphaned = [], []
    text = new.text
    for annotation in annotations:
        start = _best_occurrence(annotation, text)
        if start is None:
            orphaned.append(annotation)
            continue
        end = start + len(annotation.quote)
        moved.append(
            replace(
                annotation,
                article_id=new.id,
                article_sha256=new.sha256,
                start=start,
                end=end,
                prefix=text[max(0, start - CONTEXT_CHARS) : start],
                suffix=text[end : end + CONTEXT_CHARS],
            )
        )
    return Reanchored(moved, orphaned)


def _best_occurrence(annotation: Annotation, text: str) -> int | None:
    """Where the quote stands in `text`: the occurrence whose prefix and suffix match most
    characters of the old ones, the nearest to the old place on a tie."""
    quote = annotation.quote
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
        return _common_suffix(before, annotation.prefix) + _common_prefix(after, annotation.suffix), -abs(start - annotation.start)

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


def keep_orphans(folder: Path, old: Article, orphans: list[Annotation], when: str) -> Path:
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
    article = {"id": old.id, "sha256": old.sha256, "title": old.title, "source": old.source, "url": old.url, "text": old.text}
    kept.append({"orphaned_at": when, "article": article, "annotations": [annotation.to_record() for annotation in orphans]})
    atomic_write_bytes(path, json.dumps(kept, ensure_ascii=False, indent=2).encode("utf-8"))
    return path
