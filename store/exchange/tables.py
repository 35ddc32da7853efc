"""Figures and the compare table as CSV for spreadsheets, and annotated briefs as Prodigy/doccano JSONL.

CSV is written with the standard library's `csv` (RFC 4180 quoting), one header row, one row a
figure; offsets are Python str indices into the brief's text, as everywhere in newsbrief.
"""

from __future__ import annotations

import csv
import io
import json

from store.exchange.annotated import annotated_articles
from store.model import Article
from store.store import Store
from store.story.compare import CompareGroup

FIGURE_COLUMNS = ("article_id", "title", "published", "not_before", "source", "start", "end", "text", "kind", "value", "low", "high",
                  "approximate", "qualifier", "unit", "subject", "said_by", "as_of")
COMPARE_COLUMNS = ("group", "label", "drift", "day", "article_id", "title", "published", "not_before", "start", "end", "text", "kind",
                   "value", "low", "high", "qualifier", "unit", "said_by", "reports", "also_in")


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if value is None else value for value in row] for row in rows])
    return out.getvalue()


def figures_csv(articles: list[Article]) -> str:
    rows: list[list[object]] = [
        [a.id, a.title, a.published, a.not_before, a.source, f.start, f.end, f.text, f.kind, f.value, f.low, f.high,
         f.approximate, f.qualifier, f.unit, f.subject, f.source, f.as_of]
        for a in articles for f in a.figures
    ]
    return _csv(FIGURE_COLUMNS, rows)


def compare_csv(groups: list[CompareGroup]) -> str:
    rows: list[list[object]] = [
        [g.id, g.label, g.drift, r.day, r.article_id, r.title, r.published, r.not_before, r.figure.start, r.figure.end, r.figure.text,
         r.figure.kind, r.figure.value, r.figure.low, r.figure.high, r.figure.qualifier, r.figure.unit, r.figure.source, r.reports,
         " ".join(r.also_in)]
        for g in groups for r in g.rows
    ]
    return _csv(COMPARE_COLUMNS, rows)


def prodigy_jsonl(store: Store) -> str:
    """One line per annotated brief: its `text`, `meta`, and a span per tag of each annotation
    (`start`, `end`, `label`), the shape Prodigy's and doccano's importers read."""
    lines = []
    for article, marked in annotated_articles(store):
        spans = [{"start": a.start, "end": a.end, "label": tag} for a in marked for tag in a.tags]
        meta: dict[str, object] = {"id": article.id, "title": article.title, "source": article.source, "published": article.published or article.not_before,
                "url": article.url}
        notes = {f"{a.start}:{a.end}": a.note for a in marked if a.note}
        if notes:
            meta["notes"] = notes
        lines.append(json.dumps({"text": article.text, "meta": meta, "spans": spans}, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
