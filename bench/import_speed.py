"""Import of 10,000 briefs with figure extraction, wall time: target ≤ 15 s (≤ 1.5 ms a brief).

Each run is the command a user types, `newsbrief import CORPUS --store NEW` (run as `python -m tui`),
in a fresh process into a fresh empty store, timed from spawn to exit. Baseline in the same run: a
fresh process that reads and decodes the same files, the floor any import pays. The two take turns.
Each import takes some 20 s, so the default is 3 runs.

    python bench/import_speed.py [--runs 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from _common import COUNT, REPO, corpus, report, temp_dir, timed

READ_ONLY = "import pathlib, sys; [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.txt'))]"


def run(command: list[str]) -> float:
    return timed(lambda: subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    briefs = corpus()
    imports: list[float] = []
    reads: list[float] = []
    run([sys.executable, "-c", READ_ONLY, str(briefs)])  # the files into the page cache, untimed
    with temp_dir() as tmp:
        for number in range(args.runs):
            store = Path(tmp) / f"store-{number}"
            imports.append(run([sys.executable, "-m", "tui", "import", str(briefs), "--store", str(store)]))
            reads.append(run([sys.executable, "-c", READ_ONLY, str(briefs)]))
    report(f"import of {COUNT:,} briefs with extraction", imports, "read and decode the same files", reads, unit="s", max_median=15)
    report("import, per brief", [t / COUNT for t in imports], "read and decode, per brief", [t / COUNT for t in reads],
           unit="ms", max_median=1.5)


if __name__ == "__main__":
    main()
