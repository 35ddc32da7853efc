"""Fixtures for the reader's Pilot tests: a store folder, the reader running on it, the screen as text, store reads.

The screen readers (`screen_text`, `screen_lines`, `toasts`) and the disk readers (`read_annotations`,
`read_tags`) are fixtures that hand back the function, so a test asks for what it uses by name.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from store import Store
from store.model import Annotation
from tui.app import NewsbriefApp, create_app

from checkout import with_seeds

SIZE = (120, 40)

CELL_WIDTH = 12.2  # px per cell in Textual's SVG screenshots
_TEXT = re.compile(r'<text[^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>([^<]*)</text>')


def _screen_lines(app: NewsbriefApp) -> list[str]:
    """What the terminal shows, line by line, read back from the app's own SVG screenshot."""
    svg = app.export_screenshot()
    rows: dict[int, list[tuple[int, str]]] = {}
    for x, line, text in _TEXT.findall(svg):
        rows.setdefault(int(line), []).append((round(float(x) / CELL_WIDTH), html.unescape(text).replace("\xa0", " ").replace("\n", "")))
    lines = []
    for number in range(max(rows, default=-1) + 1):
        out, cells = "", 0
        for column, text in sorted(rows.get(number, [])):
            if column > cells:
                out += " " * (column - cells)
                cells = column
            out += text
            cells += cell_len(text)
        lines.append(out)
    return lines


def _toasts(app: NewsbriefApp) -> list[str]:
    """The text of the notifications on screen, as their widgets render it."""
    texts = []
    for toast in app.screen.query("Toast"):
        rendered = toast.render()
        texts.append(getattr(rendered, "plain", str(rendered)))
    return texts


def _read_annotations(folder: Path) -> list[Annotation]:
    """The annotations on disk, read by a second, read-only opening of the store (no lock needed)."""
    with Store(folder, readonly=True) as store:
        return store.annotations()


def _read_tags(folder: Path) -> list[str]:
    with Store(folder, readonly=True) as store:
        return store.tags()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The reader's store folder, holding the five seed briefs (a new store folder starts empty)."""
    return with_seeds(tmp_path / "store")


@pytest.fixture
def size() -> tuple[int, int]:
    """The terminal most tests run in."""
    return SIZE


@pytest.fixture
def screen_lines() -> Callable[[NewsbriefApp], list[str]]:
    return _screen_lines


@pytest.fixture
def screen_text() -> Callable[[NewsbriefApp], str]:
    return lambda app: "\n".join(_screen_lines(app))


@pytest.fixture
def toasts() -> Callable[[NewsbriefApp], list[str]]:
    return _toasts


@pytest.fixture
def read_annotations() -> Callable[[Path], list[Annotation]]:
    return _read_annotations


@pytest.fixture
def read_tags() -> Callable[[Path], list[str]]:
    return _read_tags


@pytest.fixture
def reader(folder: Path) -> Callable[..., contextlib.AbstractAsyncContextManager[tuple[NewsbriefApp, Any]]]:
    """`async with reader() as (app, pilot)`: the reader on `folder` (or another), as the command line builds it,
    after its first screen; `message_hook` sees every message posted while it runs."""

    @contextlib.asynccontextmanager
    async def running(
        at: Path | None = None, size: tuple[int, int] = SIZE, message_hook: Callable[[Any], None] | None = None
    ) -> AsyncIterator[tuple[NewsbriefApp, Any]]:
        app = create_app(at or folder)
        async with app.run_test(size=size, notifications=True, message_hook=message_hook) as pilot:
            await pilot.pause()
            yield app, pilot

    return running


@pytest.fixture
def read_only_reader() -> Callable[[Path], contextlib.AbstractContextManager[NewsbriefApp]]:
    """`with read_only_reader(folder) as app`: a reader on a store it cannot write (a folder without write
    permission opens so)."""

    @contextlib.contextmanager
    def opened(folder: Path) -> Iterator[NewsbriefApp]:
        yield NewsbriefApp(Store(folder, readonly=True))

    return opened


@pytest.fixture
def posted() -> tuple[list[Any], Callable[[Any], None]]:
    """(messages, hook): pass the hook as `message_hook`; the list then holds every message posted."""
    messages: list[Any] = []
    return messages, messages.append
