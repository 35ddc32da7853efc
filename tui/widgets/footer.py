"""The footer, rebuilt only when the keys it shows change.

Textual's `Footer` recomposes (a widget per key, some thirty here) on every `refresh_bindings()`, and
the reader calls that on each claim move and tag; at start-up two dozen calls stacked up a second of
rebuilds. This footer looks once per refresh and rebuilds only when the keys differ from its last rebuild.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen) -> tuple:
    """What a rebuild would draw: each active binding's key, action, state and tooltip."""
    return tuple(
        (binding.key, binding.key_display, binding.action, binding.description, binding.show, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
    )


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None
        self._check_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        """Look once per refresh, however many calls came in since the last one."""
        if not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._check_bindings, screen)

    def _check_bindings(self, screen: Screen) -> None:
        self._check_pending = False
        if screen is self.screen and self.app.app_focus:
            shown = shown_keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
