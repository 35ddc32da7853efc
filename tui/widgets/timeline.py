"""The timeline of one compare group: each row's value or range as a bar against its day, coloured by source.

"several hundred → at least 100 killed → over 3,000" reads as one picture: one line a row, in story
order, the day on the left, the bar on a log scale (counts in a story span orders of magnitude), the
value and the source on the right. A range is a bar (`├───┤`), one number a point (`●`), a bound an
open bar that runs to the edge (`├────▶` for "at least 100", `◀───┤` for "up to 1,200"). Drawn with
Rich text cells, no plotting library: a dozen rows of bars is what ten lines do well, and the text
from briefs (sources, values) stays data, never markup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widgets import Static

from store.story.compare import CompareGroup, CompareRow, figure_range
from tui.presentation import describe_value

from .text import one_line

PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta", "bright_green", "bright_yellow")
DAY_WIDTH = 10  # "2024-12-16", or "undated"
LABEL_SHARE = 0.4  # of the width after the day: the value and its source
CHARTED = 200  # rows of a group the chart is made of, at most
SHOWN = 11  # lines the chart has room for (its max-height, less the border)


def _colour(source: str, colours: dict[str, str]) -> str:
    """Each source its own colour, in order of first appearance (so the legend reads top to bottom)."""
    if source not in colours:
        colours[source] = PALETTE[len(colours) % len(PALETTE)]
    return colours[source]


def _scale(rows: Sequence[CompareRow]) -> tuple[float, float] | None:
    """log10 of the smallest and largest finite bound of the rows, padded; None when nothing is positive."""
    ends = [end for row in rows for end in figure_range(row.figure) if math.isfinite(end) and end > 0]
    if not ends:
        return None
    low, high = math.log10(min(ends)), math.log10(max(ends))
    pad = max(0.15, (high - low) * 0.05)
    return low - pad, high + pad


def _bar(row: CompareRow, scale: tuple[float, float], width: int) -> tuple[str, int]:
    """The bar's cells for one row, `width` wide, and where it starts (for the colour)."""
    low, high = figure_range(row.figure)
    lo_log, hi_log = scale

    def column(value: float) -> int:
        return max(0, min(width - 1, round((math.log10(value) - lo_log) / (hi_log - lo_log) * (width - 1))))

    open_below = not math.isfinite(low) or low <= 0
    open_above = not math.isfinite(high)
    start = 0 if open_below else column(low)
    end = width - 1 if open_above else column(high) if high > 0 else 0
    cells = [" "] * width
    if not open_below and not open_above and start == end:
        cells[start] = "●"
        return "".join(cells), start
    for at in range(start, end + 1):
        cells[at] = "─"
    cells[start] = "◀" if open_below else "├"
    cells[end] = "▶" if open_above else "┤"
    return "".join(cells), start


def timeline_lines(group: CompareGroup, width: int, height: int | None = None) -> list[Text]:
    """The chart of a group as lines of `width` cells: a title, then one line a row by day, at most
    `height` lines. A group of thousands of rows is charted by its first `CHARTED` rows in story
    order (the title says so): the chart is drawn on the event loop, as the cursor moves."""
    rows = sorted(group.rows[:CHARTED], key=lambda row: (row.day is None, row.day or ""))
    drift = f" · {group.drift}" if group.drift else ""
    title = Text(one_line(group.label), style="bold")
    title.append(drift, style="bold red")
    if len(group.rows) > CHARTED:
        title.append(f" · the first {CHARTED:,} of {len(group.rows):,} rows", style="dim")
    scale = _scale(rows)
    if scale is None:
        return [title, Text("no numbers to draw", style="dim")]
    label_width = max(16, int((width - DAY_WIDTH - 2) * LABEL_SHARE))
    bar_width = max(10, width - DAY_WIDTH - 2 - label_width)
    title.append(f"  (log scale {_number(10 ** scale[0])} … {_number(10 ** scale[1])})", style="dim")
    colours: dict[str, str] = {}
    lines = [title]
    for row in rows[: None if height is None else max(0, height - 1)]:
        source = row.figure.source or row.brief_source
        colour = _colour(source, colours)
        bar, _ = _bar(row, scale, bar_width)
        times = f" ×{row.reports}" if row.reports > 1 else ""
        label = set_cell_size(one_line(f"{describe_value(row.figure)}{times} {source}"), label_width)
        line = Text(set_cell_size(row.day or "undated", DAY_WIDTH) + " ", style="dim")
        line.append(bar, style=colour)
        line.append(" ")
        line.append(label, style=colour)
        lines.append(line)
    return [line if cell_len(line.plain) <= width else line[:width] for line in lines]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.2g}"


class Timeline(Static):
    """The chart of the group under the compare table's cursor."""

    DEFAULT_CSS = """
    Timeline { height: auto; max-height: 12; border-top: solid $primary; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.group: CompareGroup | None = None

    def show(self, group: CompareGroup | None) -> None:
        self.group = group
        self.refresh_chart()

    def on_resize(self) -> None:
        self.refresh_chart()

    def refresh_chart(self) -> None:
        width = self.content_region.width or 78
        if self.group is None:
            self.update(Text(""))
            return
        shown = timeline_lines(self.group, width, SHOWN)
        self.update(Text("\n").join(shown))

    def lines_text(self) -> list[str]:
        """The chart as plain text lines at its width (for tests and tools)."""
        return [line.plain for line in timeline_lines(self.group, self.content_region.width or 78, SHOWN)] if self.group else []
