"""The reader's state: the open brief, its annotations, the claim, the figure and the filters, and what follows from them.

The main screen (tui/screens/main.py) is built on it: it lays the panes out, binds them to this state
(`data_bind`) and turns keys and the panes' messages into changes of it and into store calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from store import Store, StoreError
from store.model import Annotation, Article, Claim, Figure, Span
from tui.place import Place
from tui.presentation import describe_annotation, describe_date

from ..widgets.article_list import SORTS, ArticleList
from ..widgets.figures_panel import FiguresPanel
from ..widgets.reading_pane import ReadingPane
from ..widgets.text import one_line

if TYPE_CHECKING:
    from ..dialogs.tag_picker import TagChoice


class ReaderState(Screen[None]):
    """Typed reactive state over one open store; the panes bound to it draw themselves."""

    # State only: the panes bound to it draw themselves. A repaint of the screen would redraw every
    # widget on each claim move and tag (~50 ms), so none of these asks for one.
    article_id: reactive[str | None] = reactive(None, repaint=False)
    article: reactive[Article | None] = reactive(None, always_update=True, repaint=False)
    annotations: reactive[tuple[Annotation, ...]] = reactive((), repaint=False)
    claim: reactive[Claim | None] = reactive(None, repaint=False)
    figure_index: reactive[int] = reactive(-1, repaint=False)
    tags: reactive[tuple[str, ...]] = reactive((), repaint=False)
    sort_by: reactive[str] = reactive("date", repaint=False)
    search_text: reactive[str] = reactive("", repaint=False)
    tag_filter: reactive[str | None] = reactive(None, repaint=False)
    tag_filter_ids: reactive[frozenset[str] | None] = reactive(None, repaint=False)
    show_figures: reactive[bool] = reactive(True, repaint=False)
    show_repeats: reactive[bool] = reactive(True, repaint=False)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    # --- the panes ------------------------------------------------------------------------------

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reading_pane(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def figures_panel(self) -> FiguresPanel:
        return self.query_one(FiguresPanel)

    def panes(self) -> list[tuple[str, Widget]]:
        """(name, widget) of each pane, for the help screen."""
        return [("list", self.article_list), ("reading", self.reading_pane), ("figures", self.figures_panel)]

    # --- derived state ------------------------------------------------------------------------

    @property
    def claim_span(self) -> Span | None:
        if self.article is None or self.claim is None:
            return None
        return self.claim.span(self.article.sentences)

    def claim_annotation(self) -> Annotation | None:
        span = self.claim_span
        if span is None:
            return None
        return next((a for a in self.annotations if a.span == span), None)

    @property
    def is_filtered(self) -> bool:
        return bool(self.search_text) or self.tag_filter is not None

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The open brief's figures, in text order (the extractor's contract)."""
        return self.article.figures if self.article else ()

    # --- opening ------------------------------------------------------------------------------

    def open_article(self, article_id: str) -> None:
        try:
            article = self.store.article(article_id)
            annotations = tuple(self.store.annotations(article_id))
        except StoreError as error:
            self.notify_error(error)
            return
        self.article_id = article_id
        self.reading_pane.repeat_labels = self._repeat_labels(article)
        self.article = article
        self.annotations = annotations
        self.claim = Claim.at_start(article.sentences)
        self.figure_index = -1
        self.sub_title_update()
        self.refresh_bindings()

    def _repeat_labels(self, article: Article) -> dict[str, str]:
        """How the reading pane names the earlier briefs this one repeats: title and date."""
        labels = {}
        for earlier in {p.repeated_from for p in article.paragraphs if p.repeated_from}:
            summary = self.article_list.summary(earlier)
            labels[earlier] = f"{describe_date(summary)} · {one_line(summary.title, 50)}" if summary else earlier
        return labels

    def sub_title_update(self) -> None:
        count = self.article_list.total_count
        self.app.sub_title = f"{count} briefs" + (" · read-only" if self.store.readonly else "")

    # --- the claim and the figure, moved by keys -------------------------------------------------

    def reshape_claim(self, change: Callable[[Claim, Article], Claim | None]) -> None:
        """Make `change(claim, article)` the claim, when there is a claim and the change gives one."""
        if self.article is None or self.claim is None or self.claim_span is None:
            return
        claim = change(self.claim, self.article)
        if claim is not None and claim != self.claim:
            self.claim = claim
            self.refresh_bindings()

    def action_next_claim(self) -> None:
        self.reshape_claim(lambda claim, article: claim.moved(+1, len(article.sentences)))

    def action_prev_claim(self) -> None:
        self.reshape_claim(lambda claim, article: claim.moved(-1, len(article.sentences)))

    def action_extend_claim(self) -> None:
        self.reshape_claim(lambda claim, article: claim.extended(len(article.sentences)))

    def action_shrink_claim(self) -> None:
        self.reshape_claim(lambda claim, _article: claim.shrunk())

    def action_claim_word(self, direction: int) -> None:
        self.reshape_claim(lambda claim, article: claim.by_word(direction, article.text, article.sentences))

    def action_claim_figure(self) -> None:
        """Narrow the claim to the current figure's own characters."""
        figures = self.figures
        if 0 <= self.figure_index < len(figures):
            figure = figures[self.figure_index]
            self.reshape_claim(lambda _claim, article: Claim.around((figure.start, figure.end), article.sentences))

    def action_next_figure(self) -> None:
        self._move_figure(+1)

    def action_prev_figure(self) -> None:
        self._move_figure(-1)

    def _move_figure(self, direction: int) -> None:
        count = len(self.figures)
        if not count:
            return
        if self.figure_index < 0:
            self.show_figure(0 if direction > 0 else count - 1)
        else:
            self.show_figure(max(0, min(count - 1, self.figure_index + direction)))

    # --- annotations under and around the claim ------------------------------------------------

    def annotations_under_claim(self) -> list[Annotation]:
        """The annotations that share a character with the claim, in text order (the exact one too)."""
        span = self.claim_span
        if span is None:
            return []
        return sorted((a for a in self.annotations if a.start < span[1] and a.end > span[0]), key=lambda a: a.span)

    def claim_annotation_span(self, annotation: Annotation) -> None:
        """Make exactly the annotation's span the claim, so the tag keys, n and x act on it."""
        self.reshape_claim(lambda _claim, article: Claim.around(annotation.span, article.sentences))

    def action_next_annotation(self, direction: int) -> None:
        span = self.claim_span
        if span is None:
            return
        ordered = sorted(self.annotations, key=lambda a: a.span)
        after = [a for a in ordered if a.span > span] if direction > 0 else [a for a in reversed(ordered) if a.span < span]
        if not after:
            self.notify("no annotation after the claim" if direction > 0 else "no annotation before the claim", severity="warning")
            return
        self.claim_annotation_span(after[0])

    def pick_annotation(self, title: str, then: Callable[[Annotation], None]) -> None:
        """Let the user pick one of the annotations under the claim, then `then(it)`."""
        from ..dialogs.tag_picker import TagPicker

        under = self.annotations_under_claim()
        labels = [f"{number}. {describe_annotation(a)}" for number, a in enumerate(under, 1)]  # numbered: each label is one
        picker = TagPicker(labels, [], title=title, allow_create=False, noun="annotation", hint="enter picks · esc cancels")
        self.app.push_screen(picker, lambda choice: then(under[labels.index(choice.label)]) if choice and choice.label in labels else None)

    def action_pick_annotation(self) -> None:
        under = self.annotations_under_claim()
        if len(under) == 1:
            self.claim_annotation_span(under[0])
        elif under:
            self.pick_annotation("Which annotation becomes the claim?", self.claim_annotation_span)

    # --- the list's order and tag filter ---------------------------------------------------------

    def action_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)] if self.sort_by in SORTS else SORTS[0]

    def action_tag_filter(self) -> None:
        from ..dialogs.tag_picker import TagPicker

        hint = "enter shows only the briefs with a claim so tagged · (all briefs) clears the filter · esc cancels"
        picker = TagPicker(self.store.tags(), [], title="Show only the briefs tagged…", allow_create=False, clear_label="all briefs", hint=hint)
        self.app.push_screen(picker, self._picked_filter)

    def _picked_filter(self, choice: TagChoice | None) -> None:
        if choice is None:
            return
        if choice.clear:
            self.tag_filter = None
            self.tag_filter_ids = None
            return
        try:  # every shard of annotations read, maybe for the first time: a damaged one is refused here
            ids = frozenset(a.article_id for a in self.store.annotations() if choice.label in a.tags)
        except StoreError as error:
            self.notify_error(error)
            return
        self.tag_filter = choice.label
        self.tag_filter_ids = ids

    # --- where the user left off --------------------------------------------------------------

    def place(self) -> Place | None:
        """The open brief, its claim and the reading pane's scroll, to take up at the next start."""
        if self.article_id is None:
            return None
        return Place(self.article_id, self.claim, int(self.reading_pane.scroll_y))

    def take_up(self, place: Place | None) -> bool:
        """Open the brief the user left, with its claim and scroll, if it is still in the store."""
        if place is None or not self.article_list.show_article(place.article_id):
            return False
        self.open_article(place.article_id)
        article = self.article
        span = place.claim.span(article.sentences) if place.claim is not None and article is not None else None
        if span is not None and article is not None and Claim.around(span, article.sentences) == place.claim:  # still inside its sentences
            self.claim = place.claim
        pane = self.reading_pane
        self.call_after_refresh(lambda: pane.scroll_to(y=place.scroll, animate=False, immediate=True, force=True))
        return True

    # --- from brief to brief -----------------------------------------------------------------

    def action_next_brief(self, direction: int) -> None:
        """Open the next (or previous) brief of the list as it is sorted and filtered; the list cursor follows."""
        ids = self.article_list.row_ids
        at = ids.index(self.article_id) if self.article_id in ids else (-1 if direction > 0 else len(ids))
        target = at + direction
        if not 0 <= target < len(ids):
            self.notify("the last brief of the list" if direction > 0 else "the first brief of the list", severity="warning")
            return
        self.article_list.show_article(ids[target])
        self.open_article(ids[target])

    def action_open_url(self) -> None:
        """Open the brief's web page (a feed entry's or page's url) in the browser."""
        if self.article is not None and self.article.url:
            self.app.open_url(self.article.url)
            self.notify(f"opening {one_line(self.article.url, 200)}", markup=False)

    # --- jumps ------------------------------------------------------------------------------

    def show_figure(self, index: int, *, claim_it: bool = False) -> None:
        """Make figure `index` current (the reading pane scrolls to it). The claim goes to the figure's
        sentence, so the next tag key tags what is on screen, unless the claim already covers the figure
        (an extended claim survives stepping through its own figures); `claim_it` moves it always."""
        self.figure_index = index
        figures = self.figures
        if not (self.article and 0 <= index < len(figures)):
            return
        figure = figures[index]
        span = self.claim_span
        if not claim_it and span is not None and span[0] <= figure.start < span[1]:
            return
        sentence = self.article.sentence_at(figure.start)
        if sentence is None:
            sentence = figure.sentence
        if 0 <= sentence < len(self.article.sentences):
            self.claim = Claim(sentence, sentence)
            self.refresh_bindings()

    # --- after a write -----------------------------------------------------------------------

    def notify_error(self, error: Exception) -> None:
        self.notify(one_line(str(error), 300), severity="error", markup=False)

    def after_write(self) -> None:
        """Show what the store now holds for the open brief (the write is already on disk)."""
        if self.article_id is not None:
            self.annotations = tuple(self.store.annotations(self.article_id))
            self.article_list.set_tag_count(self.article_id, sum(1 for a in self.annotations if a.tags))
        self.refresh_bindings()

