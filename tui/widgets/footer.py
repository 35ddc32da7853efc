"""The footer: one line of the keys that work in the focused pane, drawn as a single widget.

Textual's `Footer` mounts a widget per key (some thirty here) and recomposes them all whenever the
bindings change, as they do on each claim move and tag: ~300 ms a time, and a sixth of the reader's
start-up. This footer is one line of text: it redraws when what it shows changes, dims keys that
have nothing to act on, and a click on a key presses it. Keys of one group share a label ("][ claim").
What does not fit the line is never cut mid-key: the line ends with "… more", which opens help; a
line that is short of room leaves out the dimmed keys first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from ..keys import MOVE, rank

DIGITS = "0123456789"  # a group of consecutive digit keys shows as "1–9"

KEY_STYLE = "bold $footer-key-foreground"
DESCRIPTION_STYLE = "$footer-description-foreground"


@dataclass(frozen=True)
class FooterItem:
    """A key (or a group of keys) as the footer shows it."""

    keys: tuple[str, ...]  # the keys a click presses: the first
    display: str
    description: str
    enabled: bool


def footer_items(screen: Screen[Any]) -> list[FooterItem]:
    """The shown bindings of the focused pane (its own and the screen's) in `tui.keys` order, a group's keys
    run together; the command palette second, after help: what does not fit the line is one of those two keys away."""
    palette = screen.app.COMMAND_PALETTE_BINDING if screen.app.ENABLE_COMMAND_PALETTE else None
    items: list[FooterItem] = []
    palette_item: FooterItem | None = None
    seen_actions: set[str] = set()
    group: Binding.Group | None = None
    focused = screen.focused

    def order(item: tuple[str, ActiveBinding]) -> tuple[bool, bool, int]:
        """Help first, then the focused pane's own keys (the list's sort and filters; not the movement
        keys every pane has), then the rest by rank (tui.keys.RANK)."""
        node, binding = item[1].node, item[1].binding
        own = node is focused and focused is not None and binding.group is not MOVE and binding.action != "open"
        return binding.action != "help", not own, rank(binding)

    active = sorted(screen.active_bindings.items(), key=order)
    for key, (_node, binding, enabled, _tooltip) in active:
        display = screen.app.get_key_display(binding)
        if key == palette:
            palette_item = FooterItem((key,), display, binding.description, enabled)
            continue
        if not binding.show or binding.action in seen_actions:
            continue
        seen_actions.add(binding.action)
        if binding.group is not None and binding.group is group and items:
            previous = items[-1]
            keys = (*previous.keys, key)
            shown = f"{keys[0]}–{keys[-1]}" if len(keys) > 2 and "".join(keys) in DIGITS else previous.display + display
            items[-1] = FooterItem(keys, shown, binding.group.description, previous.enabled or enabled)
            continue
        group = binding.group
        items.append(FooterItem((key,), display, binding.description, enabled))
    return items[:1] + ([palette_item] if palette_item else []) + items[1:]


class KeyFooter(Widget):
    """The keys of the focused pane: its own bindings and the screen's, dimmed where they have nothing to act on."""

    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self._items: list[FooterItem] = []
        self._spans: list[tuple[int, int, str]] = []  # (first cell, end cell, key) of each item
        self._pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._update()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        """Look once per refresh, however many changes came in since the last look."""
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._pending = False
        items = footer_items(self.screen)
        if items != self._items:
            self._items = items
            self.refresh()

    @property
    def items(self) -> list[FooterItem]:
        return list(self._items)

    @property
    def shown(self) -> list[FooterItem]:
        """The items on the line at its width now, in order (the rest are behind "… more")."""
        return self._fitted(self.size.width)[0]

    def _fitted(self, width: int) -> tuple[list[FooterItem], FooterItem | None]:
        """The items that fit `width` cells whole, and the "… more" item (opening help) when some do not."""
        lengths = [_piece(item).cell_length for item in self._items]
        if sum(lengths) <= width:
            return list(self._items), None
        help_key = next((item.keys[0] for item in self._items if item.description == "help"), "question_mark")
        more = FooterItem((help_key,), "…", "more", True)
        room = width - _piece(more).cell_length
        shown: list[FooterItem] = []
        for item, length in zip(self._items, lengths):
            if not item.enabled and item.description != "help":
                continue  # nothing to act on now: behind "… more" when room is short
            if length > room:
                break
            shown.append(item)
            room -= length
        return shown, more

    def render(self) -> Content:
        parts: list[Content] = []
        self._spans = []
        column = 0
        shown, more = self._fitted(self.size.width)
        for item in [*shown, *([more] if more else [])]:
            piece = _piece(item)
            self._spans.append((column, column + piece.cell_length, item.keys[0]))
            column += piece.cell_length
            parts.append(piece)
        return Content("").join(parts)

    def on_resize(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        key = next((key for start, end, key in self._spans if start <= event.x < end), None)
        if key is not None:
            self.app.simulate_key(key)


def _piece(item: FooterItem) -> Content:
    dim = "" if item.enabled else " dim"
    return Content.assemble((f" {item.display} ", KEY_STYLE + dim), (f"{item.description} ", DESCRIPTION_STYLE + dim))
