"""Generate a reproducible corpus of briefs from the seed sentences, for the benchmarks.

Numbers, names and dates vary from brief to brief; now and then a hostile line (markup brackets,
escapes, emoji, right-to-left text) is mixed in, as real scraped text has. The same --seed gives the
same corpus, byte for byte.

    python bench/make_corpus.py OUT_DIR [--count 10000] [--seed 1] [--jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
NAMES = ["Lee Seong Kwon", "Patrick Ryder", "John Kirby", "Oleksandr Syrsky", "Maria Petrenko", "Kim Jong Su", "Anna Kovalenko", "David Miller"]
PLACES = ["Kursk", "Sudzha", "Belgorod", "Plekhovo", "Kharkiv", "Donetsk", "Zaporizhzhia", "Bryansk"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
HOSTILE = [
    "Posted by [bold]admin[/bold] [@click=app.quit]share[/] [link=https://example.org]link[/link] [$accent]",
    "Caption: \x1b[31mred alert\x1b[0m \x1b]8;;https://example.org\x07click\x1b]8;;\x07",
    "Reactions: 👍🏽 👨‍👩‍👧‍👦 🇺🇦 — 12 shares",
    "Quote: «مقاتلون» עִבְרִית 3 כוחות — mixed direction",
    "Path C:\\new\\table [x] \\[escaped] [/]",
]
NUMBER = re.compile(r"\d[\d,. ]*\d|\d")
NAME_OR_PLACE = re.compile("|".join(map(re.escape, NAMES[:4] + PLACES[:4])))


def seed_sentences() -> list[str]:
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 30 and not line.lower().startswith("date "):
                lines.append(line)
    return lines


def vary(line: str, rng: random.Random) -> str:
    """The line with other numbers, names and places, so every brief's figures differ."""
    line = NUMBER.sub(lambda m: _number_like(m.group(), rng), line)
    return NAME_OR_PLACE.sub(lambda m: rng.choice(NAMES if m.group() in NAMES else PLACES), line)


def _number_like(text: str, rng: random.Random) -> str:
    digits = sum(ch.isdigit() for ch in text)
    if digits == 4 and text.startswith(("19", "20")):
        return str(rng.randint(2019, 2026))
    value = rng.randint(10 ** (digits - 1) if digits > 1 else 1, 10**digits - 1)
    if "," in text:
        return f"{value:,}"
    if " " in text.strip():
        return f"{value:,}".replace(",", " ")
    return str(value)


def make_brief(number: int, lines: list[str], rng: random.Random) -> dict:
    body = [vary(rng.choice(lines), rng) for _ in range(rng.randint(7, 12))]
    if rng.random() < 0.05:
        body.insert(rng.randrange(1, len(body)), rng.choice(HOSTILE))
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2024, 2025])
    title = vary(rng.choice(lines), rng)[:120]
    return {
        "title": title,
        "text": title + "\n\n" + "\n\n".join(body),
        "date": f"{year}-{month:02}-{day:02}",
        "source": rng.choice(["AP", "Reuters", "Ukrinform", "Yonhap", "Kyiv Independent", "Meduza"]),
        "url": f"https://example.org/briefs/{number}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jsonl", action="store_true", help="one briefs.jsonl instead of one .txt per brief")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = seed_sentences()
    args.out.mkdir(parents=True, exist_ok=True)
    briefs = [make_brief(n, lines, rng) for n in range(args.count)]
    if args.jsonl:
        with open(args.out / "briefs.jsonl", "w", encoding="utf-8") as out:
            for brief in briefs:
                out.write(json.dumps(brief, ensure_ascii=False) + "\n")
    else:
        for n, brief in enumerate(briefs):
            (args.out / f"{n:05}.txt").write_text(f"date {brief['date']} {brief['text']}\n", encoding="utf-8")
    size = sum(len(b["text"].encode("utf-8")) for b in briefs)
    print(f"{args.count} briefs, {size / 1e6:.1f} MB of text, in {args.out}")


if __name__ == "__main__":
    main()
