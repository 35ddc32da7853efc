"""The article list: a Line-API view that draws only the rows on screen, so 10,000 briefs cost nothing.

Each brief is two lines: its title, then date · source · figure count · tag count. The list takes its
rows (summaries, no bodies) and the filters from the main screen and posts `Selected` when a brief is
opened; the cursor is its own business.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .text import one_line

ROW_HEIGHT = 2
NO_DATE = "undated"


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """Every brief in the store (after the text and tag filters), sorted by date or title."""

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--meta",
        "article-list--open",
        "article-list--tagged",
        "article-list--empty",
    }

    @dataclass
    class Selected(Message):
        """The user opened a brief (enter or a click)."""

        article_id: str

    # Bound from the main screen.
    article_id: reactive[str | None] = reactive(None)
    sort_by: reactive[str] = reactive("date")
    search_text: reactive[str] = reactive("")
    tag_filter_ids: reactive[frozenset[str] | None] = reactive(None)

    cursor: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._summaries: dict[str, dict] = {}
        self._rows: list[str] = []  # article ids in display order, filters applied
        self._strips: dict[tuple[int, int], Strip] = {}

    # --- data in ------------------------------------------------------------------------------

    def set_summaries(self, summaries: list[dict]) -> None:
        """All briefs (from `Store.summaries()`); keeps the cursor on the same brief where it can."""
        current = self.cursor_id
        self._summaries = {summary["id"]: summary for summary in summaries}
        self._rebuild(keep=current)

    def set_tag_count(self, article_id: str, count: int) -> None:
        """One brief's tag count changed: redraw its row only."""
        summary = self._summaries.get(article_id)
        if summary is None or summary["tag_count"] == count:
            return
        summary["tag_count"] = count
        self._redraw_row_of(article_id)

    def tag_count(self, article_id: str) -> int:
        """The tagged-claim count the list shows for a brief."""
        return self._summaries[article_id]["tag_count"]

    @property
    def cursor_id(self) -> str | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def total_count(self) -> int:
        """Briefs in the store, filters aside."""
        return len(self._summaries)

    @property
    def row_ids(self) -> list[str]:
        return list(self._rows)

    def _rebuild(self, keep: str | None = None) -> None:
        folded = self.search_text.casefold().strip()
        allowed = self.tag_filter_ids
        rows = [
            summary
            for summary in self._summaries.values()
            if (allowed is None or summary["id"] in allowed)
            and (not folded or folded in summary["title"].casefold() or folded in str(summary["source"]).casefold())
        ]
        if self.sort_by == "title":
            rows.sort(key=lambda s: (s["title"].casefold(), s["published"] or ""))
        else:
            rows.sort(key=lambda s: (s["published"] is None, s["published"] or "", s["title"].casefold()))
        self._rows = [summary["id"] for summary in rows]
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(self._rows)) * ROW_HEIGHT)
        index = self._rows.index(keep) if keep in self._rows else 0
        self.set_reactive(ArticleList.cursor, min(index, max(0, len(self._rows) - 1)))
        self.refresh()
        self.scroll_to_cursor(animate=False)

    def watch_sort_by(self) -> None:
        self._rebuild(keep=self.cursor_id)

    def watch_search_text(self) -> None:
        self._rebuild(keep=self.cursor_id)

    def watch_tag_filter_ids(self) -> None:
        self._rebuild(keep=self.cursor_id)

    def watch_article_id(self, old: str | None, new: str | None) -> None:
        for article_id in (old, new):
            if article_id is not None:
                self._redraw_row_of(article_id)

    def watch_cursor(self, old: int, new: int) -> None:
        self._redraw_row(old)
        self._redraw_row(new)
        self.scroll_to_cursor()

    def on_focus(self) -> None:
        self._redraw_row(self.cursor)

    def on_blur(self) -> None:
        self._redraw_row(self.cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(self._rows)) * ROW_HEIGHT)

    # --- moving -------------------------------------------------------------------------------

    def move_cursor(self, delta: int) -> None:
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, self.cursor + delta))

    def move_to(self, index: int) -> None:
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, index))

    def page(self, direction: int) -> None:
        self.move_cursor(direction * max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1))

    def select_cursor(self) -> None:
        article_id = self.cursor_id
        if article_id is not None:
            self.post_message(self.Selected(article_id))

    def show_article(self, article_id: str) -> None:
        """Put the cursor on a brief (when it is in the filtered list)."""
        if article_id in self._rows:
            self.cursor = self._rows.index(article_id)

    def scroll_to_cursor(self, animate: bool = False) -> None:
        top = self.cursor * ROW_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=animate, immediate=True, force=True)
        elif height and top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=animate, immediate=True, force=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = (offset.y + int(self.scroll_y)) // ROW_HEIGHT
        if 0 <= row < len(self._rows):
            self.cursor = row
            self.post_message(self.Selected(self._rows[row]))

    # --- drawing ------------------------------------------------------------------------------

    def _redraw_row_of(self, article_id: str) -> None:
        try:
            self._redraw_row(self._rows.index(article_id))
        except ValueError:
            return

    def _redraw_row(self, row: int) -> None:
        for line in range(ROW_HEIGHT):
            self._strips.pop((row, line), None)
        self.refresh_lines(row * ROW_HEIGHT, ROW_HEIGHT)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_number = int(self.scroll_y) + y
        row, line = divmod(line_number, ROW_HEIGHT)
        base = self.rich_style
        if not self._rows:
            if line_number == 0:
                message = "no briefs match the filter" if self._summaries else "no briefs in this store"
                style = base + self.get_component_rich_style("article-list--empty", partial=True)
                return Strip([Segment(" " + message, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if row >= len(self._rows):
            return Strip.blank(width, base)
        strip = self._strips.get((row, line))
        if strip is None or strip.cell_length != width:
            strip = self._render_row_line(row, line, width, base)
            self._strips[(row, line)] = strip
        return strip

    def _render_row_line(self, row: int, line: int, width: int, base: Style) -> Strip:
        summary = self._summaries[self._rows[row]]
        is_cursor = row == self.cursor
        is_open = summary["id"] == self.article_id
        if is_cursor:
            name = "article-list--cursor" if self.has_focus else "article-list--cursor-blurred"
            base = base + self.get_component_rich_style(name, partial=True)
        if line == 0:
            marker = "▶ " if is_open else "  "
            title_style = base + (self.get_component_rich_style("article-list--open", partial=True) if is_open else Style())
            segments = [Segment(marker, title_style), Segment(one_line(summary["title"]), title_style)]
        else:
            meta = self.get_component_rich_style("article-list--meta", partial=True)
            date = summary["published"] or NO_DATE
            figures = f"{summary['figure_count']} fig"
            tags = summary["tag_count"]
            tag_style = base + (self.get_component_rich_style("article-list--tagged", partial=True) if tags else meta)
            segments = [
                Segment("  ", base),
                Segment(f"{figures} · ", base + meta),
                Segment(f"{tags} tagged", tag_style),
                Segment(f" · {date} · " + one_line(summary["source"]), base + meta),
            ]
        return _fit(Strip(segments), width, base)


def _fit(strip: Strip, width: int, style: Style) -> Strip:
    """The strip cut to `width` cells with an ellipsis when it is longer, padded when shorter."""
    if strip.cell_length > width and width > 1:
        return Strip.join([strip.crop(0, width - 1), Strip([Segment("…", style)])])
    return strip.crop_extend(0, width, style)
