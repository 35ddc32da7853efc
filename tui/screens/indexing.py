"""Indexing for search from the reader: the modal `/` opens when the index must first catch up.

An index of an older format (an upgrade of newsbrief), or one a crash left behind, is built before
the first search (at 100,000 briefs a rebuild takes about 40 s). Typing into a search box that
waited that long for its first letter would look hung, so `/` shows this modal with its progress
first, and the search box once it is done. `esc` stops it: the index is derived data, a stopped
rebuild leaves the old file as it was, and the next `/` starts again. Like `Importing`, the worker
opens the store folder for itself (the reader's opening keeps its SQLite index to its own thread),
and no key reaches the store while the worker holds its lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, ProgressBar
from textual.worker import WorkerCancelled, get_current_worker

from store import Store, StoreError


@dataclass(frozen=True)
class IndexOutcome:
    """How indexing ended: the briefs indexed, stopped by `esc`, or the store error that stopped it."""

    indexed: int = 0
    stopped: bool = False
    error: str | None = None

    def summary(self) -> str:
        """One line for the reader's notification."""
        if self.error is not None:
            return f"indexing for search stopped: {self.error}"
        if self.stopped:
            return "indexing for search stopped; / starts it again"
        return f"indexed {self.indexed:,} briefs for search"


class Indexing(ModalScreen[IndexOutcome]):
    """Dismissed with the outcome once the worker is done or stopped."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stop", "stop")]

    @dataclass
    class Progressed(Message):
        done: int
        total: int

    @dataclass
    class Finished(Message):
        outcome: IndexOutcome

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(Content("Indexing briefs for search"), classes="dialog-title")
            yield ProgressBar(id="index-progress", show_eta=False)
            yield Label(Content("the search index must be built before the first search…"), id="index-status")
            yield Label(Content("esc stops (the next / starts again)"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.run_indexing()

    @work(thread=True, exclusive=True, group="index")
    def run_indexing(self) -> None:
        """Index off the event loop; report with messages, touch no widget."""
        worker = get_current_worker()
        indexed = 0

        def progress(done: int, total: int) -> None:
            nonlocal indexed
            if worker.is_cancelled:
                raise WorkerCancelled
            indexed = done
            self.post_message(self.Progressed(done, total))

        try:
            with Store(self.folder) as store:
                store.catch_up_search(progress)
        except WorkerCancelled:  # esc
            outcome = IndexOutcome(indexed, stopped=True)
        except StoreError as error:
            outcome = IndexOutcome(indexed, error=str(error))
        else:
            outcome = IndexOutcome(indexed)
        self.post_message(self.Finished(outcome))

    def action_stop(self) -> None:
        self.workers.cancel_group(self, "index")
        self.query_one("#index-status", Label).update(Content("stopping…"))

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)
        self.query_one("#index-status", Label).update(Content(f"{event.done:,} of {event.total:,} briefs indexed"))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        self.dismiss(event.outcome)
