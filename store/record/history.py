"""Undo and redo: each user action is a list of typed changes (see `store.model`), each holding a
record's before and after.

Undo writes the inverse of an action, redo the action again, through the same durable path as any
other write. The history is this process's only: it never undoes what another session did.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.model import Change


@dataclass(frozen=True, slots=True)
class Action:
    label: str  # what the user did, for "undid: …" messages
    changes: tuple[Change, ...]

    def inverse(self) -> Action:
        return Action(self.label, tuple(change.inverse() for change in reversed(self.changes)))


class History:
    """What this session did, newest last; a new action clears what could be redone."""

    def __init__(self) -> None:
        self._done: list[Action] = []
        self._undone: list[Action] = []

    def record(self, action: Action) -> None:
        self._done.append(action)
        self._undone.clear()

    def next_undo(self) -> Action | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Action | None:
        return self._undone[-1] if self._undone else None

    def mark_undone(self) -> None:
        self._undone.append(self._done.pop())

    def mark_redone(self) -> None:
        self._done.append(self._undone.pop())

    def forget_undo(self) -> None:
        """Drop the newest action: another process changed its records, so it can no longer be undone."""
        self._done.pop()

    def forget_redo(self) -> None:
        self._undone.pop()
