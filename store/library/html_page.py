"""Web pages as briefs: the article's main text and metadata, found by trafilatura.

Trafilatura is the measured leader of public article-extraction benchmarks; it drops navigation,
scripts, ads and (asked to) comments. Its plain-text output runs paragraphs together with single
newlines, so the text is built here from its body tree instead: one blank line between paragraphs,
list items and table rows one a line, as the sentence splitter and the repeat finder expect.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document

from store.errors import IngestError

MAX_PAGE_BYTES = 10 * 1024 * 1024  # a news page is well under 2 MB; past this it is not a page to read
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLOCKS = {"p", "head", "quote", "code", "item", "row"}  # trafilatura's block elements
_LIKELY_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


@dataclass(frozen=True, slots=True)
class Page:
    """What a page says of itself and its article."""

    title: str | None
    text: str
    site: str | None
    author: str | None
    published: str | None  # ISO date
    url: str | None  # the canonical url when the page names one


def read_page(raw: bytes | str, *, name: str, url: str | None = None) -> Page:
    """The article of an HTML page, or IngestError naming `name` when it holds no article text."""
    size = len(raw)
    if size > MAX_PAGE_BYTES:
        raise IngestError(name, f"too large for a web page ({size / 1e6:.1f} MB; the limit is {MAX_PAGE_BYTES / 1e6:.0f} MB)")
    if isinstance(raw, bytes) and b"\x00" in raw[:4096]:
        raise IngestError(name, "binary file (it holds NUL bytes); expected an HTML page")
    document = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False, include_tables=True)
    text = _body_text(document.body) if isinstance(document, Document) and document.body is not None else ""
    if not isinstance(document, Document) or not text.strip():
        raise IngestError(name, "no article text found in this page (only navigation, scripts or boilerplate)")
    return Page(
        title=_clean(document.title),
        text=text,
        site=_clean(document.sitename) or _clean(document.hostname),
        author=_clean(document.author),
        published=document.date or None,
        url=_clean(document.url) or url,
    )


def text_from_html(fragment: str) -> str:
    """HTML from a feed entry or a JSON field, as text with blank lines between paragraphs.

    A fragment is the article already, with no boilerplate around it for trafilatura to remove (and
    it drops short lists from fragments as if they were menus), so its blocks are read as they stand:
    scripts and styles dropped, list items and table rows one a line. Text without markup is only
    unescaped.
    """
    if not _LIKELY_MARKUP.search(fragment):
        return html.unescape(fragment).replace("\r\n", "\n").strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(_LIKELY_MARKUP.sub(" ", fragment)).strip()
    blocks: list[list[str]] = [[]]
    _walk(root, blocks)
    paragraphs = ("\n".join(_lines("".join(parts))) for parts in blocks)
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _lines(text: str) -> list[str]:
    """The non-blank lines of a paragraph, spaces made one; a table row loses the ' | ' before its first cell."""
    lines = (_SPACE.sub(" ", line).strip().removeprefix("| ") for line in text.split("\n"))
    return [line for line in lines if line and line != "|"]


_FRAGMENT_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table", "section", "article", "figure"}
_FRAGMENT_LINES = {"li", "tr", "br", "dt", "dd"}
_FRAGMENT_JUNK = {"script", "style", "noscript", "template", "iframe", "object"}


def _walk(element: lxml_html.HtmlElement, blocks: list[list[str]]) -> None:
    """Collect text into paragraphs (a new one at each block element) and lines (at each item or row)."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _FRAGMENT_JUNK:
            pass
        elif tag in _FRAGMENT_BLOCKS:
            blocks.append([])
            blocks[-1].append(child.text or "")
            _walk(child, blocks)
            blocks.append([])
        elif tag in _FRAGMENT_LINES:
            blocks[-1].append("\n" + (child.text or "") if tag != "br" else "\n")
            _walk(child, blocks)
        elif tag in ("td", "th"):
            blocks[-1].append(" | " + (child.text or ""))
            _walk(child, blocks)
        elif tag:
            blocks[-1].append(child.text or "")
            _walk(child, blocks)
        blocks[-1].append(child.tail or "")


def _body_text(body: etree._Element) -> str:
    """Paragraphs with a blank line between; the items of one list and the rows of one table on
    consecutive lines, so a table reads as lines, one row a line."""
    out: list[str] = []
    previous_group = None
    for block in body.iter(*_BLOCKS):
        if block.tag not in ("item", "row") and _inside(block, ("item", "row", "quote")):
            continue  # its text is part of the item, row or quote around it
        line = _block_text(block)
        if not line:
            continue
        group = block.getparent() if block.tag in ("item", "row") else None
        if out:
            out.append("\n" if group is not None and group is previous_group else "\n\n")
        out.append(line)
        previous_group = group
    return "".join(out).strip()


def _inside(block: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = block.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _block_text(block: etree._Element) -> str:
    """A block's text, line breaks kept, runs of spaces made one; a table row's cells joined by ' | '."""
    if block.tag == "row":
        return " | ".join(text for cell in block if (text := _block_text(cell)))
    parts: list[str] = [block.text or ""]
    for child in block:
        parts.append("\n" if child.tag == "lb" else _block_text(child) if child.tag in ("cell", "item") else _inline_text(child))
        parts.append(child.tail or "")
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _inline_text(element: etree._Element) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(value: str | None) -> str | None:
    value = _SPACE.sub(" ", value).strip() if value else None
    return value or None
