"""A list of rows drawn with the Line API (two lines a row unless a subclass says): only the rows on screen are rendered.

The article list (10,000 briefs) and the figures panel (30,000 figures in a 5 MB brief) both need a
cursor over more rows than any widget-per-row list can hold; they share this base and only say how
many rows there are, how a row's lines look, and what choosing one means. The compare table (60,000
one-line rows at 10,000 briefs) sets `ROW_HEIGHT = 1`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .solid_style import solid_style


class RowList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows with a cursor (-1: none); subclasses draw rows, bind the movement keys, and react to `choose` and cursor moves.

    Component classes: `PREFIX--cursor`, `PREFIX--cursor-blurred` and `PREFIX--empty`.
    """

    PREFIX: ClassVar[str]
    ROW_HEIGHT: ClassVar[int] = 2  # lines per row; a subclass may set its own

    cursor: reactive[int] = reactive(0, repaint=False)  # a move redraws its two rows, not the whole list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._strips: dict[tuple[int, int], Strip] = {}
        self._styles: dict[str, Style] = {}

    # --- what subclasses say ------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def render_row_line(self, row: int, line: int, width: int, base: Style) -> Strip:
        """Line `line` (0 to `ROW_HEIGHT` - 1) of row `row`, `width` cells wide, on `base` (cursor style included)."""
        raise NotImplementedError

    def empty_message(self) -> str:
        return ""

    def style_of(self, name: str) -> Style:
        """Component class `name` as a solid style over the list's background (cached)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = solid_style(self, name, self.background_colors[1])[0]
        return style

    def choose(self, row: int) -> None:
        """The user chose a row (enter on the cursor, or a click)."""

    # --- rows in --------------------------------------------------------------------------------

    def rows_changed(self, cursor: int) -> None:
        """The rows were replaced: forget what was drawn and put the cursor on `cursor` without a move event."""
        self._strips.clear()
        self._resize_virtual()
        self.set_reactive(RowList.cursor, max(-1, min(cursor, self.row_count - 1)))
        self.refresh()
        self.scroll_to_cursor()

    def _resize_virtual(self) -> None:
        # No width: rows are cut to the pane, never scrolled sideways, so a resize (the first one
        # included, just after the first frame) changes nothing here and lays nothing out again.
        self.virtual_size = Size(0, max(1, self.row_count) * self.ROW_HEIGHT)

    # --- moving -------------------------------------------------------------------------------

    def move_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta if self.cursor >= 0 else 0)

    def move_to(self, index: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, index))

    def page(self, direction: int) -> None:
        self.move_cursor(direction * max(1, self.scrollable_content_region.height // self.ROW_HEIGHT - 1))

    def select_cursor(self) -> None:
        if self.row_count:
            self.move_to(self.cursor)
            self.choose(self.cursor)

    # --- the movement keys (tui.keys.movement), bound by each subclass ---------------------------

    def action_cursor_down(self) -> None:
        self.move_cursor(1)

    def action_cursor_up(self) -> None:
        self.move_cursor(-1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.row_count - 1)

    def action_page_down(self) -> None:
        self.page(1)

    def action_page_up(self) -> None:
        self.page(-1)

    def action_open(self) -> None:
        self.select_cursor()

    def scroll_to_cursor(self, animate: bool = False) -> None:
        if self.cursor < 0:
            return
        top = self.cursor * self.ROW_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=animate, immediate=True, force=True)
        elif height and top + self.ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + self.ROW_HEIGHT - height, animate=animate, immediate=True, force=True)

    def watch_cursor(self, old: int, new: int) -> None:
        self.redraw_row(old)
        self.redraw_row(new)
        self.scroll_to_cursor()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = (offset.y + int(self.scroll_y)) // self.ROW_HEIGHT
        if 0 <= row < self.row_count:
            self.cursor = row
            self.choose(row)

    def on_focus(self) -> None:
        self.redraw_row(self.cursor)

    def on_blur(self) -> None:
        self.redraw_row(self.cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    # --- drawing ------------------------------------------------------------------------------

    def redraw_row(self, row: int) -> None:
        if row < 0:
            return
        for line in range(self.ROW_HEIGHT):
            self._strips.pop((row, line), None)
        self.refresh_lines(row * self.ROW_HEIGHT, self.ROW_HEIGHT)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_number = int(self.scroll_y) + y
        row, line = divmod(line_number, self.ROW_HEIGHT)
        base = self.rich_style
        if not self.row_count:
            message = self.empty_message()
            if line_number == 0 and message:
                style = base + self.style_of(f"{self.PREFIX}--empty")
                return Strip([Segment(" " + message, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if row >= self.row_count:
            return Strip.blank(width, base)
        strip = self._strips.get((row, line))
        if strip is None or strip.cell_length != width:
            if row == self.cursor:
                name = f"{self.PREFIX}--cursor" if self.has_focus else f"{self.PREFIX}--cursor-blurred"
                base = base + self.style_of(name)
            strip = fit(self.render_row_line(row, line, width, base), width, base)
            self._strips[(row, line)] = strip
        return strip


def fit(strip: Strip, width: int, style: Style) -> Strip:
    """The strip cut to `width` cells with an ellipsis when it is longer, padded when shorter."""
    if strip.cell_length > width and width > 1:
        return Strip.join([strip.crop(0, width - 1), Strip([Segment("…", style)])])
    return strip.crop_extend(0, width, style)
