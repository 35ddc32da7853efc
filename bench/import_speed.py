"""Import with figure extraction, wall time and peak memory, at 10,000 and at 100,000 briefs.

Targets: 10k ≤ 15 s; 100k ≤ 150 s with a peak resident set ≤ 1 GB; the cost per brief at 100k
within 1.5× of that at 10k (the import is linear).

Each run is the command a user types, `newsbrief import CORPUS --store NEW` (run as `python -m tui`),
in a fresh process into a fresh empty store, timed from spawn to exit; its peak resident set is the
largest of the process and its import workers (`wait4`'s `ru_maxrss`). Baseline in the same run: a
fresh process that reads and decodes the same files, the floor any import pays. The two take turns.
The 10k import takes some 20 s, so the default is 3 runs; the 100k one runs once (`--big-runs`).

    python bench/import_speed.py [--runs 3] [--big-runs 1]
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


def run(command: list[str]) -> tuple[float, float]:
    """Seconds the command takes and the peak resident set (MB) of its largest process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"import bench: {command[2:4]} exited with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def measure(count: int, runs: int, tmp: Path) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    briefs = corpus(count)
    run([sys.executable, "-c", READ_ONLY, str(briefs)])  # the files into the page cache, untimed
    imports, reads = [], []
    for number in range(runs):
        store = tmp / f"store-{count}-{number}"
        imports.append(run([sys.executable, "-m", "tui", "import", str(briefs), "--store", str(store)]))
        reads.append(run([sys.executable, "-c", READ_ONLY, str(briefs)]))
    return imports, reads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big-runs", type=int, default=1)
    args = parser.parse_args()
    tiers = [(COUNT, args.runs, 15.0, None)] + ([] if os.environ.get(SKIP_BIG_ENV) else [(BIG, args.big_runs, 150.0, 1024.0)])
    per_brief: dict[int, list[float]] = {}
    with temp_dir() as tmp:
        for count, runs, max_seconds, max_mb in tiers:
            imports, reads = measure(count, runs, Path(tmp))
            times, read_times = [t for t, _ in imports], [t for t, _ in reads]
            report(f"import of {count:,} briefs with extraction", times, "read and decode the same files", read_times, unit="s", max_median=max_seconds)
            per_brief[count] = [t / count for t in times]
            report(f"import, per brief, {count:,} briefs", per_brief[count], "read and decode, per brief", [t / count for t in read_times], unit="ms")
            report(f"import of {count:,} briefs, peak resident memory (largest process)", [m for _, m in imports],
                   "read and decode the same files", [m for _, m in reads], unit="MB", max_median=max_mb)
    if BIG in per_brief:
        report(f"import cost per brief at {BIG:,}, against {COUNT:,}", per_brief[BIG], f"per brief at {COUNT:,}", per_brief[COUNT],
               unit="ms", max_ratio=1.5)


if __name__ == "__main__":
    main()
