"""Web pages, feeds and URLs: real files, and a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from store import Store
from store.library.html_page import read_page, text_from_html

PAGE = """<!DOCTYPE html><html><head><title>North Korean losses in Kursk | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-12-19T08:00:00Z">
<link rel="canonical" href="https://news.example.com/kursk-losses">
<script>var price = 99999; trackAds(12345);</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport 2024</a></nav>
<div class="ad">Buy now for $19.99!</div>
<article><h1>North Korean losses in Kursk</h1>
<p>At least 100 North Korean soldiers have been killed and another 1,000 wounded in the Kursk region, South Korea's spy agency said on Thursday.</p>
<p>The National Intelligence Service told lawmakers that the troops, numbering about 11,000, were deployed to the front lines in December.</p>
<p>"The losses are heavy," said Lee Seong Kwon, a member of the intelligence committee.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Reader: this is fake, surely 500 dead.</p></section>
<footer>Copyright 2024 Example News. 123 Main St.</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kursk Wire</title><link>https://wire.example</link>
<item><title>Losses mount</title><link>https://wire.example/1</link><pubDate>Thu, 19 Dec 2024 23:30:00 -0500</pubDate>
<author>desk@wire.example (Ann Lee)</author>
<description>&lt;p&gt;At least 100 soldiers were killed.&lt;/p&gt;&lt;p&gt;Another 1,000 were wounded.&lt;/p&gt;</description></item>
<item><title>Second report</title><link>https://wire.example/2</link><pubDate>Fri, 20 Dec 2024 09:00:00 GMT</pubDate>
<description>Officials counted 3 generals among the dead.</description></item>
<item><title>Only a title</title><link>https://wire.example/3</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<id>urn:x</id><updated>2024-12-21T00:00:00Z</updated>
<entry><title>Atom entry</title><link href="https://atom.example/a"/><id>urn:a</id><updated>2024-12-21T10:00:00Z</updated>
<content type="html">&lt;p&gt;Troops numbered 12,000 in total.&lt;/p&gt;</content></entry></feed>"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON Desk",
    "items": [
        {"id": "1", "url": "https://json.example/1", "title": "JSON item", "content_html": "<p>Some 40 drones were downed.</p><p>Two more paragraphs, 7 in all.</p>", "date_published": "2024-12-22T08:00:00+02:00", "authors": [{"name": "Kim"}]},
        {"id": "2", "url": "https://json.example/2", "title": "No text"},
    ],
}


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_a_saved_page_imports_its_article_without_boilerplate(store_dir: Path, tmp_path: Path) -> None:
    page = write(tmp_path / "kursk.html", PAGE)
    with Store(store_dir) as store:
        report = store.import_paths([page])
        [article] = store.articles(report.added)
    assert not report.errors
    assert (article.title, article.source, article.author) == ("North Korean losses in Kursk", "Example News", "Jane Roe")
    assert (article.published, article.url) == ("2024-12-19", "https://news.example.com/kursk-losses")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[1].startswith("At least 100 North Korean soldiers") and len(paragraphs) == 4
    for boilerplate in ("99999", "19.99", "Home", "fake", "Copyright", "Sport"):
        assert boilerplate not in article.text
    assert {f.text for f in article.figures} >= {"At least 100", "another 1,000"}


LISTS_AND_TABLES = (
    "<html><head><title>T</title></head><body><article><h1>Report on 2024 losses</h1><p>"
    + "Officials said 40 soldiers were wounded near the border on Tuesday. " * 5
    + "</p><ul><li>First: 100 killed in the north of the region</li><li>Second: 1,000 wounded in the south</li></ul>"
    + "<table><tr><td>Unit A</td><td>40</td></tr><tr><td>Unit B</td><td>60</td></tr></table><blockquote><p>"
    + "We will not stop, said the commander of 3 brigades. " * 3
    + "</p></blockquote><p>Line one<br>line two with 5 tanks.</p></article><footer>(c) 2024</footer></body></html>"
)


@pytest.mark.parametrize("page", [PAGE, LISTS_AND_TABLES])
def test_a_page_keeps_every_word_trafilatura_extracts_with_paragraphs_apart(page: str) -> None:
    """The body is trafilatura's, only laid out in paragraphs: it scores what trafilatura scores."""
    text = read_page(page.encode(), name="page.html").text
    theirs = trafilatura.extract(page, include_comments=False, include_tables=True)
    assert re.findall(r"\w+", text) == re.findall(r"\w+", theirs)
    assert len(text.split("\n\n")) >= 4


