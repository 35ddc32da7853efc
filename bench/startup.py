"""Start-up to the first full screen, in a fresh process each run: seeds, 10k and 100k briefs vs a bare app.

Each run is `python bench/startup.py --child KIND [STORE]`, a fresh process. The child runs the app
headless with an auto-pilot that waits for the first complete repaint (for the reader: the list filled
and the first brief open and drawn), prints the wall clock then, and exits. Two times of each run: from
spawn to that first full screen (what the target is about), and from spawn to the process's end (the
quit included: until f741f94 the reader's exit took ~100 ms more than the bare app's). The bare
baseline is a Textual app with a Header, a Static and a Footer, run the same way. The kinds take
turns, each round starting one further on, so drift in the machine's speed and what one run leaves
behind for the next (the largest reader's exit, say) hit them alike.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from _common import SIZE, bare_app, bench_store, big_store, first_screen, parent_or_child, reader_app, report, seed_store, temp_dir

SCRIPT = Path(__file__).resolve()


def child(kind: str, store: str | None) -> None:
    app = bare_app() if kind == "bare" else reader_app(Path(store))

    async def pilot_then_exit(pilot) -> None:
        await first_screen(pilot.app)
        print(time.time(), flush=True)  # the wall clock: the parent's spawn time is on the same one
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=pilot_then_exit)


@dataclass
class Run:
    first_screen: float  # seconds from spawn to the first full screen
    to_exit: float  # seconds from spawn to the process's end


def time_child(kind: str, store: Path | None = None) -> Run:
    spawned, started = time.time(), time.perf_counter()
    shown = subprocess.run([sys.executable, str(SCRIPT), "--child", kind, *([str(store)] if store else [])], check=True, capture_output=True, text=True).stdout
    ended = time.perf_counter() - started
    return Run(float(shown.split()[-1]) - spawned, ended)


def main() -> None:
    args = parent_or_child(__doc__.splitlines()[0], 7, child)
    if args is None:
        return
    stores = {"10k": bench_store()}
    if (huge := big_store()) is not None:
        stores["100k"] = huge
    with temp_dir() as tmp:
        stores["seeds"] = seed_store(Path(tmp))
        for store in stores.values():
            time_child("reader", store)  # warm the disk cache and the bytecode once, untimed
        runs: dict[str, list[Run]] = {"bare": [], **{name: [] for name in stores}}
        kinds: list[tuple[str, Path | None]] = [("bare", None), *stores.items()]
        for number in range(args.runs):
            # each round starts one kind further on: none always follows the 100,000-brief reader's exit
            for name, store in kinds[number % len(kinds) :] + kinds[: number % len(kinds)]:
                runs[name].append(time_child("bare") if store is None else time_child("reader", store))
    tiers = [("seeds", "seeds", 1.3), ("10k", "10,000 briefs", 1.3), ("100k", "100,000 briefs", 1.6)]
    for name, label, max_ratio in tiers:
        if name in runs:
            shown, bare = [run.first_screen for run in runs[name]], [run.first_screen for run in runs["bare"]]
            report(f"start-up to the first full screen, {label}", shown, "bare app", bare, unit="ms", max_ratio=max_ratio)
    for name, label, _ in tiers:
        if name in runs:
            ended, bare = [run.to_exit for run in runs[name]], [run.to_exit for run in runs["bare"]]
            report(f"start-up and quit (spawn to the process's end), {label}", ended, "bare app", bare, unit="ms")


if __name__ == "__main__":
    main()
