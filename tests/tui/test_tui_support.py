"""Helpers for the reader's Pilot tests (no tests here): the screen as text, a seeded app, store reads."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import html
import re
from collections.abc import AsyncIterator
from pathlib import Path

from rich.cells import cell_len

from store import Store
from store.model import Annotation
from tui.app import NewsbriefApp, create_app

SIZE = (120, 40)

CELL_WIDTH = 12.2  # px per cell in Textual's SVG screenshots
_TEXT = re.compile(r'<text[^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>([^<]*)</text>')


def screen_lines(app) -> list[str]:
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


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def read_annotations(folder: Path) -> list[Annotation]:
    """The annotations on disk, read by a second, read-only opening of the store (no lock needed)."""
    with Store(folder, readonly=True) as store:
        return store.annotations()


def read_tags(folder: Path) -> list[str]:
    with Store(folder, readonly=True) as store:
        return store.tags()


def run_async(test):
    """Run an async test function with asyncio (the dev environment has no async pytest plugin)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return wrapper


def toasts(app) -> list[str]:
    """The text of the notifications on screen, as their widgets render it."""
    texts = []
    for toast in app.screen.query("Toast"):
        rendered = toast.render()
        texts.append(getattr(rendered, "plain", str(rendered)))
    return texts


@contextlib.asynccontextmanager
async def reader(folder: Path, size: tuple[int, int] = SIZE) -> AsyncIterator[tuple]:
    """(app, pilot) of the reader on `folder`, as the command line builds it, after its first screen."""
    app = create_app(folder)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        yield app, pilot


@contextlib.contextmanager
def read_only_reader(folder: Path):
    """A reader on a store it cannot write (a folder without write permission opens so)."""
    yield NewsbriefApp(Store(folder, readonly=True))
