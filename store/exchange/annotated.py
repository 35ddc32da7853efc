"""Annotated articles in the one order every export uses, and writing an export to disk atomically."""

from __future__ import annotations

import json
from pathlib import Path

from store.errors import StoreError
from store.model import Annotation, Article, Record, story_order
from store.persist.storage import atomic_write_bytes
from store.store import Store


def annotated_articles(store: Store) -> list[tuple[Article, list[Annotation]]]:
    """Articles that have annotations, with them, in the one order both formats use."""
    grouped: dict[str, list[Annotation]] = {}
    for annotation in store.annotations():
        grouped.setdefault(annotation.article_id, []).append(annotation)
    pairs = list(zip(store.articles(grouped), grouped.values()))
    pairs.sort(key=lambda pair: (*story_order(pair[0].published, pair[0].not_before), pair[0].title, pair[0].id))
    for _, article_annotations in pairs:
        article_annotations.sort(key=lambda a: (a.start, a.end, a.created, a.id))
    return pairs


def write_export(data: Record, path: Path) -> None:
    """Write a JSON export atomically, so a crash or a full disk never leaves half a file at `path`."""
    write_text_export(json.dumps(data, ensure_ascii=False, indent=2) + "\n", path)


def write_text_export(text: str, path: Path) -> None:
    """Write an export (JSON, JSONL, CSV) atomically as UTF-8."""
    path = Path(path)
    encoded = text.encode("utf-8")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: cannot write the export (the folder {path.parent} does not exist)")
    try:
        atomic_write_bytes(path, encoded)
    except OSError as error:
        raise StoreError(f"{path}: cannot write the export ({error.strerror})") from None
