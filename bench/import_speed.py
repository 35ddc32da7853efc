"""Import with figure extraction, wall time and peak memory, at 10,000 and at 100,000 briefs.

Targets: 10k ≤ 15 s; 100k ≤ 150 s with a peak resident set ≤ 1 GB; the cost per brief at 100k
within 1.5× of that at 10k (the import is linear). An import ends by making the compare groups, so
the first compare open after it is measured too (≤ 0.3 s / ≤ 1 s, the compare view's targets), in
this process on each imported store, against the groups made at that open (what it cost before).

Each run is the command a user types, `newsbrief import CORPUS --store NEW` (run as `python -m tui`),
in a fresh process into a fresh empty store, timed from spawn to exit; its peak resident set is the
largest of the process and its import workers (`wait4`'s `ru_maxrss`). Baseline in the same run: a
fresh process that reads and decodes the same files, the floor any import pays. The two take turns.
The 10k import takes some 20 s, so the default is 3 runs; the 100k one runs once (`--big-runs`).
Then one more brief, a later report, goes into a store each tier imported (`--small-runs` of them,
each a fresh process), against the same brief into an empty store: what the store's size adds to it.

With `--against CHECKOUT` (another worktree, say one at main) the baseline is instead the same import
run by that checkout (its `.venv` python when it has one), taking turns with this one: the A/B of a
change to import, measured in the same minutes on a shared machine.

    python bench/import_speed.py [--runs 3] [--big-runs 1] [--small-runs 3] [--against ../wt-base]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from _common import BIG, COUNT, REPO, SKIP_BIG_ENV, corpus, report, temp_dir

READ_ONLY = "import pathlib, sys; [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.txt'))]"


# Run from a small process of its own: a child forked from this one starts with this one's resident
# set as its peak (Linux keeps it through exec), and this one holds a 100,000-brief compare table by then.
MEASURED = ("import os, subprocess, sys, time; started = time.perf_counter(); child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "_, status, usage = os.wait4(child.pid, 0); print(time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))")


def run(command: list[str], checkout: Path = REPO) -> tuple[float, float]:
    """Seconds the command takes (run in `checkout`) and the peak resident set (MB) of its largest process."""
    done = subprocess.run([sys.executable, "-c", MEASURED, *command], cwd=checkout, capture_output=True, text=True, check=True)
    elapsed, peak, code = done.stdout.split()
    if int(code):
        raise SystemExit(f"import bench: {command[2:4]} exited with {code}")
    return float(elapsed), float(peak)


def python_of(checkout: Path) -> str:
    venv = checkout / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def first_compare_open(folder: Path, *, made_again: bool = False) -> float:
    """Seconds of the compare view's first open (`Store.compare` and a first screen of rows) on a store
    as the import left it, or with its saved groups removed (`made_again`)."""
    from compare_open import first_screen

    from store import Store
    from store.story.compare_view import VIEW_FILE
    from tui.widgets.compare_table import compare_rows

    with Store(folder) as store:
        if made_again:
            (folder / VIEW_FILE).unlink(missing_ok=True)
        started = time.perf_counter()
        first_screen(compare_rows(store.compare()))
        return time.perf_counter() - started


def measure(count: int, runs: int, tmp: Path, against: Path | None) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(this checkout's imports, the baseline's runs): the read-only floor, or `against`'s imports."""
    briefs = corpus(count)
    run([sys.executable, "-c", READ_ONLY, str(briefs)])  # the files into the page cache, untimed
    imports, baselines = [], []
    for number in range(runs):
        imports.append(run([sys.executable, "-m", "tui", "import", str(briefs), "--store", str(tmp / f"store-{count}-{number}")]))
        if against is None:
            baselines.append(run([sys.executable, "-c", READ_ONLY, str(briefs)]))
        else:
            command = [python_of(against), "-m", "tui", "import", str(briefs), "--store", str(tmp / f"base-{count}-{number}")]
            baselines.append(run(command, against))
    return imports, baselines


def later_briefs(folder: Path, count: int) -> list[Path]:
    """`count` new briefs of the story, dated after every brief of the corpus (January 2026), each in a
    file of its own: reports that arrive once the store holds the year before."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sorted(corpus(COUNT).glob("*.txt"))[:count]
    briefs = []
    for number, source in enumerate(texts, 1):
        _, _, rest = source.read_text(encoding="utf-8").split(" ", 2)  # "date YYYY-MM-DD text"
        brief = folder / f"later-{number}.txt"
        brief.write_text(f"date 2026-01-{number:02} Update {number}: {rest}", encoding="utf-8")
        briefs.append(brief)
    return briefs


def one_more(count: int, store: Path, tmp: Path, runs: int) -> None:
    """`newsbrief import` of one more brief into a store the tier imported, against the same brief into
    an empty store, taking turns: what the store's size adds to a small import (time and memory)."""
    into_store, into_empty = [], []
    for number, brief in enumerate(later_briefs(tmp / f"later-{count}", runs)):
        into_store.append(run([sys.executable, "-m", "tui", "import", str(brief), "--store", str(store)]))
        into_empty.append(run([sys.executable, "-m", "tui", "import", str(brief), "--store", str(tmp / f"empty-{count}-{number}")]))
    floor = "the same brief into an empty store"
    report(f"import of 1 more brief into the store, {count:,} briefs", [t for t, _ in into_store], floor, [t for t, _ in into_empty], unit="s")
    report(f"import of 1 more brief into the store, {count:,} briefs, peak resident memory", [m for _, m in into_store],
           floor, [m for _, m in into_empty], unit="MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big-runs", type=int, default=1)
    parser.add_argument("--small-runs", type=int, default=3, help="imports of one more brief into each tier's store")
    parser.add_argument("--against", type=Path, help="another checkout whose import is the baseline (an A/B)")
    args = parser.parse_args()
    floor = "read and decode the same files" if args.against is None else f"the import of {args.against}"
    tiers = [(COUNT, args.runs, 15.0, None)] + ([] if os.environ.get(SKIP_BIG_ENV) else [(BIG, args.big_runs, 150.0, 1024.0)])
    per_brief: dict[int, list[float]] = {}
    with temp_dir() as tmp:
        for count, runs, max_seconds, max_mb in tiers:
            imports, reads = measure(count, runs, Path(tmp), args.against)
            times, read_times = [t for t, _ in imports], [t for t, _ in reads]
            report(f"import of {count:,} briefs with extraction", times, floor, read_times, unit="s", max_median=max_seconds)
            per_brief[count] = [t / count for t in times]
            report(f"import, per brief, {count:,} briefs", per_brief[count], f"{floor}, per brief", [t / count for t in read_times], unit="ms")
            report(f"import of {count:,} briefs, peak resident memory (largest process)", [m for _, m in imports],
                   floor, [m for _, m in reads], unit="MB", max_median=max_mb)
            stores = [Path(tmp) / f"store-{count}-{number}" for number in range(runs)]
            report(f"compare view open, the first after the import, {count:,} briefs", [first_compare_open(folder) for folder in stores],
                   "groups made at that open (before: an import left them to it)", [first_compare_open(stores[0], made_again=True)],
                   unit="s", max_median=0.3 if count == COUNT else 1.0)
            one_more(count, stores[0], Path(tmp), args.small_runs)
    if BIG in per_brief:
        report(f"import cost per brief at {BIG:,}, against {COUNT:,}", per_brief[BIG], f"per brief at {COUNT:,}", per_brief[COUNT],
               unit="ms", max_ratio=1.5)


if __name__ == "__main__":
    main()
