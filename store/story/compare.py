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
store) win over the rules. Rows are in story order: by the brief's date, or for an undated brief the
bound its text gives ("not before 2024-12-16"), those with neither last; or (`order="figure"`) by the
day each figure refers to (`Figure.as_of`). A figure in a paragraph that
repeats an earlier brief is counted once: it is folded into the same value's row from the brief it
repeats (`also_in`). One claim reported many times (the same value from the same source: a re-report,
"the day before, the AP … wrote") is one row too, with `reports` counting them (`fold_claims`). A
group's `drift` says whether no single number fits every row: a `conflict` when the figures of one
day disagree, a `revision` when each day's agree but the number changed from day to day. Money never
drifts, since two sums in one story are rarely the same sum.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from store.extract.dating import day_in_year
from store.model import Article, Figure, Record, Regrouping, Value, story_order

if TYPE_CHECKING:
    from store.story.compare_index import CompareEntry

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
_OPEN_BELOW = {"at least", "exceeds", "over", "more than", "above", "upwards of", "no fewer than"}
_OPEN_ABOVE = {"up to", "as many as", "at most", "fewer than", "less than", "under", "no more than"}
APPROXIMATE = 0.1  # "approximately 12,000" is read as 12,000 give or take a tenth


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


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One figure of one brief in a compare group, with the brief's date and source beside it."""

    article_id: str
    title: str
    published: str | None
    published_inferred: bool
    brief_source: str
    figure: Figure
    moved: bool  # put in this group by the user, not by the rules
    repeat_of: str | None  # the earlier brief whose paragraph this figure's paragraph repeats
    also_in: tuple[str, ...] = ()  # briefs whose repeated paragraphs say the same, folded into this row
    not_before: str | None = None  # an undated brief's bound (see `store.model.story_day`)
    reports: int = 1  # how many times the claim is reported: this row and the folded ones (see `fold_claims`)

    @property
    def day(self) -> str | None:
        """The day the figure refers to when its sentence names one, else its brief's place in the story."""
        brief_day = self.published or self.not_before
        return day_in_year(self.figure.as_of, int(brief_day[:4]) if brief_day else None) or brief_day

    @property
    def value_key(self) -> tuple[Value, Value, Value, str | None]:
        figure = self.figure
        return (figure.value, figure.low, figure.high, figure.qualifier)

    def to_record(self) -> Record:
        figure = self.figure
        return {
            "article_id": self.article_id,
            "title": self.title,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "not_before": self.not_before,
            "day": self.day,
            "brief_source": self.brief_source,
            **{name: getattr(figure, name) for name in _ROW_FIGURE_FIELDS},
            "moved": self.moved,
            "repeat_of": self.repeat_of,
            "also_in": list(self.also_in),
            "reports": self.reports,
        }


_ROW_FIGURE_FIELDS = ("start", "end", "text", "kind", "value", "low", "high", "approximate", "qualifier", "unit", "subject", "source", "as_of")
ORDERS = ("brief", "figure")  # rows by their brief's place in the story, or by the day each figure refers to


CONFLICT = "conflict"  # figures that cannot all hold on one day: sources disagree
REVISION = "revision"  # figures that cannot all hold, but each day's agree: the number changed over time


@dataclass(frozen=True, slots=True)
class CompareGroup:
    """A group's rows in story order; `rows` may be read lazily (`store.story.compare_view`), so the
    counts a heading shows are kept beside them."""

    id: str
    label: str
    drift: str | None  # CONFLICT, REVISION, or None when one number fits every row
    rows: Sequence[CompareRow]
    brief_count: int  # briefs the rows are in, folded ones included
    widths: tuple[int, ...] = ()  # each table column's widest text, when stored (see `store.story.compare_view`)

    @classmethod
    def of(cls, group: str, drift: str | None, rows: Sequence[CompareRow]) -> CompareGroup:
        briefs = {row.article_id for row in rows} | {other for row in rows for other in row.also_in}
        return cls(group, label_of(group), drift, rows, len(briefs))

    @property
    def conflicting(self) -> bool:
        """No single number fits every row (a conflict or a revision)."""
        return self.drift is not None

    def to_record(self) -> Record:
        return {
            "id": self.id, "label": self.label, "conflicting": self.conflicting, "drift": self.drift,
            "rows": [row.to_record() for row in self.rows],
        }


