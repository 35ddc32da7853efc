"""Import, the part worth a worker process: a file's briefs as article records with their signatures."""

from __future__ import annotations

from pathlib import Path

from store.errors import IngestError
from store.extract.brief import build_article
from store.extract.signatures import Signatures, paragraph_signatures
from store.library.ingest import read_briefs


def articles_from_file(path: Path, imported_at: str) -> tuple[list[tuple[dict, Signatures]], IngestError | None]:
    """Each brief of a file as an article record with its paragraphs' signatures, or why the file
    cannot be read. All an import does per file before the store: the part worth a worker."""
    try:
        briefs = read_briefs(path)
    except IngestError as error:
        return [], error
    records = [build_article(brief, imported_at) for brief in briefs]
    return [(record, paragraph_signatures(record)) for record in records], None
