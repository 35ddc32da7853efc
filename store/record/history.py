"""Undo and redo: each user action is a list of typed changes (see `store.model`), each holding a
record's before and after.

Undo writes the inverse of an action, redo the action again, through the same durable path as any
other write. The history is this process's only: it never undoes what another session did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from store.changes import Change
from store.errors import InvalidRequest


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

    def replay(self, *, undo: bool, still_as_left: Callable[[Action], bool], write: Callable[[Action], None]) -> str | None:
        """Undo (or redo) the newest action through `write`; its label, or None when there is none.

        An action whose records another process changed since (`still_as_left` says no) is refused
        and leaves the history, so the next undo goes on to the one before.
        """
        stack = self._done if undo else self._undone
        if not stack:
            return None
        action = stack[-1]
        step = action.inverse() if undo else action
        if not still_as_left(step):
            stack.pop()
            verb = "undo" if undo else "redo"
            raise InvalidRequest(f"{verb} of {action.label}: changed by another process since; nothing was {verb}ne")
        write(step)
        (self._undone if undo else self._done).append(stack.pop())
        return action.label
