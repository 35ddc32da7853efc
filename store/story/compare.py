"""The story across briefs: figures of all briefs grouped by what they measure.

Each figure goes to the first group whose rule fits. Rules read the figure's `kind`, its `subject`,
and the words of its sentence ("lost", "Russia"), so they hold up when a subject is just "troops":

| group          | kind  | rule                                                                    |
| -------------- | ----- | ----------------------------------------------------------------------- |
| casualties     | count | killed and wounded together, "casualties", "losses", "victims"          |
| killed         | count | killed, dead, deaths                                                    |
| wounded        | count | wounded, injured                                                        |
| missing        | count | missing, captured, prisoners                                            |
| casualties     | count | soldiers or troops in a sentence that says "lost" or "losses"           |
| russian-force  | count | soldiers or troops in a sentence naming Russia and not North Korea      |
| deployed       | count | soldiers, troops, forces                                                |
| money          | money | any                                                                     |
| other:KIND:NOUN | any  | the rest, by kind and the last word of the subject; dates are left out  |

The user can move a figure to another group or merge groups; those choices (`overrides`, kept by the
store) win over the rules. Rows are in date order, undated briefs last. A figure in a paragraph that
repeats an earlier brief is counted once: it is folded into the same value's row from the brief it
repeats (`also_in`). A group is `conflicting` when no single number fits every row's range; money is
never conflicting, since two sums in one story are rarely the same sum.
"""

from __future__ import annotations

import math
import re

from store.story.repeats import repeated_from

_PEOPLE = r"soldiers?|troops?|forces?|servicemen|people|personnel|fighters?|military"
_RULES: list[tuple[str, str, str, re.Pattern, re.Pattern | None]] = [
    # (group id, label, kind, subject pattern, sentence pattern or None), first fit wins
    ("casualties", "casualties (killed and wounded)", "count",
     re.compile(r"(killed|dead).*(wounded|injured)|(wounded|injured).*(killed|dead)|casualt|losses|victims"), None),
    ("killed", "killed", "count", re.compile(r"killed|\bdead\b|deaths?\b|died"), None),
    ("wounded", "wounded", "count", re.compile(r"wounded|injured"), None),
    ("missing", "missing or captured", "count", re.compile(r"missing|captured|prisoners?"), None),
    ("casualties", "casualties (killed and wounded)", "count", re.compile(_PEOPLE), re.compile(r"\blost\b|\blosses\b")),
    ("russian-force", "Russian force size", "count", re.compile(_PEOPLE),
     re.compile(r"^(?!.*(north korea|korean|dprk|pyongyang)).*\b(russia|russian|moscow)\b")),
    ("deployed", "troops deployed", "count", re.compile(_PEOPLE), None),
]
LABELS = {group: label for group, label, *_ in _RULES} | {"money": "money"}
_OPEN_BELOW = {"at least", "exceeds", "over", "more than", "above", "upwards of", "no fewer than"}
_OPEN_ABOVE = {"up to", "as many as", "at most", "fewer than", "less than", "under", "no more than"}
APPROXIMATE = 0.1  # "approximately 12,000" is read as 12,000 give or take a tenth


def empty_overrides() -> dict:
    return {"moves": {}, "merges": {}}


def rule_group(figure: dict, sentence: str) -> str | None:
    """The group the rules give a figure, or None for figures no group compares (dates)."""
    kind = figure["kind"]
    if kind == "date":
        return None
    if kind == "money":
        return "money"
    subject = (figure.get("subject") or "").casefold()
    sentence = sentence.casefold()
    for group, _, rule_kind, subject_rule, sentence_rule in _RULES:
        if kind == rule_kind and subject_rule.search(subject) and (sentence_rule is None or sentence_rule.search(sentence)):
            return group
    noun = subject.split()[-1] if subject.split() else "unspecified"
    return f"other:{kind}:{noun}"


