"""Where the user left off: the open brief, its claim and the reading pane's scroll, kept in the
store folder's settings when the reader closes and taken up again when it opens (the screen's
`ReaderState.place` and `take_up`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.model import Claim

PLACE_KEY = "place"  # in settings.json


@dataclass(frozen=True, slots=True)
class Place:
    article_id: str
    claim: Claim | None
    scroll: int  # the reading pane's first line on screen

    def to_record(self) -> dict[str, Any]:
        """The claim as [first, last] sentences, or [first, last, start, end] when narrowed inside them
        (by words, or to a figure), so it reopens as exactly that span."""
        claim: list[int] | None = None
        if self.claim is not None:
            claim = [self.claim.first, self.claim.last]
            if self.claim.start is not None and self.claim.end is not None:
                claim += [self.claim.start, self.claim.end]
        return {"article_id": self.article_id, "claim": claim, "scroll": self.scroll}

    @classmethod
    def from_record(cls, record: object) -> Place | None:
        """The place a settings file holds, or None for anything else (an old or hand-edited file)."""
        if not isinstance(record, dict) or not isinstance(record.get("article_id"), str):
            return None
        claim, scroll = record.get("claim"), record.get("scroll")
        fits = isinstance(claim, list) and len(claim) in (2, 4) and all(isinstance(n, int) and not isinstance(n, bool) for n in claim)
        return cls(record["article_id"], Claim(*claim) if fits and claim else None, scroll if isinstance(scroll, int) else 0)

