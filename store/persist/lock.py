"""The store's write lock: held for the length of one write, and a refusal that names the holder.

Two processes writing one TinyDB file lose each other's updates, so every write takes an exclusive
`flock` on `newsbrief.lock` in the store folder, reads what other processes changed since, writes,
and lets go: a few milliseconds for a tag, one batch for an import. The holder writes its pid and
command there, so one kept waiting can say who is in the way. The kernel drops the lock when the
holder dies, even by `kill -9`, so a stale lock file never blocks anybody.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from store.errors import StoreLocked

LOCK_NAME = "newsbrief.lock"
SAY_WAITING_AFTER = 0.5  # seconds: a write that has waited this long says who it is waiting for
# Seconds between tries while another process holds the lock: from the first to the last, doubling.
# A tag's write holds it a few ms, so a flat 20 ms made a tag key that met one wait 20 ms: with
# another process tagging every 20 ms, 1 key in 10 took over 26 ms (9 ms with these); the first
# tries come soon after a short write ends, the last keep a long import's waiters from spinning.
FIRST_RETRY, LAST_RETRY = 0.0005, 0.02

Waiting = Callable[[str], None]  # told once, with a line naming the holder, when a write has to wait


class StoreLock:
    def __init__(self, folder: Path, *, wait: float, on_wait: Waiting | None = None) -> None:
        self.path = Path(folder) / LOCK_NAME
        self.wait = wait
        self.on_wait = on_wait

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the block, waiting up to `wait` seconds for it, or raise StoreLocked."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._take(fd)
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()} {' '.join(sys.argv[:2])}\n".encode(), 0)
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _take(self, fd: int) -> None:
        started = time.monotonic()
        told = False
        retry = FIRST_RETRY
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= self.wait:
                    raise StoreLocked(
                        f"{self.path.parent}: the store is busy: {_read_holder(fd)} has been writing for over "
                        f"{self.wait:g} s; nothing was written, try again when it is done"
                    ) from None
                if not told and waited >= SAY_WAITING_AFTER and self.on_wait is not None:
                    self.on_wait(f"{self.path.parent}: waiting for {_read_holder(fd)} to finish writing…")
                    told = True
                time.sleep(retry)
                retry = min(2 * retry, LAST_RETRY)


def _read_holder(fd: int) -> str:
    text = os.pread(fd, 512, 0).decode("utf-8", "replace").strip()
    pid, _, command = text.partition(" ")
    if not pid.isdigit():
        return "another process"
    return f"process {pid} ({command})" if command else f"process {pid}"
