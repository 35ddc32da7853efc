"""The two annotation exports (DESIGN §5) and reading ours back in.

`json` is newsbrief's own format, the one `import-annotations` reads: it round-trips, and a JSON
Schema for it ships beside this module. `w3c` is W3C Web Annotation JSON-LD for other tools; it is
written, never read. Offsets in both are Python `str` indices, i.e. Unicode code points.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from .errors import InvalidRequest, StoreError
from .storage import atomic_write_bytes
from .store import Store, now_iso
from .tagset import clean_label

FORMAT = "newsbrief-annotations"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("schema") / "newsbrief-annotations.schema.json"
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MAX_PROBLEMS = 10  # problems named in one refusal; the rest are counted, so the error stays one line


# --- writing ------------------------------------------------------------------------------------


def export_json(store: Store) -> dict:
    """Every annotation with its article's identity and the figures inside it (DESIGN §5 `json`)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now_iso(),
        "tags": store.tags(),
        "articles": [
            {
                "id": article["id"],
                "sha256": article["sha256"],
                "title": article["title"],
                "source": article["source"],
                "published": article["published"],
                "published_inferred": article.get("published_inferred", False),
                "path": article["path"],
                "paragraphs": article.get("paragraphs", []),
                "annotations": [_json_annotation(a, article["figures"]) for a in annotations],
            }
            for article, annotations in _annotated_articles(store)
        ],
        "compare": store.compare(),
    }


