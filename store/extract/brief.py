"""The one pipeline from a brief's text to its facts: sentences, figures and paragraphs.

Import, a date edit and `newsbrief extract` all go through `brief_facts`, so a brief has the same
figures wherever they are asked for. A leading date marker is metadata: no sentence or figure in it.
Extraction runs once, at import; the reader never waits for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from store.extract.dating import with_reference_days
from store.extract.figures import extract_figures
from store.extract.sentences import split_sentences
from store.extract.signatures import paragraph_spans
from store.model import Article, Brief, Figure, Paragraph, Span, article_id, text_sha256


@dataclass(frozen=True, slots=True)
class BriefFacts:
    sentences: tuple[Span, ...]
    figures: tuple[Figure, ...]


def brief_facts(text: str, published: str | None, marker_end: int = 0) -> BriefFacts:
    """The sentences and figures after the date marker, figures numbered by those sentences.

    `published` dates what has no year ("December 23") and resolves "today" and "last week"; each
    figure carries the day its sentence names (`Figure.as_of`).
    """
    spans = split_sentences(text)
    dropped = 0  # the sentences inside the marker: a prefix, as sentences come in order and never overlap
    while dropped < len(spans) and spans[dropped][1] <= marker_end:
        dropped += 1
    sentences = tuple(spans[dropped:])
    if sentences and sentences[0][0] < marker_end:  # only the first can begin inside the marker
        sentences = ((marker_end, sentences[0][1]), *sentences[1:])
    found = [figure for figure in extract_figures(text, published, spans) if figure.start >= marker_end]
    if dropped:  # renumbered past the marker's sentences; most briefs have none, and 30,000 copies cost
        found = [replace(figure, sentence=figure.sentence - dropped) for figure in found]
    figures = with_reference_days(found, [text[start:end] for start, end in sentences])
    return BriefFacts(sentences, figures)


def build_article(brief: Brief, imported_at: str) -> Article:
    """The stored article of a brief read from a file."""
    facts = brief_facts(brief.text, brief.published, brief.marker_end)
    return Article(
        id=article_id(brief.text),
        sha256=text_sha256(brief.text),
        title=brief.title,
        text=brief.text,
        source=brief.source,
        published=brief.published,
        published_inferred=False,
        path=brief.path,
        url=brief.url,
        imported_at=imported_at,
        sentences=facts.sentences,
        figures=facts.figures,
        paragraphs=tuple(Paragraph(start, end) for start, end in paragraph_spans(brief.text, brief.marker_end)),
        author=brief.author,
    )


def redated(article: Article) -> Article:
    """The article with its figures extracted again for the date it now has (inferred from its text,
    or set by hand): a date without a year, and "today" or "last week", mean something only against it."""
    marker_end = article.paragraphs[0].start if article.paragraphs else 0  # only blanks lie between
    return replace(article, figures=brief_facts(article.text, article.published, marker_end).figures)
