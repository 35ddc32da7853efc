"""The figures panel: every figure of the open brief, one option each, in text order.

Moving through it posts `FigureHighlighted` (the main screen marks the figure in the reading pane);
enter posts `FigureChosen` (the figure's sentence becomes the claim).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.figure_text import describe_value

from .text import one_line

# Theme variables only, so every theme works; the reading pane uses the same colours (app.tcss).
KIND_STYLES = {
    "count": "bold $text-accent",
    "money": "bold $text-success",
    "percent": "bold $text-secondary",
    "quantity": "bold $text-warning",
    "date": "bold $text-primary",
}


def figure_prompt(figure: dict) -> Content:
    """Two lines: the figure as written and its value; then kind, subject and who says so."""
    kind = one_line(figure.get("kind"))
    head = Content.assemble(
        (one_line(figure.get("text"), 60), KIND_STYLES.get(kind, "bold")),
        ("  " + one_line(describe_value(figure)), ""),
    )
    details = [kind]
    if figure.get("qualifier"):
        details.append(one_line(figure["qualifier"]))
    if figure.get("subject"):
        details.append(one_line(figure["subject"], 60))
    if figure.get("source"):
        details.append("per " + one_line(figure["source"], 40))
    return Content.assemble(head, "\n", (" · ".join(details), "$text-muted"))


class FiguresPanel(OptionList, inherit_bindings=False):
    """The figures of the open brief; keys come from the main screen, which owns the figure index."""

    @dataclass
    class FigureHighlighted(Message):
        index: int

    @dataclass
    class FigureChosen(Message):
        index: int

    # Bound from the main screen.
    article: reactive[dict | None] = reactive(None, always_update=True)
    figure_index: reactive[int] = reactive(-1)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def watch_article(self, article: dict | None) -> None:
        figures = sorted(article["figures"], key=lambda f: (f["start"], f["end"])) if article else []
        self.set_options(Option(figure_prompt(figure)) for figure in figures)
        self.border_title = Content(f"Figures ({len(figures)})")
        self._follow(self.figure_index)

    def watch_figure_index(self, index: int) -> None:
        self._follow(index)

    def _follow(self, index: int) -> None:
        if 0 <= index < self.option_count:
            if self.highlighted != index:
                self.highlighted = index
        elif self.highlighted is not None:
            self.highlighted = None

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_list is self and event.option_index != self.figure_index:
            self.post_message(self.FigureHighlighted(event.option_index))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list is self:
            self.post_message(self.FigureChosen(event.option_index))
