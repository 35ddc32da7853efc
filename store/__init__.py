"""newsbrief's data layer: the store, ingest, figure extraction and export. Plain Python, no Textual."""

from store.changes import DiskChanges
from store.errors import (
    CorruptStore,
    IngestError,
    InvalidRequest,
    NotFound,
    ReadOnlyStore,
    StoreError,
    StoreLocked,
    UnwritableStore,
)
from store.store import ImportReport, Store

__all__ = [
    "CorruptStore",
    "DiskChanges",
    "ImportReport",
    "IngestError",
    "InvalidRequest",
    "NotFound",
    "ReadOnlyStore",
    "Store",
    "StoreError",
    "StoreLocked",
    "UnwritableStore",
]
