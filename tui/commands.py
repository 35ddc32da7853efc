"""The command palette: every key of the focused pane as a command, and "Tag claim as …" per tag.

Commands come from the live bindings of the focused pane and the main screen, enabled as the footer
shows them, so the palette never offers what the keys would refuse. Tag labels are user data: they are
shown as plain `Content`, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from .widgets.text import one_line


class NewsbriefCommands(Provider):
    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        """(text, callback, help) for each command that works now, gated like the keys."""
        from .screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not (binding.id or "").startswith("newsbrief.") or not active.enabled or binding.action in seen:  # the reader's own keys
                continue
            seen.add(binding.action)
            text = binding.tooltip or binding.description
            yield text, partial(self.app.run_action, binding.action, active.node), f"key: {self.app.get_key_display(binding)}"
        if screen.check_action("tag", (1,)):
            for number, label in enumerate(screen.store.tags(), 1):
                help_text = f"key: {number}" if number <= 9 else "tag picker: t"
                yield f"Tag claim as {one_line(label)}", partial(screen.tag_with_label, label), help_text

    async def discover(self) -> Hits:
        for text, command, help_text in self.commands():
            yield DiscoveryHit(Content(text), command, text=text, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), command, text=text, help=escape(help_text))


def _highlight(matcher: Matcher, text: str) -> Content:
    """The matched characters styled, on a literal `Content` (Matcher.highlight parses markup)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
