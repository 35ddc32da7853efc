"""The records newsbrief keeps, as frozen dataclasses: what a brief is, what a figure is, and the rest.

Every record that goes to TinyDB or into an export is built here, with one `to_record()` and one
`from_record()` each, so a field is named in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Brief:
    """One brief as read from a file, before the store gives it an id and its figures."""

    title: str
    text: str
    source: str
    published: str | None
    path: str
    url: str | None = None
    marker_end: int = 0  # where a leading date marker ends in `text`; 0 when there is none
    author: str | None = None
    # A feed entry or a web page: its url names a document that can change, so a new text from the
    # same url updates the stored brief instead of adding another.
    identified_by_url: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    kind: str
    value: float | int | str | None
    low: float | int | str | None
    high: float | int | str | None
    approximate: bool
    qualifier: str | None
    unit: str | None
    subject: str | None
    source: str | None
    sentence: int
    relative: bool = False  # a date resolved against the publication date ("last week", "on Monday")

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in _FIGURE_FIELDS}


_FIGURE_FIELDS = tuple(Figure.__dataclass_fields__)
