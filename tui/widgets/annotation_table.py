"""The annotations table: every annotation across the briefs as a two-line row, drawn only when on screen.

Line one is the tags and the note; line two the brief's date and title and the annotated words.
Every string is user data, drawn as a `Segment` after `one_line`, never as markup. Enter or a click
posts `Chosen` with the annotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.message import Message
from textual.strip import Strip

from store.model import Annotation, Summary
from tui.keys import movement
from tui.presentation import describe_date

from .row_list import RowList
from .text import one_line


@dataclass(frozen=True)
class AnnotationRow:
    """An annotation with the brief it is on (its summary: title and date)."""

    annotation: Annotation
    brief: Summary

    def matches(self, folded: str) -> bool:
        """Whether the filter text is in a tag, the note, the annotated words or the brief's title."""
        a = self.annotation
        return any(folded in part.casefold() for part in (*a.tags, a.note or "", a.quote, self.brief.title, self.brief.source))


class AnnotationTable(RowList):
    """The annotations, filtered by text; in brief date order, then text order."""

    PREFIX = "annotation-table"
    COMPONENT_CLASSES = {
        "annotation-table--cursor",
        "annotation-table--cursor-blurred",
        "annotation-table--empty",
        "annotation-table--tags",
        "annotation-table--meta",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *movement("newsbrief.annotations", items="annotation", open_tooltip="Open the brief with this annotation as the claim", group=None)
    ]

    @dataclass
    class Chosen(Message):
        annotation: Annotation

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._all: list[AnnotationRow] = []
        self._rows: list[AnnotationRow] = []
        self._filter = ""

    def set_rows(self, rows: list[AnnotationRow]) -> None:
        self._all = sorted(rows, key=lambda r: (r.brief.published is None, r.brief.published or "", r.brief.title.casefold(), r.annotation.span))
        self.filter(self._filter)

    def filter(self, text: str) -> None:
        self._filter = text
        folded = text.casefold().strip()
        self._rows = [row for row in self._all if row.matches(folded)] if folded else list(self._all)
        self.rows_changed(0)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def total_count(self) -> int:
        return len(self._all)

    def row(self, index: int) -> AnnotationRow:
        return self._rows[index]

    def choose(self, row: int) -> None:
        self.post_message(self.Chosen(self._rows[row].annotation))

    def empty_message(self) -> str:
        return "no annotation matches the filter" if self._all else "no annotations yet: tag a claim with 1–9 or t"

    def row_text(self, index: int) -> str:
        """Both lines of a row as plain text (for tests and tools)."""
        return "\n".join("".join(s.text for s in self.render_row_line(index, line, 200, Style())) for line in (0, 1))

    def render_row_line(self, row: int, line: int, width: int, base: Style) -> Strip:
        item = self._rows[row]
        annotation = item.annotation
        meta = base + self.style_of("annotation-table--meta")
        if line == 0:
            tags = ", ".join(annotation.tags) if annotation.tags else "(note)"
            segments = [Segment(" " + one_line(tags, 60), base + self.style_of("annotation-table--tags"))]
            if annotation.note:
                segments.append(Segment(" · " + one_line(annotation.note, 120), base))
            return Strip(segments)
        brief = item.brief
        return Strip([Segment(f"   {describe_date(brief)} · {one_line(brief.title, 50)} · “{one_line(annotation.quote, 200)}”", meta)])
