"""The `json` export: its shape and order, the shipped schema, hostile text, and writing it to disk.

`annotated_store` and the hostile strings here are shared with test_w3c and test_import_annotations.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import stat
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from store import Store, StoreError
from store.exchange.annotated import write_export
from store.exchange.json_export import export_json
from store.exchange.validation import validate_export

# Markup that would style or run an action, ANSI and C1 escapes, bidi overrides, RTL script, emoji with
# a ZWJ sequence, quotes, backslashes and an escape-lookalike: each must come back exactly as written.
HOSTILE_NOTE = (
    "[bold]loud[/] [@click=app.quit]quit[/] [$accent] [link=https://x.test]l[/link] \x1b[31mred\x1b[0m \x9b2J"
    " \x1b]8;;https://x.test\x07osc\x1b]8;;\x07 \u202eevil\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"
    ' 👩\u200d💻 🇺🇦 "double" \'single\' back\\slash \\u0041 \\n\nsecond line\tand a tab \x00 \x7f'
)
# Labels may not hold control or format characters (the store refuses them), but all of this is allowed.
HOSTILE_TAGS = ["[bold]", "[/]", "[@click=app.quit]", "[$var]", "\u05e9\u05dc\u05d5\u05dd", "👍 emoji", 'say "what"', "back\\slash"]
HOSTILE_BRIEF = "date 2024-12-20\n👩\u200d💻 \u05d3\u05d9\u05d5\u05d5\u05d7 [bold]brief[/] \x1b[31m.\nSome 3,000 soldiers were lost, \u202eofficials\u202c said.\n"


def open_seeded(folder: Path) -> Store:
    """A writable store holding the five seed briefs; the caller closes it."""
    store = Store(folder)
    store.import_seeds()
    return store


def seed_id(store: Store, prefix: str) -> str:
    """The id of the seed brief whose file name starts with `prefix` ("000" … "004")."""
    return next(s.id for s in store.summaries() if s.source.startswith(prefix))


def sentence(store: Store, article_id: str, number: int) -> tuple[str, int, int]:
    start, end = store.article(article_id).sentences[number]
    return article_id, start, end


def annotated_store(folder: Path) -> tuple[Store, dict[str, dict]]:
    """Seeds plus a hostile brief, annotated four ways; returns the open store and the annotation records by case."""
    store = open_seeded(folder)
    brief = folder.parent / f"{folder.name}-hostile.txt"
    brief.write_text(HOSTILE_BRIEF, encoding="utf-8")
    [hostile] = store.import_paths([brief]).added
    for label in HOSTILE_TAGS:
        store.add_tag(label)
    first = seed_id(store, "000")
    figure = store.article(first).figures[0]
    hostile_start = HOSTILE_BRIEF.index("Some")
    cases = {
        "tags and note": store.annotate(*sentence(store, first, 0), tags=["casualties", "disputed"], note="AP's figure: several hundred"),
        "narrowed to a figure": store.annotate(first, figure.start, figure.end, tags=["estimate"]),
        "tags only": store.annotate(*sentence(store, seed_id(store, "001"), 1), tags=["official source"]),
        "note only": store.set_note(*sentence(store, seed_id(store, "002"), 0), "compare with the AP wire"),
        "hostile text": store.annotate(hostile, hostile_start, len(HOSTILE_BRIEF) - 1, tags=HOSTILE_TAGS, note=HOSTILE_NOTE),
    }
    return store, {case: annotation.to_record() for case, annotation in cases.items() if annotation is not None}


@pytest.fixture
def annotated(tmp_path: Path):
    store, cases = annotated_store(tmp_path / "store")
    yield store, cases
    store.close()


def without_stamp(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "exported_at"}


def test_the_schema_ships_inside_the_package_and_is_a_valid_schema() -> None:
    shipped = importlib.resources.files("store.exchange") / "schema" / "newsbrief-annotations.schema.json"
    schema = json.loads(shipped.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["format"] == {"const": "newsbrief-annotations"}


def test_an_empty_store_exports_a_valid_empty_list(tmp_path: Path) -> None:
    with open_seeded(tmp_path / "store") as store:
        data = export_json(store)
    validate_export(data)
    assert data["articles"] == [] and data["format"] == "newsbrief-annotations" and data["version"] == 1


def test_export_lists_annotated_articles_in_order_with_their_figures(annotated) -> None:
    store, cases = annotated
    data = export_json(store)
    validate_export(data)
    assert data["tags"] == store.tags()
    annotated_ids = {a.article_id for a in store.annotations()}
    assert {a["id"] for a in data["articles"]} == annotated_ids and len(data["articles"]) == len(annotated_ids)
    keys = [(a["published"] is None and a["not_before"] is None, a["published"] or a["not_before"] or "", a["title"], a["id"]) for a in data["articles"]]
    assert keys == sorted(keys)
    # seed 000 ("not before 2024-12-16"), seed 001, the hostile brief, seed 002 ("Today, December 23")
    assert [a["published"] or a["not_before"] for a in data["articles"]] == ["2024-12-16", "2024-12-19", "2024-12-20", "2024-12-23"]
    exported = {a["id"]: (article, a) for article in data["articles"] for a in article["annotations"]}
    assert exported.keys() == {a["id"] for a in cases.values()}
    for case in cases.values():
        article, annotation = exported[case["id"]]
        record = store.article(case["article_id"]).to_record()
        assert article["sha256"] == record["sha256"] and article["path"] == record["path"]
        for key in ("start", "end", "quote", "prefix", "suffix", "tags", "note", "created", "modified"):
            assert annotation[key] == case[key]
        assert record["text"][annotation["start"] : annotation["end"]] == annotation["quote"]
        inside = [f for f in record["figures"] if case["start"] <= f["start"] and f["end"] <= case["end"]]
        assert annotation["figures"] == inside
    assert exported[cases["narrowed to a figure"]["id"]][1]["figures"] == [store.article(cases["narrowed to a figure"]["article_id"]).figures[0].to_record()]
    for article in data["articles"]:
        spans = [(a["start"], a["end"]) for a in article["annotations"]]
        assert spans == sorted(spans)


def test_hostile_text_is_written_literally_as_utf8(annotated, tmp_path: Path) -> None:
    store, cases = annotated
    data = export_json(store)
    target = tmp_path / "export.json"
    write_export(data, target)
    raw = target.read_bytes()
    assert raw.endswith(b"}\n") and raw.startswith(b'{\n  "format": "newsbrief-annotations"')
    assert "👩\u200d💻".encode() in raw and "\u05e9\u05dc\u05d5\u05dd".encode() in raw  # ensure_ascii=False
    assert b"\x1b" not in raw  # control characters are JSON escapes, never raw bytes
    assert json.loads(raw.decode("utf-8")) == data
    hostile = next(a for article in data["articles"] for a in article["annotations"] if a["id"] == cases["hostile text"]["id"])
    assert hostile["note"] == HOSTILE_NOTE and hostile["tags"] == HOSTILE_TAGS


def test_validate_export_names_the_json_path_of_the_error(annotated) -> None:
    store, _ = annotated
    data = export_json(store)
    data["articles"][1]["annotations"][0]["start"] = "12"
    with pytest.raises(StoreError, match=r"articles\[1\]\.annotations\[0\]\.start: expected an integer, found text$"):
        validate_export(data)
    del data["articles"][0]["sha256"]
    data["articles"][1]["annotations"][0]["start"] = 12
    with pytest.raises(StoreError, match=r"articles\[0\]: missing field 'sha256'$"):
        validate_export(data)


def test_write_export_replaces_an_old_export_whole(annotated, tmp_path: Path) -> None:
    store, _ = annotated
    target = tmp_path / "export.json"
    target.write_text("old and longer than nothing " * 1000, encoding="utf-8")
    write_export(export_json(store), target)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "newsbrief-annotations"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", "store", "store-hostile.txt"]


def test_write_export_to_a_missing_folder_fails_in_one_line(annotated, tmp_path: Path) -> None:
    store, _ = annotated
    target = tmp_path / "nowhere" / "export.json"
    with pytest.raises(StoreError) as caught:
        write_export(export_json(store), target)
    assert str(caught.value) == f"{target}: cannot write the export (the folder {target.parent} does not exist)"
    assert not target.parent.exists()


def test_write_export_into_a_read_only_folder_leaves_nothing(annotated, tmp_path: Path) -> None:
    store, _ = annotated
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("permission bits do not stop this user (root): a read-only folder cannot be made here")
        with pytest.raises(StoreError, match=r"locked/export\.json: cannot write the export \(Permission denied\)$"):
            write_export(export_json(store), folder / "export.json")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_write_export_over_a_folder_fails_and_removes_its_temporary_file(annotated, tmp_path: Path) -> None:
    """Root is not stopped by permission bits; a folder in the way fails for everyone, after the temp file exists."""
    store, _ = annotated
    (tmp_path / "out" / "export.json").mkdir(parents=True)
    with pytest.raises(StoreError, match=r"out/export\.json: cannot write the export \(Is a directory\)$"):
        write_export(export_json(store), tmp_path / "out" / "export.json")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["export.json"]
    assert list((tmp_path / "out" / "export.json").iterdir()) == []


def test_every_figure_kind_the_extractor_makes_is_valid_in_an_export(tmp_path: Path) -> None:
    """A rate ("1,200 troops a day") and a duration ("two weeks") inside a tagged claim still validate."""
    from store.exchange.validation import validate_export

    brief = tmp_path / "kinds.txt"
    brief.write_text("Russia loses as many as 1,200 troops a day, and has for two weeks, officials said.\n", encoding="utf-8")
    with Store(tmp_path / "kinds-store") as store:
        [article_id] = store.import_paths([brief]).added
        article = store.article(article_id)
        assert {"rate", "duration"} <= {figure.kind for figure in article.figures}
        store.annotate(article_id, *article.sentences[0], tags=["estimate"])
        validate_export(export_json(store))
