"""The command line's output: one-line messages and errors, JSON for programs, tables that fit the terminal, progress bars.

Every piece of text comes from untrusted data or may: literal text (`visible`), never markup. Rich
(20 ms to import, a fifth of a short command's run) loads only for what needs it: tables, styled
text at a terminal, progress bars.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

import orjson

from store.safe_text import visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.progress import Progress, TaskID
    from rich.table import Table
    from rich.text import Text

Part = str | tuple[str, str]  # literal text, or literal text and the Rich style it takes at a terminal
PROGRESS_AFTER = 1.0  # seconds: work quicker than this (an import, grouping, indexing) shows no progress bar


def err(line: str) -> None:
    print(visible(line), file=sys.stderr)


def print_json(data: Any) -> None:
    """JSON for programs. orjson writes 13 MB of figures in 0.013 s where the json module takes 0.48 s;
    the json module stays for the integers beyond 64 bits orjson refuses."""
    try:
        sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    except TypeError:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class Output:
    """Standard output. A message is one line of literal text: styled at a terminal, plain and never
    wrapped into a pipe or a file (a script reads one line per message, however long)."""

    def __init__(self) -> None:
        self._console: Console | None = None

    def line(self, *parts: Part) -> None:
        styled = [(visible(part), "") if isinstance(part, str) else (visible(part[0]), part[1]) for part in parts]
        if not _styled(sys.stdout):
            sys.stdout.write("".join(text for text, _ in styled) + "\n")
            return
        from rich.text import Text

        self.print(Text.assemble(*styled))

    def print(self, renderable: RenderableType) -> None:
        """A table or a `Text` (never a str: Rich would read it as markup)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=False)
        self._console.print(renderable)


class ProgressBar:
    """`bar(done, total, what)` for long work, on stderr: a Rich bar on a terminal once the work has
    taken over `PROGRESS_AFTER`; off a terminal nothing, or with `announce` one line as it starts
    (why a command is slow: the search index being built). Nothing with --json (`quiet`)."""

    def __init__(self, label: str, *, quiet: bool, announce: bool = False) -> None:
        self.label = label
        self.quiet = quiet
        self.announce = announce
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._told = False

    def __call__(self, done: int, total: int, what: str | None = None) -> None:
        if self.quiet:
            return
        if not _styled(sys.stderr):
            if self.announce and not self._told:
                self._told = True
                err(f"newsbrief: {self.label} ({total} briefs)…")
            return
        if self._progress is None or self._task is None:
            if time.monotonic() - self._started <= PROGRESS_AFTER:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._task = self._progress.add_task(what or self.label, total=total, completed=done)  # its first frame is the work as it stands
            self._progress.start()
            return
        self._progress.update(self._task, completed=done, total=total, description=what or self.label)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def _styled(stream: TextIO) -> bool:
    """Rich's own test for a terminal (TTY_COMPATIBLE, then FORCE_COLOR, then isatty), without loading Rich."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return stream.isatty()
    except ValueError:  # closed
        return False


def cell(value: object) -> Text:
    """A table cell from untrusted data: literal text, never markup."""
    from rich.text import Text

    return Text("" if value is None else visible(str(value)))


def fitted_table(*columns: str, whole: tuple[str, ...] = (), wide: tuple[str, ...] = ()) -> Table:
    """A table that fits the terminal: each cell on one line, a long one cut with "…" (never wrapped into a
    column of single words); the `whole` columns (ids, dates, counts) keep their full width, the others share
    the rest, the `wide` ones (a title) three times the share of the others. A rule under the header and no
    borders: at 80 columns the borders of six columns took 19 of them."""
    from rich import box
    from rich.table import Table

    table = Table(expand=True, box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0))
    for name in columns:
        if name in whole:
            table.add_column(name, no_wrap=True)
        else:
            table.add_column(name, no_wrap=True, overflow="ellipsis", ratio=3 if name in wide else 1, min_width=4)
    return table
