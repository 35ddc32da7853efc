"""Import, the part worth a worker process: a document's briefs as article records with their signatures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.errors import IngestError
from store.extract.brief import build_article
from store.extract.signatures import Signatures, paragraph_signatures
from store.library.fields import FieldMap
from store.library.ingest import Source, read_source


@dataclass(frozen=True, slots=True)
class Built:
    """One brief made ready for the store."""

    record: dict[str, Any]  # the article record, still a plain dict on the shelf
    signatures: Signatures
    identified_by_url: bool  # a new text from its url updates the stored brief (a feed entry, a page)


def articles_from_source(source: Source, imported_at: str, fields: FieldMap | None = None) -> tuple[list[Built], list[IngestError]]:
    """Each brief of a file or URL as an article record with its paragraphs' signatures, and each
    problem met. All an import does per document before the store: the part worth a worker."""
    reading = read_source(source, fields)
    built = []
    for brief in reading.briefs:
        record = build_article(brief, imported_at)
        built.append(Built(record, paragraph_signatures(record), brief.identified_by_url))
    return built, reading.problems
