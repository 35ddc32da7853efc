"""Search, in process: one word and one phrase, by relevance and by date, at 10,000 and 100,000 briefs; targets ≤ 10 ms and ≤ 50 ms.

Each sample is one `Store.search` call (the best or newest 20, with their title spans) on the cached store,
its index already open (the first search of a process opens it, untimed). Baseline in the same run:
what the reader's `/` did before, a case-folded substring test over every title and source, which
finds no word of a body. Also shown: the index's size against the rest of the store (target ≤ 40%).

    python bench/search_speed.py [--runs 30]
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from _common import BIG, COUNT, bench_store, big_store, report, timed

# The generated corpus recombines the seed sentences, so most words are in most briefs: "wounded"
# and the phrase match 80-90% of them, the worst case for ranking. "reactions" (a line mixed into
# about 1% of briefs) is what a name or a rare word looks like in real news.
QUERIES = {"one word": "wounded", "one phrase": '"north korean soldiers"', "a rarer word": "reactions"}


def folder_mb(folder: Path, *, index: bool) -> float:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".bak")]
    return sum(p.stat().st_size for p in files if p.name.startswith("search.sqlite") == index) / 1e6


def measure(count: int, folder: Path, runs: int) -> None:
    from store import Store

    with Store(folder, readonly=True) as store:
        summaries = store.summaries()
        word = QUERIES["one word"]

        def title_scan() -> None:
            [s for s in summaries if word in s.title.casefold() or word in s.source.casefold()]

        for (name, query), by in itertools.product(QUERIES.items(), ("relevance", "date")):
            store.search(query)  # opens the index
            hits = len(store.search(query, limit=1_000_000))
            samples = [timed(lambda query=query, by=by: store.search(query, by=by)) for _ in range(runs)]
            scans = [timed(title_scan) for _ in range(runs)]
            report(f"search by {by}, {name} ({query}, {hits:,} briefs match), 20 with spans, {count:,} briefs", samples,
                   "substring scan of titles and sources", scans, unit="ms", max_median=10 if count == COUNT else 50)
    index, rest = folder_mb(folder, index=True), folder_mb(folder, index=False)
    report(f"search index size, {count:,} briefs (MB)", [index], "the rest of the store (MB)", [rest], unit="MB", max_ratio=0.4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    measure(COUNT, bench_store(), args.runs)
    huge = big_store()
    if huge is not None:
        measure(BIG, huge, args.runs)


if __name__ == "__main__":
    main()