def figure_range(figure: dict) -> tuple[float, float]:
    """The numbers a figure allows: "at least 30" is 30 up, "several hundred" 300 to 900."""
    value, low, high = figure.get("value"), figure.get("low"), figure.get("high")
    qualifier = (figure.get("qualifier") or "").casefold()
    if low is not None and high is not None:
        return float(low), float(high)
    base = value if value is not None else low if low is not None else high
    if base is None:
        return -math.inf, math.inf
    if qualifier in _OPEN_BELOW:
        return float(base), math.inf
    if qualifier in _OPEN_ABOVE:
        return 0.0, float(base)
    if figure.get("approximate") or qualifier:
        return base * (1 - APPROXIMATE), base * (1 + APPROXIMATE)
    return float(base), float(base)


def conflicting(rows: list[dict]) -> bool:
    """No single number lies in every row's range."""
    ranges = [figure_range(row) for row in rows]
    return bool(ranges) and max(low for low, _ in ranges) > min(high for _, high in ranges)


def final_group(group: str, merges: dict[str, str]) -> str:
    seen = set()
    while group in merges and group not in seen:
        seen.add(group)
        group = merges[group]
    return group


def compare_figures(articles: list[dict], overrides: dict) -> list[dict]:
    """The groups, most rows first, each `{id, label, conflicting, rows}` (see the module docstring)."""
    moves, merges = overrides.get("moves", {}), overrides.get("merges", {})
    rows_by_group: dict[str, list[dict]] = {}
    repeats: list[tuple[str, dict]] = []
    for seq, article in enumerate(articles):
        for figure in article["figures"]:
            sentence = _sentence(article, figure)
            rule = rule_group(figure, sentence)
            moved = moves.get(f"{article['id']}:{figure['start']}")
            group = final_group(moved or rule, merges) if (moved or rule) else None
            if group is None:
                continue
            row = _row(article, figure, seq, moved is not None)
            if row["repeat_of"]:
                repeats.append((group, row))
            else:
                rows_by_group.setdefault(group, []).append(row)
    by_brief: dict[tuple[str, str], list[dict]] = {}  # (group, article id) -> rows: no scan of a group per repeat
    for group, rows in rows_by_group.items():
        for r in rows:
            by_brief.setdefault((group, r["article_id"]), []).append(r)
    for group, row in repeats:
        same = next((r for r in by_brief.get((group, row["repeat_of"]), ()) if _same_value(r, row)), None)
        if same is not None:
            same["also_in"].append(row["article_id"])
        else:
            rows_by_group.setdefault(group, []).append(row)
    groups = []
    for group, rows in rows_by_group.items():
        rows.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["_seq"], r["start"]))
        for row in rows:
            del row["_seq"]
        groups.append({"id": group, "label": label_of(group), "conflicting": group != "money" and conflicting(rows), "rows": rows})
    groups.sort(key=lambda g: (-len({r["article_id"] for r in g["rows"]}), g["id"]))
    return groups


def label_of(group: str) -> str:
    if group in LABELS:
        return LABELS[group]
    if group.startswith("other:"):
        _, kind, noun = group.split(":", 2)
        return f"{noun} ({kind})"
    return group


def _sentence(article: dict, figure: dict) -> str:
    sentences = article.get("sentences") or []
    number = figure.get("sentence")
    if isinstance(number, int) and 0 <= number < len(sentences):
        start, end = sentences[number]
        return article["text"][start:end]
    return ""


def _row(article: dict, figure: dict, seq: int, moved: bool) -> dict:
    return {
        "article_id": article["id"],
        "title": article["title"],
        "published": article["published"],
        "published_inferred": article.get("published_inferred", False),
        "brief_source": article["source"],
        **{name: figure.get(name) for name in ("start", "end", "text", "kind", "value", "low", "high", "approximate", "qualifier", "unit", "subject", "source")},
        "moved": moved,
        "repeat_of": repeated_from(article, figure["start"]),
        "also_in": [],
        "_seq": seq,
    }


def _same_value(a: dict, b: dict) -> bool:
    return (a["value"], a["low"], a["high"], a["qualifier"]) == (b["value"], b["low"], b["high"], b["qualifier"])
