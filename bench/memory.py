"""Resident memory of the reader: after the first screen ≤ 120 MB at 10,000 briefs, ≤ 300 MB at 100,000.

Each run is a fresh process (`python bench/memory.py --child KIND [STORE]`) that runs the app
headless at 120×40 and prints its peak resident set (VmHWM in /proc/self/status) at two moments:
after the first full screen, and after opening one brief from each of 16 volumes spread over the
store, which is where a reader ends up after a few dozen briefs (each brief is cut out of its volume
without parsing the volume, so this is the briefs and the catalog segments read, not 4 parsed volumes). The baseline is the
bare Textual app (Header, Static, Footer) after its first screen. The kinds take turns.

    python bench/memory.py [--runs 3]
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from _common import BIG, COUNT, SIZE, bare_app, bench_store, big_store, first_screen, painted, parent_or_child, reader_app, report

SCRIPT = Path(__file__).resolve()


def peak_mb() -> float:
    """Peak resident set of this process so far, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("memory bench: no VmHWM in /proc/self/status (Linux only)")


def child(kind: str, store: str | None) -> None:
    app = bare_app() if kind == "bare" else reader_app(Path(store))
    peaks: dict[str, float] = {}

    async def measure(pilot) -> None:
        await first_screen(app)
        peaks["first"] = peak_mb()
        if kind == "reader":
            screen = app.screen
            ids = [summary.id for summary in app.store.summaries()]  # catalog order: import order, volume by volume
            for article_id in ids[:: max(1, len(ids) // 16)][:16]:
                screen.open_article(article_id)
                await painted(app)
            peaks["shards"] = peak_mb()
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=measure)
    print(json.dumps(peaks))


def run_child(kind: str, store: Path | None = None) -> dict[str, float]:
    command = [sys.executable, str(SCRIPT), "--child", kind, *([str(store)] if store else [])]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()[-1])


def main() -> None:
    args = parent_or_child(__doc__.splitlines()[0], 3, child)
    if args is None:
        return
    big = bench_store()
    huge = big_store()
    bare: list[float] = []
    first: list[float] = []
    shards: list[float] = []
    huge_first: list[float] = []
    for _ in range(args.runs):
        bare.append(run_child("bare")["first"])
        peaks = run_child("reader", big)
        first.append(peaks["first"])
        shards.append(peaks["shards"])
        if huge is not None:
            huge_first.append(run_child("reader", huge)["first"])
    report(f"peak memory, {COUNT:,} briefs, first screen", first, "bare app", bare, unit="MB", max_median=120)
    report(f"peak memory, {COUNT:,} briefs, a brief from each of 16 volumes opened", shards, "bare app", bare,
           unit="MB", max_median=250)
    if huge_first:
        report(f"peak memory, {BIG:,} briefs, first screen", huge_first, "bare app", bare, unit="MB", max_median=300)


if __name__ == "__main__":
    main()
