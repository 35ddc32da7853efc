"""Importing briefs: every kind of bad file is one clear error, and the good files still go in."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from store import Store
from store.extract.brief import article_id

from checkout import SEEDS


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


GOOD = "Officials said 40 soldiers were wounded.\n\nA second paragraph with 3 generals."


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n \t", "empty file"),
        ("binary.txt", b"GIF89a\x00\x01\x02", "binary file"),
        ("latin1.txt", "Caf\u00e9 at 5 p.m.".encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 3)"),
        ("broken.json", '{"title": "x", "text": ', "broken JSON at line 1"),
        ("wrongtype.json", json.dumps({"title": "x", "text": 5}), "item 1: field 'text' must be a string"),
        ("notext.json", json.dumps([{"title": "x"}]), "item 1: field 'text' is missing"),
        ("baddate.json", json.dumps({"text": "t 1", "date": "next Blursday"}), "item 1: field 'date'"),
        ("list.json", "[]", "an empty JSON list"),
        ("scalar.jsonl", '\n42\n', "line 2: expected an object"),
        ("broken.jsonl", '\n{"text": \n', "line 2: broken JSON"),
        ("marker-only.txt", "date 2024-12-19   \n\n", "no text after the date marker"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_each_bad_file_is_one_error_and_the_good_one_still_imports(store_dir: Path, tmp_path: Path, name: str, data, reason: str) -> None:
    bad = write(tmp_path / "in", name, data)
    good = write(tmp_path / "in", "good.txt", GOOD)
    with Store(store_dir) as store:
        report = store.import_paths([bad, good])
        assert len(report.added) == 1
        assert store.article(report.added[0]).text == GOOD
    [error] = report.errors
    assert error.path == str(bad)
    assert reason in error.reason
    assert "\n" not in str(error)


def test_a_missing_path_and_an_empty_folder_are_reported(store_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "void").mkdir()
    with Store(store_dir) as store:
        report = store.import_paths([tmp_path / "nothing-here.txt", tmp_path / "void"])
    assert [e.reason for e in report.errors] == ["no such file or folder", "no .txt, .md, .json, .jsonl, .html, .htm, .xml, .rss or .atom files in this folder"]


def test_folders_are_walked_and_briefs_deduplicated_across_line_endings(store_dir: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a", "unix.txt", GOOD)
    write(tmp_path / "in" / "b", "windows.txt", GOOD.replace("\n", "\r\n"))
    write(tmp_path / "in", "ignored.csv", "a,b")
    with Store(store_dir) as store:
        report = store.import_paths([tmp_path / "in"])
        assert len(report.added) == 1 and report.unchanged == 1 and report.errors == []
        assert "\r" not in store.article(report.added[0]).text
    assert article_id(GOOD) == article_id(GOOD.replace("\n", "\r\n"))


def test_title_is_the_first_non_empty_line_after_a_date_marker(store_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "dated.txt", "\n\n  date 2025-01-20 Big news today.\nMore text.\n")
    with Store(store_dir) as store:
        [added] = store.import_paths([path]).added
        article = store.article(added)
    assert article.title == "Big news today."
    assert article.published == "2025-01-20"
    assert article.source == "dated.txt"
    assert article.text == "\n\n  date 2025-01-20 Big news today.\nMore text.\n"


def test_json_and_jsonl_fields(store_dir: Path, tmp_path: Path) -> None:
    items = [
        {"title": "T one", "text": "Body one with 5 figures.", "date": "20 January 2025", "source": "Wire", "url": "https://example.org/1"},
        {"text": "First line is the title\nBody two, 12 troops."},
    ]
    json_file = write(tmp_path, "briefs.json", json.dumps(items))
    jsonl_file = write(tmp_path, "more.jsonl", json.dumps({"text": "Third body, 7 tanks.", "date": "2024-12-19"}) + "\n\n")
    with Store(store_dir) as store:
        report = store.import_paths([json_file, jsonl_file])
        articles = [store.article(i) for i in report.added]
    assert [a.title for a in articles] == ["T one", "First line is the title", "Third body, 7 tanks."]
    assert [a.published for a in articles] == ["2025-01-20", None, "2024-12-19"]
    assert [a.source for a in articles] == ["Wire", "briefs.json", "more.jsonl"]
    assert articles[0].url == "https://example.org/1"


def test_a_utf8_bom_is_not_part_of_the_text(store_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffHeadline 3\nbody".encode("utf-8"))
    with Store(store_dir) as store:
        [added] = store.import_paths([path]).added
        assert store.article(added).title == "Headline 3"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16le.txt", "\ufeffВійська: 3 генерали and 12 000 soldiers".encode("utf-16-le")),
        ("utf16be.txt", "\ufeffВійська: 3 генерали and 12 000 soldiers".encode("utf-16-be")),
        ("cp1251.txt", "Войска: 3 генерала and 12 000 soldiers".encode("cp1251")),
    ],
)
def test_utf16_and_cyrillic_1251_files_are_decoded(store_dir: Path, tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path, name, data)
    with Store(store_dir) as store:
        report = store.import_paths([path])
        assert report.errors == []
        text = store.article(report.added[0]).text
    assert "3 генерал" in text and "12 000 soldiers" in text
    assert "\ufeff" not in text


def test_a_utf16_file_cut_mid_character_is_refused(store_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "cut.txt", "\ufeffabc".encode("utf-16-le") + b"d")
    with Store(store_dir) as store:
        [error] = store.import_paths([path]).errors
    assert error.reason.startswith("broken UTF-16 text")


def test_a_large_import_spread_over_worker_processes_stores_what_one_process_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import store.library.workers

    seeds = sorted((SEEDS).glob("*.txt"))
    folder = tmp_path / "briefs"
    folder.mkdir()
    for number in range(store.library.workers.PARALLEL_FROM + 20):
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        (folder / f"{number:04}.txt").write_text(text.replace("10,000", f"{10_000 + number:,}"), encoding="utf-8")
    write(folder, "0100.txt", b"")
    write(folder, "0101.txt", b"\x00\x01\x02binary")

    reports, stores = {}, {}
    for mode, parallel_from in (("workers", store.library.workers.PARALLEL_FROM), ("one process", 10**9)):
        monkeypatch.setattr(store.library.workers, "PARALLEL_FROM", parallel_from)
        with Store(tmp_path / mode) as target:
            reports[mode] = target.import_paths([folder])
            stores[mode] = {s.id: target.article(s.id) for s in target.summaries()}

    assert [str(e) for e in reports["workers"].errors] == [str(e) for e in reports["one process"].errors]
    assert [Path(e.path).name for e in reports["workers"].errors] == ["0100.txt", "0101.txt"]
    assert reports["workers"].added == reports["one process"].added
    strip = lambda article: dataclasses.replace(article, imported_at="")  # noqa: E731
    assert {i: strip(a) for i, a in stores["workers"].items()} == {i: strip(a) for i, a in stores["one process"].items()}
    assert any(p.repeated_from for a in stores["workers"].values() for p in a.paragraphs)
