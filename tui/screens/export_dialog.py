"""The export dialog: format and file, then the export runs in a worker thread and reports back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from store import Store, StoreError

from ..widgets.text import one_line

DEFAULT_NAMES = {"json": "annotations-export.json", "w3c": "annotations-export.w3c.json"}


class ExportDialog(ModalScreen[str | None]):
    """Dismissed with the message to show ("exported … to PATH"), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="newsbrief.export.cancel")]

    @dataclass
    class Finished(Message):
        """Posted by the export worker: the file written, or the one-line error."""

        path: Path
        count: int
        error: str | None

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.format = "json"
        self.running = False

    def default_path(self, fmt: str) -> Path:
        return self.store.folder / DEFAULT_NAMES[fmt]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog export-dialog"):
            yield Label(Content("Export annotations"), classes="dialog-title")
            with RadioSet(id="export-format"):
                yield RadioButton(Content("JSON (newsbrief format)"), value=True, id="format-json")
                yield RadioButton(Content("W3C Web Annotation (JSON-LD)"), id="format-w3c")
            yield Label(Content("File"))
            yield Input(str(self.default_path("json")), id="export-path", select_on_focus=False)
            yield Label(Content(""), id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Export"), variant="primary", id="export-go")
                yield Button(Content("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = "w3c" if event.pressed.id == "format-w3c" else "json"
        path_input = self.query_one(Input)
        if path_input.value.strip() in ("", str(self.default_path(self.format))):
            path_input.value = str(self.default_path(fmt))
        self.format = fmt

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        if self.running:
            return
        value = self.query_one(Input).value.strip()
        if not value:
            self._status("give a file to write")
            return
        path = Path(value).expanduser()
        if path.is_dir():
            path = path / DEFAULT_NAMES[self.format]
        self.running = True
        self._status(f"exporting to {path} …")
        self.export(self.format, path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        if not self.running:
            self.dismiss(None)

    def _status(self, text: str) -> None:
        self.query_one("#export-status", Label).update(Content(one_line(text, 300)))

    @work(thread=True, exclusive=True, group="export")
    def export(self, fmt: str, path: Path) -> None:
        """Build and write the export off the event loop; report with a message, touch no widget.

        The dialog is modal while this runs, so no key reaches the store meanwhile.
        """
        try:
            from store.exchange.annotated import write_export
            from store.exchange.json_export import export_json
            from store.exchange.w3c import export_w3c

            data = export_w3c(self.store) if fmt == "w3c" else export_json(self.store)
            write_export(data, path)
        except ImportError as error:
            self.post_message(self.Finished(path, 0, f"export is not available in this build ({error})"))
        except StoreError as error:
            self.post_message(self.Finished(path, 0, str(error)))
        except OSError as error:
            self.post_message(self.Finished(path, 0, f"{path}: cannot write ({error.strerror or error})"))
        else:
            self.post_message(self.Finished(path, len(self.store.annotations()), None))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        self.running = False
        if event.error is not None:
            self._status(event.error)
            self.notify(one_line(event.error, 300), severity="error", markup=False)
            return
        self.dismiss(f"exported {event.count} annotations ({self.format}) to {one_line(str(event.path))}")
