"""Reading a `json` export back: the round trip, merging, and refusing bad files with the store unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_export import annotated_store, open_seeded, seed_id, sentence, without_stamp

from store import Store, StoreError
from store.exchange.annotated import write_export
from store.exchange.annotation_import import ImportResult, import_annotations
from store.exchange.json_export import export_json
from store.exchange.validation import read_annotation_file

from checkout import SEEDS


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """An export file of the annotated store (seeds, a hostile brief, five annotations)."""
    store, _ = annotated_store(tmp_path / "source")
    with store:
        write_export(export_json(store), tmp_path / "ann.json")
    return tmp_path / "ann.json"


@pytest.fixture
def target(tmp_path: Path):
    """A second store with the same briefs and one annotation of its own."""
    store = open_seeded(tmp_path / "target")
    store.import_paths([tmp_path / "source-hostile.txt"])
    store.annotate(*sentence(store, seed_id(store, "003"), 0), tags=["background"])
    yield store
    store.close()


def on_disk(store: Store) -> tuple:
    """Everything import may change, as a fresh read-only open of the folder sees it, and the file bytes."""
    with Store(store.folder, readonly=True) as view:
        return view.tags(), view.annotations(), (store.folder / "annotations.json").read_bytes()


def edited(exported: Path, tmp_path: Path, change) -> Path:
    """A copy of the export with `change(data)` applied."""
    data = json.loads(exported.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII escapes: a lone surrogate can be written
    return path


def test_round_trip_into_a_store_with_the_same_briefs(exported: Path, tmp_path: Path) -> None:
    fresh = open_seeded(tmp_path / "fresh")
    with fresh:
        fresh.import_paths([tmp_path / "source-hostile.txt"])
        result = import_annotations(fresh, read_annotation_file(exported))
        assert result == ImportResult(added=5, new_tags=tuple(json.loads(exported.read_text())["tags"][9:]))
        write_export(export_json(fresh), tmp_path / "again.json")
    first, again = (json.loads(p.read_text(encoding="utf-8")) for p in (exported, tmp_path / "again.json"))
    assert without_stamp(again) == without_stamp(first)
    again["exported_at"] = first["exported_at"]
    write_export(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == exported.read_bytes()  # byte for byte, hostile text and all


def test_importing_the_same_file_twice_changes_nothing_the_second_time(exported: Path, target: Store) -> None:
    import_annotations(target, read_annotation_file(exported))
    before = on_disk(target)
    result = import_annotations(target, read_annotation_file(exported))
    assert result == ImportResult(unchanged=5)
    assert on_disk(target) == before
    assert str(result) == "annotations imported: 0 added, 0 updated, 0 merged, 5 unchanged, 0 skipped; 0 new tags"


def test_an_edited_annotation_updates_the_one_with_its_id(exported: Path, target: Store, tmp_path: Path) -> None:
    import_annotations(target, read_annotation_file(exported))

    def retag(data: dict) -> None:
        data["articles"][1]["annotations"][0].update(tags=["confirmed"], note=None, modified="2030-01-01T00:00:00Z")

    changed = read_annotation_file(edited(exported, tmp_path, retag))
    result = import_annotations(target, changed)
    assert (result.updated, result.unchanged) == (1, 4)
    [annotation] = [a for a in target.annotations() if a.id == changed["articles"][1]["annotations"][0]["id"]]
    assert annotation.tags == ("confirmed",) and annotation.note is None


def test_an_annotation_on_a_span_the_store_already_tagged_is_merged(exported: Path, target: Store, tmp_path: Path) -> None:
    own = target.annotations()[0].to_record()

    def onto_own_span(data: dict) -> None:
        data["tags"] = []
        data["articles"] = [{**data["articles"][1], "id": own["article_id"], "annotations": [dict(
            data["articles"][1]["annotations"][0], start=own["start"], end=own["end"], quote=own["quote"],
            prefix=own["prefix"], suffix=own["suffix"], tags=["Background", "Needs  check"], note="from the other reader",
        )]}]
        data["articles"][0]["sha256"] = target.article(own["article_id"]).sha256

    path = edited(exported, tmp_path, onto_own_span)
    result = import_annotations(target, read_annotation_file(path))
    assert result == ImportResult(merged=1)
    [merged] = target.annotations()
    assert merged.id == own["id"] and merged.created == own["created"]
    assert merged.tags == ("background", "needs check")  # matched to the tag set, ignoring case and spacing
    assert merged.note == "from the other reader"
    target.set_note(own["article_id"], own["start"], own["end"], "mine")
    import_annotations(target, read_annotation_file(path))
    assert target.annotations()[0].note == "mine\n\nfrom the other reader"
    assert import_annotations(target, read_annotation_file(path)) == ImportResult(unchanged=1)


def test_new_tags_join_the_tag_set_in_the_files_order(exported: Path, target: Store) -> None:
    before = target.tags()
    result = import_annotations(target, read_annotation_file(exported))
    assert target.tags()[: len(before)] == before
    assert tuple(target.tags()[len(before) :]) == result.new_tags and "[@click=app.quit]" in result.new_tags


def refused(target: Store, path: Path) -> str:
    """Import `path` expecting a refusal; the store on disk must be as it was. Returns the message."""
    before = on_disk(target)
    with pytest.raises(StoreError) as caught:
        import_annotations(target, read_annotation_file(path))
    assert on_disk(target) == before
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_file_from_another_store_is_refused(exported: Path, tmp_path: Path) -> None:
    with open_seeded(tmp_path / "seeds only") as other:  # no hostile brief in this one
        message = refused(other, exported)
    hostile = json.loads(exported.read_text())["articles"][2]
    assert hostile["published"] == "2024-12-20"
    title = hostile["title"] if len(hostile["title"]) <= 40 else hostile["title"][:39] + "…"
    assert message == (
        f"annotations not imported, the store is unchanged: articles[2]: article {hostile['id']}"
        f" ({title!r}) is not in this store; import its brief first"
    )
    assert "\\x1b" in message and "\x1b" not in message  # the title's ESC shows as text, never raw


def test_a_quote_that_does_not_match_the_text_is_refused(exported: Path, target: Store, tmp_path: Path) -> None:
    def shift(data: dict) -> None:
        for annotation in (data["articles"][1]["annotations"][0], data["articles"][2]["annotations"][0]):
            annotation["start"] += 1
            annotation["end"] += 1

    message = refused(target, edited(exported, tmp_path, shift))
    assert message.startswith("annotations not imported, the store is unchanged: articles[1].annotations[0]: quote ")
    assert "; articles[2].annotations[0]: quote " in message  # every bad annotation is named, not just the first


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["articles"][0]["annotations"][0].update(start="5"), "articles[0].annotations[0].start: expected an integer, found text"),
        (lambda d: d["articles"][2]["annotations"][0].update(tags="casualties"), "articles[2].annotations[0].tags: expected a list, found text"),
        (lambda d: d["articles"][1].update(published=20241219), "articles[1].published: expected text or null, found an integer"),
        (lambda d: d["articles"][1]["annotations"][0].pop("quote"), "articles[1].annotations[0]: missing field 'quote'"),
        (lambda d: d["articles"][1]["annotations"][0].update({"\x1b[31mcolour": 1}), "articles[1].annotations[0]: unknown field '\\x1b[31mcolour'"),
        (lambda d: d.update(version=2), "version: expected 1"),
        (lambda d: d["articles"][1]["annotations"][0].update(created="yesterday"), "articles[1].annotations[0].created: expected an ISO 8601 date-time with a time zone, such as 2025-01-20T09:30:00Z"),
        (lambda d: d["articles"][1]["annotations"][0].update(note="\ud800"), "articles[1].annotations[0].note: holds a lone surrogate (a \\ud800-style escape); expected Unicode text"),
    ],
    ids=["string offset", "tags not a list", "date a number", "missing quote", "unknown field", "version", "bad time", "lone surrogate"],
)
def test_a_wrong_field_is_named_with_the_file(exported: Path, tmp_path: Path, change, expected: str) -> None:
    path = edited(exported, tmp_path, change)
    with pytest.raises(StoreError) as caught:
        read_annotation_file(path)
    assert str(caught.value) == f"{path}: {expected}"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "newsbrief-annotations", "version": 1,\n  "tags": [', "broken JSON at line 2, column 12: Expecting value"),
        (b"\xff\xfe{}", "not UTF-8 text (byte 0xff at offset 0)"),
        (b"[]", "expected an object, found a list"),
        (b'{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}',
         "a W3C export; import-annotations reads newsbrief's own format (`newsbrief export --format json`)"),
        (b'{"version": ' + b"9" * 5000 + b"}", "unreadable JSON (Exceeds the limit (4300 digits) for integer string conversion"),
        (b"[" * 100_000 + b"]" * 100_000, "unreadable JSON (maximum recursion depth exceeded"),
    ],
    ids=["broken JSON", "not UTF-8", "not an object", "W3C export", "huge number", "deep nesting"],
)
def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "ann.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        read_annotation_file(path)
    assert str(caught.value).startswith(f"{path}: {expected}") and "\n" not in str(caught.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"missing\.json: cannot read \(No such file or directory\)$"):
        read_annotation_file(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["articles"][1]["annotations"][0].update(end=10**6), "articles[1].annotations[0]: span {start}:1000000 does not fit the article text"),
        (lambda d: d["articles"][1]["annotations"][0].update(prefix="not what comes before"), "articles[1].annotations[0]: prefix or suffix differs from the article text"),
        (lambda d: d["articles"][1]["annotations"].append(dict(d["articles"][1]["annotations"][0])), "articles[1].annotations[1]: id {id} repeats articles[1].annotations[0]"),
        (lambda d: d["articles"][1]["annotations"][0].update(tags=[], note=" "), "articles[1].annotations[0]: no tags and no note; an annotation holds at least one"),
        (lambda d: d["tags"].append("bell\x07"), "tags[17]: tag 'bell\\x07': control and format characters are not allowed in a label"),
    ],
    ids=["span beyond the text", "prefix", "repeated id", "empty", "control character in a tag"],
)
def test_an_annotation_that_does_not_fit_is_refused(exported: Path, target: Store, tmp_path: Path, change, expected: str) -> None:
    message = refused(target, edited(exported, tmp_path, change))
    first = json.loads(exported.read_text())["articles"][1]["annotations"][0]
    assert expected.format(**first) in message


def test_a_dict_from_elsewhere_is_validated_before_import(target: Store) -> None:
    before = on_disk(target)
    with pytest.raises(StoreError, match=r"^not a valid newsbrief-annotations export: missing field 'exported_at', 'tags', 'articles'$"):
        import_annotations(target, {"format": "newsbrief-annotations", "version": 1})
    assert on_disk(target) == before


def test_skip_bad_imports_the_rest_and_names_each_annotation_left_out(exported: Path, tmp_path: Path) -> None:
    data = json.loads(exported.read_text(encoding="utf-8"))
    kept = sum(len(a["annotations"]) for i, a in enumerate(data["articles"]) if i != 2)
    with open_seeded(tmp_path / "seeds only") as other:  # lacks the hostile brief of articles[2] (after 000, bounded at 2024-12-16, and 001)
        result = import_annotations(other, read_annotation_file(exported), skip_bad=True)
        assert result.added == kept
        assert len(result.skipped) == 1 and result.skipped[0].startswith("articles[2]: article ")
        assert len(other.annotations()) == kept


def test_import_annotations_command_skip_bad(cli, exported: Path, tmp_path: Path) -> None:
    store = tmp_path / "cli-store"
    assert cli("import", str(SEEDS), "--store", str(store)).code == 0
    refused_run = cli("import-annotations", str(exported), "--store", str(store))
    assert refused_run.code == 1 and "the store is unchanged" in refused_run.err
    skipping = cli("import-annotations", str(exported), "--skip-bad", "--json", "--store", str(store))
    assert skipping.code == 1  # something was left out, and the exit code says so
    assert skipping.err.count("\n") == 1 and f"newsbrief: {exported}: skipped articles[2]: article" in skipping.err
    assert skipping.json()["added"] > 0
