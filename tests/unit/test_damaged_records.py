"""A store file whose JSON parses but whose records do not hold what newsbrief wrote (a field gone,
a value of the wrong type, a hand edit): refused in one line naming the file and the field, never a
traceback far from the read, and the file left as it is. Derived data in a head is read again instead."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store import CorruptStore, Store

Damage = Callable[[dict[str, Any]], str]  # damages a file's data in place, returns the field it named


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded store with one tagged and noted sentence, made once and copied for each case."""
    folder = tmp_path_factory.mktemp("template") / "store"
    with Store(folder) as store:
        store.import_seeds()
        summary = store.summaries()[0]
        start, end = store.article(summary.id).sentences[1]
        store.annotate(summary.id, start, end, tags=["casualties"], note="to check")
    return folder


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(template, tmp_path / "store"))


def wrong_value(value: Any) -> Any:
    """A JSON value of another type than `value`, and of none its field allows beside it."""
    if isinstance(value, bool) or value is None:
        return [1]
    return 5 if isinstance(value, str) else "x"


def only_file(folder: Path, pattern: str) -> Path:
    [path] = folder.glob(pattern)
    return path


def annotation_record(data: dict[str, Any]) -> dict[str, Any]:
    [record] = data["annotations"].values()
    return record


def article_record(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["articles"].values()))


def refused(folder: Path, victim: Path, change: Callable[[dict[str, Any]], None], read: Callable[[Store], object]) -> str:
    """Damage `victim`, read the store as `read` does, and return the refusal (the file unchanged by it)."""
    data = json.loads(victim.read_text(encoding="utf-8"))
    change(data)
    victim.write_text(json.dumps(data), encoding="utf-8")
    damaged = victim.read_bytes()
    with pytest.raises(CorruptStore) as caught, Store(folder, readonly=True) as store:
        read(store)
    message = str(caught.value)
    assert str(victim) in message and "\n" not in message
    assert victim.read_bytes() == damaged
    return message


ANNOTATION_FIELDS = ["id", "article_id", "article_sha256", "start", "end", "quote", "prefix", "suffix", "tags", "note", "created", "modified"]


@pytest.mark.parametrize("name", ANNOTATION_FIELDS)
def test_an_annotation_without_a_field_is_refused_by_name(folder: Path, name: str) -> None:
    message = refused(folder, only_file(folder, "annotations/*.json"), lambda data: annotation_record(data).pop(name), Store.annotations)
    assert f"no field {name!r}" in message


@pytest.mark.parametrize("name", ANNOTATION_FIELDS)
def test_an_annotation_field_of_the_wrong_type_is_refused_by_name(folder: Path, name: str) -> None:
    def change(data: dict[str, Any]) -> None:
        record = annotation_record(data)
        record[name] = wrong_value(record[name])

    message = refused(folder, only_file(folder, "annotations/*.json"), change, Store.annotations)
    assert f"field {name!r} is" in message and "expected" in message


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda record: record.update(start=record["end"] + 1), "expected 0 <= start <= end"),
        (lambda record: record.update(start=-1), "expected 0 <= start <= end"),
        (lambda record: record.update(tags=["casualties", 7]), "expected a list of tag names"),
        (lambda record: record.update(start=True), "field 'start' is true or false"),
    ],
)
def test_an_annotation_whose_values_cannot_be_is_refused(folder: Path, change: Callable[[dict[str, Any]], None], problem: str) -> None:
    message = refused(folder, only_file(folder, "annotations/*.json"), lambda data: change(annotation_record(data)), Store.annotations)
    assert problem in message