def figure_range(figure: Figure) -> tuple[float, float]:
    """The numbers a figure allows: "at least 30" is 30 up, "several hundred" 300 to 900."""
    value, low, high = (_number(v) for v in (figure.value, figure.low, figure.high))
    qualifier = (figure.qualifier or "").casefold()
    if low is not None and high is not None:
        return low, high
    base = value if value is not None else low if low is not None else high
    if base is None:
        return -math.inf, math.inf
    if qualifier in _OPEN_BELOW:
        return base, math.inf
    if qualifier in _OPEN_ABOVE:
        return 0.0, base
    if figure.approximate or qualifier:
        return base * (1 - APPROXIMATE), base * (1 + APPROXIMATE)
    return base, base


def _number(value: Value) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def conflicting(rows: Sequence[CompareRow]) -> bool:
    """No single number lies in every row's range."""
    ranges = [figure_range(row.figure) for row in rows]
    return bool(ranges) and max(low for low, _ in ranges) > min(high for _, high in ranges)


def drift_of(rows: Sequence[CompareRow]) -> str | None:
    """CONFLICT when the rows of one day cannot all hold; else REVISION when the rows of all days
    cannot; else None. Rows without any day are compared only with the whole group."""
    if not conflicting(rows):
        return None
    by_day: dict[str, list[CompareRow]] = {}
    for row in rows:
        if row.day is not None:
            by_day.setdefault(row.day, []).append(row)
    return CONFLICT if any(conflicting(same_day) for same_day in by_day.values()) else REVISION


_STOPWORDS = frozenset(["a", "an", "the", "of", "in", "at", "from", "on", "for", "to", "and", "by", "with", "said", "says"])
SAME_SOURCE = 0.75  # share of one source's words the other's source and sentence must hold to be the same


_PLACE_TAIL = re.compile(r"\s+(?:in|at|from)\s+[A-Z].*$")  # "official in Washington" is the official


@lru_cache(maxsize=65536)
def _words(text: str | None) -> frozenset[str]:
    """A source's words, casefolded, plurals folded ("officials" is "official"), small words left out."""
    found = re.findall(r"[\w’']+", _PLACE_TAIL.sub("", text or "").casefold())
    return frozenset(word.removesuffix("s") if len(word) > 3 else word for word in found if word not in _STOPWORDS)


def _initials(words: str) -> str:
    return "".join(word[0] for word in words.split() if word[:1].isupper()).casefold()


def same_source(a: CompareRow, a_sentence: str, b: CompareRow, b_sentence: str) -> bool:
    """Whether two rows' figures come from one source: one names none (an unattributed re-report),
    one is the other's initials ("AP"), or most words of one's source are in the other's source and
    sentence ("the Associated Press, citing a senior military official")."""
    source_a, source_b = a.figure.source, b.figure.source
    if not source_a or not source_b:
        return True
    if source_a.casefold() == source_b.casefold() or source_a.casefold() in (_initials(source_b), ) or source_b.casefold() == _initials(source_a):
        return True
    for mine, theirs in ((_words(source_a), _words(source_b) | _words(b_sentence)), (_words(source_b), _words(source_a) | _words(a_sentence))):
        if mine and len(mine & theirs) >= SAME_SOURCE * len(mine):
            return True
    return False


def fold_claims(rows: Sequence[CompareRow], sentence_of: Callable[[CompareRow], str]) -> list[CompareRow]:
    """Rows of one group with each claim once: a figure of the same value from the same source as an
    earlier row is folded into it (its brief added to `also_in`, `reports` counted). `rows` in story order.

    Rows are compared only with earlier rows of the same value, so a group of 40,000 rows with a few
    thousand values costs what its values' rows cost, not 40,000 squared."""
    kept: list[CompareRow] = []
    sentences: list[str] = []
    briefs: list[dict[str, None]] = []  # each kept row's other briefs, in order (a dict: an ordered set)
    reports: list[int] = []
    by_value: dict[tuple[Value, Value, Value, str | None], list[int]] = {}
    for row in rows:
        sentence = sentence_of(row)
        same_value = by_value.setdefault(row.value_key, [])
        same = next((i for i in same_value if same_source(kept[i], sentences[i], row, sentence)), None)
        if same is None:
            same_value.append(len(kept))
            kept.append(row)
            sentences.append(sentence)
            briefs.append(dict.fromkeys(row.also_in))
            reports.append(row.reports)
            continue
        if len(sentences[same]) < MAX_FOLDED_SENTENCES:
            sentences[same] += " " + sentence
        first = kept[same]
        briefs[same].update(dict.fromkeys((row.article_id, *row.also_in)))
        reports[same] += row.reports
        if not first.figure.source and row.figure.source:
            kept[same] = replace(first, figure=replace(first.figure, source=row.figure.source))
    return [
        replace(row, also_in=tuple(b for b in others if b != row.article_id), reports=count) if count != row.reports else row
        for row, others, count in zip(kept, briefs, reports)
    ]


