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
    change: str | None = None  # "up" or "down" for a movement ("rose 6.5%", "fell from 9 to 7"), else None
    from_value: float | int | None = None  # where a movement "from X to Y" starts; `value` is where it ends

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in _FIGURE_FIELDS}


_FIGURE_FIELDS = tuple(Figure.__dataclass_fields__)
