"""An import running from the reader: a modal that imports in a worker thread, with its progress,
and cannot be closed until it is done (no key reaches the store while the worker writes it).

It imports through the code `newsbrief import` runs: bundles by `import_bundle`, the rest by
`Store.import_paths`, which reports each bad file, line or feed entry and imports the rest, then
makes the compare groups, so that the compare view opens at once. The
worker opens the store folder for itself (the reader's opening keeps its SQLite search index to the
thread that made it), and the reader then reads what it wrote as it reads any other process's write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, ProgressBar

from store import Store, StoreError
from store.library.library import ImportReport

from ..widgets.text import one_line


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the briefs added and updated, the refusals (one line each), or why it stopped."""

    targets: list[str]
    added: list[str] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)
    error: str | None = None  # the import could not run at all (a store error)

    def summary(self) -> str:
        """One line for the reader's notification."""
        if self.error is not None:
            return f"import stopped: {self.error}"
        line = f"imported {len(self.added)} briefs, {self.updated} updated, {self.unchanged} already in the store"
        if self.refused:
            more = f" (and {len(self.refused) - 1} more)" if len(self.refused) > 1 else ""
            line += f", {len(self.refused)} refused: {self.refused[0]}{more}"
        return line


class Importing(ModalScreen[ImportOutcome]):
    """Dismissed with the outcome once the worker is done."""

    @dataclass
    class Progressed(Message):
        done: int
        total: int
        added: int
        refused: int

    @dataclass
    class Grouping(Message):
        """The compare groups being made once the briefs are in (so that the compare view opens at once)."""

        done: int
        total: int

    @dataclass
    class Finished(Message):
        outcome: ImportOutcome

    def __init__(self, folder: Path, targets: list[str]) -> None:
        super().__init__()
        self.folder = folder
        self.targets = targets

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog import-dialog"):
            yield Label(Content("Importing"), classes="dialog-title")
            yield Label(Content(one_line(" ".join(self.targets), 300)), id="import-targets")
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Label(Content("reading…"), id="import-status")

    def on_mount(self) -> None:
        self.run_import()

    @work(thread=True, exclusive=True, group="import")
    def run_import(self) -> None:
        """Import off the event loop; report with messages, touch no widget."""
        from store.exchange.bundle import import_bundle, is_bundle, read_bundle

        def progress(done: int, total: int, report: ImportReport) -> None:
            self.post_message(self.Progressed(done, total, len(report.added), len(report.errors)))

        def grouping(done: int, total: int) -> None:
            self.post_message(self.Grouping(done, total))

        bundles = [target for target in self.targets if is_bundle(Path(target))]
        paths = [target for target in self.targets if target not in bundles]
        try:
            with Store(self.folder) as store:
                added: list[str] = []
                regrouped = False
                for bundle in bundles:
                    before = {s.id for s in store.summaries()}
                    regrouped = bool(import_bundle(store, read_bundle(Path(bundle))).regroupings_added) or regrouped
                    added += [s.id for s in store.summaries() if s.id not in before]
                report = store.import_paths(paths, progress) if paths else ImportReport()
                if added or regrouped or report.added or report.updated:  # as `newsbrief import`
                    store.compare(progress=grouping)
        except StoreError as error:
            outcome = ImportOutcome(self.targets, error=str(error))
        else:
            refused = [str(error) for error in report.errors]
            outcome = ImportOutcome(self.targets, added + report.added, len(report.updated), report.unchanged, refused)
        self.post_message(self.Finished(outcome))

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)
        status = f"{event.done}/{event.total} files read · {event.added} briefs added · {event.refused} refused"
        self.query_one("#import-status", Label).update(Content(status))

    @on(Grouping)
    def _grouping(self, event: Grouping) -> None:
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)
        self.query_one("#import-status", Label).update(Content(f"grouping figures: {event.done:,} of {event.total:,} briefs"))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        self.dismiss(event.outcome)
