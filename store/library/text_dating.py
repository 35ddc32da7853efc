"""The dates an article's own text gives it: its figures read again for a new date, and an undated
article dated by a "Today, December 23" statement or bounded by the latest day it reports.

Used by import, by a date edit and by the once-only bounds pass for older stores (`store.library.bounds`).
"""

from __future__ import annotations

from dataclasses import replace

from store.extract.dating import infer_date, latest_reported
from store.model import Article


def redated(article: Article) -> Article:
    """The article's figures found again for its date. The extractor is imported here, not at the top:
    its patterns take ~120 ms to compile, which the reader and read-only commands should not pay."""
    from store.extract.brief import redated as extracted_again

    return extracted_again(article)


def dated_from_text(article: Article, year: int | None) -> Article:
    """An undated article dated by a "Today, December 23" statement, its figures read against that date;
    else bounded by the latest day its text reports ("not before 2024-12-16")."""
    if article.published is not None:
        return article
    inferred = infer_date(article.text, year)
    if inferred is None:
        sentences = [article.text[start:end] for start, end in article.sentences]
        return replace(article, not_before=latest_reported(article.figures, sentences, year, article.imported_at[:10]))
    return redated(replace(article, published=inferred, published_inferred=True))
