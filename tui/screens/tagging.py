"""Tags on the claim: the number keys, the tag picker (a new tag, or rename, delete and move one of the set).

The main screen (tui/screens/main.py) is built on this, over the reader's state (tui/screens/state.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store import StoreError

from ..widgets.text import one_line
from .state import ReaderState

if TYPE_CHECKING:  # the picker loads when first opened, not at start-up
    from ..dialogs.tag_picker import TagChoice


class Tagging(ReaderState):
    """Every way a tag goes on or off the claim, each written to disk before the screen shows it."""

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
        except StoreError as error:  # too long, control characters…: the picker again, on what was typed, saying why
            self.action_tag_picker(typed=label, error=str(error))
            return
        self.tags = tuple(self.store.tags())
        if self.toggle_tag(label):
            self.notify(f"new tag {one_line(label)!r} added and put on the claim", markup=False)

    def action_tag(self, number: int) -> None:
        tags = self.store.tags()
        if not 1 <= number <= len(tags):
            self.notify(f"no tag {number}: the tag set has {len(tags)} tags (t adds one)", severity="warning", markup=False)
            return
        self.toggle_tag(tags[number - 1])

    def tag_with_label(self, label: str) -> None:
        """Toggle a tag given by name (the command palette's "Tag claim as …")."""
        self.toggle_tag(label)

    def action_tag_picker(self, typed: str = "", error: str = "") -> None:
        from ..dialogs.tag_picker import TagPicker

        annotation = self.claim_annotation()
        on_claim = list(annotation.tags) if annotation else []
        hint = "enter picks (✓ on the claim: again takes it off) · ctrl+r renames · ctrl+d deletes · ctrl+↑/↓ moves · esc cancels"
        picker = TagPicker(self.store.tags(), on_claim, title="Tag the claim", hint=hint, manage=True, typed=typed, error=error)
        self.app.push_screen(picker, self._picked_tag)

    def _picked_tag(self, choice: TagChoice | None) -> None:
        if choice is None:
            return
        if choice.manages:
            self.manage_tag(choice)
            return
        if choice.new:
            self.add_tag_and_toggle(choice.label)
        else:
            self.toggle_tag(choice.label)

    def manage_tag(self, choice: TagChoice) -> None:
        """Rename, delete or move a tag of the set (on disk, undoable), then open the picker again."""
        label = choice.label
        try:
            if choice.rename_to is not None:
                done = f"tag {one_line(label)!r} renamed to {one_line(self.store.rename_tag(label, choice.rename_to))!r}"
            elif choice.remove:
                done = f"tag {one_line(label)!r} deleted (from {self.store.remove_tag(label)} annotations; ctrl+z undoes)"
            else:
                tags = self.store.tags()
                self.store.move_tag(label, max(0, tags.index(label) + choice.move))
                done = f"tag {one_line(label)!r} is now key {self.store.tags().index(label) + 1}"
        except StoreError as error:
            self.notify_error(error)
        else:
            self.notify(done, markup=False)
        self.tags = tuple(self.store.tags())
        self.after_write()
        self.action_tag_picker()