PROGRESS_EVERY = 1000  # briefs placed between two progress reports
MAX_FOLDED_SENTENCES = 2000  # characters of folded rows' sentences a later row's source is looked for in


def compare_figures(articles: list[Article], regrouping: Regrouping, order: str = "brief") -> list[CompareGroup]:
    """The groups of these articles (see `compare_entries`)."""
    from store.story.compare_index import entry_of

    return compare_entries([entry_of(article) for article in articles], regrouping, order)


def compare_entries(
    entries: Sequence[CompareEntry], regrouping: Regrouping, order: str = "brief", progress: Callable[[int, int], None] | None = None
) -> list[CompareGroup]:
    """The groups, most briefs first (see the module docstring); rows by `order` (one of `ORDERS`);
    `progress(done, total)` as briefs are placed, which may raise to stop."""
    rows_by_group: dict[str, list[tuple[int, CompareRow]]] = {}  # with each row, its brief's place in `entries`
    repeats: list[tuple[str, int, CompareRow]] = []
    sentences: dict[tuple[str, int], str] = {}
    for seq, entry in enumerate(entries):
        if progress and seq % PROGRESS_EVERY == 0:
            progress(seq, len(entries))
        for compared in entry.figures:
            figure = compared.figure
            moved = regrouping.moved(entry.id, figure.start) if regrouping.moves else None
            group = regrouping.final_group(moved or compared.rule_group)
            sentences[entry.id, figure.start] = compared.sentence
            row = CompareRow(
                entry.id, entry.title, entry.published, entry.published_inferred, entry.source, figure,
                moved is not None, compared.repeat_of, not_before=entry.not_before,
            )
            if row.repeat_of:
                repeats.append((group, seq, row))
            else:
                rows_by_group.setdefault(group, []).append((seq, row))
    # (group, article id) -> indexes of its rows in the group: no scan of a group per repeat
    by_brief: dict[tuple[str, str], list[int]] = {}
    for group, rows in rows_by_group.items():
        for index, (_, row) in enumerate(rows):
            by_brief.setdefault((group, row.article_id), []).append(index)
    # the briefs that repeat each row, gathered before the row is made again once: a row repeated by
    # 10,000 briefs made again per repeat copied its growing `also_in` each time (62 s at 100,000 briefs)
    repeating: dict[tuple[str, int], list[str]] = {}
    for group, seq, row in repeats:
        rows = rows_by_group.setdefault(group, [])
        same = next((i for i in by_brief.get((group, row.repeat_of or ""), ()) if rows[i][1].value_key == row.value_key), None)
        if same is None:
            rows.append((seq, row))
        else:
            repeating.setdefault((group, same), []).append(row.article_id)
    for (group, same), ids in repeating.items():
        first_seq, first = rows_by_group[group][same]
        rows_by_group[group][same] = (first_seq, replace(first, also_in=(*first.also_in, *ids), reports=first.reports + len(ids)))
    groups = []
    for group, placed in rows_by_group.items():
        if order == "figure":
            placed.sort(key=lambda item: (item[1].day is None, item[1].day or "", item[0], item[1].figure.start))
        else:
            placed.sort(key=lambda item: (*story_order(item[1].published, item[1].not_before), item[0], item[1].figure.start))
        ordered = fold_claims([row for _, row in placed], lambda row: sentences[row.article_id, row.figure.start])
        groups.append(CompareGroup.of(group, None if group == "money" else drift_of(ordered), tuple(ordered)))
    groups.sort(key=lambda g: (-g.brief_count, g.id))
    return groups


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the groups are made: they allocate a million rows and
    figures at 100,000 briefs, none in a cycle, and the collector's passes over the growing heap took
    a third of the time (18.1 s against 11.5 s). Every other thread of the process goes without it
    meanwhile, and the collector resumes at the end."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


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
