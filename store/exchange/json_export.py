"""newsbrief's own annotation export (DESIGN §5 `json`): the one `import-annotations` reads back.

Offsets are Python `str` indices, i.e. Unicode code points. A JSON Schema for it ships in `schema/`.
"""

from __future__ import annotations

from store.exchange.annotated import annotated_articles
from store.exchange.validation import FORMAT, VERSION
from store.model import Annotation, Article, Record
from store.store import Store, now_iso


def export_json(store: Store, *, with_compare: bool = False) -> Record:
    """Every annotation with its article's identity and the figures inside it (DESIGN §5 `json`).

    Lean: only annotated briefs are read, and only what names them goes out. The compare table
    (every brief's figures: 46 MB at 10,000 briefs) only `with_compare`; `newsbrief compare --json`
    prints it on its own."""
    data: Record = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now_iso(),
        "tags": store.tags(),
        "articles": [_json_article(article, annotations) for article, annotations in annotated_articles(store)],
    }
    if with_compare:
        data["compare"] = [group.to_record() for group in store.compare()]
    return data


def _json_article(article: Article, annotations: list[Annotation]) -> Record:
    return {
        "id": article.id,
        "sha256": article.sha256,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "not_before": article.not_before,
        "url": article.url,
        "path": article.path,
        "annotations": [_json_annotation(annotation, article) for annotation in annotations],
    }


def _json_annotation(annotation: Annotation, article: Article) -> Record:
    """The annotation without its article's id and checksum (the article entry around it says them)."""
    record = annotation.to_record()
    return {
        **{name: record[name] for name in ("id", "start", "end", "quote", "prefix", "suffix", "tags", "note")},
        "figures": [figure.to_record() for figure in article.figures if figure.inside(annotation.span)],
        "created": annotation.created,
        "modified": annotation.modified,
    }
