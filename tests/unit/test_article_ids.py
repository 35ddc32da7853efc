"""A brief's id is stored everywhere (volumes, annotations, exports): a brief imported today must get
the id an older newsbrief gave the same text. The id is checked against its definition written out
plainly: SHA-256 of the text in NFC with each run of whitespace one space, trimmed."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from store.model import article_id

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def defined_id(text: str) -> str:
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def test_every_seed_gets_its_defined_id() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 5
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        assert article_id(text) == defined_id(text)


# every kind of whitespace Python knows, and characters NFC composes or reorders
SPACES = st.sampled_from([" ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2002", "\u2009", "\u200b", "\u2028", "\u202f", "\u3000", "\ufeff"])
PIECES = st.sampled_from(["killed", "12,000", "e\u0301", "é", "Å", "\u212b", "ﬁ", "—", "“", "Kyiv"]) | SPACES


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=20).map("".join) | st.text(max_size=60))
def test_any_text_gets_its_defined_id(text: str) -> None:
    assert article_id(text) == defined_id(text)


def test_spacing_and_line_endings_do_not_change_the_id() -> None:
    text = "At least 100 people were killed,\nofficials said.\n\nAnother thousand were wounded."
    assert article_id(text) == article_id("  " + text.replace("\n", "\r\n").replace(" ", "\u00a0 ") + "\n")
    assert article_id(text) != article_id(text.replace("100", "101"))
