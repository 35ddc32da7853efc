"""The compare view: figures of all briefs grouped by what they measure; choosing a row opens the brief there."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from store.figure_text import describe_value
from store.safe_text import visible


class CompareScreen(Screen[tuple[str, int] | None]):
    """Dismissed with (article id, figure start) of the chosen row, or None."""

    BINDINGS = [Binding("escape,c,q", "close", "close", id="newsbrief.compare.close")]

    def __init__(self, groups: list[dict]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("date", "brief", "figure", "value", "said by", "also in")
        for group in self.groups:
            heading = Text(visible(group["label"]), "bold")
            if group["conflicting"]:
                heading.append("  conflicting", "bold red")
            table.add_row(heading, key=f"group:{group['id']}")
            for row in group["rows"]:
                date = "undated" if row["published"] is None else row["published"] + (" (from text)" if row["published_inferred"] else "")
                table.add_row(
                    Text(date),
                    Text(visible(row["brief_source"])),
                    Text(visible(row["text"])),
                    Text(describe_value(row)),
                    Text(visible(row["source"] or "—")),
                    Text(f"{len(row['also_in'])} more" if row["also_in"] else ""),
                    key=f"{row['article_id']}:{row['start']}",
                )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        article_id, _, start = (event.row_key.value or "").partition(":")
        if article_id != "group":
            self.dismiss((article_id, int(start)))

    def action_close(self) -> None:
        self.dismiss(None)
