"""An article record: a brief with its id, checksum, sentences and figures, ready for the store.

Extraction runs here, once, at import; the reader never waits for it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from store.extract.figures import extract_figures
from store.extract.sentences import split_sentences
from store.extract.signatures import new_paragraphs
from store.model import Brief

_SPACE = re.compile(r"\s+")


def article_id(text: str) -> str:
    """First 16 hex of SHA-256 of the text with Unicode (NFC) and whitespace normalised.

    Normalising makes the same brief re-saved with other line endings or spacing the same article.
    """
    normal = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def text_sha256(text: str) -> str:
    """SHA-256 of the text exactly as stored, so an annotation can tell if its text changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_article(brief: Brief, imported_at: str) -> dict:
    """The stored record of a brief. A leading date marker is metadata: no sentence or figure in it."""
    text = brief.text
    spans = split_sentences(text)
    dropped = sum(1 for _, end in spans if end <= brief.marker_end)
    sentences = [[max(start, brief.marker_end), end] for start, end in spans[dropped:]]
    figures = _figures(text, brief.published, spans, brief.marker_end, dropped)
    return {
        "id": article_id(text),
        "sha256": text_sha256(text),
        "title": brief.title,
        "text": text,
        "source": brief.source,
        "published": brief.published,
        "published_inferred": False,
        "path": brief.path,
        "url": brief.url,
        "author": brief.author,
        "imported_at": imported_at,
        "sentences": sentences,
        "figures": figures,
        "paragraphs": new_paragraphs(text, brief.marker_end),
    }


def _figures(text: str, published: str | None, spans: list[tuple[int, int]], marker_end: int, dropped: int) -> list[dict]:
    """The figures after the date marker, numbered by the sentences that follow it."""
    figures = []
    for figure in extract_figures(text, published, spans):
        if figure.start >= marker_end:
            record = figure.to_dict()
            record["sentence"] -= dropped
            figures.append(record)
    return figures


def redate_figures(record: dict) -> None:
    """Extract a record's figures again for the date it now has (inferred from its text, or set by
    hand): a date without a year, and "today" or "last week", mean something only against it."""
    text = record["text"]
    marker_end = record["paragraphs"][0]["start"] if record["paragraphs"] else 0  # only blanks lie between
    spans = split_sentences(text)
    dropped = sum(1 for _, end in spans if end <= marker_end)
    record["figures"] = _figures(text, record["published"], spans, marker_end, dropped)
