"""Figure extraction speed: MB of text per second on one core (median of 5 runs), target ≥ 2.5 MB/s.

    python bench/extract_speed.py [--mb 5] [--runs 5]

The text is generated from the seed briefs with their numbers varied (same text for the same --seed),
about 5 MB. Next to it, in the same run: a plain digit regular expression (the floor any extractor
pays to look at every character) and, when it happens to be installed, quantulum3 on a small slice
(it is far too slow for the whole text; it is never a dependency of newsbrief).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics

from _common import REPO, report, timed

from store.extract.figures import extract_figures  # _common puts the checkout on sys.path

SEEDS = REPO / "seeds"
_NUMBER = re.compile(r"\d[\d,. ]*\d|\d")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def corpus(megabytes: float, seed: int = 1) -> str:
    """Seed briefs with their numbers and months varied, joined by blank lines, about `megabytes` MB."""
    rng = random.Random(seed)
    briefs = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        brief = _NUMBER.sub(lambda m: _vary(m.group(), rng), rng.choice(briefs))
        brief = re.sub("|".join(_MONTHS), lambda m: rng.choice(_MONTHS), brief)
        parts.append(brief)
        size += len(brief.encode("utf-8")) + 2
    return "\n\n".join(parts)


def _vary(text: str, rng: random.Random) -> str:
    digits = sum(c.isdigit() for c in text)
    if digits == 4 and text.startswith(("19", "20")):
        return str(rng.randint(2015, 2026))
    if "-" in text:
        return text
    value = rng.randint(10 ** (digits - 1) if digits > 1 else 1, 10**digits - 1)
    if "," in text:
        return f"{value:,}"
    if " " in text.strip():
        return f"{value:,}".replace(",", " ")
    return str(value)


def rates(work, megabytes: float, runs: int) -> list[float]:
    """MB per second of each of `runs` runs of `work()` over `megabytes` MB."""
    return [megabytes / timed(work) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    text = corpus(args.mb, args.seed)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    count = len(extract_figures(text))
    print(f"text: {megabytes:.2f} MB, {count:,} figures")
    digits = re.compile(r"\d+(?:[.,]\d+)*")
    ours = rates(lambda: extract_figures(text), megabytes, args.runs)
    floor = rates(lambda: digits.findall(text), megabytes, args.runs)
    report("figure extraction, one core", ours, "plain digit regex (finds digits only)", floor, unit="MB/s", min_median=2.5)

    try:
        from quantulum3 import parser as quantulum  # optional, never a dependency
    except ImportError:
        print("quantulum3               :      n/a  (not installed)")
        return
    piece = text[:20_000]
    rate = statistics.median(rates(lambda: quantulum.parse(piece), len(piece.encode("utf-8")) / 1_000_000, 3))
    print(f"quantulum3 (20 KB slice) : {rate:8.3f} MB/s  ({statistics.median(ours) / rate:.0f}x slower than us)")


if __name__ == "__main__":
    main()
