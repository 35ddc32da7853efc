"""How a figure's value, a brief's date and a tag's colour read to a person: the same in the command line and the reader."""

from __future__ import annotations

from collections.abc import Sequence

from store.describe import Dated as Dated
from store.describe import describe_date as describe_date
from store.describe import describe_value as describe_value
from store.model import Annotation

# The one list of tag colours: theme colour names, so every Textual theme works. Tag N of the tag set
# is drawn in colour N mod 6: in the reading pane as a tint and a gutter mark, in the claim bar as text.
TAG_COLOURS: tuple[str, ...] = ("warning", "success", "accent", "error", "secondary", "primary")


def tag_colour(tags: Sequence[str], label: str) -> int:
    """Which of the tag colours a label gets: its place in the tag set (a label outside it: the last colour)."""
    try:
        return list(tags).index(label) % len(TAG_COLOURS)
    except ValueError:
        return len(TAG_COLOURS) - 1


def tag_text_style(colour: int) -> str:
    """The style of text in tag colour `colour`: the theme's text variant, readable on any background."""
    return f"$text-{TAG_COLOURS[colour]}"


def describe_annotation(annotation: Annotation) -> str:
    """An annotation in a list: its tags (or "note"), and the start of its note."""
    what = ", ".join(annotation.tags) if annotation.tags else "note"
    return f"{what} · {annotation.note}" if annotation.note and annotation.tags else (f"note · {annotation.note}" if annotation.note else what)
