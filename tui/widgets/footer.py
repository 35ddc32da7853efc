"""The footer: one line of the keys that work in the focused pane, drawn as a single widget.

Textual's `Footer` mounts a widget per key (some thirty here) and recomposes them all whenever the
bindings change, as they do on each claim move and tag: ~300 ms a time, and a sixth of the reader's
start-up. This footer is one line of text: it redraws when what it shows changes, dims keys that
have nothing to act on, and a click on a key presses it. Keys of one group share a label ("][ claim").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from ..keys import rank

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
    active = sorted(screen.active_bindings.items(), key=lambda item: rank(item[1].binding))
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
            items[-1] = FooterItem((*previous.keys, key), previous.display + display, binding.group.description, previous.enabled or enabled)
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

    def render(self) -> Content:
        parts: list[Content] = []
        self._spans = []
        column = 0
        for item in self._items:
            dim = "" if item.enabled else " dim"
            piece = Content.assemble((f" {item.display} ", KEY_STYLE + dim), (f"{item.description} ", DESCRIPTION_STYLE + dim))
            self._spans.append((column, column + piece.cell_length, item.keys[0]))
            column += piece.cell_length
            parts.append(piece)
        return Content("").join(parts)

    def on_click(self, event: events.Click) -> None:
        key = next((key for start, end, key in self._spans if start <= event.x < end), None)
        if key is not None:
            self.app.simulate_key(key)
