"""Import, the part worth a worker process: a document's briefs as articles with their paragraph
signatures and compare index lines, so the importing process only places and writes them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from store.errors import IngestError
from store.extract.signatures import Signatures, paragraph_signatures
from store.library.fields import FieldMap
from store.library.ingest import Source, brief_from_text, read_source
from store.model import Article, Figure, pickled_by_values
from store.story.compare_index import entry_of


@pickled_by_values
@dataclass(frozen=True, slots=True)
class Built:
    """One brief made ready for the store."""

    article: Article
    signatures: Signatures
    compare_line: bytes  # its compare index line, unmarked (the importing process sets what its marks change):
    # one object to unpickle, where its CompareEntry was ~270 (~17 KB a brief)
    identified_by_url: bool  # a new text from its url updates the stored brief (a feed entry, a page)


def articles_from_source(source: Source, imported_at: str, fields: FieldMap | None = None) -> tuple[list[Built], list[IngestError]]:
    """Each brief of a file or URL as an article with its paragraphs' signatures and compare line,
    and each problem met. All an import does per document before the store: the part worth a worker."""
    # Here, not at the top: the extractor's patterns take ~0.35 s to compile, which an importing
    # process that hands every file to workers would pay for nothing before they start.
    from store.extract.brief import build_article

    reading = read_source(source, fields)
    built = []
    for brief in reading.briefs:
        article = build_article(brief, imported_at)
        built.append(Built(article, paragraph_signatures(article), entry_of(article).to_line(), brief.identified_by_url))
    return built, reading.problems


def figures_in_text(text: str, name: str) -> list[Figure]:
    """The figures import would store for a text file, at offsets into `text` exactly as given.

    Import reads a `\r\n` file with `\n` line endings; each offset is moved back past the carriage
    returns before it, so a tool that reads the file finds each figure where it says.
    """
    from store.extract.brief import brief_facts

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
