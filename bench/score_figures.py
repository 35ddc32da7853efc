"""Score the figure extractor against hand-annotated figures: precision, recall, F1 and value accuracy.

    python bench/score_figures.py [DATA.jsonl] [--errors]

Two gold sets are scored: `tests/data/figure_sentences.jsonl` (news sentences written for this test,
one JSON object a line: "text", "published", "figures": [{"text", "start", "end", "kind", "value",
"low", "high"}]) and the five seed briefs, annotated by hand in `SEED_GOLD` below.

- span P/R/F1: a found figure matches a gold figure when both have exactly the same start and end.
- value P/R/F1: a match counts only if kind, value, low and high are equal too (numbers to 1e-9).
- value accuracy: the share of span matches whose kind and values are right.
- lenient value F1: as value F1, but spans need only overlap (qualifier or unit boundaries may differ).

Each sentence record says when it was written: "before-tuning" (written before the extractor was tuned
against this file) or "after-tuning" (written afterwards and not tuned on: the honest held-out figure).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from store.extract.figures import extract_figures  # noqa: E402

DATA = REPO / "tests" / "data" / "figure_sentences.jsonl"
SEEDS = REPO / "seeds"

# The seeds' figures, annotated by hand: (text, occurrence, kind, value, low, high). Dates without a
# year and relative dates follow the conventions of `store.figures` (no publication date but for 001).
SEED_GOLD: dict[str, tuple[str | None, list[tuple]]] = {
    "000": (None, [
        ("several hundred", 0, "count", None, 300, 900),
        ("December 16", 0, "date", "--12-16", None, None),
        ("last week", 0, "date", None, None, None),
        ("December 14-15", 0, "date", "--12-14", "--12-14", "--12-15"),
        ("at least 30", 0, "count", 30, 30, None),
        ("three more", 0, "count", 3, None, None),
        ("last week", 1, "date", None, None, None),
        ("several dozen", 0, "count", None, 36, 108),
        ("October 24", 0, "date", "--10-24", None, None),
        ("approximately 12 000", 0, "count", 12000, None, None),
        ("500", 0, "count", 500, None, None),
        ("three", 1, "count", 3, None, None),
        ("50 000", 0, "count", 50000, None, None),
        ("December 14", 0, "date", "--12-14", None, None),
    ]),
    "001": ("2024-12-19", [
        ("2024-12-19", 0, "date", "2024-12-19", None, None),
        ("At least 100", 0, "count", 100, 100, None),
        ("another thousand", 0, "count", 1000, None, None),
        ("The day before", 0, "date", "2024-12-18", None, None),
        ("several hundred", 0, "count", None, 300, 900),
        ("October 24", 0, "date", "2024-10-24", None, None),
        ("approximately 12 000", 0, "count", 12000, None, None),
        ("500", 0, "count", 500, None, None),
        ("three", 0, "count", 3, None, None),
        ("50 000", 0, "count", 50000, None, None),
        ("December 14", 0, "date", "2024-12-14", None, None),
        ("December 14-15", 0, "date", "2024-12-14", "2024-12-14", "2024-12-15"),
        ("at least 30", 0, "count", 30, 30, None),
        ("three more", 0, "count", 3, None, None),
    ]),
    "002": (None, [
        ("exceeds three thousand", 0, "count", 3000, 3000, None),
        ("Today", 0, "date", None, None, None),
        ("December 23", 0, "date", "--12-23", None, None),
        ("October 24", 0, "date", "--10-24", None, None),
        ("approximately 12,000", 0, "count", 12000, None, None),
        ("500", 0, "count", 500, None, None),
        ("three", 1, "count", 3, None, None),
        ("50,000", 0, "count", 50000, None, None),
        ("December 14", 0, "date", "--12-14", None, None),
        ("December 14-15", 0, "date", "--12-14", "--12-14", "--12-15"),
        ("at least 30", 0, "count", 30, 30, None),
        ("three more", 0, "count", 3, None, None),
        ("at least 100", 0, "count", 100, 100, None),
        ("another thousand", 0, "count", 1000, None, None),
    ]),
    "003": (None, [
        ("10,000", 0, "count", 10000, None, None),
        ("several hundred", 0, "count", None, 300, 900),
        ("February 2022", 0, "date", "2022-02", None, None),
        ("June", 0, "date", "--06", None, None),
        ("two", 0, "count", 2, None, None),
        ("this month", 0, "date", None, None, None),
        ("mid-October", 0, "date", "--10", None, None),
        ("around 10,000", 0, "count", 10000, None, None),
        ("the weekend", 0, "date", None, None, None),
        ("Monday", 0, "date", None, None, None),
        ("at least 30", 0, "count", 30, 30, None),
        ("August", 0, "date", "--08", None, None),
        ("several hundred square kilometers", 0, "quantity", None, 300, 900),
        ("Tuesday", 0, "date", None, None, None),
        ("earlier this week", 0, "date", None, None, None),
    ]),
    "004": (None, [
        ("Hundreds", 0, "count", None, 200, 999),
        ("a couple hundred", 0, "count", 200, 200, 300),
        ("17 December", 0, "date", "--12-17", None, None),
        ("a couple hundred", 1, "count", 200, 200, 300),
        ("October 2024", 0, "date", "2024-10", None, None),
        ("10,000 to 12,000", 0, "count", None, 10000, 12000),
        ("16 December", 0, "date", "--12-16", None, None),
        ("17 December", 1, "date", "--12-17", None, None),
        ("$5.6 billion", 0, "money", 5_600_000_000, None, None),
        ("20 January 2025", 0, "date", "2025-01-20", None, None),
        ("approximately $1.2 billion", 0, "money", 1_200_000_000, None, None),
        ("the end of 2024", 0, "date", "2024", None, None),
        ("as many as 1,200 troops a day", 0, "rate", 1200, None, 1200),
        ("about 20%", 0, "percent", 20, None, None),
    ]),
}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    span: int = 0
    value: int = 0
    lenient: int = 0
    misses: list = field(default_factory=list)

    def add(self, text: str, gold: list[dict], found: list[dict]) -> None:
        self.gold += len(gold)
        self.found += len(found)
        by_span = {(f["start"], f["end"]): f for f in found}
        used = set()
        for g in gold:
            f = by_span.get((g["start"], g["end"]))
            if f is not None:
                self.span += 1
                used.add(id(f))
                if same_values(g, f):
                    self.value += 1
                    self.lenient += 1
                    continue
                self.misses.append(("value", text, g, f))
                continue
            overlapping = [f for f in found if f["start"] < g["end"] and g["start"] < f["end"] and id(f) not in used]
            if overlapping and same_values(g, overlapping[0]):
                self.lenient += 1
                used.add(id(overlapping[0]))
            self.misses.append(("span", text, g, overlapping[0] if overlapping else None))
        gold_spans = {(g["start"], g["end"]) for g in gold}
        for f in found:
            if (f["start"], f["end"]) not in gold_spans and not any(
                f["start"] < g["end"] and g["start"] < f["end"] for g in gold
            ):
                self.misses.append(("extra", text, None, f))

    def report(self, name: str) -> dict:
        def f1(hits: int) -> tuple[float, float, float]:
            p = hits / self.found if self.found else 1.0
            r = hits / self.gold if self.gold else 1.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = f1(self.span)
        vp, vr, vf = f1(self.value)
        _, _, lf = f1(self.lenient)
        accuracy = self.value / self.span if self.span else 0.0
        print(
            f"{name:<22} gold {self.gold:4d}  found {self.found:4d}  span P {sp:6.1%} R {sr:6.1%} F1 {sf:6.1%}"
            f"  | value P {vp:6.1%} R {vr:6.1%} F1 {vf:6.1%}  | value accuracy {accuracy:6.1%}"
            f"  | lenient value F1 {lf:6.1%}"
        )
        return {"span_f1": sf, "value_f1": vf, "value_accuracy": accuracy, "lenient_value_f1": lf,
                "span_precision": sp, "span_recall": sr, "value_precision": vp, "value_recall": vr}


def same_values(gold: dict, found: dict) -> bool:
    if gold["kind"] != found["kind"]:
        return False
    return all(_same(gold.get(key), found.get(key)) for key in ("value", "low", "high"))


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def load(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score_sentences(records: list[dict]) -> Score:
    score = Score()
    for record in records:
        found = [f.to_record() for f in extract_figures(record["text"], record.get("published"))]
        score.add(record["text"], record["figures"], found)
    return score


def seed_records() -> list[dict]:
    records = []
    for prefix, (published, gold) in SEED_GOLD.items():
        [path] = SEEDS.glob(f"{prefix}_*.txt")
        text = path.read_text(encoding="utf-8")
        figures = []
        for span, occurrence, kind, value, low, high in gold:
            start = -1
            for _ in range(occurrence + 1):
                start = _find_word(text, span, start + 1)
            if start < 0:
                raise ValueError(f"{path.name}: {span!r} #{occurrence} not found")
            figures.append({"text": span, "start": start, "end": start + len(span), "kind": kind, "value": value,
                            "low": low, "high": high})
        records.append({"text": text, "published": published, "figures": figures, "file": path.name})
    return records


def _find_word(text: str, span: str, start: int) -> int:
    """Next occurrence of span that is not inside a longer word ("three" in "three more" counts)."""
    while True:
        at = text.find(span, start)
        if at < 0:
            return -1
        before = text[at - 1] if at else " "
        after = text[at + len(span)] if at + len(span) < len(text) else " "
        following = text[at + len(span) + 1 : at + len(span) + 2]
        if not before.isalnum() and not after.isalnum() and not (after in "-–" and following.isdigit()):
            return at
        start = at + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="list every miss, wrong value and extra figure")
    args = parser.parse_args()
    records = load(args.data)
    sentences = score_sentences(records)
    seeds = score_sentences(seed_records())
    sentences.report(f"sentences ({len(records)})")
    for written in sorted({r.get("written") for r in records if r.get("written")}):
        subset = [r for r in records if r.get("written") == written]
        score_sentences(subset).report(f"  {written} ({len(subset)})")
    seeds.report("seeds (5 briefs)")
    if args.errors:
        for label, score in (("sentences", sentences), ("seeds", seeds)):
            for kind, text, gold, found in score.misses:
                short = text if len(text) < 110 else text[:107] + "..."
                g = gold and (gold["text"], gold["kind"], gold["value"], gold["low"], gold["high"])
                f = found and (found["text"], found["kind"], found["value"], found["low"], found["high"])
                print(f"[{label}:{kind}] {short}\n    gold {g}\n    got  {f}")


if __name__ == "__main__":
    main()
