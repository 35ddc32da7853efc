"""What every benchmark shares: the corpora and the 10k and 100k stores (built once, cached), timing, the report.

The corpus and the store built from it are kept in a cache folder (`$NEWSBRIEF_BENCH_CACHE`, by
default `~/.cache/newsbrief-bench`) so each script does not pay the import again. The cached store
is keyed by a hash of the `store/` sources and of the corpus generator: change either and it is
rebuilt (about 40 s at 10k), since a store written by older code may not be what the code now writes.
`run_all.py` builds each tier once and pins it for every script through `$NEWSBRIEF_BENCH_STORE`
(10k) and `$NEWSBRIEF_BENCH_STORE_100000` (100k), so a change to `store/` in the middle of a run does
not rebuild them again.

Each result goes to stdout as one line and, when `$NEWSBRIEF_BENCH_OUT` names a file (run_all does),
as one JSON line appended to it.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the scripts run from a checkout, installed or not

COUNT = 10_000
BIG = 100_000  # the second tier: a year of a busy story
ANNOTATIONS = 1_000
CACHE = Path(os.environ.get("NEWSBRIEF_BENCH_CACHE") or Path.home() / ".cache" / "newsbrief-bench")
OUT_ENV = "NEWSBRIEF_BENCH_OUT"
STORE_ENV = "NEWSBRIEF_BENCH_STORE"
SKIP_BIG_ENV = "NEWSBRIEF_BENCH_SKIP_100K"  # set: the 100k measures are left out (a quick look at the 10k tier)
SIZE = (120, 40)  # the terminal every app benchmark runs in

# unit -> factor from the samples to the unit: samples are seconds for "s" and "ms", else in the unit
UNITS = {"s": 1, "ms": 1000, "MB": 1, "KB": 1, "MB/s": 1}


@dataclass
class Result:
    measure: str
    median: float
    unit: str
    runs: int
    baseline: str
    baseline_median: float
    baseline_runs: int
    target: str
    met: bool | None  # None: shown for context, no target

    @property
    def ratio(self) -> float:
        return self.median / self.baseline_median if self.baseline_median else math.nan

    def show(self, value: float) -> str:
        """Three significant figures or so: 1554 ms, 11.9 ms, 0.043 ms."""
        digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 1 else 3
        return f"{value:.{digits}f} {self.unit}"


def report(
    measure: str,
    samples: list[float],
    baseline: str,
    baseline_samples: list[float],
    *,
    unit: str,
    max_ratio: float | None = None,
    max_median: float | None = None,
    min_median: float | None = None,
) -> Result:
    """Print the medians and their ratio and append them to `$NEWSBRIEF_BENCH_OUT`.

    The target is one of: a bound on the ratio to the baseline, or an upper or lower bound on the
    median (in `unit`), or none for a figure shown for context. Samples are seconds for the units "s" and "ms", else already in `unit`.
    """
    factor = UNITS[unit]
    result = Result(
        measure, statistics.median(samples) * factor, unit, len(samples),
        baseline, statistics.median(baseline_samples) * factor, len(baseline_samples), "", True,
    )
    if max_ratio is not None:
        result.target, result.met = f"≤ {max_ratio:g}× baseline", result.ratio <= max_ratio
    elif max_median is not None:
        result.target, result.met = f"≤ {max_median:g} {unit}", result.median <= max_median
    elif min_median is not None:
        result.target, result.met = f"≥ {min_median:g} {unit}", result.median >= min_median
    else:
        result.target, result.met = "none (for context)", None
    print(
        f"{measure}: median {result.show(result.median)} of {result.runs} runs; "
        f"{baseline}: {result.show(result.baseline_median)} of {result.baseline_runs}; "
        f"ratio {result.ratio:.2f}; target {result.target}" + ("" if result.met is None else ": met" if result.met else ": MISSED"),
        flush=True,
    )
    out = os.environ.get(OUT_ENV)
    if out:
        with open(out, "a", encoding="utf-8") as file:
            file.write(json.dumps({**asdict(result), "ratio": result.ratio}) + "\n")
    return result


def timed(work: Callable[[], object]) -> float:
    """Seconds `work()` takes."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


# --- the corpus and the stores ----------------------------------------------------------------


def corpus(count: int = COUNT) -> Path:
    """The generated corpus of `count` briefs as .txt files, made the first time it is asked for."""
    folder = CACHE / f"corpus-{count}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), str(folder), "--count", str(count)], check=True)
        (folder / ".complete").touch()
    return folder


def _code_key() -> str:
    digest = hashlib.sha256()
    for path in sorted([*(REPO / "store").rglob("*.py"), REPO / "bench" / "make_corpus.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def store_env(count: int = COUNT) -> str:
    """The variable that pins the store of a tier: `NEWSBRIEF_BENCH_STORE` (10k), `..._100000`."""
    return STORE_ENV if count == COUNT else f"{STORE_ENV}_{count}"


def bench_store(count: int = COUNT) -> Path:
    """A store of the corpus of `count` briefs with 1,000 tagged claims: the pinned one, the cached one, or a new one."""
    pinned = os.environ.get(store_env(count))
    if pinned:
        return Path(pinned)
    folder = CACHE / f"store-{count}-{_code_key()}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"building the benchmark store in {folder} (an import of {count} briefs) ...", flush=True)
    from store import Store

    with Store(folder) as store:
        store.import_paths([corpus(count)])
        _tag_claims(store)
    for stale in CACHE.glob(f"store-{count}-*"):  # built by older store code
        if stale != folder:
            shutil.rmtree(stale, ignore_errors=True)
    (folder / ".complete").touch()
    return folder


def big_store() -> Path | None:
    """The 100k store, or None when the run skips that tier (`run_all.py --skip-100k`)."""
    return None if os.environ.get(SKIP_BIG_ENV) else bench_store(BIG)


def _tag_claims(store) -> None:
    """1,000 tagged claims: the first four sentences of 250 briefs, each with one tag."""
    tags = store.tags()
    made = 0
    for summary in store.summaries():
        for start, end in store.article(summary.id).sentences[:4]:
            store.annotate(summary.id, start, end, tags=[tags[made % len(tags)]])
            made += 1
        if made >= ANNOTATIONS:
            return


def seed_store(parent: Path) -> Path:
    """A store of the five bundled seed briefs inside `parent`."""
    from store import Store

    folder = parent / "seeds-store"
    with Store(folder) as store:
        store.import_seeds()
    return folder


def copy_store(folder: Path, parent: Path) -> Path:
    """A private copy of a store, for benchmarks that write."""
    copy = parent / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("*.lock", ".complete"))
    return copy


def temp_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="newsbrief-bench-")


