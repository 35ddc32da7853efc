"""Where the user left off: the open brief, its claim and the reading pane's scroll, kept in the
store folder's settings when the reader closes and taken up again when it opens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.model import Claim

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

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


def place_of(screen: MainScreen) -> Place | None:
    if screen.article_id is None:
        return None
    return Place(screen.article_id, screen.claim, int(screen.reading_pane.scroll_y))


def take_up(screen: MainScreen, place: Place | None) -> bool:
    """Open the brief the user left, with its claim and scroll, if it is still in the store."""
    if place is None or not screen.article_list.show_article(place.article_id):
        return False
    screen.open_article(place.article_id)
    article = screen.article
    span = place.claim.span(article.sentences) if place.claim is not None and article is not None else None
    if span is not None and article is not None and Claim.around(span, article.sentences) == place.claim:  # still inside its sentences
        screen.claim = place.claim
    pane = screen.reading_pane
    screen.call_after_refresh(lambda: pane.scroll_to(y=place.scroll, animate=False, immediate=True, force=True))
    return True
