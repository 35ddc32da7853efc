"""Fetching a URL to import: a page or a feed, with a deadline, a size cap and bounded redirects.

The standard library's urllib does all a one-shot fetch needs (redirects, gzip is not asked for,
proxies from the environment); a client library would add nothing here. Every failure is one
IngestError naming the URL and what went wrong: not found, no answer in time, not text, too large,
redirected forever.
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from store.errors import IngestError
from store.library.html_page import MAX_PAGE_BYTES

TIMEOUT = 10.0  # seconds for the whole fetch, answer and body; NEWSBRIEF_FETCH_TIMEOUT overrides it
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
USER_AGENT = "newsbrief/0.1 (+a terminal reader for news briefs)"

_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json", "application/xml", "text/xml"}
_PAGE_TYPES = {"text/html", "application/xhtml+xml"}
_JSON_TYPES = {"application/json", "text/json"}
_TEXT_TYPES = {"text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown"}


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # where the redirects led
    kind: str  # page, feed, json, markdown or text (see store.library.ingest.kind_of)
    body: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def fetch(url: str, *, timeout: float | None = None, max_bytes: int = MAX_PAGE_BYTES) -> Fetched:
    """The document at `url` and what kind it is, or IngestError saying why there is none."""
    if timeout is None:
        timeout = _timeout_from_environment(url)
    opener = urllib.request.build_opener(_Redirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, text/*;q=0.8"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            headers: Message = response.headers
            declared = headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise IngestError(url, f"too large ({int(declared) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
            body = _read_body(response, url, deadline, timeout, max_bytes)
    except urllib.error.HTTPError as error:
        raise IngestError(url, _http_problem(error)) from None
    except urllib.error.URLError as error:
        raise IngestError(url, _network_problem(error.reason, timeout)) from None
    except TimeoutError:
        raise IngestError(url, f"no answer within {timeout:g} s") from None
    except (ConnectionError, OSError) as error:
        raise IngestError(url, _network_problem(error, timeout)) from None
    return Fetched(final, _kind(url, headers.get_content_type() if headers.get("Content-Type") else "", body), body)


def _timeout_from_environment(url: str) -> float:
    value = os.environ.get("NEWSBRIEF_FETCH_TIMEOUT")
    if value is None:
        return TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise IngestError(url, f"NEWSBRIEF_FETCH_TIMEOUT={value!r}: expected a number of seconds above 0")
    return seconds


def _read_body(response: object, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    """The body, read in chunks so a server that trickles forever or sends too much is stopped."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise IngestError(url, f"no whole answer within {timeout:g} s")
        chunk: bytes = response.read(CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(url, f"too large (over {max_bytes / 1e6:.0f} MB, the limit)")
        chunks.append(chunk)


def _kind(url: str, content_type: str, body: bytes) -> str:
    """Page or feed (or JSON, or text) by the content type, checked against the first bytes."""
    from store.library.feeds import looks_like_feed

    if not body.strip():
        raise IngestError(url, "an empty answer; expected a web page or a feed")
    if b"\x00" in body[:4096]:
        raise IngestError(url, f"not text (binary content{', ' + content_type if content_type else ''})")
    if looks_like_feed(body):
        return "feed"
    head = body[:1024].lstrip().lower()
    if content_type in _PAGE_TYPES or head.startswith((b"<!doctype html", b"<html")):
        return "page"
    if content_type in _FEED_TYPES:
        raise IngestError(url, f"not a feed ({content_type} that holds no RSS, Atom or JSON Feed)")
    if content_type in _JSON_TYPES:
        return "json"
    if content_type in _TEXT_TYPES:
        return _TEXT_TYPES[content_type]
    raise IngestError(url, f"not text (content type {content_type or 'not given'}); expected a web page or a feed")


def _http_problem(error: urllib.error.HTTPError) -> str:
    if 300 <= error.code < 400:
        return f"redirected forever (a loop, or more than {MAX_REDIRECTS} redirects)"
    if error.code in (404, 410):
        return f"not found (HTTP {error.code})"
    return f"HTTP {error.code} {error.reason}"


def _network_problem(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "no such host"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    return f"cannot fetch ({reason})"
