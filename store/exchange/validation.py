"""Reading and validating a `json` export against the shipped schema, errors named by JSON path."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from store.errors import StoreError
from store.model import Record

JsonPath = tuple[str | int, ...]  # keys and indexes from the top of a JSON document

FORMAT = "newsbrief-annotations"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("schema") / "newsbrief-annotations.schema.json"


def read_annotation_file(path: Path) -> Record:
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
    assert isinstance(data, dict)  # the schema says an object
    return data


def validate_export(data: Record) -> None:
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


def _where(parts: Iterable[str | int]) -> str:
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


def _unencodable(value: object, path: JsonPath = ()) -> JsonPath | None:
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
