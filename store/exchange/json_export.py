"""newsbrief's own annotation export (DESIGN §5 `json`): the one `import-annotations` reads back.

Offsets are Python `str` indices, i.e. Unicode code points. A JSON Schema for it ships in `schema/`.
"""

from __future__ import annotations

from store.exchange.annotated import annotated_articles
from store.exchange.validation import FORMAT, VERSION
from store.store import Store, now_iso


def export_json(store: Store) -> dict:
    """Every annotation with its article's identity and the figures inside it (DESIGN §5 `json`)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now_iso(),
        "tags": store.tags(),
        "articles": [
            {
                "id": article["id"],
                "sha256": article["sha256"],
                "title": article["title"],
                "source": article["source"],
                "published": article["published"],
                "published_inferred": article.get("published_inferred", False),
                "path": article["path"],
                "paragraphs": article.get("paragraphs", []),
                "annotations": [_json_annotation(a, article["figures"]) for a in annotations],
            }
            for article, annotations in annotated_articles(store)
        ],
        "compare": store.compare(),
    }


def _json_annotation(annotation: dict, figures: list[dict]) -> dict:
    start, end = annotation["start"], annotation["end"]
    return {
        "id": annotation["id"],
        "start": start,
        "end": end,
        "quote": annotation["quote"],
        "prefix": annotation["prefix"],
        "suffix": annotation["suffix"],
        "tags": annotation["tags"],
        "note": annotation["note"],
        "figures": [f for f in figures if start <= f["start"] and f["end"] <= end],
        "created": annotation["created"],
        "modified": annotation["modified"],
    }
