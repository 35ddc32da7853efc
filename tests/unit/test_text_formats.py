"""Markdown and text files, and JSON from other tools: front matter, dates, field maps, bad lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Store
from store.library.fields import FieldMapError, parse_field_map
from store.model import Article


def write(path: Path, data: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data, encoding="utf-8")
    return path


def import_one(store_dir: Path, path: Path) -> Article:
    with Store(store_dir) as store:
        report = store.import_paths([path])
        assert not report.errors, report.errors
        [article] = store.articles(report.added)
    return article


MARKDOWN = """---
title: "Kursk: the count"
date: 2024-12-19
source: Example Wire
url: https://wire.example/kursk
author: Ann Lee
tags: [war, kursk]
---
# North Korean losses

At least **100** soldiers were killed, [the agency](https://nis.example) said.
Another *1,000* were wounded.

| unit | killed |
|------|--------|
| A    | 40     |
| B    | 60     |

- first item with 3 tanks
- second item
"""


def test_front_matter_is_read_and_removed_and_markdown_reduced_to_text(store_dir: Path, tmp_path: Path) -> None:
    article = import_one(store_dir, write(tmp_path / "kursk.md", MARKDOWN))
    assert (article.title, article.published, article.source) == ("Kursk: the count", "2024-12-19", "Example Wire")
    assert (article.url, article.author) == ("https://wire.example/kursk", "Ann Lee")
    assert article.text == (
        "North Korean losses\n\n"
        "At least 100 soldiers were killed, the agency said.\nAnother 1,000 were wounded.\n\n"
        "unit | killed\nA | 40\nB | 60\n\n"
        "first item with 3 tanks\nsecond item"
    )
    assert {"At least 100", "Another 1,000"} <= {f.text for f in article.figures}


@pytest.mark.parametrize(
    ("text", "published", "inferred"),
    [
        ("Date: 19 December 2024\n\nTroops numbered 12,000.", "2024-12-19", False),
        ("Kursk report\nPublished: 2024-12-20\n\nTroops numbered 12,000.", "2024-12-20", False),
        ("Kursk report\nPublished: by the wire desk\nDate: Dec 21, 2024\n\nTroops numbered 12,000.", "2024-12-21", False),
        ("SEOUL, December 19, 2024 (AP) — At least 100 soldiers were killed.", "2024-12-19", False),
        ("KYIV, Dec 19 (Reuters) - Ukraine said 30 drones were shot down.", "2023-12-19", True),  # the store's year, not today's
    ],
)
def test_a_text_is_dated_by_its_date_line_or_dateline(store_dir: Path, tmp_path: Path, text: str, published: str, inferred: bool) -> None:
    context = write(tmp_path / "context.txt", "date 2023-11-02 An earlier brief about 5 tanks.")
    with Store(store_dir) as store:
        store.import_paths([context])
    article = import_one(store_dir, write(tmp_path / "brief.txt", text))
    assert (article.published, article.published_inferred) == (published, inferred)
    assert not article.title.lower().startswith("date:")


def test_a_yearless_dateline_in_an_empty_store_stays_undated(store_dir: Path, tmp_path: Path) -> None:
    article = import_one(store_dir, write(tmp_path / "wire.txt", "KYIV, Dec 19 (Reuters) - Ukraine said 30 drones were shot down."))
    assert article.published is None


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("a.txt", "Date: 03/04/2024\n\nText with 5 tanks.", "date '03/04/2024' is ambiguous (4 March or 3 April 2024)"),
        ("b.md", "---\ndate: 04/03/2024\n---\nText with 5 tanks.", "line 2: front matter date '04/03/2024' is ambiguous"),
        ("c.json", json.dumps({"text": "Five tanks.", "date": "01/02/2025"}), "item 1: field 'date' date '01/02/2025' is ambiguous"),
    ],
)
def test_an_ambiguous_date_is_refused_naming_both_readings(store_dir: Path, tmp_path: Path, name: str, text: str, reason: str) -> None:
    path = write(tmp_path / name, text)
    with Store(store_dir) as store:
        report = store.import_paths([path])
        assert not store.summaries()
    [error] = report.errors
    assert reason in error.reason


def test_an_unambiguous_numeric_date_is_read(store_dir: Path, tmp_path: Path) -> None:
    article = import_one(store_dir, write(tmp_path / "d.txt", "Date: 19/12/2024\n\nText with 5 tanks."))
    assert article.published == "2024-12-19"


def test_jsonl_good_lines_go_in_and_every_bad_line_is_named(store_dir: Path, tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "One", "text": "First brief, 5 tanks."}),
        "{broken",
        json.dumps({"title": "No text"}),
        json.dumps({"title": "Two", "text": "<p>Second brief, <b>7</b> drones.</p><p>More.</p><script>x=1</script>"}),
        json.dumps([1, 2]),
    ]
    path = write(tmp_path / "tool.jsonl", "\n".join(lines) + "\n")
    with Store(store_dir) as store:
        report = store.import_paths([path])
        texts = [a.text for a in store.articles(report.added)]
    assert texts == ["First brief, 5 tanks.", "Second brief, 7 drones.\n\nMore."]
    assert [e.reason.split(":")[0] for e in report.errors] == ["line 2", "line 3", "line 5"]
    assert all(e.path == str(path) for e in report.errors)


def test_a_field_map_reads_other_tools_names(store_dir: Path, tmp_path: Path) -> None:
    item = {"headline": "Mapped", "body": "Body with 12 soldiers.", "published_at": "2024-12-21", "link": "https://x.example/1", "title": "ignored"}
    path = write(tmp_path / "api.json", json.dumps([item]))
    fields = parse_field_map("headline=title,body=text,published_at=date,link=url")
    with Store(store_dir) as store:
        [article] = store.articles(store.import_paths([path], fields=fields).added)
    assert (article.title, article.text, article.published, article.url) == ("Mapped", "Body with 12 soldiers.", "2024-12-21", "https://x.example/1")


@pytest.mark.parametrize(
    ("spec", "reason"), [("headline", "expected THEIRS=OURS"), ("headline=heading", "'heading' is not a brief field"), ("a=title,b=title", "mapped twice"), (",", "expected THEIRS=OURS pairs")]
)
def test_a_bad_field_map_says_what_is_wrong(spec: str, reason: str) -> None:
    with pytest.raises(FieldMapError, match=reason):
        parse_field_map(spec)


def test_update_refreshes_metadata_of_a_brief_already_stored(store_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "b.json", json.dumps({"title": "Old title", "text": "Same text, 5 tanks.", "source": "Old"}))
    with Store(store_dir) as store:
        [article_id] = store.import_paths([path]).added
        write(path, json.dumps({"title": "New title", "text": "Same text, 5 tanks.", "source": "New", "date": "2024-12-19", "url": "https://n.example"}))
        plain = store.import_paths([path])
        assert (plain.unchanged, plain.updated, store.article(article_id).title) == (1, [], "Old title")
        updated = store.import_paths([path], update=True)
        article = store.article(article_id)
    assert updated.updated == [article_id]
    assert (article.title, article.source, article.published, article.url) == ("New title", "New", "2024-12-19", "https://n.example")
    assert updated.notices == [f"{article_id}: updated published, source, title, url"]
