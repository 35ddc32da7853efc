"""Undo and redo: each user action is a list of changes, each change a record's before and after.

A record is an annotation (keyed by its id), the tag list (key `TAGS`), the user's regrouping of
the compare view (key `COMPARE`) or what `edit` sets of a brief (key `ARTICLE` + its id: its date,
whether that date was inferred, and its source). `None` as before means the record was created;
`None` as after means it was removed. Undo writes the befores back, redo the afters, through the
same durable path as any other write.
"""

from __future__ import annotations

from dataclasses import dataclass

TAGS = "tags"
COMPARE = "compare"
ARTICLE = "article:"  # + an article id; annotation ids are bare hex, so the two never meet


@dataclass(frozen=True, slots=True)
class Change:
    key: str  # an annotation id, TAGS, COMPARE or ARTICLE + an article id
    before: object
    after: object


@dataclass(frozen=True, slots=True)
class Action:
    label: str  # what the user did, for "undid: …" messages
    changes: tuple[Change, ...]

    def inverse(self) -> Action:
        return Action(self.label, tuple(Change(c.key, c.after, c.before) for c in reversed(self.changes)))


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
