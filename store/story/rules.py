"""The compare groups' rules: which group a figure goes to, and what a group is called.

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

The compare index records each figure's rule group when a brief is written (`store.story.compare_index`),
and grouping reads it from there (`store.story.compare`).
"""

from __future__ import annotations

import re

from store.model import Article, Figure

_PEOPLE = r"soldiers?|troops?|forces?|servicemen|people|personnel|fighters?|military"
_RULES: list[tuple[str, str, str, re.Pattern[str], re.Pattern[str] | None]] = [
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


def group_by_rules(kind: str, subject: str | None, sentence: str) -> str | None:
    """The group the rules give a figure of this kind and subject, or None for figures no group compares (dates)."""
    if kind == "date":
        return None
    if kind == "money":
        return "money"
    subject = (subject or "").casefold()
    sentence = sentence.casefold()
    for group, _, rule_kind, subject_rule, sentence_rule in _RULES:
        if kind == rule_kind and subject_rule.search(subject) and (sentence_rule is None or sentence_rule.search(sentence)):
            return group
    noun = subject.split()[-1] if subject.split() else "unspecified"
    return f"other:{kind}:{noun}"


def label_of(group: str) -> str:
    if group in LABELS:
        return LABELS[group]
    if group.startswith("other:"):
        _, kind, noun = group.split(":", 2)
        return f"{noun} ({kind})"
    return group


def sentence_of(article: Article, figure: Figure) -> str:
    """The sentence a figure is in."""
    if 0 <= figure.sentence < len(article.sentences):
        start, end = article.sentences[figure.sentence]
        return article.text[start:end]
    return ""