# --- the apps -----------------------------------------------------------------------------------


def bare_app():
    """The baseline: a Textual app with a Header, a Static and a Footer."""
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self):
            yield Header()
            yield Static("Hello, bare Textual")
            yield Footer()

    return Bare()


def parent_or_child(description: str, runs: int, child: Callable[[str, str | None], None]) -> argparse.Namespace | None:
    """The arguments of a script that times fresh processes of itself: `--child KIND [STORE]` runs
    `child` (one measured process) and returns None; otherwise the parent's arguments (`--runs`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--child", choices=["bare", "reader"])
    parser.add_argument("store", nargs="?")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.store)
        return None
    return args


def reader_app(store: Path):
    """The reader on `store`, built as the `newsbrief` command builds it (its module loaded first)."""
    import tui.cli  # noqa: F401  what the command imports before it builds the app
    from tui.app import create_app

    return create_app(store)


async def first_screen(app) -> None:
    """Return once the first full screen is drawn, footer keys included; for the reader, the first brief too."""
    await painted(app)
    footer = app.screen.query_one("Footer, KeyFooter")  # Textual's (the bare app) or the reader's own
    while not (footer.items if hasattr(footer, "items") else footer.children):  # keys come a refresh later
        await painted(app)
    pane = getattr(app.screen, "reading_pane", None)
    if pane is not None and not pane.line_count:
        raise SystemExit("benchmark: the reader drew no brief on its first screen")


# --- timing inside a running Textual app ------------------------------------------------------


async def painted(app) -> None:
    """Return once the screen has repainted everything pending (the compositor has drawn it)."""
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()


class _Frames:
    """When the app's screen was drawn: each compositor update handed to the display, timed.

    Textual has no public hook for "a frame went out", so the app's `_display` is wrapped; headless,
    the compositor still renders each update, only the terminal write is skipped.
    """

    def __init__(self, app) -> None:
        self.times: list[float] = []
        display = app._display

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.times.append(time.perf_counter())

        app._display = timed_display

    def after(self, moment: float) -> float | None:
        return self.times[-1] if self.times and self.times[-1] >= moment else None


def frames(app) -> _Frames:
    """The frame recorder of `app`, installed the first time it is asked for."""
    recorder = app.__dict__.get("_bench_frames")
    if recorder is None:
        recorder = app.__dict__["_bench_frames"] = _Frames(app)
    return recorder


async def press(app, key: str, done: Callable[[], bool], timeout: float = 10.0) -> float:
    """Seconds from a key reaching the app to the first frame drawn after `done()` turned true.

    The key is posted as the terminal driver posts it; Textual's `Pilot.press` is not used because it
    waits for the process to look idle in 20 ms sleeps, which would swamp what is measured here.
    """
    from textual import events

    recorder = frames(app)
    started = time.perf_counter()
    app.post_message(events.Key(key, key if len(key) == 1 else None))
    await until(done, started, timeout)
    reacted = time.perf_counter()
    await until(lambda: recorder.after(reacted) is not None, started, timeout)
    return recorder.after(reacted) - started


async def settled(app, started: float) -> float:
    """Seconds from `started` to the last frame before the app went quiet (two repaint rounds, no frame).

    What follows a key's first frame (a footer rebuild, say) delays the next key; this is when it ends.
    """
    recorder = frames(app)
    while True:
        count = len(recorder.times)
        await painted(app)
        await painted(app)
        if len(recorder.times) == count:
            return (recorder.times[-1] if recorder.times else time.perf_counter()) - started


async def until(done: Callable[[], bool], started: float, timeout: float = 10.0) -> float:
    """Seconds from `started` (a perf_counter time) to `done()` turning true, checked at every turn of the loop."""
    while not done():
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"the app did not get there within {timeout} s")
        await asyncio.sleep(0)
    return time.perf_counter() - started


async def tag_key_times(app, presses: int, done_after: Callable[[object], Callable[[], bool]]) -> list[float]:
    """Key `1` on the open brief's claims, each claim twice (on, off): the seconds until `done_after(screen)()`.

    `done_after` is called just before each press and returns the test for that press being done.
    """
    from textual import events

    from store.model import Claim

    screen = app.screen
    sentences = len(screen.article.sentences)
    times = []
    for number in range(presses):
        if number % 2 == 0:
            screen.claim = Claim(number // 2 % sentences, number // 2 % sentences)
            await painted(app)
        done = done_after(screen)
        started = time.perf_counter()
        app.post_message(events.Key("1", "1"))
        times.append(await until(done, started))
        await painted(app)
    return times
