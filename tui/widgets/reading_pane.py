"""The reading pane: the brief's text wrapped to the pane, figures highlighted, claims marked.

A Line-API widget: the text is wrapped once per width (the wrap is a list of (start, end) offsets,
cached), and each visible line is drawn on demand from the offsets and the style intervals
(figures by kind, tagged claims, the current claim, the current figure). A tag or a claim move
redraws only the lines that span touches; nothing is re-wrapped.

Paragraphs that repeat an earlier brief (found at import) are dimmed under an "also in …" line, or
folded into that line alone when repeats are hidden. The "also in" line is a display line of no
text, starting where its paragraph starts, so offsets still map to lines by bisection.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.model import Annotation, Article, Claim, Figure, Span
from tui.keys import READING_KEYS
from tui.presentation import TAG_COLOURS, describe_date, tag_colour, tag_text_style

from .solid_style import solid_style
from .span_index import SpanIndex, index_at
from .text import display_text, one_line, wrap_spans

GUTTER = 3  # claim mark, tag mark, space
FIGURE_KINDS = ("count", "money", "percent", "quantity", "date")  # kinds with a colour of their own (app.tcss)
WRAP_CACHE = 4  # widths remembered per article
NO_SPAN: Span = (-1, -1)  # the span of no claim: no line overlaps it

StyleKey = tuple[object, ...]  # what a run of text is (claim, tag, figure kind…), or a component name




MATCH_CSS = """
ReadingPane > .reading-pane--match { background: $warning 35%; }
ReadingPane > .reading-pane--current-match { background: $warning 85%; color: $background; text-style: bold; }
"""  # what `/` found: every match tinted, the one jumped to solid


def _tag_css() -> str:
    """The tag classes, made from the one list of tag colours: the text underlined on a tint, the gutter marked."""
    return "\n".join(
        f"ReadingPane > .reading-pane--tag-{n} {{ text-style: underline; background: ${colour} 18%; }}\n"
        f"ReadingPane > .reading-pane--mark-{n} {{ color: {tag_text_style(n)}; }}"
        for n, colour in enumerate(TAG_COLOURS)
    )


class ReadingPane(ScrollView, can_focus=True, inherit_bindings=False):
    """The open brief. State comes from the main screen; clicks on a sentence go up as messages; j/k scroll."""

    BINDINGS: ClassVar[list[BindingType]] = [*READING_KEYS]
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        *(f"reading-pane--{kind}" for kind in FIGURE_KINDS),
        "reading-pane--figure",
        "reading-pane--current-figure",
        "reading-pane--claim",
        "reading-pane--claim-mark",
        "reading-pane--noted",
        "reading-pane--placeholder",
        "reading-pane--repeat",
        "reading-pane--repeat-note",
        "reading-pane--match",
        "reading-pane--current-match",
        *(f"reading-pane--tag-{n}" for n in range(len(TAG_COLOURS))),
        *(f"reading-pane--mark-{n}" for n in range(len(TAG_COLOURS))),
    }
    DEFAULT_CSS = _tag_css() + MATCH_CSS

    @dataclass
    class SentenceClicked(Message):
        """The user clicked in sentence `index`: make it the claim."""

        index: int

    # Bound from the main screen; each watcher redraws just what changed, so none repaints the whole widget.
    article: reactive[Article | None] = reactive(None, always_update=True, repaint=False)
    annotations: reactive[tuple[Annotation, ...]] = reactive((), repaint=False)
    claim: reactive[Claim | None] = reactive(None, repaint=False)
    figure_index: reactive[int] = reactive(-1, repaint=False)
    tags: reactive[tuple[str, ...]] = reactive((), repaint=False)
    show_repeats: reactive[bool] = reactive(True, repaint=False)
    search_spans: reactive[tuple[Span, ...]] = reactive((), repaint=False)  # where `/`'s words are in the text, in text order
    match_index: reactive[int] = reactive(-1, repaint=False)  # the match jumped to (. and ,), or -1

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._figures: tuple[Figure, ...] = ()
        self._figure_starts: list[int] = []
        self._longest_figure = 0
        self._sentences: tuple[Span, ...] = ()
        self._wraps: dict[int, list[tuple[int, int]]] = {}
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._width = 0
        self._view_height = 0  # lines the pane showed at the last resize
        self._repeats: list[tuple[int, int, str]] = []  # (start, end, earlier brief id) of repeated paragraphs
        self._notes: dict[int, str] = {}  # display line -> "also in" text, for the lines that are notes
        self._dimmed: set[int] = set()  # display lines of repeated paragraphs
        self.repeat_labels: dict[str, str] = {}  # earlier brief id -> how to name it; set with the article
        self._strips: dict[int, Strip] = {}
        self._styles: dict[StyleKey, Style] = {}
        self._matches = SpanIndex()

    # --- state in ---------------------------------------------------------------------------

    def watch_article(self, old: Article | None, article: Article | None) -> None:
        same_brief = old is not None and article is not None and old.id == article.id and old is not article
        text = display_text(article.text) if article else ""
        if text != self._text:  # the same brief opened again keeps its wrapped lines
            self._wraps.clear()
        self._text = text
        self._figures = article.figures if article else ()  # in text order: the extractor's contract
        self._figure_starts = [f.start for f in self._figures]
        self._longest_figure = max((f.end - f.start for f in self._figures), default=0)
        self._sentences = article.sentences if article else ()
        self._repeats = [(p.start, p.end, p.repeated_from) for p in (article.paragraphs if article else ()) if p.repeated_from]
        self.border_title = Content(one_line(article.title)) if article else None
        if article:
            self.border_subtitle = Content(f"{describe_date(article)} · {one_line(article.source, 40)}")
        else:
            self.border_subtitle = None
        self._relayout()
        if not same_brief:  # the open brief changed on disk (its date, its repeats): the reader stays put
            self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        self._scroll_to_span(self.claim_span, center=False)

    def watch_annotations(self, old: tuple[Annotation, ...], new: tuple[Annotation, ...]) -> None:
        before = {_fingerprint(a) for a in old}
        after = {_fingerprint(a) for a in new}
        for _, start, end, *_ in before ^ after:
            self._redraw_span(start, end)

    def watch_claim(self, old: Claim | None, new: Claim | None) -> None:
        self._redraw_span(*self._sentence_span(old))
        span = self._sentence_span(new)
        self._redraw_span(*span)
        self._scroll_to_span(span, center=False)

    def watch_figure_index(self, old: int, new: int) -> None:
        for index in (old, new):
            if 0 <= index < len(self._figures):
                figure = self._figures[index]
                self._redraw_span(figure.start, figure.end)
        if 0 <= new < len(self._figures):
            self._scroll_to_span((self._figures[new].start, self._figures[new].end), center=True)

    def watch_tags(self) -> None:
        self._redraw_all()

    def watch_search_spans(self) -> None:
        self._matches = SpanIndex(self.search_spans)
        self._redraw_all()

    def watch_match_index(self, old: int, new: int) -> None:
        for index in (old, new):
            if 0 <= index < len(self.search_spans):
                self._redraw_span(*self.search_spans[index])
        if 0 <= new < len(self.search_spans):
            self._scroll_to_span(self.search_spans[new], center=True)

    def watch_show_repeats(self) -> None:
        if self._repeats:
            top = self._lines[min(int(self.scroll_y), len(self._lines) - 1)][0] if self._lines else 0
            self._relayout()
            self.scroll_to(y=self.line_of(top), animate=False, immediate=True, force=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def on_resize(self, event: events.Resize) -> None:
        span = self.claim_span
        lines = self._line_range(*span)
        claim_seen = bool(lines) and lines.start < self.scroll_y + self._view_height and lines.stop > self.scroll_y
        self._view_height = self.scrollable_content_region.height
        if self._wrap_width() != self._width:
            # Keep the text at the top of the pane in view across the re-wrap.
            top = self._lines[min(int(self.scroll_y), len(self._lines) - 1)][0] if self._lines else 0
            self._relayout()
            if self._lines:
                self.scroll_to(y=self.line_of(top), animate=False, immediate=True, force=True)
        if claim_seen:  # and the claim, if it was on screen: a narrower or shorter pane scrolls to keep it
            self._scroll_to_span(span, center=False)

    # --- geometry -----------------------------------------------------------------------------

    @property
    def claim_span(self) -> Span:
        return self._sentence_span(self.claim)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_of(self, offset: int) -> int:
        """The display line that shows text offset `offset`."""
        return max(0, bisect_right(self._line_starts, offset) - 1)

    def line_span(self, line: int) -> tuple[int, int]:
        """The text offsets (start, end) shown on display line `line`."""
        return self._lines[line]

    def line_text(self, line: int) -> str:
        """What display line `line` shows (for tests and tools): its text, or its "also in" note."""
        if line in self._notes:
            return self._notes[line]
        start, end = self._lines[line]
        return self._text[start:end]

    def is_dimmed(self, line: int) -> bool:
        """Whether display line `line` belongs to a paragraph repeated from an earlier brief."""
        return line in self._dimmed

    def _sentence_span(self, claim: Claim | None) -> Span:
        """The claim's span in the text, or NO_SPAN (which no line overlaps) when there is none."""
        span = claim.span(self._sentences) if claim else None
        return span or NO_SPAN

    def _wrap_width(self) -> int:
        """Cells for text on a line; 0 until the pane has a size (nothing is wrapped before that)."""
        region = self.scrollable_content_region.width
        return max(1, region - GUTTER - 1) if region else 0

    def _relayout(self) -> None:
        width = self._wrap_width()
        lines = self._wraps.get(width)
        if lines is None:
            lines = wrap_spans(self._text, width) if self.article and width else []
            if len(self._wraps) >= WRAP_CACHE:
                self._wraps.pop(next(iter(self._wraps)))
            self._wraps[width] = lines
        self._width = width
        self._lines, self._notes, self._dimmed = self._fold_repeats(lines)
        self._line_starts = [start for start, _ in self._lines]
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(lines)))
        self.refresh()

    def _fold_repeats(self, lines: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], dict[int, str], set[int]]:
        """The wrapped lines with an "also in" line before each repeated paragraph, whose own lines
        are kept (dimmed) or, with repeats hidden, left out."""
        if not self._repeats or not lines:  # no lines: not laid out yet
            return lines, {}, set()
        starts = [start for start, _ in lines]
        folded: list[tuple[int, int]] = []
        notes: dict[int, str] = {}
        dimmed: set[int] = set()
        taken = 0
        for start, end, earlier in self._repeats:
            first, last = bisect_left(starts, start), bisect_left(starts, end)
            folded.extend(lines[taken:first])
            hidden = "" if self.show_repeats else f"{last - first} lines hidden (r shows) · "
            notes[len(folded)] = f"↻ {hidden}also in {self.repeat_labels.get(earlier, earlier)}"
            folded.append((start, start))
            if self.show_repeats:
                dimmed.update(range(len(folded), len(folded) + last - first))
                folded.extend(lines[first:last])
            taken = last
        folded.extend(lines[taken:])
        return folded, notes, dimmed

    def _line_range(self, start: int, end: int) -> range:
        if start < 0 or not self._lines:
            return range(0)
        return range(self.line_of(start), self.line_of(max(start, end - 1)) + 1)

    def _redraw_span(self, start: int, end: int) -> None:
        lines = self._line_range(start, end)
        if not lines:
            return
        for line in lines:
            self._strips.pop(line, None)
        self.refresh_lines(lines.start, len(lines))

    def _redraw_all(self) -> None:
        self._strips.clear()
        self.refresh()

    def _scroll_to_span(self, span: tuple[int, int], center: bool) -> None:
        lines = self._line_range(*span)
        if not lines:
            return
        height = self.scrollable_content_region.height
        top, bottom = lines.start, lines.stop
        if center:
            if top < self.scroll_y or bottom > self.scroll_y + height:
                self.scroll_to(y=max(0, top - height // 3), animate=False, immediate=True, force=True)
        elif top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=min(top, bottom - height), animate=False, immediate=True, force=True)

    # --- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        base = self.rich_style
        if not self.article:
            if y == 0:
                style = base + self._style(("component", "reading-pane--placeholder"))
                return Strip([Segment("   no brief open", style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if line >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(line)
        if strip is None or strip.cell_length != width:
            if line in self._notes:
                style = base + self._style(("component", "reading-pane--repeat-note"))
                strip = Strip([Segment(" " * GUTTER, base), Segment(self._notes[line], style)]).crop_extend(0, width, base)
            else:
                if line in self._dimmed:
                    base = base + self._style(("component", "reading-pane--repeat"))
                strip = self._render_text_line(line, width, base)
            self._strips[line] = strip
        return strip

    def _render_text_line(self, line: int, width: int, base: Style) -> Strip:
        start, end = self._lines[line]
        claim_start, claim_end = self.claim_span
        figures = self._figures_between(start, end)
        annotations = [a for a in self.annotations if a.start < max(end, start + 1) and a.end > start]
        current = self._figures[self.figure_index] if 0 <= self.figure_index < len(self._figures) else None
        matches = self._matches.between(start, end)

        cuts = {start, end}
        for lo, hi in (
            (claim_start, claim_end),
            *((f.start, f.end) for f in figures),
            *((a.start, a.end) for a in annotations),
            *(span for _, span in matches),
        ):
            if start < lo < end:
                cuts.add(lo)
            if start < hi < end:
                cuts.add(hi)
        points = sorted(cuts)

        in_claim_line = claim_start < max(end, start + 1) and claim_end > start and claim_start >= 0
        mark_tag = self._tag_mark(annotations)
        segments = [
            Segment("▌" if in_claim_line else " ", base + self._style(("claim-mark",)) if in_claim_line else base),
            Segment("▍" if mark_tag is not None else " ", base + self._style(("mark", mark_tag)) if mark_tag is not None else base),
            Segment(" ", base),
        ]
        for a, b in itertools.pairwise(points):
            key = (*self._style_key(a, claim_start, claim_end, figures, annotations, current), self._match_at(a, matches))
            segments.append(Segment(self._text[a:b], base + self._style(key) if key else base))
        return Strip(segments).crop_extend(0, width, base)

    def _figures_between(self, start: int, end: int) -> list[Figure]:
        low = bisect_left(self._figure_starts, start - self._longest_figure)
        high = bisect_left(self._figure_starts, end)
        return [f for f in self._figures[low:high] if f.end > start]

    def _match_at(self, offset: int, matches: list[tuple[int, Span]]) -> int:
        """0: no match at `offset`; 1: a match; 2: the match jumped to."""
        found = index_at(offset, matches)
        return 0 if found is None else 2 if found == self.match_index else 1

    def _tag_mark(self, annotations: list[Annotation]) -> int | None:
        for annotation in annotations:
            if annotation.tags:
                return tag_colour(self.tags, annotation.tags[0])
        return None

    def _style_key(
        self, offset: int, claim_start: int, claim_end: int, figures: list[Figure], annotations: list[Annotation], current: Figure | None
    ) -> StyleKey:
        tag: int | None = None
        noted = False
        for annotation in annotations:
            if annotation.start <= offset < annotation.end:
                if annotation.tags:
                    tag = tag_colour(self.tags, annotation.tags[0])
                    break
                noted = True
        kind = next((f.kind for f in figures if f.start <= offset < f.end), None)
        return (
            tag,
            noted,
            claim_start <= offset < claim_end,
            kind,
            current is not None and current.start <= offset < current.end,
        )

    def _style(self, key: StyleKey) -> Style:
        style = self._styles.get(key)
        if style is not None:
            return style
        names: list[str] = []
        if key[0] == "component":
            names = [str(key[1])]
        elif key[0] == "claim-mark":
            names = ["reading-pane--claim-mark"]
        elif key[0] == "mark":
            names = [f"reading-pane--mark-{key[1]}"]
        else:
            tag, noted, in_claim, kind, is_current, match = key
            if in_claim:
                names.append("reading-pane--claim")
            if tag is not None:
                names.append(f"reading-pane--tag-{tag}")
            elif noted:
                names.append("reading-pane--noted")
            if kind is not None:
                names.append(f"reading-pane--{kind}" if kind in FIGURE_KINDS else "reading-pane--figure")
            if is_current:
                names.append("reading-pane--current-figure")
            if match:
                names.append("reading-pane--current-match" if match == 2 else "reading-pane--match")
        style = Style()
        background = self.background_colors[1]
        for name in names:
            partial, background = solid_style(self, name, background)
            style += partial
        self._styles[key] = style
        return style

    # --- the movement keys: they scroll; the claim moves with ] and [ -----------------------------

    def action_cursor_down(self) -> None:
        self.scroll_down(animate=False)

    def action_cursor_up(self) -> None:
        self.scroll_up(animate=False)

    def action_first(self) -> None:
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        self.scroll_end(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    # --- mouse --------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        position = event.get_content_offset(self)
        offset = None if position is None else self.offset_at(position.x, position.y)
        if offset is None:
            return
        index = bisect_right([s for s, _ in self._sentences], offset) - 1
        if 0 <= index < len(self._sentences) and offset < self._sentences[index][1]:
            self.post_message(self.SentenceClicked(index))

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a point of the pane (content coordinates), if it is on text."""
        line = int(self.scroll_y) + y
        if not 0 <= line < len(self._lines) or x < GUTTER or line in self._notes:
            return None
        start, end = self._lines[line]
        column = GUTTER
        for offset in range(start, end):
            column += get_character_cell_size(self._text[offset])
            if column > x:
                return offset
        return None


def _fingerprint(annotation: Annotation) -> tuple[str, int, int, tuple[str, ...], str | None]:
    return (annotation.id, annotation.start, annotation.end, annotation.tags, annotation.note)

