"""The main screen: owns the reader's state, turns keys into store calls, hands state to the panes.

State lives here as typed reactives (the open article, its annotations, the claim, the figure, the
filters); the panes get it by `data_bind` and post their intent up as messages. The screen's keys
(tui/keys.py) work in every pane; each pane binds and handles its own movement keys. `check_action`
says which of the screen's keys have something to act on now, so the footer, the help screen and
the command palette always agree. Dialogs dismiss with what the user asked; the store calls are here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.screen import ModalScreen
from textual.widgets import Header, Input

from store import DiskChanges, Store, StoreError
from store.model import Annotation, Article, Claim
from tui.keys import CLEAR_FILTER, SCREEN_KEYS
from tui.place import Place
from tui.presentation import describe_date

from ..dialogs.type_ahead import passing
from ..widgets.article_list import ArticleList
from ..widgets.claim_bar import ClaimBar
from ..widgets.figures_panel import FiguresPanel
from ..widgets.footer import KeyFooter
from ..widgets.reading_pane import ReadingPane
from ..widgets.text import one_line
from .brief_actions import BriefActions
from .search import SearchingReader
from .tagging import Tagging

if TYPE_CHECKING:  # the dialogs load when first opened, not at start-up
    from ..dialogs.brief_editor import BriefEdit
    from ..dialogs.export_dialog import ExportChoice
    from ..dialogs.note_editor import NoteEdit, NoteEditor
    from .exporting import ExportOutcome
    from .indexing import IndexOutcome

NARROW = 100  # columns: below this the figures panel hides (g shows it)
PANE_NAMES = {"list": "list", "reading": "reading", "figures": "figures"}
FOLLOW_EVERY = 0.5  # seconds between looks at what other readers and commands wrote to the store

NEEDS_CLAIM = {
    "next_claim", "prev_claim", "extend_claim", "shrink_claim", "claim_word", "tag", "tag_picker", "note", "remove", "next_annotation", "pick_annotation",
}
NEEDS_FIGURES = {"next_figure", "prev_figure"}
IN_SEARCH = {"next_pane", "prev_pane", "clear_filter"}  # the search box takes every other key as text


class SearchBox(Input):
    """The `/` search of titles and texts (tui/screens/search.py); hidden until asked for; escape clears it, as in the list."""

    BINDINGS: ClassVar[list[BindingType]] = [CLEAR_FILTER]


class MainScreen(SearchingReader, BriefActions, Tagging, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [*SCREEN_KEYS]
    AUTO_FOCUS = "ArticleList"  # focus starts on the list: no footer rebuild for a passing focus

    def __init__(self, store: Store, *, place: Place | None = None) -> None:
        super().__init__(store)
        self.note_editor: NoteEditor | None = None  # while open: what it holds is saved if the app quits
        self.left_off = place  # where the user was when the reader last closed
        self._wide: bool | None = None

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="list-column"):
                yield SearchBox(placeholder='search titles and texts: words, "a phrase"', id="search")
                yield ArticleList(id="list").data_bind(
                    MainScreen.article_id, MainScreen.sort_by, MainScreen.search_ids, MainScreen.tag_filter, MainScreen.tag_filter_ids,
                    MainScreen.reviewed, MainScreen.unreviewed_only,
                )
            with Vertical(id="reading-column"):
                yield ReadingPane(id="reading").data_bind(
                    MainScreen.article,
                    MainScreen.annotations,
                    MainScreen.claim,
                    MainScreen.figure_index,
                    MainScreen.tags,
                    MainScreen.show_repeats,
                    MainScreen.search_spans,
                    MainScreen.match_index,
                )
                yield ClaimBar(id="claim-bar").data_bind(
                    MainScreen.article, MainScreen.annotations, MainScreen.claim, MainScreen.figure_index, MainScreen.tags
                )
            yield FiguresPanel(id="figures").data_bind(MainScreen.article, MainScreen.figure_index)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.tags = tuple(self.store.tags())
        self.show_reviewed()
        self.article_list.set_summaries(self.store.listing())
        self.sub_title_update()
        self.article_list.focus()
        first = self.article_list.cursor_id
        if not self.take_up(self.left_off) and first is not None:
            self.open_article(first)
        self.set_interval(FOLLOW_EVERY, self.follow_store)

    # --- other processes' writes ----------------------------------------------------------------

    def follow_store(self) -> None:
        """Show what other readers and commands wrote since the last look, keeping the user's place.

        Not while a worker reads the store (the compare view, an export): it looks again when it is done.
        """
        from .exporting import Exporting
        from .importing import Importing

        top = self.app.screen
        if top is not self and (not isinstance(top, ModalScreen) or isinstance(top, Exporting | Importing)):
            return
        try:
            changes = self.store.refresh()
        except StoreError as error:
            self.notify_error(error)
            return
        if changes:
            self.show_store_changes(changes)

    def show_store_changes(self, changes: DiskChanges) -> None:
        if changes.record:
            self.tags = tuple(self.store.tags())
            if self.tag_filter is not None:
                try:
                    self.tag_filter_ids = frozenset(a.article_id for a in self.store.annotations() if self.tag_filter in a.tags)
                except StoreError as error:  # a shard the other process wrote is damaged: the filter stays as it was
                    self.notify_error(error)
        if changes.briefs and self.search_ids is not None:
            self.run_search(self.search_text)  # what the words find changed with the briefs
        self.show_reviewed()
        self.article_list.set_summaries(self.store.listing())  # the cursor stays on its brief (the list titles itself)
        self.follow_brief_set()
        if self.article_id is not None:
            if changes.briefs and (stored := self.store.article(self.article_id)) != self.article:
                self.article = stored
            if changes.record:
                self.annotations = tuple(self.store.annotations(self.article_id))
        self.refresh_bindings()

    def on_key(self, event: Key) -> None:
        passing(event, self)  # typed after a key that opens a dialog, the app gives it to the dialog

    # --- what the keys have to act on -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True: the key works now; None: nothing to act on (shown dimmed); False: not while typing a search."""
        if isinstance(self.focused, SearchBox):
            return action in IN_SEARCH
        if action == "clear_filter":
            return True if self.is_filtered else None
        if action in NEEDS_CLAIM:
            if self.claim_span is None:
                return None
            if action in ("remove", "pick_annotation"):
                return True if self.annotations_under_claim() else None
            if action == "next_annotation":
                return True if self.annotations else None
            return True
        if action == "next_match":
            return True if self.search_ids is not None else None
        if action in NEEDS_FIGURES:
            return True if self.article and self.article.figures else None
        if action == "claim_figure":
            return True if 0 <= self.figure_index < len(self.figures) and self.claim_span is not None else None
        if action == "toggle_repeats":
            return True if self.article and self.article.has_repeats else None
        if action in ("edit_brief", "toggle_reviewed"):
            return True if self.article is not None else None
        if action == "remove_brief":
            return True if self.article is not None and not self.store.readonly else None
        if action == "open_url":
            return True if self.article is not None and self.article.url else None
        return True

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)

    @on(ReadingPane.SentenceClicked)
    def _sentence_clicked(self, event: ReadingPane.SentenceClicked) -> None:
        self.claim = Claim(event.index, event.index)
        self.refresh_bindings()

    @on(FiguresPanel.FigureHighlighted)
    def _figure_highlighted(self, event: FiguresPanel.FigureHighlighted) -> None:
        self.show_figure(event.index)

    @on(FiguresPanel.FigureChosen)
    def _figure_chosen(self, event: FiguresPanel.FigureChosen) -> None:
        self.show_figure(event.index, claim_it=True)

    # --- search and filters -------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.article_list.focus()

    def watch_search_text(self) -> None:
        self.refresh_bindings()  # escape now has a filter to clear, or none

    def watch_tag_filter(self) -> None:
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

    def write_note(self, text: str, *, show: bool = True) -> bool:
        """Write the claim's note and (with `show`) show it; False if the store refused it."""
        span = self.claim_span
        if span is None or self.article_id is None:
            return False
        try:
            self.store.set_note(self.article_id, span[0], span[1], text)
        except StoreError as error:
            self.notify_error(error)
            return False
        if show:
            self.after_write()
        return True

    # --- actions --------------------------------------------------------------------------------

    def action_note(self, typed: str | None = None) -> None:
        from ..dialogs.note_editor import NoteEditor

        if self.store.readonly:
            self.notify_error(StoreError(f"{self.store.folder}: the store is open read-only; notes cannot be saved"))
            return
        span = self.claim_span
        if span is None or self.article is None:
            return
        annotation = self.claim_annotation()
        quote = self.article.text[span[0] : span[1]]
        self.note_editor = NoteEditor(quote, (annotation.note or "") if annotation else "", typed=typed)
        self.app.push_screen(self.note_editor, self._noted)

    def _noted(self, edit: NoteEdit | None) -> None:
        self.note_editor = None
        if edit is not None and not self.write_note(edit.text):
            self.action_note(typed=edit.text)  # refused: the editor again, on what was typed

    def on_unmount(self) -> None:
        # The app is closing with the note editor open (ctrl+q, a signal): keep what was typed.
        editor, self.note_editor = self.note_editor, None
        if editor is not None and (edit := editor.edit()) is not None:
            self.write_note(edit.text, show=False)  # the panes are gone already

    def action_edit_brief(self) -> None:
        if self.store.readonly:
            self.notify_error(StoreError(f"{self.store.folder}: the store is open read-only; the date and source cannot be set"))
            return
        self._open_brief_editor()

    def _open_brief_editor(self, typed: BriefEdit | None = None, error: str = "") -> None:
        from ..dialogs.brief_editor import BriefEditor

        if self.article is not None:
            self.app.push_screen(BriefEditor(self.article, typed=typed, error=error), self._brief_edited)

    def _brief_edited(self, edit: BriefEdit | None) -> None:
        """Set the open brief's date or source; a refusal opens the editor again on what was typed, saying why."""
        if edit is None or self.article_id is None:
            return
        try:
            article = self.store.edit(self.article_id, date=edit.date, source=edit.source)
        except StoreError as error:
            self._open_brief_editor(edit, str(error))
            return
        self.show_edited_brief(article)
        self.notify(f"dated {describe_date(article)} · {one_line(article.source, 60)}", markup=False)

    def show_edited_brief(self, article: Article) -> None:
        """The open brief's date or source changed on disk: its list row (re-sorted) and its pane follow."""
        self.article_list.set_summaries(self.store.listing())  # the cursor stays on its brief
        self.article = article

    def action_remove(self) -> None:
        """Remove the claim's own annotation, else the one under it; several under it: the user picks."""
        under = self.annotations_under_claim()
        exact = self.claim_annotation()
        if exact is not None or len(under) == 1:
            self.remove_annotation(exact or under[0])
        elif under:
            self.pick_annotation("Remove which annotation?", self.remove_annotation)
        else:
            self.notify("the claim has no annotation to remove", severity="warning")

    def remove_annotation(self, annotation: Annotation) -> None:
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
        self.show_reviewed()
        self.article_list.set_summaries(self.store.listing())
        self.follow_brief_set()  # a redo of a removal
        if self.article_id is not None and (stored := self.store.article(self.article_id)) != self.article:
            self.article = stored  # an edit of its date or source was undone or redone
        self.after_write()
        self.notify(f"{verb} done: {one_line(label)}", markup=False)

    def action_undo(self) -> None:
        self._undo_redo(self.store.undo, "undo")

    def action_redo(self) -> None:
        self._undo_redo(self.store.redo, "redo")

    def action_search(self) -> None:
        """Open the search box; first, with progress, index what the index misses (an older format)."""
        try:
            behind = self.store.search_behind()
        except StoreError:  # a damaged index: the box opens, and its first search says how to rebuild
            behind = False
        if behind:
            from .indexing import Indexing

            self.app.push_screen(Indexing(self.store.folder), self._indexed)
            return
        box = self.search_box
        box.display = True
        box.focus()

    def _indexed(self, outcome: IndexOutcome | None) -> None:
        if outcome is None:
            return
        self.notify(one_line(outcome.summary(), 300), severity="error" if outcome.error else "information", markup=False)
        if outcome.error is None and not outcome.stopped:
            self.action_search()

    def action_clear_filter(self) -> None:
        self.run_search("")
        self.tag_filter = None
        self.tag_filter_ids = None
        self.unreviewed_only = False
        box = self.search_box
        box.value = ""
        box.display = False
        self.article_list.focus()

    def action_toggle_repeats(self) -> None:
        self.show_repeats = not self.show_repeats
        shown = "shown" if self.show_repeats else "hidden"
        self.notify(f"paragraphs repeated from earlier briefs: {shown}", markup=False)

    def action_toggle_figures(self) -> None:
        self.show_figures = not self.show_figures

    def action_export(self, typed: ExportChoice | None = None, error: str = "") -> None:
        from ..dialogs.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog(self.store.folder, typed=typed, error=error), self._export_chosen)

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        from .exporting import Exporting

        if choice is not None:
            self.app.push_screen(Exporting(self.store, choice), self._exported)

    def _exported(self, outcome: ExportOutcome | None) -> None:
        if outcome is None:
            return
        if outcome.error is not None:
            self.notify(one_line(outcome.error, 300), severity="error", markup=False)
            self.action_export(outcome.choice, outcome.error)  # the dialog again, on the same choice, saying why
            return
        choice = outcome.choice
        self.notify(f"exported {outcome.count} annotations ({choice.format}) to {one_line(str(choice.path))}", markup=False)

    def action_annotations(self) -> None:
        from .annotations import AnnotationsScreen

        try:
            annotations = self.store.annotations()  # every shard: a damaged one is refused before the screen opens
        except StoreError as error:
            self.notify_error(error)
            return
        self.app.push_screen(AnnotationsScreen(self.store, annotations), self._annotation_chosen)

    def _annotation_chosen(self, annotation: Annotation | None) -> None:
        """Open the chosen annotation's brief with exactly the annotation as the claim."""
        if annotation is not None:
            self.open_article(annotation.article_id)
            if self.article_id == annotation.article_id:
                self.claim_annotation_span(annotation)

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
            self.show_figure(next((i for i, f in enumerate(self.figures) if f.start == start), -1))

    def action_help(self) -> None:
        from .help import HelpScreen, help_rows

        self.app.push_screen(HelpScreen(help_rows(self, self.panes()), PANE_NAMES))

    async def action_quit(self) -> None:
        self.app.exit()

    def action_next_pane(self) -> None:
        self.focus_next()

    def action_prev_pane(self) -> None:
        self.focus_previous()
