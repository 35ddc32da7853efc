"""Markdown and text files: front matter read and taken off, Markdown markup reduced to its text.

Front matter is the block of `key: value` lines between two `---` lines that static-site tools and
note apps put at the head of a file; newsbrief reads `title`, `date`, `source`, `url` and `author`
from it. Markdown is parsed by markdown-it-py (CommonMark, with tables; already installed with Rich)
and written back as plain text: emphasis and links keep their words, headings and paragraphs are
paragraphs, list items and table rows are lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
FRONT_MATTER_KEYS = ("title", "date", "source", "url", "author")

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The fields front matter gives, and the line each came from (for a message about a bad one)."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    end: int = 0  # where the front matter ends in the text; 0 when there is none


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """The front matter of a text, and the text without it."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter(), text
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate((match.group("body") or "").split("\n"), 2):
        pair = _KEY_VALUE.match(line)
        if pair is None:
            continue
        key = pair.group("key").casefold()
        value = _unquote(pair.group("value"))
        if key in FRONT_MATTER_KEYS and value:
            fields[key], lines[key] = value, number
    return FrontMatter(fields, lines, match.end()), text[match.end() :]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def markdown_text(source: str) -> str:
    """Markdown as the text a reader sees: markup gone, blank lines between paragraphs."""
    tokens = _PARSER.parse(source)
    blocks: list[str] = []
    lines: list[str] = []  # the lines of the list or table being read
    depth = 0  # of lists and tables: their items and rows gather in `lines`
    row: list[str] = []
    previous = ""
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "table_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close", "table_close"):
            depth -= 1
            if depth == 0 and lines:
                blocks.append("\n".join(lines))
                lines = []
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            lines.append(" | ".join(cell for cell in row if cell))
        elif kind == "inline":
            text = _inline_text(token)
            if previous in ("th_open", "td_open"):
                row.append(text)
            elif depth:
                lines.append(text)
            elif text:
                blocks.append(text)
        elif kind in ("fence", "code_block"):
            (lines if depth else blocks).append(token.content.rstrip("\n"))
        elif kind == "html_block":
            from store.library.html_page import text_from_html  # trafilatura loads only for HTML

            if text := text_from_html(token.content):
                (lines if depth else blocks).append(text)
        previous = kind
    return "\n\n".join(block for block in blocks if block.strip())


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)  # the alt text
    return "".join(parts).strip()
