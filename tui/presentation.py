"""How a figure's value, a brief's date and a tag's colour read to a person: the same in the command line and the reader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from store.model import Annotation, Figure


class Dated(Protocol):
    """A brief, its summary, or a compare row: anything with a brief's date."""

    @property
    def published(self) -> str | None: ...

    @property
    def published_inferred(self) -> bool: ...

    @property
    def not_before(self) -> str | None: ...


def _number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def describe_value(figure: Figure) -> str:
    """The value or range with its unit: "12,000", "10,000–12,000", "≥30", "~300–900", "5,600,000,000 USD"."""
    value, low, high = figure.value, figure.low, figure.high
    if low is not None and high is not None and low != high:
        text = f"{_number(low)}–{_number(high)}"
    elif value is not None:
        text = _number(value)
    elif low is not None:
        text = f"≥{_number(low)}"
    elif high is not None:
        text = f"≤{_number(high)}"
    else:
        text = "?"
    unit = figure.unit
    if unit == "%":
        text += "%"
    elif unit:
        text = f"{text} {unit}"
    return ("~" if figure.approximate else "") + text


def describe_date(brief: Dated) -> str:
    """A brief's date: a date read from the text marked "(inferred)"; without one, the bound its text
    gives ("not before 2024-12-16"), else "undated" said in words."""
    if not brief.published:
        return f"not before {brief.not_before}" if brief.not_before else "undated"
    return f"{brief.published} (inferred)" if brief.published_inferred else brief.published


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
