"""What the reader does to whole briefs: mark them reviewed, show only the unreviewed, remove one
(asked first, undone by ctrl+z with its annotations) and import more, as `newsbrief import` does.

The main screen (tui/screens/main.py) is built on this, over the reader's state (tui/screens/state.py).
"""

from __future__ import annotations

import shlex

from textual.notifications import SeverityLevel
from textual.reactive import reactive

from store import StoreError

from ..widgets.text import one_line
from .state import ReaderState


class BriefActions(ReaderState):
    """The reviewed marks and the unreviewed filter as state the list is bound to, and the keys R, u, X, I."""

    reviewed: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    unreviewed_only: reactive[bool] = reactive(False, repaint=False)

    @property
    def is_filtered(self) -> bool:
        return super().is_filtered or self.unreviewed_only

    def show_reviewed(self) -> None:
        """Read the reviewed marks again (after a write, an undo, or another process's write)."""
        self.reviewed = self.store.reviewed()

    def follow_brief_set(self) -> None:
        """The list's briefs changed (an undo or redo of a removal, another process's import): the
        subtitle counts them again, and if the open brief is gone, the one under the cursor opens."""
        self.sub_title_update()
        if self.article_id is None or self.article_id in self.article_list.row_ids:
            return
        if self.article_list.cursor_id is not None:
            self.open_article(self.article_list.cursor_id)
        else:
            self.article_id = None
            self.article = None
            self.annotations = ()
            self.claim = None

    # --- reviewed --------------------------------------------------------------------------------

    def action_toggle_reviewed(self) -> None:
        """Mark the open brief reviewed (or not any more); with the unreviewed filter on, the cursor moves on."""
        article_id = self.article_id
        if article_id is None:
            return
        try:
            now = self.store.toggle_reviewed(article_id)
        except StoreError as error:
            self.notify_error(error)
            return
        self.show_reviewed()
        self.refresh_bindings()
        title = one_line(self.article.title, 60) if self.article else article_id
        self.notify(f"{title!r}: {'reviewed' if now else 'not reviewed'} (ctrl+z undoes)", markup=False)

    def action_unreviewed_filter(self) -> None:
        self.unreviewed_only = not self.unreviewed_only
        self.refresh_bindings()

    # --- removing a brief ---------------------------------------------------------------------

    def action_remove_brief(self) -> None:
        """Ask, then remove the brief under the list cursor (the open one when the list is empty of it)."""
        from ..dialogs.confirm import ConfirmDialog

        article_id = self.article_list.cursor_id or self.article_id
        if article_id is None:
            return
        summary = self.article_list.summary(article_id)
        title = summary.title if summary else article_id
        try:
            count = len(self.store.annotations(article_id))
        except StoreError as error:
            self.notify_error(error)
            return
        detail = f"{count} annotations go with it · ctrl+z brings it back with them"
        self.app.push_screen(ConfirmDialog("Remove this brief from the store?", title, detail), lambda yes: self._remove_brief(article_id, yes))

    def _remove_brief(self, article_id: str, yes: bool | None) -> None:
        if not yes:
            return
        ids = self.article_list.row_ids
        at = ids.index(article_id) if article_id in ids else 0
        try:
            [removed] = self.store.remove([article_id])
        except StoreError as error:
            self.notify_error(error)
            return
        self.show_reviewed()
        self.article_list.set_summaries(self.store.listing())
        if left := self.article_list.row_ids:
            self.article_list.move_to(min(at, len(left) - 1))
        self.follow_brief_set()
        self.refresh_bindings()
        self.notify(f"removed {one_line(removed.title, 60)!r} and its {removed.annotations} annotations (ctrl+z brings it back)", markup=False)

    # --- importing ----------------------------------------------------------------------------

    def action_import_briefs(self, typed: str = "", error: str = "") -> None:
        from ..dialogs.import_dialog import ImportDialog

        if self.store.readonly:
            self.notify_error(StoreError(f"{self.store.folder}: the store is open read-only; nothing can be imported"))
            return
        self.app.push_screen(ImportDialog(typed=typed, error=error), self._import_chosen)

    def _import_chosen(self, targets: list[str] | None) -> None:
        from .importing import Importing

        if targets:
            self.app.push_screen(Importing(self.store.folder, targets), self._imported)

    def _imported(self, outcome: object) -> None:
        from .importing import ImportOutcome

        if not isinstance(outcome, ImportOutcome):
            return
        try:
            self.store.refresh()  # what the worker's opening of the store wrote
        except StoreError as error:
            self.notify_error(error)
        self.article_list.set_summaries(self.store.listing())
        self.show_reviewed()
        self.sub_title_update()
        severity: SeverityLevel = "error" if outcome.error else "warning" if outcome.refused else "information"
        self.notify(one_line(outcome.summary(), 300), severity=severity, markup=False)
        if outcome.error is not None:
            self.action_import_briefs(shlex.join(outcome.targets), outcome.error)  # the dialog again, on what was typed
            return
        if outcome.added and outcome.added[0] in self.article_list.row_ids:
            self.article_list.show_article(outcome.added[0])
            if self.article_id is None:
                self.open_article(outcome.added[0])
