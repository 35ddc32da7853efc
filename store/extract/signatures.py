"""Paragraphs and their MinHash signatures: the text side of finding repeated passages.

- A paragraph is a block between blank lines; a text without any blank line has one per line.
- Its words are normalised (NFKC, casefolded, punctuation and quotes dropped, so "12 000" and
  "12,000", “significant” and "significant" read the same) and cut into shingles of `SHINGLE` words.
- Each paragraph gets a one-permutation MinHash signature of `BINS` values; `similarity` estimates the
  Jaccard similarity of two paragraphs' shingle sets from their signatures.

Pure functions of the text: import workers compute them, `store.story.repeats` groups them.
"""

from __future__ import annotations

import operator
import re
import unicodedata
import zlib
from itertools import compress

from store.model import Article

SHINGLE = 3  # words per shingle (`signature` spells out the mixing of three)
BINS = 16  # signature length
EMPTY = 1 << 28  # a signature bin no shingle fell into
_FNV, _SPREAD, _LOW32 = 0x01000193, 0x9E3779B1, 0xFFFFFFFF  # the shingle hash's multipliers, and its mask

Signature = list[int]
Signatures = list[Signature | None]  # one per paragraph; None for a paragraph without words

_WORD = re.compile(r"\w+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraph_spans(text: str, start_at: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each paragraph from `start_at` on, trimmed of surrounding whitespace."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text, start_at) else re.compile(r"\n")
    spans, position = [], start_at
    for gap in [*splitter.finditer(text, start_at), None]:
        end = gap.start() if gap else len(text)
        chunk = text[position:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + len(chunk.rstrip())))
        if gap:
            position = gap.end()
    return spans


def signature(text: str) -> Signature | None:
    """The paragraph's MinHash signature, or None when it has no words."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return None
    # Each word is hashed once (crc32: stable across processes, unlike hash()); a shingle's hash mixes
    # its words' hashes (FNV-style), which costs a few multiplications instead of a join, an encode and
    # a crc. Written out for three words in one comprehension: the loop it replaced took a fifth longer.
    hashes = list(map(zlib.crc32, map(str.encode, words)))
    if len(hashes) >= SHINGLE:
        mixed = [((((a * _FNV ^ b) & _LOW32) * _FNV ^ c) & _LOW32) * _SPREAD & _LOW32 for a, b, c in zip(hashes, hashes[1:], hashes[2:])]
    else:  # a paragraph of one or two words is one shingle
        first = hashes[0] if len(hashes) == 1 else ((hashes[0] * _FNV ^ hashes[1]) & _LOW32)
        mixed = [first * _SPREAD & _LOW32]
    values = [EMPTY] * BINS
    for shingle in mixed:
        slot, value = shingle % BINS, shingle // BINS  # below EMPTY: a 32-bit hash over BINS (16) is under 2**28
        if value < values[slot]:
            values[slot] = value
    return values


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures: the share of equal bins
    among those either used. Counted in C: most paragraphs leave a bin or two empty (at 10,000 briefs,
    four comparisons in five met one), and a loop over the pairs took most of an import's comparing."""
    equal = list(compress(a, map(operator.eq, a, b)))  # the values of the bins where the two agree
    unused_in_both = equal.count(EMPTY)
    used = len(a) - unused_in_both
    return (len(equal) - unused_in_both) / used if used else 0.0


def paragraph_signatures(article: Article) -> Signatures:
    """The signature of each of an article's paragraphs."""
    return [signature(article.text[p.start : p.end]) for p in article.paragraphs]
