"""Untrusted text made ready for the screen: visible control characters, one-line labels, wrapping.

Every string that came from a brief, a tag or a note goes through here before it is shown, and is
shown as a plain `Content`/`Text` built from the string, never parsed as markup. Each control
character becomes exactly one placeholder character, so offsets into an article's text are offsets
into its display text too.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

from store.safe_text import visible

_TOKEN = re.compile(r"\s+|\S+")
# Characters outside these ranges may be wider or narrower than one cell, or be whitespace other
# than " ": a paragraph free of them takes the fast wrap (a line at a time, not a word at a time).
_NOT_SIMPLE = re.compile("[^\x21-\x7e\xa1-\xac\xae-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e ]")
_NOT_SPACE = re.compile("[^ ]")


def display_text(text: str) -> str:
    """The article text as drawn: control characters visible, tabs as one space; same length."""
    return visible(text).replace("\t", " ")


def one_line(value: object, limit: int | None = None) -> str:
    """A label for a list or a panel: visible characters, no line breaks, optionally shortened."""
    text = "" if value is None else display_text(str(value)).replace("\n", " ")
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)] + "…"
    return text


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells: the (start, end) of each display line.

    `text` is display text (no tabs, no control characters). Paragraphs break at "\\n"; an empty
    paragraph is an empty line. Whitespace at a wrap point is not drawn at the start of the next line;
    a word wider than the line is cut at the cell boundary; wide characters count two cells.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        end = length if newline == -1 else newline
        if _NOT_SIMPLE.search(text, position, end):
            _wrap_paragraph(text, position, end, width, lines)
        else:
            _wrap_simple_paragraph(text, position, end, width, lines)
        if newline == -1:
            break
        position = newline + 1
    return lines


def _wrap_paragraph(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    if start == end:
        lines.append((start, start))
        return
    line_start = start
    column = 0
    wrapped = False  # the current line continues a paragraph, so leading whitespace is skipped
    for match in _TOKEN.finditer(text, start, end):
        token_start, token_end = match.span()
        token = match.group()
        cells = cell_len(token)
        if token[0].isspace():
            if token_start == line_start and wrapped:  # not `column == 0`: a zero-width mark is content
                line_start = token_end
                continue
            if column + cells <= width:
                column += cells
                continue
            lines.append((line_start, token_start))
            line_start, column, wrapped = token_end, 0, True
            continue
        if column + cells <= width:
            column += cells
            continue
        if column > 0:
            lines.append((line_start, token_start))
            line_start, column, wrapped = token_start, 0, True
        if cells <= width:
            column = cells
            continue
        # A word longer than the line: cut it into pieces of at most `width` cells.
        piece_start = token_start
        for cut in _cuts(token, token_start, width):
            lines.append((piece_start, cut))
            piece_start = cut
        line_start = piece_start
        column = cell_len(text[piece_start:token_end])
        wrapped = True
    lines.append((line_start, end))


def _wrap_simple_paragraph(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """The same wrap as `_wrap_paragraph`, for one-cell characters and plain spaces only.

    It looks at the character that first overflows each line instead of walking every word, so a
    5 MB brief wraps in a fraction of a second rather than seconds.
    """
    position = start
    while end - position > width:
        overflow = position + width
        if text[overflow] == " ":  # the line ends before the run of spaces; the next after it
            lines.append((position, position + len(text[position:overflow].rstrip(" "))))
            after = _NOT_SPACE.search(text, overflow, end)
            position = after.start() if after else end
            continue
        word_start = text.rfind(" ", position, overflow) + 1
        cut = word_start if word_start > position else overflow  # a word wider than the line is cut
        lines.append((position, cut))
        position = cut
    lines.append((position, end))


def _cuts(token: str, offset: int, width: int) -> list[int]:
    """Offsets (into the text) where a long token is cut so that each full piece fits `width`."""
    if token.isascii():
        return list(range(offset + width, offset + len(token), width))
    cuts = []
    column = 0
    for index, char in enumerate(token):
        size = get_character_cell_size(char)
        if column + size > width and column > 0:
            cuts.append(offset + index)
            column = 0
        column += size
    return cuts
