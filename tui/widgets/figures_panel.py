"""The figures panel: every figure of the open brief, two lines each, in text order.

Drawn row by row on demand, so a 5 MB brief's 30,000 figures open as fast as a seed's twenty.
Moving the cursor posts `FigureHighlighted` (the main screen marks the figure in the reading pane);
enter or a click posts `FigureChosen` (the figure's sentence becomes the claim). The main screen owns
the figure index; the cursor follows it. A figure in a paragraph repeated from an earlier brief is
marked ↻: the compare view counts it once.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from store.model import Article, Figure
from tui.keys import FIGURE_KEYS
from tui.presentation import describe_value

from .reading_pane import FIGURE_KINDS
from .row_list import RowList
from .text import one_line


def figure_details(figure: Figure, repeated: bool = False) -> str:
    """The second line of a figure's row: kind, qualifier, subject, and who says so."""
    details = ["repeat"] if repeated else []
    details.append(one_line(figure.kind))
    if figure.qualifier:
        details.append(one_line(figure.qualifier))
    if figure.subject:
        details.append(one_line(figure.subject, 60))
    if figure.source:
        details.append("per " + one_line(figure.source, 40))
    return " · ".join(details)


class FiguresPanel(RowList):
    """The figures of the open brief; the main screen owns the figure index, the panel its cursor and keys."""

    BINDINGS: ClassVar[list[BindingType]] = [*FIGURE_KEYS]
    PREFIX = "figures-panel"
    COMPONENT_CLASSES = {
        "figures-panel--cursor",
        "figures-panel--cursor-blurred",
        "figures-panel--empty",
        "figures-panel--details",
        "figures-panel--figure",
        *(f"figures-panel--{kind}" for kind in FIGURE_KINDS),
    }

    @dataclass
    class FigureHighlighted(Message):
        index: int

    @dataclass
    class FigureChosen(Message):
        index: int

    # Bound from the main screen; each watcher redraws just what changed, so none repaints the whole widget.
    article: reactive[Article | None] = reactive(None, always_update=True, repaint=False)
    figure_index: reactive[int] = reactive(-1, repaint=False)

    cursor: reactive[int] = reactive(-1, repaint=False)  # no figure is current until one is chosen

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._figures: tuple[Figure, ...] = ()
        self._repeated: set[int] = set()  # figures in paragraphs repeated from an earlier brief

    @property
    def row_count(self) -> int:
        return len(self._figures)

    def figure_text(self, row: int) -> str:
        """Both lines of a figure's row as plain text (for tests and tools)."""
        figure = self._figures[row]
        mark = "↻" if row in self._repeated else " "
        return f"{mark}{one_line(figure.text)}  {one_line(describe_value(figure))}\n {figure_details(figure, row in self._repeated)}"

    def watch_article(self, article: Article | None) -> None:
        self._figures = article.figures if article else ()  # in text order: the extractor's contract
        self._repeated = _in_repeated_paragraphs(self._figures, article)
        self.border_title = Content(f"Figures ({len(self._figures)})")
        self.rows_changed(self.figure_index)

    def watch_figure_index(self, index: int) -> None:
        if index != self.cursor:
            self.cursor = index if 0 <= index < self.row_count else -1

    def watch_cursor(self, old: int, new: int) -> None:
        super().watch_cursor(old, new)
        if new >= 0 and new != self.figure_index:
            self.post_message(self.FigureHighlighted(new))

    def choose(self, row: int) -> None:
        self.post_message(self.FigureChosen(row))

    def empty_message(self) -> str:
        return "no figures in this brief" if self.article else ""

    def render_row_line(self, row: int, line: int, width: int, base: Style) -> Strip:
        figure = self._figures[row]
        repeated = row in self._repeated
        if line == 1:
            details = self.style_of("figures-panel--details")
            return Strip([Segment(" " + figure_details(figure, repeated), base + details)])
        kind = figure.kind
        name = f"figures-panel--{kind}" if kind in FIGURE_KINDS else "figures-panel--figure"
        return Strip(
            [
                Segment("↻" if repeated else " ", base + self.style_of("figures-panel--details")),
                Segment(one_line(figure.text, 60), base + self.style_of(name)),
                Segment("  " + one_line(describe_value(figure)), base),
            ]
        )


def _in_repeated_paragraphs(figures: tuple[Figure, ...], article: Article | None) -> set[int]:
    """Indexes of the figures that lie in a paragraph repeated from an earlier brief."""
    repeats = [(p.start, p.end) for p in (article.paragraphs if article else ()) if p.repeated_from]
    if not repeats:
        return set()
    starts = [start for start, _ in repeats]
    return {
        index
        for index, figure in enumerate(figures)
        if (at := bisect_right(starts, figure.start) - 1) >= 0 and figure.start < repeats[at][1]
    }
