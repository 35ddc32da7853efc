"""Reading briefs from files: plain text and Markdown, JSON and JSON Lines.

Each file either yields all of its briefs or fails as a whole with one `IngestError` naming the file,
the line or item, and what was expected: a file is never half imported.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from dateutil import parser as date_parser

from store.errors import IngestError
from store.model import Brief

TEXT_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".json", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES

_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]{3,}")

# "date 2024-12-19" at the very head of a brief: a publication date, not part of the title.
DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)


def find_files(paths: list[Path]) -> Iterator[Path | IngestError]:
    """Files to import under `paths`, folders walked in name order; a bad path yields an error."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                yield IngestError(str(path), "no .txt, .md, .json or .jsonl files in this folder")
            yield from found
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                yield IngestError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; expected .txt, .md, .json or .jsonl")
        else:
            yield IngestError(str(path), "no such file or folder")


def read_briefs(path: Path) -> list[Brief]:
    """All briefs in one file, or IngestError."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise IngestError(str(path), f"cannot read ({error.strerror})") from None
    text = decode(path, raw).replace("\r\n", "\n")
    if path.suffix.lower() in TEXT_SUFFIXES:
        return [brief_from_text(text, source=path.name, path=str(path))]
    if path.suffix.lower() == ".jsonl":
        return _briefs_from_jsonl(path, text)
    return _briefs_from_json(path, text)


def decode(path: Path, raw: bytes) -> str:
    """File bytes as text (line endings as they are), or IngestError for empty, binary and undecodable files.

    UTF-8 is expected; UTF-16 with a byte-order mark and Cyrillic Windows-1251 text are recognised and
    decoded too, since both turn up in exported news archives. Anything else is refused, never guessed.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise IngestError(str(path), f"broken UTF-16 text (at byte {error.start}); save it as UTF-8") from None
        raw = text.encode("utf-8")
    if not raw.strip():
        raise IngestError(str(path), "empty file; expected the text of a brief")
    if b"\x00" in raw:
        raise IngestError(str(path), "binary file (it holds NUL bytes); expected UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        cyrillic = _cyrillic_1251(raw)
        if cyrillic is None:
            raise IngestError(
                str(path), f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); save it as UTF-8"
            ) from None
        return cyrillic


def _cyrillic_1251(raw: bytes) -> str | None:
    """The text as Windows-1251 when its non-ASCII letters then read as Cyrillic words, else None.

    Latin-1 "Café" decodes to "Cafй": one Cyrillic letter stuck to Latin ones. Real Cyrillic text runs
    in words, so most of its letters must stand in runs of three or more.
    """
    text = raw.decode("cp1251", errors="replace")
    foreign = sum(ord(ch) > 0x7F for ch in text)
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    in_words = sum(len(run) for run in _CYRILLIC_WORD.findall(text))
    return text if cyrillic >= 0.9 * foreign and in_words >= 0.8 * cyrillic > 0 else None


def brief_from_text(text: str, *, source: str, path: str, url: str | None = None, published: str | None = None) -> Brief:
    """A brief from its text: the title is the first non-empty line, after any leading date marker."""
    marker = DATE_MARKER.match(text)
    marker_end = 0
    if marker and (marker_date := parse_date(marker.group(1))):
        published = published or marker_date
        marker_end = marker.end()
    title = next((line.strip() for line in text[marker_end:].splitlines() if line.strip()), "")
    if not title:
        raise IngestError(path, "no text after the date marker; expected the text of a brief")
    return Brief(title=title, text=text, source=source, published=published, path=path, url=url, marker_end=marker_end)


def parse_date(value: str) -> str | None:
    """An ISO date (YYYY-MM-DD) for any date python-dateutil can read, else None."""
    try:
        return date.fromisoformat(value.strip()).isoformat()  # the usual marker, 50 times cheaper than dateutil
    except ValueError:
        pass
    try:
        parsed: datetime = date_parser.parse(value, fuzzy=False)
        return parsed.date().isoformat()
    except (ValueError, OverflowError, TypeError):
        return None


def _briefs_from_json(path: Path, text: str) -> list[Brief]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(str(path), f"broken JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise IngestError(str(path), "an empty JSON list; expected objects with 'title' and 'text'")
    return [_brief_from_object(path, item, f"item {n}") for n, item in enumerate(items, 1)]


def _briefs_from_jsonl(path: Path, text: str) -> list[Brief]:
    briefs = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise IngestError(str(path), f"line {number}: broken JSON at column {error.colno}: {error.msg}") from None
        briefs.append(_brief_from_object(path, item, f"line {number}"))
    return briefs


def _brief_from_object(path: Path, item: object, where: str) -> Brief:
    if not isinstance(item, dict):
        raise IngestError(str(path), f"{where}: expected an object with 'title' and 'text', found {type(item).__name__}")
    fields = {}
    for name in ("title", "text", "date", "source", "url"):
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            raise IngestError(str(path), f"{where}: field {name!r} must be a string, found {type(value).__name__}")
        fields[name] = value
    body = (fields["text"] or "").replace("\r\n", "\n")
    if not body.strip():
        raise IngestError(str(path), f"{where}: field 'text' is missing or empty")
    published = None
    if fields["date"]:
        published = parse_date(fields["date"])
        if published is None:
            raise IngestError(str(path), f"{where}: field 'date' {fields['date']!r} is not a date")
    brief = brief_from_text(body, source=fields["source"] or path.name, path=str(path), url=fields["url"], published=published)
    if fields["title"] and fields["title"].strip():
        brief = replace(brief, title=fields["title"].strip())
    return brief
