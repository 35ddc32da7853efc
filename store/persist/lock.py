"""The store's write lock: one writer at a time, and a refusal that names the process holding it.

Two processes writing one TinyDB file lose each other's updates, so every writer takes an exclusive
`flock` on `newsbrief.lock` in the store folder. The holder writes its pid and command there, so the
one refused can say who is in the way. The kernel drops the lock when the holder dies, even by
`kill -9`, so a stale lock file never blocks anybody.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

from store.errors import StoreLocked

LOCK_NAME = "newsbrief.lock"


class StoreLock:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self, wait: float) -> None:
        """Take the lock, retrying for up to `wait` seconds, or raise StoreLocked."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    raise StoreLocked(
                        f"{self.path.parent}: the store is in use by {holder}; close it first, "
                        "or open another store with --store DIR"
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {' '.join(sys.argv[:2])}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _read_holder(fd: int) -> str:
    text = os.pread(fd, 512, 0).decode("utf-8", "replace").strip()
    pid, _, command = text.partition(" ")
    if not pid.isdigit():
        return "another process"
    return f"process {pid} ({command})" if command else f"process {pid}"
