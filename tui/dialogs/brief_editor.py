"""The brief editor: the open brief's date and source, set by hand (key `D`, like `newsbrief edit`)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from store.model import Article

from ..widgets.text import one_line
from .type_ahead import TypeAheadScreen


@dataclass(frozen=True)
class BriefEdit:
    """The date and source to write; None for a field left as it was."""

    date: str | None
    source: str | None


class BriefEditor(TypeAheadScreen[BriefEdit | None]):
    """Dismissed with the change, or None when cancelled or nothing changed.

    When the store refuses the change, the screen opens the editor again with what was typed (`typed`)
    and the store's one-line reason (`error`) shown in the dialog.
    """

    BINDINGS = [Binding("escape", "cancel", "cancel", id="newsbrief.brief.cancel")]

    def __init__(self, article: Article, *, typed: BriefEdit | None = None, error: str = "") -> None:
        super().__init__()
        self.title_text = article.title
        self.published = article.published or ""
        self.inferred = article.published_inferred and bool(article.published)
        self.source = one_line(article.source)  # control characters shown, as everywhere else
        self.typed = typed
        self.error = error
        self.shown_source = self.source  # what the source input holds before any typing

    def compose(self) -> ComposeResult:
        typed = self.typed or BriefEdit(None, None)
        with Vertical(id="dialog", classes="dialog brief-dialog"):
            yield Label(Content("Date and source of the brief"), classes="dialog-title")
            yield Label(Content.styled(one_line(self.title_text, 300), "italic $text-muted"), classes="brief-title")
            date_label = "Date (YYYY-MM-DD)"
            if self.inferred:
                date_label += ", inferred from the text: enter confirms it"
            yield Label(Content(date_label))
            yield Input(
                typed.date or self.published, placeholder="YYYY-MM-DD (empty leaves the date as it is)", id="brief-date", select_on_focus=False
            )
            yield Label(Content("Source"))
            yield Input(
                self.source, placeholder="publisher or person (empty leaves the source as it is)", id="brief-source", select_on_focus=False
            )
            yield Label(Content(one_line(self.error, 300)), id="brief-error")
            yield Label(Content("enter saves · esc cancels · ctrl+z in the reader undoes"), classes="dialog-hint")

    def on_mount(self) -> None:
        source = self.query_one("#brief-source", Input)
        self.shown_source = source.value
        if self.typed and self.typed.source is not None:
            source.value = self.typed.source
        date = self.query_one("#brief-date", Input)
        if self.typed is None:
            date.select_all()  # a date typed at once replaces the one shown; enter keeps it
        self.take_keys(date)

    def changes(self) -> BriefEdit:
        """The date and source to write, None for a field left as it was."""
        date = self.query_one("#brief-date", Input).value.strip()
        source = self.query_one("#brief-source", Input).value
        new_date = date if date and (date != self.published or self.inferred) else None
        new_source = source if source.strip() and source != self.shown_source else None
        return BriefEdit(new_date, new_source)

    @on(Input.Submitted)
    def action_save(self) -> None:
        edit = self.changes()
        self.dismiss(edit if edit != BriefEdit(None, None) else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
