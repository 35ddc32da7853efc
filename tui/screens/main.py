"""The main screen: owns the reader's state, turns keys into store calls, hands state to the panes.

State lives here as typed reactives (the open article, its annotations, the claim, the figure, the
filters); the panes get it by `data_bind` and post their intent up as messages. Every binding is
declared here with an id, and one gate (`check_action`, through `action_state`) decides which keys
work in which pane, so the footer, the help screen and the command palette always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input

from store import Store, StoreError
from store.model import Annotation, Article, Claim, Figure, Span
from tui.presentation import describe_date

from ..widgets.article_list import ArticleList
from ..widgets.claim_bar import ClaimBar
from ..widgets.figures_panel import FiguresPanel
from ..widgets.footer import KeyFooter
from ..widgets.reading_pane import ReadingPane
from ..widgets.row_list import RowList
from ..widgets.text import one_line

if TYPE_CHECKING:
    from .tag_picker import TagChoice

Pane = Literal["list", "reading", "figures", "search", "other"]
PANES: tuple[Pane, ...] = ("list", "reading", "figures")
PANE_NAMES = {"list": "list", "reading": "reading pane", "figures": "figures panel"}
NARROW = 100  # columns: below this the figures panel hides (g shows it)

_TAG = Binding.Group("tag", compact=True)
_CLAIM = Binding.Group("claim", compact=True)
_FIGURE = Binding.Group("figure", compact=True)
_UNDO = Binding.Group("undo/redo", compact=True)
_MOVE = Binding.Group("move", compact=True)
_PANE = Binding.Group("pane", compact=True)


def _tag_binding(number: int) -> Binding:
    return Binding(
        str(number), f"tag({number})", f"tag {number}", id=f"newsbrief.tag_{number}", group=_TAG,
        tooltip=f"Toggle tag {number} of the tag set on the claim",
    )


# The order here is the order in the footer: most used first.
BINDINGS = [
    Binding("question_mark", "help", "help", id="newsbrief.help", tooltip="Show every key"),
    *(_tag_binding(number) for number in range(1, 10)),
    Binding("t", "tag_picker", "tag…", id="newsbrief.tag_picker", tooltip="Choose a tag by name, or create one, and toggle it on the claim"),
    Binding("right_square_bracket", "next_claim", "next", id="newsbrief.next_claim", group=_CLAIM, tooltip="Next claim (sentence)"),
    Binding("left_square_bracket", "prev_claim", "previous", id="newsbrief.prev_claim", group=_CLAIM, tooltip="Previous claim (sentence)"),
    Binding("v", "extend_claim", "extend", id="newsbrief.extend_claim", tooltip="Extend the claim by one sentence"),
    Binding("f", "next_figure", "next", id="newsbrief.next_figure", group=_FIGURE, tooltip="Next figure"),
    Binding("F", "prev_figure", "previous", id="newsbrief.prev_figure", group=_FIGURE, tooltip="Previous figure"),
    Binding("n", "note", "note", id="newsbrief.note", tooltip="Write the claim's note"),
    Binding("x", "remove", "remove", id="newsbrief.remove", tooltip="Remove the claim's annotation (tags and note)"),
    Binding("ctrl+z", "undo", "undo", id="newsbrief.undo", group=_UNDO, tooltip="Undo the last change of this session"),
    Binding("ctrl+y", "redo", "redo", id="newsbrief.redo", group=_UNDO, tooltip="Redo what was undone"),
    Binding("q", "quit", "quit", id="newsbrief.quit", tooltip="Quit (everything is already saved)"),
    Binding("slash", "search", "search", id="newsbrief.search", tooltip="Filter the list by title or source"),
    Binding("e", "export", "export", id="newsbrief.export", tooltip="Export the annotations (JSON or W3C)"),
    Binding("c", "compare", "compare", id="newsbrief.compare", tooltip="Compare the figures of all briefs, grouped by what they measure"),
    Binding("D", "edit_brief", "date/source", id="newsbrief.edit_brief", tooltip="Set the brief's date and source"),
    Binding("r", "toggle_repeats", "repeats", id="newsbrief.toggle_repeats", tooltip="Hide or show the paragraphs repeated from earlier briefs"),
    Binding("g", "toggle_figures", "figures", id="newsbrief.toggle_figures", tooltip="Show or hide the figures panel"),
    Binding("s", "sort", "sort", id="newsbrief.sort", tooltip="Sort the list by date or by title"),
    Binding("T", "tag_filter", "tag filter", id="newsbrief.tag_filter", tooltip="Show only briefs with claims tagged …"),
    Binding("escape", "clear_filter", "clear filter", id="newsbrief.clear_filter", tooltip="Clear the text and tag filters"),
    Binding("j,down", "cursor_down", "down", id="newsbrief.down", key_display="j/↓", group=_MOVE, tooltip="Next item (brief, line, figure)"),
    Binding("k,up", "cursor_up", "up", id="newsbrief.up", key_display="k/↑", group=_MOVE, tooltip="Previous item (brief, line, figure)"),
    Binding("enter", "open", "open", id="newsbrief.open", tooltip="Open the brief / make the figure's sentence the claim"),
    Binding("tab", "next_pane", "next", id="newsbrief.next_pane", group=_PANE, tooltip="Next pane"),
    Binding("shift+tab", "prev_pane", "previous", id="newsbrief.prev_pane", group=_PANE, tooltip="Previous pane"),
    Binding("home", "first", "first", id="newsbrief.first", show=False, tooltip="First item"),
    Binding("end", "last", "last", id="newsbrief.last", show=False, tooltip="Last item"),
    Binding("pageup", "page_up", "page up", id="newsbrief.page_up", show=False, tooltip="One page up"),
    Binding("pagedown", "page_down", "page down", id="newsbrief.page_down", show=False, tooltip="One page down"),
]

LIST_ONLY = {"sort", "tag_filter"}
NEEDS_CLAIM = {"next_claim", "prev_claim", "extend_claim", "tag", "tag_picker", "note", "remove"}
NEEDS_FIGURES = {"next_figure", "prev_figure"}
IN_SEARCH = {"next_pane", "prev_pane", "clear_filter"}


class SearchBox(Input):
    """The `/` filter over the list; hidden until asked for."""


class MainScreen(Screen[None], inherit_bindings=False):
    BINDINGS = BINDINGS
    AUTO_FOCUS = "ArticleList"  # focus starts on the list: no footer rebuild for a passing focus

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
        self.help_pane: Pane | None = None  # set while the help screen asks what works where
        self._wide: bool | None = None
        self._ready = False  # the panes are mounted

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="list-column"):
                yield SearchBox(placeholder="filter by title or source", id="search")
                yield ArticleList(id="list").data_bind(
                    MainScreen.article_id, MainScreen.sort_by, MainScreen.search_text, MainScreen.tag_filter_ids
                )
            with Vertical(id="reading-column"):
                yield ReadingPane(id="reading").data_bind(
                    MainScreen.article,
                    MainScreen.annotations,
                    MainScreen.claim,
                    MainScreen.figure_index,
                    MainScreen.tags,
                    MainScreen.show_repeats,
                )
                yield ClaimBar(id="claim-bar").data_bind(
                    MainScreen.article, MainScreen.annotations, MainScreen.claim, MainScreen.figure_index, MainScreen.tags
                )
            yield FiguresPanel(id="figures").data_bind(MainScreen.article, MainScreen.figure_index)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._ready = True
        self.tags = tuple(self.store.tags())
        self.article_list.set_summaries(self.store.summaries())
        self._update_list_title()
        self.article_list.focus()
        first = self.article_list.cursor_id
        if first is not None:
            self.open_article(first)

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

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    def current_pane(self) -> Pane:
        focused = self.focused
        if isinstance(focused, ArticleList):
            return "list"
        if isinstance(focused, ReadingPane):
            return "reading"
        if isinstance(focused, FiguresPanel):
            return "figures"
        if isinstance(focused, SearchBox):
            return "search"
        return "other"

    # --- the one gate ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.action_state(action, self.help_pane or self.current_pane())

    def action_state(self, action: str, pane: Pane) -> bool | None:
        """True: the key works here; None: it belongs here but has nothing to act on; False: not here."""
        if pane == "search":
            return action in IN_SEARCH
        if action in LIST_ONLY:
            return pane == "list"
        if action == "clear_filter":
            return (True if self.is_filtered else None) if pane == "list" else False
        if action == "open":
            return pane in ("list", "figures")
        if action in NEEDS_CLAIM:
            if self.claim_span is None:
                return None
            if action == "remove":
                return True if self.claim_annotation() is not None else None
            return True
        if action in NEEDS_FIGURES:
            return True if self.article and self.article.figures else None
        if action == "toggle_repeats":
            return True if self.article and self.article.has_repeats else None
        if action == "edit_brief":
            return True if self.article is not None else None
        return True

    def bindings_by_pane(self) -> list[tuple[str, str, list[Pane]]]:
        """(keys, what it does, panes where it works) for every live binding: the help screen's table."""
        rows: dict[tuple[str, str], tuple[list[str], str, list[Pane]]] = {}
        for pane in PANES:
            self.help_pane = pane
            try:
                active = self.active_bindings
            finally:
                self.help_pane = None
            for active_binding in active.values():
                binding = active_binding.binding
                if binding.system:
                    continue
                namespace = "app" if active_binding.node is self.app else "screen"
                keys, _text, panes = rows.setdefault(
                    (namespace, binding.action), ([], binding.tooltip or binding.description or binding.action, [])
                )
                display = self.app.get_key_display(binding.with_key(binding.key, None))
                if display not in keys:
                    keys.append(display)
                if pane not in panes:
                    panes.append(pane)
        return [(" ".join(keys), text, panes) for keys, text, panes in rows.values()]

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
        except StoreError as error:
            self.notify_error(error)
            return
        self.article_id = article_id
        self.reading_pane.repeat_labels = self._repeat_labels(article)
        self.article = article
        self.annotations = tuple(self.store.annotations(article_id))
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

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)

    @on(ReadingPane.SentenceClicked)
    def _sentence_clicked(self, event: ReadingPane.SentenceClicked) -> None:
        self.claim = Claim(event.index, event.index)
        self.refresh_bindings()

    @on(FiguresPanel.FigureHighlighted)
    def _figure_highlighted(self, event: FiguresPanel.FigureHighlighted) -> None:
        self.figure_index = event.index

    @on(FiguresPanel.FigureChosen)
    def _figure_chosen(self, event: FiguresPanel.FigureChosen) -> None:
        self.figure_index = event.index
        self.claim_figure_sentence()

    def claim_figure_sentence(self) -> None:
        """Make the current figure's sentence the claim."""
        figures = self.figures
        if not (self.article and 0 <= self.figure_index < len(figures)):
            return
        figure = figures[self.figure_index]
        index = self.article.sentence_at(figure.start)
        if index is None:
            index = figure.sentence
        if 0 <= index < len(self.article.sentences):
            self.claim = Claim(index, index)
            self.refresh_bindings()

    # --- search and filters -------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.article_list.focus()

    def watch_search_text(self) -> None:
        self._update_list_title()

    def watch_tag_filter(self) -> None:
        self._update_list_title()

    def _update_list_title(self) -> None:
        if not self._ready:
            return
        article_list = self.article_list
        parts = [f"Briefs ({article_list.row_count}" + (f" of {article_list.total_count})" if self.is_filtered else ")")]
        parts.append(f" by {self.sort_by}")
        if self.tag_filter is not None:
            parts.append(" · tag: " + one_line(self.tag_filter, 20))
        article_list.border_title = Content("".join(parts))
        self.sub_title_update()
        self.refresh_bindings()

    # --- narrow and wide ------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        wide = event.size.width >= NARROW
        if wide != self._wide:
            self._wide = wide
            self.show_figures = wide

    def watch_show_figures(self, show: bool) -> None:
        panel = self.figures_panel
        panel.display = show
        if not show and panel.has_focus:
            self.reading_pane.focus()

    # --- store writes ---------------------------------------------------------------------------

    def notify_error(self, error: Exception) -> None:
        self.notify(one_line(str(error), 300), severity="error", markup=False)

    def after_write(self) -> None:
        """Show what the store now holds for the open brief (the write is already on disk)."""
        if self.article_id is not None:
            self.annotations = tuple(self.store.annotations(self.article_id))
            self.article_list.set_tag_count(self.article_id, sum(1 for a in self.annotations if a.tags))
        self.refresh_bindings()

    def toggle_tag(self, label: str) -> bool:
        span = self.claim_span
        if span is None or self.article_id is None:
            return False
        try:
            self.store.toggle_tag(self.article_id, span[0], span[1], label)
        except StoreError as error:
            self.notify_error(error)
            return False
        self.after_write()
        return True

    def add_tag_and_toggle(self, label: str) -> None:
        try:
            label = self.store.add_tag(label)
        except StoreError as error:
            self.notify_error(error)
            return
        self.tags = tuple(self.store.tags())
        if self.toggle_tag(label):
            self.notify(f"new tag {one_line(label)!r} added and put on the claim", markup=False)

    def save_note(self, text: str) -> bool:
        """Write the claim's note (the note editor calls this); False if the store refused it."""
        span = self.claim_span
        if span is None or self.article_id is None:
            return False
        try:
            self.store.set_note(self.article_id, span[0], span[1], text)
        except StoreError as error:
            self.notify_error(error)
            return False
        self.after_write()
        return True

    # --- actions --------------------------------------------------------------------------------

    def action_tag(self, number: int) -> None:
        tags = self.store.tags()
        if not 1 <= number <= len(tags):
            self.notify(f"no tag {number}: the tag set has {len(tags)} tags (t adds one)", severity="warning", markup=False)
            return
        self.toggle_tag(tags[number - 1])

    def tag_with_label(self, label: str) -> None:
        """Toggle a tag given by name (the command palette's "Tag claim as …")."""
        self.toggle_tag(label)

    def action_tag_picker(self) -> None:
        from .tag_picker import TagPicker

        annotation = self.claim_annotation()
        on_claim = list(annotation.tags) if annotation else []
        self.app.push_screen(TagPicker(self.store.tags(), on_claim, title="Tag the claim"), self._picked_tag)

    def _picked_tag(self, choice: TagChoice | None) -> None:
        if choice is None:
            return
        if choice.new:
            self.add_tag_and_toggle(choice.label)
        else:
            self.toggle_tag(choice.label)

    def action_tag_filter(self) -> None:
        from .tag_picker import TagPicker

        picker = TagPicker(self.store.tags(), [], title="Show briefs tagged…", allow_create=False, clear_label="all briefs")
        self.app.push_screen(picker, self._picked_filter)

    def _picked_filter(self, choice: TagChoice | None) -> None:
        if choice is None:
            return
        if choice.clear:
            self.tag_filter = None
            self.tag_filter_ids = None
            return
        ids = frozenset(a.article_id for a in self.store.annotations() if choice.label in a.tags)
        self.tag_filter = choice.label
        self.tag_filter_ids = ids

    def action_note(self) -> None:
        from .note_editor import NoteEditor

        if self.store.readonly:
            self.notify_error(StoreError(f"{self.store.folder}: the store is open read-only; notes cannot be saved"))
            return
        span = self.claim_span
        if span is None or self.article is None:
            return
        annotation = self.claim_annotation()
        quote = self.article.text[span[0] : span[1]]
        self.app.push_screen(NoteEditor(quote, (annotation.note or "") if annotation else "", self.save_note))

    def action_edit_brief(self) -> None:
        from .brief_editor import BriefEditor

        if self.store.readonly:
            self.notify_error(StoreError(f"{self.store.folder}: the store is open read-only; the date and source cannot be set"))
            return
        if self.article is None:
            return
        self.app.push_screen(BriefEditor(self.article, self.save_brief))

    def save_brief(self, date: str | None, source: str | None) -> str | None:
        """Set the open brief's date or source (the brief editor calls this): None once on disk, else why not."""
        if self.article_id is None:
            return "no brief is open"
        try:
            article = self.store.edit(self.article_id, date=date, source=source)
        except StoreError as error:
            return str(error)
        self.show_edited_brief(article)
        self.notify(f"dated {describe_date(article)} · {one_line(article.source, 60)}", markup=False)
        return None

    def show_edited_brief(self, article: Article) -> None:
        """The open brief's date or source changed on disk: its list row (re-sorted) and its pane follow."""
        self.article_list.set_summaries(self.store.summaries())  # the cursor stays on its brief
        self.article = article

    def action_remove(self) -> None:
        span = self.claim_span
        if span is None or self.article_id is None:
            return
        annotation = self.store.annotation_at(self.article_id, span[0], span[1])
        if annotation is None:
            self.notify("the claim has no annotation to remove", severity="warning")
            return
        try:
            self.store.remove_annotation(annotation.id)
        except StoreError as error:
            self.notify_error(error)
            return
        self.after_write()

    def _undo_redo(self, operation: Callable[[], str | None], verb: str) -> None:
        try:
            label = operation()
        except StoreError as error:
            self.notify_error(error)
            return
        if label is None:
            self.notify(f"nothing to {verb}", severity="warning")
            return
        self.tags = tuple(self.store.tags())
        self.article_list.set_summaries(self.store.summaries())
        if self.article_id is not None and (stored := self.store.article(self.article_id)) != self.article:
            self.article = stored  # an edit of its date or source was undone or redone
        self.after_write()
        self.notify(f"{verb} done: {one_line(label)}", markup=False)

    def action_undo(self) -> None:
        self._undo_redo(self.store.undo, "undo")

    def action_redo(self) -> None:
        self._undo_redo(self.store.redo, "redo")

    def action_next_claim(self) -> None:
        self._move_claim(+1)

    def action_prev_claim(self) -> None:
        self._move_claim(-1)

    def _move_claim(self, direction: int) -> None:
        if self.claim_span is None or self.article is None or self.claim is None:
            return
        self.claim = self.claim.moved(direction, len(self.article.sentences))
        self.refresh_bindings()

    def action_extend_claim(self) -> None:
        if self.claim_span is None or self.article is None or self.claim is None:
            return
        extended = self.claim.extended(len(self.article.sentences))
        if extended != self.claim:
            self.claim = extended
            self.refresh_bindings()

    def action_next_figure(self) -> None:
        self._move_figure(+1)

    def action_prev_figure(self) -> None:
        self._move_figure(-1)

    def _move_figure(self, direction: int) -> None:
        count = len(self.figures)
        if not count:
            return
        if self.figure_index < 0:
            self.figure_index = 0 if direction > 0 else count - 1
        else:
            self.figure_index = max(0, min(count - 1, self.figure_index + direction))

    def action_search(self) -> None:
        box = self.search_box
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        self.search_text = ""
        self.tag_filter = None
        self.tag_filter_ids = None
        box = self.search_box
        box.value = ""
        box.display = False
        self.article_list.focus()

    def action_sort(self) -> None:
        self.sort_by = "title" if self.sort_by == "date" else "date"
        self._update_list_title()

    def action_toggle_repeats(self) -> None:
        self.show_repeats = not self.show_repeats
        shown = "shown" if self.show_repeats else "hidden"
        self.notify(f"paragraphs repeated from earlier briefs: {shown}", markup=False)

    def action_toggle_figures(self) -> None:
        self.show_figures = not self.show_figures

    def action_export(self) -> None:
        from .export_dialog import ExportDialog

        self.app.push_screen(ExportDialog(self.store), self._exported)

    def action_compare(self) -> None:
        from .compare import CompareScreen

        # The screen compares in a worker thread and cannot be closed until it is done: no key
        # reaches the store (no write) while the worker reads it.
        self.app.push_screen(CompareScreen(self.store), self._compared)

    def _compared(self, chosen: tuple[str, int] | None) -> None:
        """Open the chosen brief at the chosen figure."""
        if chosen is None:
            return
        article_id, start = chosen
        self.open_article(article_id)
        if self.article_id == article_id:
            self.figure_index = next((i for i, f in enumerate(self.figures) if f.start == start), -1)

    def _exported(self, message: str | None) -> None:
        if message:
            self.notify(message, markup=False)

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self.bindings_by_pane(), PANE_NAMES))

    async def action_quit(self) -> None:
        self.app.exit()

    def action_next_pane(self) -> None:
        self.focus_next()

    def action_prev_pane(self) -> None:
        self.focus_previous()

    def action_cursor_down(self) -> None:
        self._navigate(lambda rows: rows.move_cursor(1), lambda r: r.scroll_down(animate=False))

    def action_cursor_up(self) -> None:
        self._navigate(lambda rows: rows.move_cursor(-1), lambda r: r.scroll_up(animate=False))

    def action_first(self) -> None:
        self._navigate(lambda rows: rows.move_to(0), lambda r: r.scroll_home(animate=False))

    def action_last(self) -> None:
        self._navigate(lambda rows: rows.move_to(rows.row_count - 1), lambda r: r.scroll_end(animate=False))

    def action_page_down(self) -> None:
        self._navigate(lambda rows: rows.page(1), lambda r: r.scroll_page_down(animate=False))

    def action_page_up(self) -> None:
        self._navigate(lambda rows: rows.page(-1), lambda r: r.scroll_page_up(animate=False))

    def action_open(self) -> None:
        self._navigate(lambda rows: rows.select_cursor(), lambda r: None)

    def _navigate(self, in_rows: Callable[[RowList], object], in_reading: Callable[[ReadingPane], object]) -> None:
        """A movement key acts on the focused pane: the list or the figures panel, or the reading pane."""
        pane = self.current_pane()
        if pane == "list":
            in_rows(self.article_list)
        elif pane == "figures":
            in_rows(self.figures_panel)
        elif pane == "reading":
            in_reading(self.reading_pane)
