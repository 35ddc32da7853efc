"""Start-up to the first full screen, in a fresh process each run: seeds, 10k and 100k briefs vs a bare app.

Each run is `python bench/startup.py --child KIND [STORE]`, timed from spawn to exit by the parent.
The child runs the app headless with an auto-pilot that waits for the first complete repaint (for the
reader: the list filled and the first brief open and drawn), then exits. The bare baseline is a Textual
app with a Header, a Static and a Footer, run the same way. The three kinds take turns, so drift in
the machine's speed hits them alike.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from _common import SIZE, bare_app, bench_store, big_store, first_screen, parent_or_child, reader_app, report, seed_store, temp_dir

SCRIPT = Path(__file__).resolve()


def child(kind: str, store: str | None) -> None:
    app = bare_app() if kind == "bare" else reader_app(Path(store))

    async def pilot_then_exit(pilot) -> None:
        await first_screen(pilot.app)
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=pilot_then_exit)


def time_child(kind: str, store: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(SCRIPT), "--child", kind, *([str(store)] if store else [])], check=True)
    return time.perf_counter() - started


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
        samples: dict[str, list[float]] = {"bare": [], **{name: [] for name in stores}}
        for _ in range(args.runs):
            samples["bare"].append(time_child("bare"))
            for name, store in stores.items():
                samples[name].append(time_child("reader", store))
    report("start-up, seeds", samples["seeds"], "bare app", samples["bare"], unit="ms", max_ratio=1.3)
    report("start-up, 10,000 briefs", samples["10k"], "bare app", samples["bare"], unit="ms", max_ratio=1.3)
    if "100k" in samples:
        report("start-up, 100,000 briefs", samples["100k"], "bare app", samples["bare"], unit="ms", max_ratio=1.6)


if __name__ == "__main__":
    main()
