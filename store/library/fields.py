"""Other tools' field names for a brief's fields: `--map headline=title,body=text`.

JSON from scrapers and news APIs names the same things differently (`headline`, `body`,
`published_at`, `link`). A field map renames them to ours before an object is read, so one reader
serves every tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BRIEF_FIELDS = ("title", "text", "date", "source", "url", "author")


class FieldMapError(ValueError):
    """A `--map` that does not read as THEIRS=OURS pairs of known fields."""


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Their field name -> ours, in the order given."""

    renames: tuple[tuple[str, str], ...] = ()

    def apply(self, item: dict[str, Any]) -> dict[str, Any]:
        """The object with their names read as ours; a mapped field wins over one already named ours."""
        if not self.renames:
            return item
        renamed = dict(item)
        for theirs, ours in self.renames:
            if theirs in item:
                renamed[ours] = item[theirs]
        return renamed


def parse_field_map(spec: str) -> FieldMap:
    """`headline=title,body=text` as a FieldMap, or FieldMapError saying which pair is wrong."""
    renames: list[tuple[str, str]] = []
    for pair in (part.strip() for part in spec.split(",")):
        if not pair:
            continue
        theirs, sep, ours = (side.strip() for side in pair.partition("="))
        if not sep or not theirs or not ours:
            raise FieldMapError(f"--map {pair!r}: expected THEIRS=OURS, such as headline=title")
        if ours not in BRIEF_FIELDS:
            raise FieldMapError(f"--map {pair!r}: {ours!r} is not a brief field; expected one of {', '.join(BRIEF_FIELDS)}")
        if any(existing == ours for _, existing in renames):
            raise FieldMapError(f"--map {pair!r}: {ours!r} is mapped twice")
        renames.append((theirs, ours))
    if not renames:
        raise FieldMapError("--map: expected THEIRS=OURS pairs separated by commas, such as headline=title,body=text")
    return FieldMap(tuple(renames))
