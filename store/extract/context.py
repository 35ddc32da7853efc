"""What one extraction knows besides a match: the text, its sentences and their sources, the
publication date, and the last noun counted (for "3 killed and 5 wounded" after "soldiers").
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from store.extract.sources import Sources
from store.model import Figure

Number = int | float | str | None  # a figure's value, low or high: a number, an ISO date, or nothing


class Context:
    """The text being read and what is known about it; shared by every figure of one extraction."""

    __slots__ = ("last_noun", "last_sentence", "published", "sentences", "sources", "starts", "text")

    def __init__(self, text: str, published: str | None, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.published = _published(published)
        self.sentences = sentences
        self.starts = [start for start, _ in sentences]
        self.sources = Sources(text, sentences)
        self.last_noun: str | None = None
        self.last_sentence = -1

    def sentence_of(self, position: int) -> int:
        return max(0, bisect_right(self.starts, position) - 1)

    def year(self) -> int | None:
        published = self.published
        return published.year if isinstance(published, date) else published

    def day(self) -> date | None:
        return self.published if isinstance(self.published, date) else None

    def starts_sentence(self, position: int) -> bool:
        """Whether only opening quotes or dashes stand between the sentence's start and `position`."""
        index = self.sentence_of(position)
        sentence_start = self.starts[index] if self.starts else 0
        if position - sentence_start > 12:
            return False
        return self.text[sentence_start:position].strip(" \t\"“‘'(—–-") == ""

    def figure(
        self,
        start: int,
        end: int,
        kind: str,
        value: Number,
        low: Number = None,
        high: Number = None,
        *,
        approximate: bool = False,
        qualifier: str | None = None,
        unit: str | None = None,
        subject: str | None = None,
        relative: bool = False,
        change: str | None = None,
        from_value: int | float | None = None,
    ) -> Figure:
        """A figure of this text at [start, end), with its sentence and that sentence's source."""
        sentence = self.sentence_of(start)
        return Figure(
            start=start, end=end, text=self.text[start:end], kind=kind, value=value, low=low, high=high,
            approximate=approximate, qualifier=qualifier, unit=unit, subject=subject, source=self.sources.of(sentence),
            sentence=sentence, relative=relative, change=change, from_value=from_value,
        )


def _published(published: str | None) -> date | int | None:
    if not isinstance(published, str):
        return None
    published = published.strip()
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        pass
    if len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None
