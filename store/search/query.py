"""What a user types into search, as an FTS5 query that cannot be read as anything else.

The syntax is small on purpose: words, each matching any word that begins with it (`troop` finds
"troops"), and `"exact phrases"` whose words match whole and in order. Every term must match. Case
and accents are ignored (the index folds them: `kursk` finds "Kürsk"). Punctuation separates words,
so `1,200` is the phrase "1 200". Nothing the user types is an FTS5 operator: each term is quoted
here, so `NOT`, `OR`, `:` or `^` are searched for as words, never obeyed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.errors import InvalidRequest

WORD = re.compile(r"[^\W_]+")  # what the index's unicode61 tokenizer keeps as one token: letters and digits


@dataclass(frozen=True, slots=True)
class Term:
    """A word (or the words of a phrase) that must all appear, in order."""

    words: tuple[str, ...]
    prefix: bool  # the last word matches any word beginning with it

    def fts(self) -> str:
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")


def parse(query: str) -> list[Term]:
    """The terms of a query; a quote left open (as while typing) closes at the end."""
    terms: list[Term] = []
    for number, piece in enumerate(query.split('"')):
        if number % 2:  # inside quotes: a phrase of whole words
            words = tuple(WORD.findall(piece))
            if words:
                terms.append(Term(words, prefix=False))
            continue
        for raw in piece.split():
            words = tuple(WORD.findall(raw))
            if words:
                terms.append(Term(words, prefix=True))
    if not terms:
        raise InvalidRequest(f"search {query!r}: no words to search for (letters or digits)")
    return terms


def to_fts(query: str) -> str:
    """The FTS5 MATCH expression for a user's query: every term, quoted."""
    return " ".join(term.fts() for term in parse(query))
