"""Dialogs that keep the keys typed while they are still opening.

Keys typed right after the one that opens a dialog ("D" then "2024-12-16" at typing speed, or
pasted) were lost two ways: those already on their way through the reader's panes reached the app
after the dialog was up, matched none of its bindings and were dropped (or, before it was up, tagged
the claim with "2"); and those typed after reached a dialog whose field did not exist yet. Now the
reader hands every key that reaches the app's bindings through a screen a dialog covers since to
the dialog (`redirect`), and the dialog holds the keys it gets before its field has focus, then
gives them to the field in order in the same synchronous step that focuses it, so no later key can
pass them. This leans on three Textual internals (8.2): `Screen._forward_event` (where the app hands
a key to a screen with nothing focused), `App._on_key` (where the bindings are looked up) and the
bindings map of the dialog; tests/tui/test_tui_type_ahead.py fails if any of them changes.
"""

from __future__ import annotations

import weakref
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

Result = TypeVar("Result")


class TypeAheadScreen(ModalScreen[Result]):
    """A modal dialog whose `on_mount` calls `take_keys(field)` instead of focusing the field."""

    AUTO_FOCUS = ""  # nothing focused until `take_keys`: until then, keys come to the screen and are held

    def __init__(self) -> None:
        super().__init__()
        self._held: list[events.Key] | None = []  # None once the field has them

    def _forward_event(self, event: events.Event) -> None:
        # The app hands a key to the screen only while nothing of it has focus (App.on_event).
        if self._held is not None and isinstance(event, events.Key):
            self._held.append(event)
            return
        super()._forward_event(event)

    @property
    def opening(self) -> bool:
        """Whether the field has not taken focus (and the keys typed so far) yet."""
        return self._held is not None

    def hold(self, event: events.Key) -> None:
        """A key meant for this dialog that reached another screen or the app first: held, or given to the field."""
        key = events.Key(event.key, event.character)
        if self._held is not None:
            self._held.append(key)
        else:
            self._give(self.focused, key)

    def take_keys(self, field: Widget | None) -> None:
        """Focus the field and give it the keys typed since the dialog was asked for, in order (with no
        field, as a yes/no question has, the keys go to the dialog's own bindings)."""
        held, self._held = self._held or [], None
        if field is not None:
            self.set_focus(field)
        for event in held:
            self._give(field, event)

    def _give(self, field: Widget | None, event: events.Key) -> None:
        """A key as the app would have routed it: the dialog's priority bindings first (the note
        editor's enter, before its text area takes it as a line break), else to the field. A
        binding runs from the field's queue, after the keys given to it before."""
        if field is None:
            super()._forward_event(event)
            return
        priority = [binding for binding in self._bindings.key_to_bindings.get(event.key, []) if binding.priority]
        if priority:
            field.call_later(self.run_action, priority[0].action)
        else:
            field._forward_event(event)


_PASSED: weakref.WeakKeyDictionary[events.Key, Screen[Any]] = weakref.WeakKeyDictionary()  # key -> the screen it bubbled through


def passing(event: events.Key, screen: Screen[Any]) -> None:
    """A key bubbles through `screen` on its way to the app's bindings: remember where it came from."""
    _PASSED[event] = screen


def redirect(app: App[Any], event: events.Key) -> bool:
    """Give a key that reached the app's bindings to the dialog on top when it was meant for it: typed
    after the key that opened the dialog, it came through a screen the dialog now covers, or it came
    while the dialog is opening."""
    top = app.screen
    came_through = _PASSED.pop(event, None)
    if not isinstance(top, TypeAheadScreen) or not (top.opening or (came_through is not None and came_through is not top)):
        return False
    event.stop()
    event.prevent_default()
    top.hold(event)
    return True
