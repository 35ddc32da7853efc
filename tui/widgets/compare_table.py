"""The compare table: every compared figure as a one-line row under its group's heading, drawn only when on screen.

At 10,000 briefs the compare view has some 23,000 rows; a `DataTable` measures every cell of them
and holds the reader for seconds. Here a row's cells are made when it is first drawn, from rows the
store reads a chunk at a time, and the column widths come from each group's stored widths (capped). Every string from a brief is shown literally: `one_line` makes its
control characters visible, and it goes to the screen as a `Segment`, never as markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from store.story.compare import CompareGroup
from store.story.compare_view import cell_texts, natural_widths
from tui.keys import movement

from .row_list import RowList
from .text import one_line

# (name, widest it is measured to, narrowest it is cut to): when the rows are wider than the table,
# the widest columns are cut first, the figure column last; a wide terminal shows titles and sources whole.
COLUMNS = (
    ("date", 22, 21),  # "2024-12-23 (inferred)" whole: the dates are what the drift is read by
    ("brief", 80, 8),  # the brief's title
    ("figure", 200, 12),
    ("value", 28, 8),
    ("said by", 80, 8),
    ("reports", 9, 7),  # "×3": one claim reported in three briefs
)
FIGURE_COLUMN = 2
INDENT = 2  # figure rows sit under their heading
GAP = 2  # between columns


@dataclass(slots=True)
class Heading:
    """A group's heading row."""

    group: str  # the group's id, which moves and merges name
    label: str
    drift: str | None  # "conflict", "revision", or None
    figures: int
    briefs: int


@dataclass(slots=True)
class FigureRow:
    """A figure's row: its cells (display text) and where it is."""

    cells: tuple[str, ...]
    article_id: str
    start: int


class CompareRows:
    """The table's rows, a heading per group then its figures, each made when it is first drawn.

    A group's rows may be stored (`store.story.compare_view`) and read a chunk at a time, so nothing
    here walks every row: the column widths come from each group's stored widths."""

    def __init__(self, groups: Sequence[CompareGroup] = ()) -> None:
        self.groups = list(groups)
        self.starts: list[int] = []  # the row of each group's heading
        at = 0
        for group in self.groups:
            self.starts.append(at)
            at += 1 + len(group.rows)
        self.count = at
        widest = [len(name) for name, *_ in COLUMNS]
        for group in self.groups:
            for column, width in enumerate(group.widths or natural_widths(group.rows)):
                widest[column] = max(widest[column], min(COLUMNS[column][1], width))
        self.widths = tuple(widest)
        self._made: dict[int, Heading | FigureRow] = {}

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> Heading | FigureRow:
        made = self._made.get(index)
        if made is None:
            if len(self._made) > MADE_KEPT:
                self._made.clear()
            number = bisect_right(self.starts, index) - 1
            if not 0 <= index < self.count or number < 0:
                raise IndexError(index)
            group = self.groups[number]
            at = index - self.starts[number]
            if at == 0:
                made = Heading(group.id, one_line(group.label), group.drift, len(group.rows), group.brief_count)
            else:
                row = group.rows[at - 1]
                made = FigureRow(tuple(one_line(text) for text in cell_texts(row)), row.article_id, row.figure.start)
            self._made[index] = made
        return made

    def group_at(self, index: int) -> str | None:
        """The id of the group row `index` belongs to."""
        number = bisect_right(self.starts, index) - 1
        return self.groups[number].id if 0 <= index < self.count and number >= 0 else None

    def index_of(self, article_id: str, start: int) -> int:
        """The row of a figure (-1 when it is not in the table)."""
        for number, group in enumerate(self.groups):
            for at, row in enumerate(group.rows):
                if row.article_id == article_id and row.figure.start == start:
                    return self.starts[number] + 1 + at
        return -1


MADE_KEPT = 4096  # rows kept made; a screen draws a few dozen


def compare_rows(groups: Sequence[CompareGroup]) -> CompareRows:
    """The rows of `Store.compare()`'s groups (plain data, safe in a thread; rows are made when drawn)."""
    return CompareRows(groups)


def fit_widths(natural: tuple[int, ...], room: int) -> tuple[int, ...]:
    """Column widths for `room` cells: each its natural width while they all fit; else the widest are cut
    to a common limit (the figure column to twice it), none below its narrowest, so narrow columns
    stay whole. When even the narrowest widths do not fit, the row is cut at the table's edge."""
    if sum(natural) <= room:
        return natural
    weight = [2 if column == FIGURE_COLUMN else 1 for column in range(len(natural))]
    least = [min(width, narrowest) for width, (_, _, narrowest) in zip(natural, COLUMNS)]

    def widths_at(limit: int) -> list[int]:
        return [max(low, min(width, limit * w)) for width, w, low in zip(natural, weight, least)]

    low, high = 0, max(natural)
    while low < high:  # the largest limit that fits
        limit = (low + high + 1) // 2
        if sum(widths_at(limit)) <= room:
            low = limit
        else:
            high = limit - 1
    widths = widths_at(low)
    if natural[FIGURE_COLUMN] > widths[FIGURE_COLUMN] and room > sum(widths):  # what the rounding left goes to the figure
        widths[FIGURE_COLUMN] = min(natural[FIGURE_COLUMN], widths[FIGURE_COLUMN] + room - sum(widths))
    return tuple(widths)


