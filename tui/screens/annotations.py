"""The annotations view: every annotation across the briefs, filtered by tag or text; enter opens it in the reader."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from store import Store
from store.model import Annotation

from ..widgets.annotation_table import AnnotationRow, AnnotationTable


class AnnotationsScreen(Screen[Annotation | None]):
    """Dismissed with the chosen annotation (the reader opens its brief with it as the claim), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "close", id="newsbrief.annotations.close"),
        Binding("slash", "filter", "filter", id="newsbrief.annotations.filter", tooltip="Filter by tag, note, words or brief"),
    ]

    def __init__(self, store: Store, annotations: list[Annotation]) -> None:
        """`annotations`: every annotation, read by the opener (which shows a damaged shard's refusal)."""
        super().__init__()
        self.store = store
        self.annotations = annotations

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="filter by tag, note, words or brief (enter: back to the list)", id="annotations-filter")
        yield AnnotationTable(id="annotations-table")
        yield Footer()

    def on_mount(self) -> None:
        briefs = {summary.id: summary for summary in self.store.summaries()}
        rows = [AnnotationRow(a, briefs[a.article_id]) for a in self.annotations if a.article_id in briefs]
        table = self.query_one(AnnotationTable)
        table.set_rows(rows)
        self._title()
        table.focus()

    def _title(self) -> None:
        table = self.query_one(AnnotationTable)
        shown = f"{table.row_count} of {table.total_count}" if table.row_count != table.total_count else str(table.total_count)
        table.border_title = Content(f"Annotations ({shown})")

    @on(Input.Changed, "#annotations-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_one(AnnotationTable).filter(event.value)
        self._title()

    @on(Input.Submitted, "#annotations-filter")
    def _filter_done(self) -> None:
        self.query_one(AnnotationTable).focus()

    @on(AnnotationTable.Chosen)
    def _chosen(self, event: AnnotationTable.Chosen) -> None:
        self.dismiss(event.annotation)

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
