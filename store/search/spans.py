"""Where a query matches in a text: the spans the reader highlights and the command line marks.

The index is contentless (it keeps no copy of the texts, which would double its size), so SQLite
cannot say where a match is; this finds the same matches in Python, with the tokenizer's rules: a
token is a run of letters and digits, folded for case and accents (NFKD, marks dropped, casefold).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from store.model import Span
from store.search.query import Term, parse

TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as the index keeps it: `Kürsk` -> `kursk`."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def match_spans(query: str, text: str) -> tuple[Span, ...]:
    """Each place in `text` where a term of `query` matches, in text order; a phrase is one span."""
    tokens = [(m.start(), m.end(), fold(m.group())) for m in TOKEN.finditer(text)]
    found: set[Span] = set()
    for term in parse(query):
        found.update(_term_spans(term, tokens))
    return tuple(sorted(found))


def _term_spans(term: Term, tokens: list[tuple[int, int, str]]) -> list[Span]:
    words = [fold(word) for word in term.words]
    last = len(words) - 1
    spans = []
    for i in range(len(tokens) - last):
        if not all(tokens[i + k][2] == words[k] for k in range(last)):
            continue
        final = tokens[i + last][2]
        if final == words[last] or (term.prefix and final.startswith(words[last])):
            spans.append((tokens[i][0], tokens[i + last][1]))
    return spans
