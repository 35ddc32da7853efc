"""The `w3c` export against the W3C Web Annotation test suite: the 54 MUST assertions, on every annotation.

The suite's assertion files are JSON Schema draft-04 and `$ref` shared definitions by relative id
("id.json#/definitions/..."), so every definitions file is registered under its own `id`.
`format` is checked too ("uri", "date-time"): jsonschema skips formats it has no checker for, and a
check that cannot fail proves nothing.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from test_export import HOSTILE_NOTE, HOSTILE_TAGS, annotated_store

from store import Store
from store.exchange.w3c import export_w3c

from checkout import SHARED

SUITE = SHARED / "w3c-annotation-tests"
MUST_LIST = SUITE / "annotations" / "annotationMusts.test"
DESIGN_MUST_COUNT = 54  # DESIGN §5

# RFC 3986 absolute URI: a scheme, then only unreserved, reserved and percent-encoded characters.
URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*")
# RFC 3339 date-time (xsd:dateTime with a time zone).
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")

FORMATS = FormatChecker()
FORMATS.checks("uri")(lambda value: not isinstance(value, str) or bool(URI.fullmatch(value)))
FORMATS.checks("date-time")(
    lambda value: not isinstance(value, str) or (bool(DATE_TIME.fullmatch(value)) and bool(datetime.fromisoformat(value)))
)


def suite_or_skip() -> Path:
    if not SUITE.is_dir():
        pytest.skip("../shared/w3c-annotation-tests is absent: the W3C suite lives beside the repo in CI")
    return SUITE


@pytest.fixture(scope="module")
def musts() -> list[tuple[str, Draft4Validator]]:
    """(assertion file, validator) for each MUST assertion the suite lists."""
    suite_or_skip()
    definitions = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SUITE / "definitions").glob("*.json"))]
    registry = Registry().with_resources((d["id"], Resource.from_contents(d, default_specification=DRAFT4)) for d in definitions)
    validators = []
    for name in json.loads(MUST_LIST.read_text(encoding="utf-8"))["assertions"]:
        schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
        assert (schema["assertionType"], schema["expectedResult"]) == ("must", "valid"), name
        validators.append((name, Draft4Validator(schema, registry=registry, format_checker=FORMATS)))
    return validators


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict[str, dict]]:
    """The w3c export of the annotated store, and its annotations by case, each with its article's text."""
    folder = tmp_path_factory.mktemp("w3c") / "store"
    store, cases = annotated_store(folder)
    with store:
        data = export_w3c(store)
        texts = {case: store.article(a["article_id"]).text for case, a in cases.items()}
    return data, {case: {**a, "text": texts[case]} for case, a in cases.items()}


def item_for(data: dict, annotation: dict) -> dict:
    wanted = f"urn:uuid:{uuid.UUID(hex=annotation['id'])}"
    return next(item for item in data["first"]["items"] if item["id"] == wanted)


def failures(musts: list[tuple[str, Draft4Validator]], annotation: dict) -> list[str]:
    return [f"{name}: {error.message[:200]}" for name, validator in musts for error in validator.iter_errors(annotation)]


def test_the_suite_lists_the_54_musts(musts) -> None:
    assert len(musts) == len(json.loads(MUST_LIST.read_text(encoding="utf-8"))["assertions"]) == DESIGN_MUST_COUNT


@pytest.mark.parametrize("case", ["tags and note", "tags only", "note only", "hostile text", "narrowed to a figure"])
def test_every_must_holds_for_each_kind_of_annotation(musts, exported, case: str) -> None:
    data, cases = exported
    annotation = item_for(data, cases[case])
    checked = 0
    for name, validator in musts:
        errors = [error.message[:200] for error in validator.iter_errors(annotation)]
        assert errors == [], f"{case}: {name} (expectedResult valid) failed: {errors}"
        checked += 1
    assert checked == DESIGN_MUST_COUNT


def test_every_annotation_of_the_export_passes(musts, exported) -> None:
    data, cases = exported
    assert data["total"] == len(data["first"]["items"]) == len(cases)
    for annotation in data["first"]["items"]:
        assert failures(musts, annotation) == [], annotation["id"]


@pytest.mark.parametrize(
    ("breakage", "failing"),
    [
        (lambda a: a.pop("@context"), "annotations/3.1-annotationContextValidated.json"),
        (lambda a: a.update(id="not an IRI"), "annotations/3.1-annotationIdValidated.json"),
        (lambda a: a.update(created="20 January 2025"), "annotations/3.3.1-annotationCreatedValidated.json"),
        (lambda a: a["target"]["selector"][0].pop("exact"), "annotations/specificResource/4.2.4-textQuoteSelectorValid.json"),
    ],
    ids=["no @context", "id not an IRI", "created not a date-time", "quote selector without exact"],
)
def test_the_harness_fails_a_broken_annotation(musts, exported, breakage, failing: str) -> None:
    data, cases = exported
    annotation = json.loads(json.dumps(item_for(data, cases["tags and note"])))
    breakage(annotation)
    assert failing in {failure.split(":")[0] for failure in failures(musts, annotation)}