def test_a_shard_listing_that_is_not_file_names_is_refused(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        listing = data["shards"]["1"]["files"]
        listing.update({number: 5 for number in listing})

    message = refused(folder, folder / "annotations.json", change, Store.annotations)
    assert "shard listing" in message and "annotations.json.bak" in message


def summary_columns(folder: Path) -> list[str]:
    data = json.loads(only_file(folder, "catalog/*.json").read_text(encoding="utf-8"))
    return list(data["segment"]["1"]["columns"])


@pytest.mark.parametrize("column", ["id", "title", "published", "published_inferred", "source", "figure_count", "url", "not_before", "date_key"])
def test_a_catalog_column_value_of_the_wrong_type_is_refused_by_column(folder: Path, column: str) -> None:
    assert column in summary_columns(folder)

    def change(data: dict[str, Any]) -> None:
        values = data["segment"]["1"]["columns"][column]
        values[2] = wrong_value(values[2])

    message = refused(folder, only_file(folder, "catalog/*.json"), change, Store.summaries)
    assert (f"column {column!r}, row 2" in message) or (column == "id" and "its ids are not the ones catalog.json lists" in message)


# Not its id: a brief whose id is changed is another brief, and the one asked for is not found.
ARTICLE_FIELDS = ["sha256", "title", "text", "source", "published", "published_inferred", "path", "url", "imported_at", "sentences", "figures", "paragraphs"]


@pytest.mark.parametrize("name", ARTICLE_FIELDS)
def test_a_brief_field_of_the_wrong_type_is_refused_when_the_brief_is_read(folder: Path, name: str) -> None:
    volume = folder / "volumes" / "00000.json"
    article_id = article_record(json.loads(volume.read_text(encoding="utf-8")))["id"]

    def change(data: dict[str, Any]) -> None:
        record = article_record(data)
        record[name] = wrong_value(record[name])

    message = refused(folder, volume, change, lambda store: store.article(article_id))
    assert f"brief {article_id!r}" in message


def test_a_figure_without_its_span_is_refused_when_briefs_are_read_in_bulk(folder: Path) -> None:
    volume = folder / "volumes" / "00000.json"
    article_id = article_record(json.loads(volume.read_text(encoding="utf-8")))["id"]
    message = refused(folder, volume, lambda data: article_record(data)["figures"][0].pop("start"), lambda store: store.find_articles([article_id]))
    assert f"brief {article_id!r}: a figure, paragraph or sentence is malformed (TypeError: " in message and "'start'" in message


def rows(store: Store) -> list[tuple[str, str, str | None]]:
    """The list's rows in its default order, as the reader draws them (by catalog position)."""
    listing = store.listing()
    return [(s.id, s.title, s.published) for s in map(listing.summary_at, listing.date_order())]


@pytest.mark.parametrize(
    "change",
    [
        lambda head: head["by_date"].__setitem__(0, "x"),
        lambda head: head["by_date"].__setitem__(0, None),
        lambda head: head["by_date"].__setitem__(0, head["by_date"][1]),  # a position twice, another never
        lambda head: head["first"]["title"].__setitem__(0, 5),
        lambda head: head["first"]["published"].__setitem__(0, ["2024-12-01"]),
    ],
    ids=["order-string", "order-null", "order-repeat", "page-title", "page-date"],
)
def test_a_damaged_date_order_or_first_page_in_the_head_is_read_again_from_the_segments(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    with Store(folder, readonly=True) as store:
        before = rows(store)
    head_path = folder / "catalog.json"
    data = json.loads(head_path.read_text(encoding="utf-8"))
    change(data["catalog"]["1"])
    head_path.write_text(json.dumps(data), encoding="utf-8")
    with Store(folder, readonly=True) as store:
        assert rows(store) == before


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda record: record["sentences"][0].__setitem__(0, "x"), "sentence 0 is not a [start, end] pair of integers"),
        (lambda record: record["sentences"].__setitem__(0, [1]), "sentence 0 is not a [start, end] pair of integers"),
        (lambda record: record["figures"][0].__setitem__("start", None), "figure 0: field 'start' is null; expected an integer"),
        (lambda record: record["figures"][0].__setitem__("kind", ["count"]), "figure 0: field 'kind' is a list; expected a string"),
        (lambda record: record["paragraphs"][0].__setitem__("end", "9"), "paragraph 0: field 'end' is a string; expected an integer"),
    ],
)
def test_a_brief_opened_to_be_read_has_its_sentences_figures_and_paragraphs_checked(folder: Path, change, problem: str) -> None:
    volume = folder / "volumes" / "00000.json"
    article_id = article_record(json.loads(volume.read_text(encoding="utf-8")))["id"]
    message = refused(folder, volume, lambda data: change(article_record(data)), lambda store: store.article(article_id))
    assert f"brief {article_id!r}: {problem}" in message


@pytest.mark.parametrize("wrong", [None, 5, ["x"], "gone"])
def test_a_brief_record_without_a_string_id_is_refused_when_its_volume_is_read(folder: Path, wrong: Any) -> None:
    volume = folder / "volumes" / "00000.json"
    article_id = article_record(json.loads(volume.read_text(encoding="utf-8")))["id"]

    def change(data: dict[str, Any]) -> None:
        record = article_record(data)
        if wrong == "gone":
            del record["id"]
        else:
            record["id"] = wrong

    message = refused(folder, volume, change, lambda store: store.article(article_id))
    assert "brief 1 has no id (expected a string)" in message


@pytest.mark.parametrize("read", [
    lambda store, article_id: store.article(article_id),
    lambda store, article_id: store.find_articles([article_id]),
    lambda store, article_id: store.articles(),
], ids=["open", "bulk", "all"])
def test_a_brief_the_catalog_lists_but_its_volume_lacks_is_refused_not_skipped(folder: Path, read: Callable[[Store, str], object]) -> None:
    volume = folder / "volumes" / "00000.json"
    article_id = article_record(json.loads(volume.read_text(encoding="utf-8")))["id"]

    def rename(data: dict[str, Any]) -> None:  # a hand edit of the id inside the volume: the catalog still lists the old one
        article_record(data)["id"] = "0" * 16

    message = refused(folder, volume, rename, lambda store: read(store, article_id))
    assert f"holds no brief {article_id}, which the catalog lists in it" in message
    with Store(folder, readonly=True) as store:
        assert article_id in [summary.id for summary in store.summaries()]  # the list still opens, and names it


@pytest.mark.parametrize("name", ["value", "start", "kind", "qualifier"])
def test_a_figure_field_of_the_wrong_type_is_refused_not_written_out(folder: Path, name: str) -> None:
    """`newsbrief figures`, a bundle and an annotated export write figures out: a damaged one is refused, never copied."""
    volume = folder / "volumes" / "00000.json"
    article_id = article_record(json.loads(volume.read_text(encoding="utf-8")))["id"]

    def damage(data: dict[str, Any]) -> None:
        article_record(data)["figures"][0][name] = {"x": 1}

    for read in (lambda store: store.articles([article_id]), lambda store: store.articles()):
        message = refused(folder, volume, damage, read)
        assert f"brief {article_id!r}: figure 0: field {name!r} is an object" in message