def cell(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…" if width > 1 else "…"[:width]


class CompareTable(RowList):
    """The compared figures; enter or a click on a figure posts `Chosen`, on a heading moves into its group."""

    PREFIX = "compare-table"
    ROW_HEIGHT = 1
    COMPONENT_CLASSES = {
        "compare-table--cursor",
        "compare-table--cursor-blurred",
        "compare-table--empty",
        "compare-table--heading",
        "compare-table--conflict",
        "compare-table--meta",
        "compare-table--value",
    }
    BINDINGS: ClassVar[list[BindingType]] = [*movement("newsbrief.compare", items="row", open_tooltip="Open the brief at this figure", group=None)]

    @dataclass
    class GroupChanged(Message):
        """The cursor moved into another group (its id), or off every group (None)."""

        group: str | None

    @dataclass
    class Chosen(Message):
        """The user chose a figure's row."""

        article_id: str
        start: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._data = CompareRows()
        self._layout: tuple[int, tuple[int, ...]] | None = None  # (width, column widths)

    # --- data in ------------------------------------------------------------------------------

    def set_rows(self, data: CompareRows) -> None:
        """The rows from `compare_rows`; the cursor goes to the first figure."""
        self._data = data
        self._layout = None
        self.rows_changed(1 if len(data) > 1 else 0)

    @property
    def row_count(self) -> int:
        return len(self._data)

    def row(self, index: int) -> Heading | FigureRow:
        return self._data[index]

    def group_at(self, index: int) -> str | None:
        """The id of the group that row `index` belongs to (its heading's)."""
        return self._data.group_at(index)

    def index_of(self, article_id: str, start: int) -> int:
        """The row of a figure (-1 when it is not in the table)."""
        return self._data.index_of(article_id, start)

    def row_text(self, index: int) -> str:
        """A row as plain text, as drawn at the table's width (for tests and tools)."""
        return "".join(segment.text for segment in self.render_row_line(index, 0, self.scrollable_content_region.width, Style()))

    def column_widths(self, width: int) -> tuple[int, ...]:
        """The columns' widths in a table `width` cells wide (worked out once per width)."""
        if self._layout is None or self._layout[0] != width:
            room = width - INDENT - GAP * (len(COLUMNS) - 1)
            self._layout = (width, fit_widths(self._data.widths, max(len(COLUMNS), room)))
        return self._layout[1]

    def header_line(self) -> str:
        """The column names, lined up with the columns."""
        widths = self.column_widths(self.scrollable_content_region.width)
        return " " * INDENT + (" " * GAP).join(cell(name, width) for (name, *_), width in zip(COLUMNS, widths))

    # --- moving and choosing -------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        super().watch_cursor(old, new)
        group = self.group_at(new)
        if group != self.group_at(old):
            self.post_message(self.GroupChanged(group))

    def choose(self, row: int) -> None:
        chosen = self._data[row]
        if isinstance(chosen, FigureRow):
            self.post_message(self.Chosen(chosen.article_id, chosen.start))
        else:  # a heading: into its group
            self.move_to(row + 1)

    # --- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._layout = None

    def empty_message(self) -> str:
        return "no figures to compare"

    def render_row_line(self, row: int, line: int, width: int, base: Style) -> Strip:
        item = self._data[row]
        meta = base + self.style_of("compare-table--meta")
        if isinstance(item, Heading):
            segments = [Segment(item.label, base + self.style_of("compare-table--heading"))]
            if item.drift:
                said = "  conflict: sources disagree on one day" if item.drift == "conflict" else "  revision: the number changed over time"
                segments.append(Segment(said, base + self.style_of("compare-table--conflict")))
            figures = "1 figure" if item.figures == 1 else f"{item.figures:,} figures"
            briefs = "1 brief" if item.briefs == 1 else f"{item.briefs:,} briefs"
            segments.append(Segment(f"  {figures} in {briefs}", meta))
            return Strip(segments)
        styles = (meta, base, base, base + self.style_of("compare-table--value"), meta, meta)
        gap = Segment(" " * GAP, base)
        segments = [Segment(" " * INDENT, base)]
        for column, (text, cell_width, style) in enumerate(zip(item.cells, self.column_widths(width), styles)):
            if column:
                segments.append(gap)
            segments.append(Segment(cell(text, cell_width), style))
        return Strip(segments)


class CompareHeader(Widget):
    """The column names over a `CompareTable`, lined up with its columns."""

    def __init__(self, table: CompareTable, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table = table

    def render(self) -> Content:
        return Content(self.table.header_line())
