"""The export running: a modal that writes the chosen export in a worker thread and cannot be closed until it is done.

While it shows, no key reaches the reader, so nothing writes to the store while the worker reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label

from store import Store, StoreError

from ..dialogs.export_dialog import ExportChoice
from ..widgets.text import one_line


@dataclass(frozen=True)
class ExportOutcome:
    """What an export did: `count` annotations written to the choice's file, or the one-line `error`."""

    choice: ExportChoice
    count: int
    error: str | None


class Exporting(ModalScreen[ExportOutcome]):
    """Dismissed with the outcome once the worker is done."""

    @dataclass
    class Finished(Message):
        """Posted by the export worker."""

        outcome: ExportOutcome

    def __init__(self, store: Store, choice: ExportChoice) -> None:
        super().__init__()
        self.store = store
        self.choice = choice

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog export-dialog"):
            yield Label(Content("Export annotations"), classes="dialog-title")
            yield Label(Content(one_line(f"exporting to {self.choice.path} …", 300)), id="export-status")

    def on_mount(self) -> None:
        self.export()

    @work(thread=True, exclusive=True, group="export")
    def export(self) -> None:
        """Build and write the export off the event loop; report with a message, touch no widget."""
        choice = self.choice
        path = choice.path
        try:
            from store.exchange.annotated import write_export
            from store.exchange.json_export import export_json
            from store.exchange.w3c import export_w3c

            data = export_w3c(self.store) if choice.format == "w3c" else export_json(self.store)
            write_export(data, path)
        except ImportError as error:
            outcome = ExportOutcome(choice, 0, f"export is not available in this build ({error})")
        except StoreError as error:
            outcome = ExportOutcome(choice, 0, str(error))
        except OSError as error:
            outcome = ExportOutcome(choice, 0, f"{path}: cannot write ({error.strerror or error})")
        else:
            outcome = ExportOutcome(choice, len(self.store.annotations()), None)
        self.post_message(self.Finished(outcome))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        self.dismiss(event.outcome)
