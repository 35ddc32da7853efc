"""Import, the part worth a worker process: a file's briefs as articles with their paragraph signatures."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from pathlib import Path

from store.errors import IngestError
from store.extract.brief import brief_facts, build_article
from store.extract.signatures import Signatures, paragraph_signatures
from store.library.ingest import brief_from_text, read_briefs
from store.model import Article, Figure

Built = tuple[list[tuple[Article, Signatures]], IngestError | None]


def articles_from_file(path: Path, imported_at: str) -> Built:
    """Each brief of a file as an article with its paragraphs' signatures, or why the file cannot be
    read. All an import does per file before the store."""
    try:
        briefs = read_briefs(path)
    except IngestError as error:
        return [], error
    articles = [build_article(brief, imported_at) for brief in briefs]
    return [(article, paragraph_signatures(article)) for article in articles], None


def figures_in_text(text: str, name: str) -> list[Figure]:
    """The figures import would store for a text file, at offsets into `text` exactly as given.

    Import reads a `\r\n` file with `\n` line endings; each offset is moved back past the carriage
    returns before it, so a tool that reads the file finds each figure where it says.
    """
    normal = text.replace("\r\n", "\n")
    brief = brief_from_text(normal, source=name, path=name)
    figures = brief_facts(normal, brief.published, brief.marker_end).figures
    if normal == text:
        return list(figures)
    # A carriage return removed before the newline at normalised offset n: every offset past it moves by one.
    removed, dropped = [], 0
    position = text.find("\r\n")
    while position >= 0:
        removed.append(position - dropped)
        dropped += 1
        position = text.find("\r\n", position + 2)
    return [
        replace(figure, start=figure.start + bisect_right(removed, figure.start), end=figure.end + bisect_left(removed, figure.end))
        for figure in figures
    ]