def test_list_items_and_table_rows_are_lines_and_a_break_stays_a_break() -> None:
    paragraphs = read_page(LISTS_AND_TABLES.encode(), name="page.html").text.split("\n\n")
    assert "First: 100 killed in the north of the region\nSecond: 1,000 wounded in the south" in paragraphs
    assert "Unit A | 40\nUnit B | 60" in paragraphs
    assert "Line one\nline two with 5 tanks." in paragraphs


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        ("huge.html", b"<html><body>" + b"<p>x</p>" * (11 * 1024 * 1024 // 8) + b"</body></html>", "too large for a web page (11.5 MB; the limit is 10 MB)"),
        ("empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>', "a feed with no entries"),
        ("junk.xml", "<notes><note>hello</note></notes>", "not an RSS or Atom feed"),
    ],
)
def test_a_bad_page_or_feed_is_one_line_and_the_rest_goes_in(store_dir: Path, tmp_path: Path, name: str, data, reason: str) -> None:
    bad = write(tmp_path / name, data)
    good = write(tmp_path / "good.html", PAGE)
    with Store(store_dir) as store:
        report = store.import_paths([bad, good])
        assert len(report.added) == 1 and len(store.summaries()) == 1
    [error] = report.errors
    assert error.path == str(bad) and reason in error.reason and "\n" not in str(error)


def test_rss_atom_and_json_feeds_give_one_brief_an_entry(store_dir: Path, tmp_path: Path) -> None:
    files = [write(tmp_path / "wire.rss", RSS), write(tmp_path / "desk.atom", ATOM), write(tmp_path / "desk.json", json.dumps(JSON_FEED))]
    with Store(store_dir) as store:
        report = store.import_paths(files)
        articles = {a.url: a for a in store.articles(report.added)}
    assert sorted(articles) == ["https://atom.example/a", "https://json.example/1", "https://wire.example/1", "https://wire.example/2"]
    first = articles["https://wire.example/1"]
    assert (first.title, first.source, first.published) == ("Losses mount", "Kursk Wire", "2024-12-19")  # the publisher's day, not UTC's
    assert first.text == "At least 100 soldiers were killed.\n\nAnother 1,000 were wounded."
    assert "Ann Lee" in first.author
    assert (articles["https://atom.example/a"].source, articles["https://atom.example/a"].published) == ("Atom Desk", "2024-12-21")
    json_item = articles["https://json.example/1"]
    assert (json_item.source, json_item.author, json_item.published) == ("JSON Desk", "Kim", "2024-12-22")
    assert sorted(e.reason for e in report.errors) == ["entry 2 'No text': no text (neither content nor summary)", "entry 3 'Only a title': no text (neither content nor summary)"]


def test_reimporting_a_feed_adds_only_new_entries_and_a_changed_entry_updates_its_brief(store_dir: Path, tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.rss", RSS)
    with Store(store_dir) as store:
        first = store.import_paths([feed])
        old_id = next(a.id for a in store.articles(first.added) if a.url == "https://wire.example/1")
        old = store.article(old_id)
        kept = old.text.index("Another 1,000")
        store.annotate(old_id, kept, kept + len("Another 1,000 were wounded."), tags=["casualties"])
        store.annotate(old_id, 0, len("At least 100 soldiers were killed."), tags=["estimate"])
        again = store.import_paths([feed])
        assert (again.added, again.updated, again.unchanged) == ([], [], 2)
        changed = RSS.replace("At least 100 soldiers were killed.", "At least 120 soldiers were killed.").replace(
            "</channel>", "<item><title>New</title><link>https://wire.example/4</link><description>A new report of 9 tanks.</description></item></channel>"
        )
        write(feed, changed)
        third = store.import_paths([feed])
        assert len(third.added) == 1 and third.unchanged == 1 and len(third.updated) == 1
        [new_id] = third.updated
        assert old_id not in {s.id for s in store.summaries()} and len(store.summaries()) == 3
        [moved] = store.annotations(new_id)
        new_text = store.article(new_id).text
        assert moved.tags == ("casualties",) and new_text[moved.start : moved.end] == "Another 1,000 were wounded."
    [notice] = third.notices
    assert "1 annotations re-anchored" in notice and "1 orphaned" in notice
    orphans = json.loads((store_dir / "orphaned-annotations.json").read_text())
    assert orphans[0]["annotations"][0]["quote"] == "At least 100 soldiers were killed."


# --- URLs, from a server on 127.0.0.1 -----------------------------------------------------------------

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
    "/feed": (200, "application/rss+xml", RSS.encode()),
    "/feed-as-xml": (200, "text/xml", ATOM.encode()),
    "/json-feed": (200, "application/feed+json", json.dumps(JSON_FEED).encode()),
    "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(200)),
    "/huge": (200, "text/html", b"<html><body>" + b"<p>x</p>" * (11 * 1024 * 1024 // 8) + b"</body></html>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop-2")
            self.end_headers()
            return
        if self.path == "/loop-2":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        if self.path == "/declared-huge":  # says 50 MB: refused before a byte of it is read
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            return
        if self.path == "/silent":
            time.sleep(5)  # never answers within the test's deadline
            return
        status, kind, body = ROUTES.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if self.path != "/huge":  # the huge page does not say its size: the cap must stop the reading
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_of_a_page_and_feeds_import_by_content_type_and_content(store_dir: Path, server: str) -> None:
    with Store(store_dir) as store:
        report = store.import_paths([f"{server}/moved", f"{server}/feed", f"{server}/feed-as-xml", f"{server}/json-feed"])
        articles = store.articles(report.added)
    assert len(articles) == 1 + 2 + 1 + 1
    page = next(a for a in articles if a.source == "Example News")
    assert page.url == "https://news.example.com/kursk-losses" and page.text.startswith("North Korean losses in Kursk\n\nAt least 100")
    assert {a.source for a in articles} == {"Example News", "Kursk Wire", "Atom Desk", "JSON Desk"}
    assert sorted(e.reason for e in report.errors) == ["entry 2 'No text': no text (neither content nor summary)", "entry 3 'Only a title': no text (neither content nor summary)"]


def test_each_failing_url_is_one_line_naming_it_and_the_reason(store_dir: Path, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_FETCH_TIMEOUT", "1")
    urls = {
        f"{server}/gone": "not found (HTTP 404)",
        f"{server}/image": "not text (binary content, image/png)",
        f"{server}/huge": "too large (over 10 MB, the limit)",
        f"{server}/declared-huge": "too large (52.4 MB; the limit is 10 MB)",
        f"{server}/loop": "redirected forever",
        f"{server}/silent": "no answer within 1 s",
        "http://127.0.0.1:9/": "connection refused",
    }
    with Store(store_dir) as store:
        report = store.import_paths([*urls, f"{server}/page"])
        assert len(report.added) == 1 and len(store.summaries()) == 1
    reasons = {e.path: e.reason for e in report.errors}
    assert set(reasons) == set(urls)
    for url, reason in urls.items():
        assert reason in reasons[url], (url, reasons[url])


def test_orphans_never_overwrite_a_damaged_orphans_file(store_dir: Path, tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.rss", RSS)
    with Store(store_dir) as store:
        [old_id] = [a.id for a in store.articles(store.import_paths([feed]).added) if a.url == "https://wire.example/1"]
        store.annotate(old_id, 0, len("At least 100 soldiers were killed."), tags=["estimate"])
        (store_dir / "orphaned-annotations.json").write_text("{ damaged")
        write(feed, RSS.replace("At least 100 soldiers", "At least 120 soldiers"))
        report = store.import_paths([feed])
        assert store.annotations() == []
    assert (store_dir / "orphaned-annotations.json").read_text() == "{ damaged"
    [kept] = [p for p in store_dir.glob("orphaned-annotations-*.json")]
    assert json.loads(kept.read_text())[0]["annotations"][0]["quote"] == "At least 100 soldiers were killed."
    assert str(kept) in report.notices[0]


@settings(max_examples=300, deadline=None)
@given(fragment=st.text(alphabet=st.sampled_from(list("<>/&;#ab pli\x00\x0b\ud7ff\n\"'=")) | st.characters(), max_size=80))
def test_any_html_fragment_becomes_text_without_raising(fragment: str) -> None:
    text = text_from_html(f"<p>{fragment}</p>")
    assert isinstance(text, str) and "\n\n\n" not in text
