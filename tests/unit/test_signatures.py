"""Paragraph signatures are stored (repeats.json): a brief imported today must get the very values a
brief imported by an older newsbrief got, or their shared paragraphs stop matching. The signature
is checked against its definition written out plainly, on the seeds and on any text."""

from __future__ import annotations

import re
import unicodedata
import zlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from store.extract.signatures import BINS, EMPTY, SHINGLE, paragraph_spans, signature, similarity

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WORD = re.compile(r"\w+")


def defined_signature(text: str) -> list[int] | None:
    """One-permutation MinHash over shingles of SHINGLE words, as store version 3 defines it."""
    words = WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return None
    hashes = [zlib.crc32(word.encode()) for word in words]
    values = [EMPTY] * BINS
    for i in range(max(1, len(hashes) - SHINGLE + 1)):
        mixed = 0
        for word_hash in hashes[i : i + SHINGLE]:
            mixed = (mixed * 0x01000193 ^ word_hash) & 0xFFFFFFFF
        mixed = (mixed * 0x9E3779B1) & 0xFFFFFFFF
        slot, value = mixed % BINS, (mixed // BINS) % EMPTY
        values[slot] = min(values[slot], value)
    return values


def test_every_seed_paragraph_gets_its_defined_signature() -> None:
    paragraphs = [
        text[start:end] for path in sorted(SEEDS.glob("*.txt")) for text in [path.read_text(encoding="utf-8")]
        for start, end in paragraph_spans(text)
    ]
    assert len(paragraphs) > 20
    for paragraph in paragraphs:
        assert signature(paragraph) == defined_signature(paragraph), paragraph[:60]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["killed", "12 000", "12,000", "“wounded”", "Kyiv", "ß", "ﬁre", "—", "3", "the", " "]), max_size=12).map(" ".join) | st.text(max_size=80))
def test_any_text_gets_its_defined_signature(text: str) -> None:
    assert signature(text) == defined_signature(text)


def test_short_paragraphs_and_quote_styles_read_alike() -> None:
    assert signature("Killed.") == defined_signature("Killed.")
    assert signature("two words") == defined_signature("two words")
    assert signature("…") is None
    same = signature("At least 12 000 people were “evacuated” from the region on Monday.")
    assert same == signature('At least 12,000 people were "evacuated" from the region on Monday.')
    other = signature("The central bank left its rate at 4.5% and said inflation would ease next year.")
    assert same is not None and other is not None and similarity(same, other) < 0.3


def defined_similarity(a: list[int], b: list[int]) -> float:
    """The share of equal bins among the bins either signature uses."""
    used = [(x, y) for x, y in zip(a, b, strict=True) if x != EMPTY or y != EMPTY]
    return sum(x == y for x, y in used) / len(used) if used else 0.0


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([EMPTY, 0, 1, 2, 7, 2**27]), min_size=BINS, max_size=BINS),
       st.lists(st.sampled_from([EMPTY, 0, 1, 2, 7, 2**27]), min_size=BINS, max_size=BINS))
def test_similarity_is_the_share_of_equal_bins_among_those_used(a: list[int], b: list[int]) -> None:
    assert similarity(a, b) == defined_similarity(a, b)
    assert similarity(a, b) == similarity(b, a)