def export_w3c(store: Store) -> dict:
    """An AnnotationCollection with one page holding one W3C Annotation per annotation."""
    items = [_w3c_annotation(article, a) for article, annotations in _annotated_articles(store) for a in annotations]
    return {
        "@context": W3C_CONTEXT,
        "id": _urn_uuid(uuid.uuid4()),
        "type": "AnnotationCollection",
        "label": "newsbrief annotations",
        "generated": now_iso(),
        "total": len(items),
        "first": {"id": _urn_uuid(uuid.uuid4()), "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def write_export(data: dict, path: Path) -> None:
    """Write an export atomically, so a crash or a full disk never leaves half a file at `path`."""
    path = Path(path)
    encoded = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: cannot write the export (the folder {path.parent} does not exist)")
    try:
        atomic_write_bytes(path, encoded)
    except OSError as error:
        raise StoreError(f"{path}: cannot write the export ({error.strerror})") from None


def _annotated_articles(store: Store) -> list[tuple[dict, list[dict]]]:
    """Articles that have annotations, with them, in the one order both formats use."""
    grouped: dict[str, list[dict]] = {}
    for annotation in store.annotations():
        grouped.setdefault(annotation["article_id"], []).append(annotation)
    pairs = list(zip(store.articles(grouped), grouped.values()))
    pairs.sort(key=lambda pair: (pair[0]["published"] is None, pair[0]["published"] or "", pair[0]["title"], pair[0]["id"]))
    for _, annotations in pairs:
        annotations.sort(key=lambda a: (a["start"], a["end"], a["created"], a["id"]))
    return pairs


def _json_annotation(annotation: dict, figures: list[dict]) -> dict:
    start, end = annotation["start"], annotation["end"]
    return {
        "id": annotation["id"],
        "start": start,
        "end": end,
        "quote": annotation["quote"],
        "prefix": annotation["prefix"],
        "suffix": annotation["suffix"],
        "tags": annotation["tags"],
        "note": annotation["note"],
        "figures": [f for f in figures if start <= f["start"] and f["end"] <= end],
        "created": annotation["created"],
        "modified": annotation["modified"],
    }


def _w3c_annotation(article: dict, annotation: dict) -> dict:
    bodies = [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in annotation["tags"]]
    if annotation["note"]:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": annotation["note"], "format": "text/plain"})
    quote_selector = {"type": "TextQuoteSelector", "exact": annotation["quote"]}
    for key in ("prefix", "suffix"):
        if annotation[key]:
            quote_selector[key] = annotation[key]
    # W3C TextPositionSelector counts Unicode code points, which is exactly what Python str indices
    # count, so the store's offsets go out unchanged (no UTF-16 or byte conversion).
    position_selector = {"type": "TextPositionSelector", "start": annotation["start"], "end": annotation["end"]}
    return {
        "@context": W3C_CONTEXT,
        "id": _urn_uuid(uuid.UUID(hex=annotation["id"])),
        "type": "Annotation",
        "motivation": "tagging" if annotation["tags"] else "commenting",
        "created": annotation["created"],
        "modified": annotation["modified"],
        "body": bodies,
        "target": {"type": "SpecificResource", "source": _article_iri(article), "selector": [quote_selector, position_selector]},
    }


def _urn_uuid(value: uuid.UUID) -> str:
    return f"urn:uuid:{value}"


def _article_iri(article: dict) -> str:
    """The article's web address when it has an http(s) one, else a URN built from its id.

    A URL is made a plain URI (non-ASCII percent-encoded) because W3C validators check `format: uri`.
    """
    url = article.get("url")
    if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
        return quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return f"urn:newsbrief:article:{article['id']}"


# --- reading and validating ---------------------------------------------------------------------


def read_annotation_file(path: Path) -> dict:
    """Parse and validate a `json` export, or StoreError naming the file and the field that is wrong."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise StoreError(f"{path}: not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})") from None
    except json.JSONDecodeError as error:
        raise StoreError(f"{path}: broken JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, arrays nested 100,000 deep
        raise StoreError(f"{path}: unreadable JSON ({error})") from None
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        raise StoreError(f"{path}: a W3C export; import-annotations reads newsbrief's own format (`newsbrief export --format json`)")
    problem = _problem(data)
    if problem:
        raise StoreError(f"{path}: {problem}")
    return data


def validate_export(data: dict) -> None:
    """Check `data` against the shipped schema; StoreError with the JSON path of the error.

    Of several errors, jsonschema's `best_match` picks the one to name (the least ambiguous).
    """
    problem = _problem(data)
    if problem:
        raise StoreError(f"not a valid {FORMAT} export: {problem}")


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _problem(data: object) -> str | None:
    """`where: what` for the most relevant schema error, or for text UTF-8 cannot hold; else None."""
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        where = _where(error.absolute_path)
        return f"{where}: {_describe(error)}" if where else _describe(error)
    broken = _unencodable(data)
    if broken is not None:
        return f"{_where(broken)}: holds a lone surrogate (a \\ud800-style escape); expected Unicode text"
    return None


def _where(parts) -> str:
    """A JSON path the way a person writes it: articles[0].annotations[2].start."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


_TYPE_WORDS = {"integer": "an integer", "number": "a number", "string": "text", "array": "a list",
               "object": "an object", "boolean": "true or false", "null": "null"}


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return {float: "number", str: "string", list: "array", dict: "object"}.get(type(value), "null")


def _describe(error: ValidationError) -> str:
    """What was expected, in words, without echoing the (untrusted, maybe huge) value itself."""
    kind, expected, instance = error.validator, error.validator_value, error.instance
    if kind == "type":
        wanted = [expected] if isinstance(expected, str) else expected
        return f"expected {' or '.join(_TYPE_WORDS[t] for t in wanted)}, found {_TYPE_WORDS[_json_type(instance)]}"
    if kind == "required":
        return "missing field " + ", ".join(repr(name) for name in expected if name not in instance)
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        return "unknown field " + ", ".join(repr(name) for name in instance if name not in known)
    if kind == "const":
        return f"expected {json.dumps(expected)}"
    if kind == "enum":
        return "expected one of " + ", ".join(json.dumps(value) for value in expected)
    if kind == "pattern":
        return f"expected {error.schema.get('description', 'text matching ' + expected)}"
    if kind == "minimum":
        return f"expected {expected} or more"
    if kind in ("minLength", "maxLength", "minItems"):
        unit = "character" if kind.endswith("Length") else "item"
        return f"expected {'at most' if kind == 'maxLength' else 'at least'} {expected} {unit}{'s' if expected != 1 else ''}"
    if kind == "uniqueItems":
        return "an item repeats; expected each once"
    return f"does not fit the {FORMAT} schema ({kind})"


def _unencodable(value: object, path: tuple = ()) -> tuple | None:
    """Where `value` holds a string UTF-8 cannot carry (JSON allows lone surrogate escapes), or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path
        return None
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        found = _unencodable(child, (*path, key))
        if found is not None:
            return found
    return None


# --- importing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import did; a re-import of the same file is all `unchanged`."""

    added: int = 0
    updated: int = 0  # same id already in the store, with other tags, note or times
    merged: int = 0  # folded into the store's own annotation on the same span
    unchanged: int = 0
    new_tags: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # with skip_bad: "where: why" for each annotation left out

    def as_dict(self) -> dict:
        return {**asdict(self), "new_tags": list(self.new_tags), "skipped": list(self.skipped)}

    def __str__(self) -> str:
        # No user text here: the command line may print this through Rich.
        tags = len(self.new_tags)
        return (
            f"annotations imported: {self.added} added, {self.updated} updated, {self.merged} merged,"
            f" {self.unchanged} unchanged, {len(self.skipped)} skipped; {tags} new tag{'s' if tags != 1 else ''}"
        )


def import_annotations(store: Store, data: dict, *, skip_bad: bool = False) -> ImportResult:
    """Put an export's annotations in the store, all or none unless `skip_bad` is asked for.

    Refused, the store unchanged, when any annotation's article is missing or its quote, prefix or
    suffix does not match the article text: offsets into another text would tag the wrong words.
    With `skip_bad` those annotations are left out, each named in the result, and the rest go in.
    Tags join the tag set (matched ignoring case, as the store does). An annotation on a span that
    already holds one of the store's own is merged into it: a span has one annotation.
    """
    validate_export(data)
    problems: list[str] = []
    labels, new_tags = _merged_tag_set(store.tags(), data, problems)
    misfits: list[str] = []
    records = _records(store, data, labels, misfits)
    if not skip_bad:
        problems += misfits
    if problems:
        more = f"; and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        raise StoreError(f"annotations not imported, the store is unchanged: {'; '.join(problems[:MAX_PROBLEMS])}{more}")
    existing = {a["id"]: a for a in store.annotations()}
    on_span = {(a["article_id"], a["start"], a["end"]): a for a in existing.values()}
    counts = {"added": 0, "updated": 0, "merged": 0, "unchanged": 0}
    writes = []
    for record in records:
        owner = on_span.get((record["article_id"], record["start"], record["end"]))
        if owner is not None and owner["id"] != record["id"]:
            record, outcome = _merge(owner, record), "merged"
        else:
            outcome = "updated" if record["id"] in existing else "added"
        if record == existing.get(record["id"]):
            outcome = "unchanged"
        else:
            writes.append(record)
        counts[outcome] += 1
    if writes or new_tags:
        store.add_annotations(writes, new_tags)
    return ImportResult(**counts, new_tags=tuple(new_tags), skipped=tuple(misfits) if skip_bad else ())


def _merged_tag_set(labels: list[str], data: dict, problems: list[str]) -> tuple[dict[str, str], list[str]]:
    """Each tag as the file spells it mapped to its label in the merged tag set; and the new labels."""
    by_fold = {label.casefold(): label for label in labels}
    spelled: dict[str, str] = {}
    new: list[str] = []
    named = [(f"tags[{k}]", tag) for k, tag in enumerate(data["tags"])]
    for i, article in enumerate(data["articles"]):
        for j, annotation in enumerate(article["annotations"]):
            named += [(f"articles[{i}].annotations[{j}].tags[{k}]", tag) for k, tag in enumerate(annotation["tags"])]
    for where, tag in named:
        try:
            label = clean_label(tag)
        except InvalidRequest as error:
            problems.append(f"{where}: {error}")
            continue
        if label.casefold() not in by_fold:
            by_fold[label.casefold()] = label
            new.append(label)
        spelled[tag] = by_fold[label.casefold()]
    return spelled, new


def _records(store: Store, data: dict, labels: dict[str, str], problems: list[str]) -> list[dict]:
    """Store records for every annotation that fits its article; a problem for each one that does not."""
    records: list[dict] = []
    seen: dict[tuple, str] = {}  # annotation id, and (article, start, end), to where they first appear
    known = store.find_articles(entry["id"] for entry in data["articles"])
    for i, entry in enumerate(data["articles"]):
        article = known.get(entry["id"])
        if article is None:
            problems.append(f"articles[{i}]: article {entry['id']} ({_clip(entry['title'])}) is not in this store; import its brief first")
            continue
        text = article["text"]
        for j, item in enumerate(entry["annotations"]):
            where = f"articles[{i}].annotations[{j}]"
            start, end = item["start"], item["end"]
            span = (article["id"], start, end)
            if ("id", item["id"]) in seen:
                problems.append(f"{where}: id {item['id']} repeats {seen[('id', item['id'])]}")
            elif span in seen:
                problems.append(f"{where}: span {start}:{end} repeats {seen[span]}")
            elif not start < end <= len(text):
                problems.append(f"{where}: span {start}:{end} does not fit the article text ({len(text)} characters)")
            elif text[start:end] != item["quote"]:
                problems.append(f"{where}: quote {_clip(item['quote'])} differs from the article text at {start}:{end}, {_clip(text[start:end])}")
            elif not (text.endswith(item["prefix"], 0, start) and text.startswith(item["suffix"], end)):
                problems.append(f"{where}: prefix or suffix differs from the article text around {start}:{end}")
            elif not item["tags"] and not (item["note"] and item["note"].strip()):
                problems.append(f"{where}: no tags and no note; an annotation holds at least one")
            else:
                seen[("id", item["id"])] = seen[span] = where
                records.append(_record(article, item, labels))
    return records


def _record(article: dict, item: dict, labels: dict[str, str]) -> dict:
    """The store's annotation record for a checked export item, its tags spelled as in the tag set."""
    return {
        "id": item["id"],
        "article_id": article["id"],
        "article_sha256": article["sha256"],
        "start": item["start"],
        "end": item["end"],
        "quote": item["quote"],
        "prefix": item["prefix"],
        "suffix": item["suffix"],
        # A tag missing from `labels` was refused by _merged_tag_set, and this import with it.
        "tags": list(dict.fromkeys(labels[tag] for tag in item["tags"] if tag in labels)),
        "note": item["note"] if item["note"] and item["note"].strip() else None,
        "created": item["created"],
        "modified": item["modified"],
    }


def _merge(owner: dict, record: dict) -> dict:
    """The store's annotation with the imported one's tags and note added (once: re-imports change nothing)."""
    tags = owner["tags"] + [tag for tag in record["tags"] if tag not in owner["tags"]]
    note = owner["note"]
    if record["note"] and record["note"] not in (note or ""):
        note = f"{note}\n\n{record['note']}" if note else record["note"]
    if (tags, note) == (owner["tags"], owner["note"]):
        return owner
    return {**owner, "tags": tags, "note": note, "modified": now_iso()}


def _clip(text: str, width: int = 40) -> str:
    """Untrusted text for an error line: shortened, and repr() so control characters show as escapes."""
    return repr(text if len(text) <= width else text[: width - 1] + "…")
