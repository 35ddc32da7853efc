"""Fuzzing the doors text comes in by: arbitrary bytes as a brief, arbitrary JSON as annotations.

Whatever arrives, the answer is an import or one clear error (IngestError, StoreError), never another
exception, and a refused annotation file leaves the store as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import IngestError, Store, StoreError
from store.exchange.annotation_import import import_annotations
from store.exchange.validation import read_annotation_file
from store.extract.brief import build_article
from store.library.ingest import read_briefs

SUFFIXES = st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html", ".rss"])
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")), suffix=SUFFIXES)
def test_any_bytes_import_or_give_one_clear_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"brief{suffix}"
    path.write_bytes(data)
    try:
        briefs = read_briefs(path)
    except IngestError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
        return
    for brief in briefs:
        article = build_article(brief, "2026-01-01T00:00:00Z")
        for figure in article.figures:
            assert article.text[figure.start : figure.end] == figure.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=JSONISH | st.fixed_dictionaries({"format": st.just("newsbrief-annotations"), "version": st.just(1), "tags": JSONISH, "articles": JSONISH}))
def test_any_json_as_annotations_is_imported_or_refused_cleanly(seeded_store: Store, tmp_path: Path, document: object) -> None:
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = (seeded_store.tags(), seeded_store.annotations())
    try:
        import_annotations(seeded_store, read_annotation_file(path))
    except StoreError as error:
        assert "\n" not in str(error)
        assert (seeded_store.tags(), seeded_store.annotations()) == before
