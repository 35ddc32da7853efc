"""Run every benchmark, one after another, and write the table of results to bench/RESULTS.md.

The 10k store is built (or taken from the cache) once and pinned for every script through
`$NEWSBRIEF_BENCH_STORE`; each script appends its results as JSON lines to the file named by
`$NEWSBRIEF_BENCH_OUT`. The scripts run one at a time, never side by side, so they do not compete
for the cores. `--quick` runs fewer repetitions (a smoke test, medians are rougher).

    python bench/run_all.py [--quick] [NAME ...]     # NAME: startup, list_keys, tag_durable, ...
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from _common import OUT_ENV, REPO, STORE_ENV, Result, bench_store

BENCH = REPO / "bench"
RESULTS = BENCH / "RESULTS.md"

# name -> (arguments for the full run, arguments for --quick)
SCRIPTS = {
    "extract_speed": ([], ["--mb", "2", "--runs", "2"]),
    "startup": ([], ["--runs", "3"]),
    "list_keys": ([], ["--presses", "20", "--rounds", "1"]),
    "tag_durable": ([], ["--spans", "10", "--presses", "10"]),
    "rehighlight": ([], ["--rounds", "1", "--places", "3"]),
    "memory": ([], ["--runs", "1"]),
    "import_speed": ([], ["--runs", "1"]),
    "concurrent_writes": ([], ["--presses", "10", "--writes", "5", "--runs", "3"]),
}


def machine() -> str:
    """Cores, memory, CPU model, Python and Textual versions: what the numbers depend on."""
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    ram = next((int(line.split()[1]) / 1024**2 for line in meminfo.splitlines() if line.startswith("MemTotal:")), None)
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), platform.processor())
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{cores} cores ({model or 'unknown CPU'}), {f'{ram:.0f} GB RAM' if ram else 'RAM unknown'}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, Textual {version('textual')}"
    )


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" with uncommitted changes" if dirty else "")


def table(rows: list[dict]) -> str:
    lines = ["| measure | median | baseline (same run) | ratio | target | met? |", "| --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        ratio = row.pop("ratio")
        result = Result(**row)
        met = "—" if result.met is None else "yes" if result.met else "**no**"
        lines.append(
            f"| {result.measure} | {result.show(result.median)} ({result.runs} runs) "
            f"| {result.baseline}: {result.show(result.baseline_median)} | {ratio:.2f}× | {result.target} | {met} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke test")
    parser.add_argument("names", nargs="*", choices=[[], *SCRIPTS], metavar="NAME", help=f"only these ({', '.join(SCRIPTS)})")
    args = parser.parse_args()
    names = args.names or list(SCRIPTS)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp:
        out = Path(tmp) / "results.jsonl"
        out.touch()
        env = {**os.environ, OUT_ENV: str(out), STORE_ENV: str(bench_store())}
        failed = []
        for name in names:
            print(f"\n== {name}", flush=True)
            command = [sys.executable, str(BENCH / f"{name}.py"), *SCRIPTS[name][args.quick]]
            if subprocess.run(command, env=env).returncode:
                failed.append(name)
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    lines = [
        "# Benchmark results",
        "",
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, commit {commit()}{', quick run' if args.quick else ''}.",
        f"Machine: {machine()}.",
        f"Command: `python bench/run_all.py{' --quick' if args.quick else ''}{''.join(' ' + n for n in args.names)}`"
        f" ({time.perf_counter() - started:.0f} s).",
        "",
        table(rows),
    ]
    if failed:
        lines += ["", f"Failed (no results): {', '.join(failed)}."]
    text = "\n".join(lines) + "\n"
    print("\n" + text)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS.relative_to(REPO)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
