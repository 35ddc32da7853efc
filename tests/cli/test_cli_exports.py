"""Exports that travel: a bundle rebuilds the store, CSV and Prodigy files parse and index their text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from jsonschema import Draft202012Validator

from store import Store
from store.exchange.bundle import SCHEMA_PATH

from checkout import SEEDS


def _state(folder: Path) -> dict:
    """What a user would call the store: briefs with their dates and sources, tags, annotations, compare edits and table."""
    with Store(folder, readonly=True) as store:
        briefs = sorted(
            (a.id, a.title, a.text, a.source, a.published, a.published_inferred, a.not_before, a.url) for a in store.articles()
        )
        annotations = sorted((a.id, a.article_id, a.start, a.end, tuple(a.tags), a.note) for a in store.annotations())
        return {"briefs": briefs, "tags": store.tags(), "annotations": annotations, "regrouping": store.regrouping().to_record(),
                "compare": [g.to_record() for g in store.compare()], "reviewed": store.reviewed()}


def _edited_store(cli, folder: Path) -> None:
    assert cli("import", str(SEEDS), "--store", str(folder)).code == 0
    with Store(folder) as store:
        first = store.resolve("881b00be")
        store.edit(first, date="2024-12-17", source="Ukrainska Pravda")  # a hand-set date and source
        store.add_tag("first count")
        start, end = store.article(first).sentences[0]
        store.annotate(first, start, end, tags=["first count"], note="first estimate")
        figure = store.article(first).figures[0]
        store.move_figure(first, figure.start, "estimates")
        store.merge_groups("killed", "casualties")
        store.set_reviewed([first, store.resolve("382c7d5c")])


def test_a_bundle_rebuilds_the_same_store_and_merges_into_one_without_duplicates(cli, tmp_path: Path) -> None:
    original = tmp_path / "original"
    _edited_store(cli, original)
    bundle = tmp_path / "team.json"
    assert cli("export", "--format", "bundle", "-o", str(bundle), "--store", str(original)).code == 0
    data = json.loads(bundle.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(json.loads(SCHEMA_PATH.read_text())).iter_errors(data)) == []

    copy = tmp_path / "copy"
    done = cli("import", str(bundle), "--store", str(copy))
    assert done.code == 0, done.err
    assert _state(copy) == _state(original)
    assert len(_state(copy)["reviewed"]) == 2

    again = cli("import", str(bundle), "--store", str(copy))  # into a store that holds it all: nothing twice
    assert again.code == 0 and "0 briefs added, 5 already in the store; 0 annotations added, 1 already there" in again.err
    assert "0 briefs marked reviewed" in again.err
    assert _state(copy) == _state(original)

    partial = tmp_path / "partial"  # a store with two of the briefs and one annotation of its own
    assert cli("import", str(SEEDS / "001_20e64d0acd333082.txt"), str(SEEDS / "003_3ae34f4a203fbd2d.txt"), "--store", str(partial)).code == 0
    with Store(partial) as store:
        store.add_tag("mine")
        article = store.resolve("8f6b67fb")
        store.annotate(article, *store.article(article).sentences[1], tags=["mine"])
    assert cli("import", str(bundle), "--store", str(partial)).code == 0
    merged = _state(partial)
    assert {b[0] for b in merged["briefs"]} == {b[0] for b in _state(original)["briefs"]}
    assert (len(merged["annotations"]) == 2 and merged["tags"] == ["mine", "casualties"]) or set(merged["tags"]) >= {"mine", "casualties"}


def test_a_damaged_bundle_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    bundle = tmp_path / "bad.json"
    bundle.write_text(json.dumps({"format": "newsbrief-bundle", "version": 1, "exported_at": "x", "briefs": [{"id": "nope"}],
                                  "tags": [], "annotations": [], "regrouping": {"moves": {}, "merges": {}}}), encoding="utf-8")
    done = cli("import", str(bundle), "--store", str(tmp_path / "s"))
    assert done.code == 1 and done.err.count("\n") == 1 and "bad.json: briefs[0]" in done.err


def test_figures_and_compare_csv_parse_and_their_offsets_index_the_text(cli, seeded_store: Store, store_dir: Path, tmp_path: Path) -> None:
    texts = {a.id: a.text for a in seeded_store.articles()}
    seeded_store.close()
    out = tmp_path / "figures.csv"
    assert cli("figures", "--format", "csv", "-o", str(out), "--store", str(store_dir)).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(a.figures) for a in Store(store_dir, readonly=True).articles())
    assert all(texts[r["article_id"]][int(r["start"]) : int(r["end"])] == r["text"] for r in rows)
    compare = cli("compare", "--format", "csv", "--store", str(store_dir))
    table = list(csv.DictReader(io.StringIO(compare.out)))
    several = next(r for r in table if r["text"] == "several hundred")
    assert several["group"] == "casualties" and several["reports"] == "3" and several["drift"] == "revision"
    assert all(texts[r["article_id"]][int(r["start"]) : int(r["end"])] == r["text"] for r in table)


def test_prodigy_jsonl_has_text_meta_and_spans_that_index_the_text(cli, seeded_store: Store, store_dir: Path) -> None:
    seeded_store.add_tag("first count")
    article = seeded_store.article(seeded_store.resolve("3739470e"))
    start, end = article.sentences[0]
    seeded_store.annotate(article.id, start, end, tags=["estimate"])
    seeded_store.close()
    done = cli("export", "--format", "prodigy", "--store", str(store_dir))
    [line] = [json.loads(line) for line in done.out.splitlines()]
    assert set(line) == {"text", "meta", "spans"} and line["meta"]["id"] == article.id
    [span] = line["spans"]
    assert span == {"start": start, "end": end, "label": "estimate"}
    assert line["text"][span["start"] : span["end"]] == article.text[start:end]