def test_annotations_carry_tags_note_and_both_selectors(exported) -> None:
    data, cases = exported
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    assert data["first"]["type"] == "AnnotationPage" and data["label"]
    for _case, annotation in cases.items():
        item = item_for(data, annotation)
        tags = [b["value"] for b in item["body"] if b["purpose"] == "tagging"]
        notes = [b["value"] for b in item["body"] if b["purpose"] == "commenting"]
        assert tags == annotation["tags"] and notes == ([annotation["note"]] if annotation["note"] else [])
        assert all(b["type"] == "TextualBody" for b in item["body"])
        assert item["motivation"] == ("tagging" if annotation["tags"] else "commenting")
        assert (item["created"], item["modified"]) == (annotation["created"], annotation["modified"])
        target = item["target"]
        assert target["type"] == "SpecificResource" and target["source"] == f"urn:newsbrief:article:{annotation['article_id']}"
        quote, position = target["selector"]
        context = {key: annotation[key] for key in ("prefix", "suffix") if annotation[key]}  # empty ones left out
        assert quote == {"type": "TextQuoteSelector", "exact": annotation["quote"], **context}
        assert position == {"type": "TextPositionSelector", "start": annotation["start"], "end": annotation["end"]}
        assert annotation["text"][position["start"] : position["end"]] == quote["exact"]


def test_positions_count_code_points_past_emoji_and_rtl(exported) -> None:
    """Before the hostile span sit an emoji ZWJ sequence (3 code points, 5 UTF-16 units) and Hebrew."""
    data, cases = exported
    hostile = cases["hostile text"]
    position = item_for(data, hostile)["target"]["selector"][1]
    start = hostile["text"].index("Some")
    assert position["start"] == start and hostile["text"][start : position["end"]] == hostile["quote"]
    assert len(hostile["text"][:start].encode("utf-16-le")) // 2 == start + 2  # UTF-16 offsets would differ
    body = item_for(data, hostile)["body"]
    assert [b["value"] for b in body] == [*HOSTILE_TAGS, HOSTILE_NOTE]


def test_an_article_url_becomes_the_source_as_a_plain_uri(musts, tmp_path: Path) -> None:
    brief = tmp_path / "web.json"
    brief.write_text(json.dumps({"title": "Web", "text": "Some 12 000 soldiers.", "url": "https://example.org/новости/kursk?q=a b"}), encoding="utf-8")
    with Store(tmp_path / "store") as store:
        [article] = store.import_paths([brief]).added
        store.annotate(article, 0, 4, tags=["estimate"])
        [item] = export_w3c(store)["first"]["items"]
    assert item["target"]["source"] == "https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/kursk?q=a%20b"
    assert failures(musts, item) == []


def _keys_and_types(value: object, found: set[str]) -> set[str]:
    """Every property name and every `type` or `motivation`/`purpose` value used below `value`."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "@context":
                continue
            found.add(key)
            if key in ("type", "motivation", "purpose") and isinstance(child, str):
                found.add(child)
            _keys_and_types(child, found)
    elif isinstance(value, list):
        for child in value:
            _keys_and_types(child, found)
    return found


def test_the_embedded_context_defines_every_term_the_export_uses_and_the_musts_still_hold(musts, tmp_path: Path) -> None:
    from store.exchange.w3c import EMBEDDED_CONTEXT, W3C_CONTEXT

    store, _ = annotated_store(tmp_path / "store")
    with store:
        data = export_w3c(store, embed_context=True)
    assert data["@context"] == [W3C_CONTEXT, EMBEDDED_CONTEXT]
    used = _keys_and_types(data, set())
    assert used - set(EMBEDDED_CONTEXT) == set()
    prefixes = {k for k, v in EMBEDDED_CONTEXT.items() if isinstance(v, str) and v.startswith("http")}
    for term, definition in EMBEDDED_CONTEXT.items():  # every compact IRI names a prefix the context defines
        iri = definition if isinstance(definition, str) else definition["@id"]
        assert iri.startswith(("http", "@")) or iri.split(":", 1)[0] in prefixes, term
    assert EMBEDDED_CONTEXT["target"]["@id"] == "oa:hasTarget" and EMBEDDED_CONTEXT["oa"] == "http://www.w3.org/ns/oa#"
    for annotation in data["first"]["items"]:
        assert failures(musts, annotation) == [], annotation["id"]
        # each annotation stands alone: taken out of the collection, its own context defines its terms
        assert annotation["@context"] == [W3C_CONTEXT, EMBEDDED_CONTEXT]
        assert _keys_and_types(annotation, set()) - set(annotation["@context"][1]) == set()


@pytest.mark.parametrize("embed", [False, True], ids=["context by IRI", "context embedded"])
def test_every_form_of_the_export_matches_its_shipped_schema_and_a_broken_one_does_not(tmp_path: Path, embed: bool) -> None:
    from jsonschema import Draft202012Validator

    from store.exchange.w3c import SCHEMA_PATH

    validator = Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    store, _ = annotated_store(tmp_path / "store")
    with store:
        data = json.loads(json.dumps(export_w3c(store, embed_context=embed)))
    assert list(validator.iter_errors(data)) == []
    data["first"]["items"][0]["@context"] = [{"oa": "http://www.w3.org/ns/oa#"}]  # the anno.jsonld IRI left out
    assert list(validator.iter_errors(data)) != []
