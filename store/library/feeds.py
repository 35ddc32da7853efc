"""News feeds as briefs: RSS 0.9x, 1.0 and 2.0 and Atom through feedparser, JSON Feed by hand.

feedparser reads every XML feed format and its date forms, but not JSON Feed (it reports it as
malformed XML), and JSON Feed is plain JSON with fixed field names: a few lines read it.
Each entry becomes a brief with its title, date, link (the url), author, and the feed's title as its
source; an entry's HTML is turned into text as a page's is. An entry without text is one problem
naming the entry; the feed's other entries still go in.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

import feedparser

from store.errors import IngestError
from store.library.dates import DateProblem, parse_date
from store.library.html_page import text_from_html
from store.model import Brief

_XML_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"
SNIFF_BYTES = 2048  # a feed names itself in its first element, after at most a prolog and comments


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a feed, whatever the format: the fields a brief is made of."""

    title: str | None
    html: str | None  # the content or summary, HTML or text
    url: str | None
    published: str | None  # as written in the feed
    published_struct: time.struct_time | None  # as feedparser read it, when it did
    author: str | None


def is_json_feed(data: object) -> bool:
    return isinstance(data, dict) and str(data.get("version", "")).startswith(_JSON_FEED_VERSION)


def looks_like_feed(raw: bytes) -> bool:
    """Whether a document is a feed by its first element (XML) or its `version` (JSON Feed)."""
    head = raw[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return _JSON_FEED_VERSION.encode() in head
    return bool(_XML_FEED.search(head))


def read_feed(raw: bytes, *, name: str, url: str | None = None) -> tuple[list[Brief], list[IngestError]]:
    """The briefs of a feed's entries, and a problem for each entry that cannot be one.

    IngestError when the document is no feed or has no entries at all.
    """
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        feed_title, entries = _json_feed(raw, name)
    else:
        feed_title, entries = _xml_feed(raw, name)
    if not entries:
        raise IngestError(name, "a feed with no entries")
    source = feed_title or (url or name)
    briefs: list[Brief] = []
    problems: list[IngestError] = []
    for number, entry in enumerate(entries, 1):
        label = f"entry {number}" + (f" {entry.title!r}" if entry.title else "")
        try:
            briefs.append(_brief(entry, source=source, path=url or name, label=label))
        except ValueError as problem:
            problems.append(IngestError(name, str(problem)))
    return briefs, problems


def _xml_feed(raw: bytes, name: str) -> tuple[str | None, list[Entry]]:
    parsed = feedparser.parse(raw)
    if not parsed.version and not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise IngestError(name, f"not an RSS or Atom feed{reason}")
    entries = [
        Entry(
            title=_text(entry.get("title")),
            html=_longest_content(entry),
            url=entry.get("link") or _url_id(entry.get("id")),
            published=entry.get("published") or entry.get("updated"),
            published_struct=entry.get("published_parsed") or entry.get("updated_parsed"),
            author=_text(entry.get("author")),
        )
        for entry in parsed.entries
    ]
    return _text(parsed.feed.get("title")), entries


def _longest_content(entry: Any) -> str | None:
    """The fullest text an entry carries: its longest content, else its summary."""
    contents = [part.get("value", "") for part in entry.get("content", ()) if part.get("value")]
    summary = entry.get("summary") or entry.get("description")
    candidates = [*contents, summary] if summary else contents
    return max(candidates, key=len) if candidates else None


def _json_feed(raw: bytes, name: str) -> tuple[str | None, list[Entry]]:
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise IngestError(name, f"broken JSON Feed ({error})") from None
    if not is_json_feed(data):
        raise IngestError(name, f"not a JSON Feed (no \"version\" starting {_JSON_FEED_VERSION})")
    items = data.get("items")
    if not isinstance(items, list):
        raise IngestError(name, "a JSON Feed without an \"items\" list")
    entries = []
    for item in items:
        item = item if isinstance(item, dict) else {}
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        names = [author for a in authors if isinstance(a, dict) and (author := _string(a.get("name")))]
        entries.append(
            Entry(
                title=_text(item.get("title")),
                html=_string(item.get("content_html")) or _string(item.get("content_text")) or _string(item.get("summary")),
                url=_string(item.get("url")) or _url_id(item.get("id")),
                published=_string(item.get("date_published")) or _string(item.get("date_modified")),
                published_struct=None,
                author=", ".join(names) or None,
            )
        )
    return _text(data.get("title")), entries


def _brief(entry: Entry, *, source: str, path: str, label: str) -> Brief:
    text = text_from_html(entry.html) if entry.html else ""
    if not text.strip():
        raise ValueError(f"{label}: no text (neither content nor summary)")
    title = entry.title or next(line.strip() for line in text.splitlines() if line.strip())
    return Brief(
        title=title,
        text=text,
        source=source,
        published=_entry_date(entry),
        path=path,
        url=entry.url,
        author=entry.author,
        identified_by_url=entry.url is not None,
    )


def _entry_date(entry: Entry) -> str | None:
    """The entry's date as its publisher wrote it (their day, not UTC's); feedparser's reading when
    the written form is beyond dateutil."""
    if entry.published:
        try:
            return parse_date(entry.published)
        except DateProblem:
            pass
    if entry.published_struct is not None:
        return time.strftime("%Y-%m-%d", entry.published_struct)
    return None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = " ".join(text_from_html(value).split()) if "<" in value or "&" in value else " ".join(value.split())
    return cleaned or None


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _url_id(value: object) -> str | None:
    """An entry id that is a link (RSS guids often are) stands in for a missing link."""
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None
