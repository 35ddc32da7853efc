"""The export dialog: which format, and which file. The export itself runs in `tui.screens.exporting`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from ..widgets.text import one_line
from .type_ahead import TypeAheadScreen

DEFAULT_NAMES = {"json": "annotations-export.json", "w3c": "annotations-export.w3c.json"}


@dataclass(frozen=True)
class ExportChoice:
    """Export every annotation in `format` ("json" or "w3c") to the file `path`."""

    format: str
    path: Path


class ExportDialog(TypeAheadScreen[ExportChoice | None]):
    """Dismissed with the format and file, or None when cancelled. A failed export opens it again with the
    choice (`typed`) and the one-line reason (`error`)."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="newsbrief.export.cancel")]

    def __init__(self, folder: Path, *, typed: ExportChoice | None = None, error: str = "") -> None:
        super().__init__()
        self.folder = folder  # the default file goes beside the store
        self.format = typed.format if typed else "json"
        self.typed = typed
        self.error = error

    def default_path(self, fmt: str) -> Path:
        return self.folder / DEFAULT_NAMES[fmt]

    def compose(self) -> ComposeResult:
        path = self.typed.path if self.typed else self.default_path(self.format)
        with Vertical(id="dialog", classes="dialog export-dialog"):
            yield Label(Content("Export annotations"), classes="dialog-title")
            with RadioSet(id="export-format"):
                yield RadioButton(Content("JSON (newsbrief format)"), value=self.format == "json", id="format-json")
                yield RadioButton(Content("W3C Web Annotation (JSON-LD)"), value=self.format == "w3c", id="format-w3c")
            yield Label(Content("File"))
            yield Input(str(path), id="export-path", select_on_focus=False)
            yield Label(Content(one_line(self.error, 300)), id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Export"), variant="primary", id="export-go")
                yield Button(Content("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.take_keys(self.query_one(Input))

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
        value = self.query_one(Input).value.strip()
        if not value:
            self.query_one("#export-status", Label).update(Content("give a file to write"))
            return
        path = Path(value).expanduser()
        if path.is_dir():
            path = path / DEFAULT_NAMES[self.format]
        self.dismiss(ExportChoice(self.format, path))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
