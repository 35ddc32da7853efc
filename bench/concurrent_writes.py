"""Many processes on one store: a tag key with another process writing, another process's write on
the reader's screen, and a command-line write while the reader is open (10,000 briefs).

Baselines in the same run: the tag key with nobody else writing; the reader's polling interval; a
read-only command's wall time (the cost of starting Python and opening the store at all).
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from pathlib import Path

from _common import SIZE, bench_store, copy_store, first_screen, report, tag_key_times, temp_dir

# Another process writing: a tag on a brief the reader does not show, every 20 ms, until stdin closes.
BUSY_WRITER = """
import sys, time
from store import Store
store = Store(sys.argv[1])
summaries = store.summaries()
print("ready", flush=True)
n = 0
while True:
    summary = summaries[-1 - n % 200]
    start, end = store.article(summary.id).sentences[0]
    store.toggle_tag(summary.id, start, end, store.tags()[n % 3])
    n += 1
    time.sleep(0.02)
"""

# Another process writing on demand: one tag on the given brief's sentence N per line read; it prints
# the monotonic clock (system-wide on Linux) when the write has returned.
ON_DEMAND_WRITER = """
import sys, time
from store import Store
store = Store(sys.argv[1])
article = store.article(sys.argv[2])
print("ready", flush=True)
for line in sys.stdin:
    start, end = article.sentences[int(line)]
    store.toggle_tag(article.id, start, end, "estimate")
    print(time.monotonic(), flush=True)
"""


def child(script: str, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


async def key_times(folder: Path, presses: int, busy: bool) -> list[float]:
    """Key `1` until the reader shows the tag, which it does only once the write is on disk."""
    from tui.app import create_app

    def shown(screen):
        before = screen.annotations
        return lambda: screen.annotations != before

    writer = child(BUSY_WRITER, str(folder)) if busy else None
    app = create_app(folder)
    try:
        async with app.run_test(size=SIZE):
            await first_screen(app)
            times = await tag_key_times(app, presses, shown)
    finally:
        if writer is not None:
            writer.kill()
            writer.wait()
    return times


async def shown_after_write(folder: Path, writes: int) -> list[float]:
    """Another process tags the open brief; seconds from its write returning to the reader showing it."""
    from tui.app import create_app

    app = create_app(folder)
    delays = []
    async with app.run_test(size=SIZE):
        await first_screen(app)
        screen = app.screen
        writer = child(ON_DEMAND_WRITER, str(folder), screen.article_id)
        assert writer.stdin is not None and writer.stdout is not None
        try:
            for number in range(writes):
                before = screen.annotations
                writer.stdin.write(f"{number % len(screen.article.sentences)}\n")
                writer.stdin.flush()
                written = float(writer.stdout.readline())
                while screen.annotations == before:
                    await asyncio.sleep(0.005)
                delays.append(time.monotonic() - written)
                await asyncio.sleep(0.3)  # the next write lands anywhere in the polling interval
        finally:
            writer.kill()
            writer.wait()
    return delays


def command_times(folder: Path, runs: int, argv: list[str]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tui", "--store", str(folder), *argv], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


async def command_while_reader_open(folder: Path, runs: int) -> tuple[list[float], list[float]]:
    from tui.app import create_app

    app = create_app(folder)
    async with app.run_test(size=SIZE):
        await first_screen(app)
        brief = app.screen.article_id
        writes = command_times(folder, runs, ["annotate", brief, "--sentence", "0", "--tag", "background"])
        reads = command_times(folder, runs, ["tags"])
    return writes, reads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--writes", type=int, default=12)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    big = bench_store()
    with temp_dir() as tmp:
        folder = copy_store(big, Path(tmp))
        alone = asyncio.run(key_times(folder, args.presses, busy=False))
        busy = asyncio.run(key_times(folder, args.presses, busy=True))
        shown = asyncio.run(shown_after_write(folder, args.writes))
        writes, reads = asyncio.run(command_while_reader_open(folder, args.runs))
    report("tag key → shown (on disk first), 10,000 briefs, another process writing", busy, "nobody else writing", alone, unit="ms", max_median=10)
    from tui.screens.main import FOLLOW_EVERY

    report("another process's write → on the reader's screen", shown, "the reader's polling interval", [FOLLOW_EVERY], unit="ms", max_median=1000)
    report("command-line annotate while the reader is open, 10,000 briefs", writes, "a read-only command (tags)", reads, unit="ms", max_median=100)


if __name__ == "__main__":
    main()
