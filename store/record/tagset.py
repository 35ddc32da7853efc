"""The tag set: ordered labels, the first nine bound to keys 1–9 in the reader."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from store.errors import InvalidRequest
from store.safe_text import lone_surrogate

DEFAULT_TAGS = (
    "casualties",
    "deployment",
    "estimate",
    "confirmed",
    "disputed",
    "official source",
    "anonymous source",
    "needs check",
    "background",
)

MAX_TAG_LENGTH = 40
ZWJ = "\u200d"  # a format character, but emoji sequences (👩‍💻) need it


def clean_label(label: str) -> str:
    """A tag label trimmed, or InvalidRequest saying what a label may hold."""
    if not isinstance(label, str):
        raise InvalidRequest(f"tag: expected text, found {type(label).__name__}")
    label = " ".join(label.split())
    if not label:
        raise InvalidRequest("tag: a label cannot be empty")
    if len(label) > MAX_TAG_LENGTH:
        raise InvalidRequest(f"tag {label[:20]!r}…: a label has at most {MAX_TAG_LENGTH} characters")
    if lone_surrogate(label) or any(unicodedata.category(char) in ("Cc", "Cf", "Cs") and char != ZWJ for char in label):
        raise InvalidRequest(f"tag {label!r}: control and format characters are not allowed in a label")
    return label


def find_label(labels: Sequence[str], label: str) -> int | None:
    """Index of `label` in `labels`, ignoring case: "Disputed" and "disputed" are one tag."""
    folded = label.casefold()
    return next((i for i, existing in enumerate(labels) if existing.casefold() == folded), None)
