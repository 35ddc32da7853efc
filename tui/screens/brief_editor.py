"""The brief editor: the open brief's date and source, set by hand (key `D`, like `newsbrief edit`)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from store.model import Article

from ..widgets.text import one_line

# save(date, source) -> None once written, else the store's one-line refusal; None for a field = leave it
Save = Callable[[str | None, str | None], str | None]


class BriefEditor(ModalScreen[bool]):
    """Dismissed with True once the store took the change, False when cancelled or nothing changed.

    A refused date or source (the store's own message) is shown in the dialog, which stays open with
    what was typed.
    """

    BINDINGS = [Binding("escape", "cancel", "cancel", id="newsbrief.brief.cancel")]

    def __init__(self, article: Article, save: Save) -> None:
        super().__init__()
        self.title_text = article.title
        self.published = article.published or ""
        self.inferred = article.published_inferred and bool(article.published)
        self.source = one_line(article.source)  # control characters shown, as everywhere else
        self.save = save
        self.shown_source = self.source  # what the source input holds before any typing

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog brief-dialog"):
            yield Label(Content("Date and source of the brief"), classes="dialog-title")
            yield Label(Content.styled(one_line(self.title_text, 300), "italic $text-muted"), classes="brief-title")
            date_label = "Date (YYYY-MM-DD)"
            if self.inferred:
                date_label += ", inferred from the text: enter confirms it"
            yield Label(Content(date_label))
            yield Input(self.published, placeholder="YYYY-MM-DD (empty leaves the date as it is)", id="brief-date", select_on_focus=False)
            yield Label(Content("Source"))
            yield Input(self.source, placeholder="publisher or person (empty leaves the source as it is)", id="brief-source", select_on_focus=False)
            yield Label(Content(""), id="brief-error")
            yield Label(Content("enter saves · esc cancels · ctrl+z in the reader undoes"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.shown_source = self.query_one("#brief-source", Input).value
        self.query_one("#brief-date", Input).focus()

    def changes(self) -> tuple[str | None, str | None]:
        """(date, source) to write, None for a field left as it was."""
        date = self.query_one("#brief-date", Input).value.strip()
        source = self.query_one("#brief-source", Input).value
        new_date = date if date and (date != self.published or self.inferred) else None
        new_source = source if source.strip() and source != self.shown_source else None
        return new_date, new_source

    @on(Input.Submitted)
    def action_save(self) -> None:
        date, source = self.changes()
        if date is None and source is None:
            self.dismiss(False)
            return
        refusal = self.save(date, source)
        if refusal is not None:
            self.query_one("#brief-error", Label).update(Content(one_line(refusal, 300)))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
