"""The claim bar under the reading pane: which sentences the claim covers, its tags and its note;
then the current figure on a line of its own that never wraps, so stepping through figures never
moves the reading pane."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from store.model import Annotation, Article, Claim
from tui.presentation import describe_annotation, describe_value, tag_colour, tag_text_style

from .figures_panel import figure_details
from .text import one_line


class ClaimBar(Vertical):
    """The claim (wrapped), then the figure (one line); built from plain strings, never markup."""

    article: reactive[Article | None] = reactive(None, always_update=True, repaint=False)
    annotations: reactive[tuple[Annotation, ...]] = reactive((), repaint=False)
    claim: reactive[Claim | None] = reactive(None, repaint=False)
    figure_index: reactive[int] = reactive(-1, repaint=False)
    tags: reactive[tuple[str, ...]] = reactive((), repaint=False)

    def compose(self) -> ComposeResult:
        yield Static(id="claim-line")
        yield Static(id="figure-line")

    def on_mount(self) -> None:
        self._redraw()

    def watch_article(self) -> None:
        self._redraw()

    def watch_annotations(self) -> None:
        self._redraw()

    def watch_claim(self) -> None:
        self._redraw()

    def watch_figure_index(self) -> None:
        self._redraw()

    def watch_tags(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        if self.is_mounted:
            self.query_one("#claim-line", Static).update(self.describe(), layout=False)  # fixed heights (app.tcss)
            self.query_one("#figure-line", Static).update(self.describe_figure(), layout=False)

    def describe(self) -> Content:
        """The claim line: where the claim is, its tags and its note."""
        article = self.article
        if not article:
            return Content("no brief open")
        claim = self.claim
        span = claim.span(article.sentences) if claim else None
        if claim is None or span is None:
            return Content("no sentences in this brief")
        parts: list[Content | str | tuple[str, str]] = [(f"Claim: {claim.describe(len(article.sentences))}", "bold")]
        annotation = next((a for a in self.annotations if a.span == span), None)
        if annotation and annotation.tags:
            parts.append(" · ")
            for number, label in enumerate(annotation.tags):
                if number:
                    parts.append(", ")
                parts.append((one_line(label), f"bold {tag_text_style(tag_colour(self.tags, label))}"))
        else:
            parts.append((" · untagged (1–9 or t to tag)", "$text-muted"))
        if annotation and annotation.note:
            parts.append(" · note: ")
            parts.append((one_line(annotation.note, 80), "italic"))
        others = [a for a in self.annotations if a.span != span and a.start < span[1] and a.end > span[0]]
        if others:  # annotations that are not exactly the claim but lie in it: each named, each reachable
            parts.append((" · also here: ", "$text-muted"))
            for number, other in enumerate(others):
                style = f"{tag_text_style(tag_colour(self.tags, other.tags[0]))}" if other.tags else "italic"
                parts.append(("; " if number else "", "$text-muted"))
                parts.append((one_line(describe_annotation(other), 40), style))
            parts.append((" (i picks one, x removes)", "$text-muted"))
        return Content.assemble(*parts)

    def describe_figure(self) -> Content:
        """The figure line: the current figure, its value and details, or how to get to one."""
        figures = self.article.figures if self.article else ()
        if not 0 <= self.figure_index < len(figures):
            return Content.styled("f / F: step through the brief's figures" if figures else "", "$text-muted")
        figure = figures[self.figure_index]
        return Content.assemble(
            (f"Figure {self.figure_index + 1} of {len(figures)}: ", "$text-muted"),
            one_line(figure.text, 60),
            (f" = {one_line(describe_value(figure))} · {figure_details(figure)}", "$text-muted"),
        )
