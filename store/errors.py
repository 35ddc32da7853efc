"""The errors a user can meet, each a single line that names the file or field and what was expected.

The command line prints `str(error)` and exits 1; the reader shows it as a notification. Nothing here
ever carries a traceback to the user.
"""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the user's data or store, explained in one line."""


class StoreLocked(StoreError):
    """Another process holds the store's write lock."""


class CorruptStore(StoreError):
    """A store file that cannot be read as ours; it is left untouched."""


class UnwritableStore(StoreError):
    """The store folder cannot be written (permissions, a read-only disk): it can still be read."""


class ReadOnlyStore(StoreError):
    """A write was asked of a store opened for reading only."""


class NotFound(StoreError):
    """No article, annotation or tag by that name."""


class InvalidRequest(StoreError):
    """A request whose arguments do not fit the data (a span outside the text, an unknown tag)."""


class IngestError(StoreError):
    """A file that cannot be imported; `path` and `reason` make the one-line message."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:  # so an import worker can hand it back to the importing process
        return (IngestError, (self.path, self.reason))
