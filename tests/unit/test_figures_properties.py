"""Properties of the extractor on any text: it never raises, spans are valid, and context does not matter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.extract.figures import extract_figures
from store.extract.sentences import split_sentences

# Pieces of news text that exercise every path of the extractor, mixed with arbitrary characters.
TOKENS = [
    "at least", "more than", "as many as", "about", "between", "and", "to", "or", "-", "–", "another", "a", "an",
    "several", "hundred", "hundreds", "of", "thousands", "tens", "couple", "few", "dozen", "dozens", "half", "one",
    "two-thirds", "three", "twenty-one", "million", "bn", "$", "€", "£", "%", "percent", "per cent", "km",
    "square kilometers", "tonnes", "days", "weeks", "ago", "a day", "per", "year", "last week", "on Monday",
    "today", "the day before", "in", "mid-", "October", "Dec.", "December", "14", "14-15", "2024", "2024-12-19",
    "19.12.2024", "12/19/2024", "1,200", "12 000", "5.6", "0.5", "-3", "22nd", "first", "F-16", "COVID-19",
    "Article 5", "No. 5", "https://x.org/5", "a@b.co", "+1 555 123 4567", "10:30", "v2.3.1", "Boeing 737", "soldiers",
    "killed", "wounded", "were", "troops", "said", "according to", "AP", "“", "”", '"', ",", ".", "!", "?", ";",
    "(", ")", "U.S.", "Mr.", "\t", "\u00a0", "\u202f", "the", "The", "rose by", "fell", "up", "up to", "or more",
    "+", "-plus", "Hundreds", "Several", "Tens", "A", "₴", "USD", "7", "0", "999", "1990s", "5G", "1/2", "3/4", "½",
    "\u2009", "miles",
]
words = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=25)
news_like = words.map(" ".join)
glued = st.lists(st.sampled_from(TOKENS), max_size=25).map("".join)
any_text = st.one_of(st.text(max_size=200), news_like, glued)
one_line = any_text.map(lambda s: "".join(" " if c in "\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e" else c for c in s))
published = st.one_of(st.none(), st.sampled_from(["2024-12-19", "2023-01-01", "2024-02-29", "2024", "junk", ""]))


def assert_valid(text: str, figures) -> None:
    previous_end = 0
    sentences = split_sentences(text)
    for figure in figures:
        assert 0 <= figure.start < figure.end <= len(text)
        assert figure.start >= previous_end
        previous_end = figure.end
        assert text[figure.start : figure.end] == figure.text
        assert figure.kind in {"count", "money", "percent", "quantity", "date", "duration", "rate"}
        assert 0 <= figure.sentence < len(sentences)
        start, end = sentences[figure.sentence]
        assert start <= figure.start and figure.end <= end
        figure.to_record()


@settings(max_examples=300, deadline=None)
@given(any_text, published)
def test_never_raises_and_spans_are_valid(text: str, date: str | None) -> None:
    assert_valid(text, extract_figures(text, date))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentences_cover_the_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert all(text[i].isspace() for i in range(previous_end, start))
        previous_end = end
    assert all(c.isspace() for c in text[previous_end:])


def without_position(figures, shift: int, sentences: int) -> list[dict]:
    records = []
    for figure in figures:
        record = figure.to_record()
        record["start"] -= shift
        record["end"] -= shift
        record["sentence"] -= sentences
        records.append(record)
    return records


@settings(max_examples=200, deadline=None)
@given(one_line, st.lists(one_line, max_size=3), st.lists(one_line, max_size=2), published)
def test_a_sentence_alone_or_inside_a_longer_text_gives_the_same_figures(sentence, before, after, date) -> None:
    prefix = "".join(part + "\n\n" for part in before)
    suffix = "".join("\n\n" + part for part in after)
    alone = extract_figures(sentence, date)
    inside = [f for f in extract_figures(prefix + sentence + suffix, date) if len(prefix) <= f.start < len(prefix) + len(sentence)]
    assert without_position(inside, len(prefix), len(split_sentences(prefix))) == without_position(alone, 0, 0)
