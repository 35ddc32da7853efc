"""A whole store in one versioned file: `export --format bundle`, read back by `newsbrief import`.

A bundle holds each brief's text and metadata, the tag set, the annotations, the compare view's
moves and merges, and which briefs are marked reviewed: a team member's copy. Briefs are rebuilt from their text by the same pipeline as
an import (so ids, figures and repeats come out the same), a date set by hand is set again, a date
read from the text is read again. Into a store that already holds some of it, a bundle adds only
what is new: a brief by its id, an annotation by its id or its span, a move or merge not yet made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from store.errors import StoreError
from store.model import Annotation, Article, Brief, Record
from store.store import Store, now_iso

FORMAT = "newsbrief-bundle"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("schema") / "newsbrief-bundle.schema.json"
SNIFF_BYTES = 4096  # a bundle names its format in its first line or two


def export_bundle(store: Store) -> Record:
    articles = store.articles()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now_iso(),
        "briefs": [_brief_record(article) for article in articles],
        "tags": store.tags(),
        "annotations": [annotation.to_record() for annotation in store.annotations()],
        "regrouping": store.regrouping().to_record(),
        "reviewed": sorted(store.reviewed()),
    }


def _brief_record(article: Article) -> Record:
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "source": article.source,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "not_before": article.not_before,
        "url": article.url,
        "author": article.author,
        "path": article.path,
        "imported_at": article.imported_at,
        "marker_end": article.paragraphs[0].start if article.paragraphs else 0,
    }


def is_bundle(path: Path) -> bool:
    """Whether a file given to `newsbrief import` is a bundle rather than briefs in JSON."""
    if path.suffix.casefold() != ".json" or not path.is_file():
        return False
    with path.open("rb") as file:
        head = file.read(SNIFF_BYTES)
    return head.lstrip().startswith(b"{") and f'"format": "{FORMAT}"'.encode() in head


def read_bundle(path: Path) -> Record:
    """A bundle parsed and checked against its schema, or StoreError naming the file and the field."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise StoreError(f"{path}: not a readable bundle ({error})") from None
    problem = best_match(_validator().iter_errors(data))
    if problem is not None:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in problem.absolute_path).lstrip(".")
        raise StoreError(f"{path}: {where or 'the file'}: {problem.message[:200]}")
    assert isinstance(data, dict)
    return data


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@dataclass(frozen=True, slots=True)
class BundleResult:
    briefs_added: int
    briefs_present: int
    annotations_added: int
    annotations_present: int
    regroupings_added: int
    reviewed_added: int = 0

    def __str__(self) -> str:
        return (
            f"bundle: {self.briefs_added} briefs added, {self.briefs_present} already in the store; "
            f"{self.annotations_added} annotations added, {self.annotations_present} already there; "
            f"{self.regroupings_added} compare moves and merges added; {self.reviewed_added} briefs marked reviewed"
        )


def import_bundle(store: Store, data: Record) -> BundleResult:
    """Put a bundle's briefs, dates, tags, annotations and compare edits in the store; nothing twice."""
    briefs = data["briefs"]
    rebuilt = [_article(brief) for brief in briefs]
    mismatch = next((b["id"] for b, a in zip(briefs, rebuilt) if a.id != b["id"]), None)
    if mismatch is not None:
        raise StoreError(f"bundle: brief {mismatch}: its text does not give its id (edited by hand?); nothing was imported")
    report = store.import_articles(rebuilt)
    for brief in briefs:  # a date set by hand, and a source or url changed since import, set again
        article = store.article(brief["id"])
        if (brief["published"] and not brief["published_inferred"] and article.published != brief["published"]) or (
            article.source != brief["source"] or article.url != brief["url"]
        ):
            date = brief["published"] if brief["published"] and not brief["published_inferred"] else None
            store.edit(article.id, date=date, source=brief["source"], url=brief["url"] or "")
    known = {a.id for a in store.annotations()}
    spans = {(a.article_id, a.start, a.end) for a in store.annotations()}
    incoming = [Annotation.from_record(record) for record in data["annotations"]]
    new = [a for a in incoming if a.id not in known and (a.article_id, a.start, a.end) not in spans]
    if new or set(data["tags"]) - set(store.tags()):
        store.add_annotations(new, data["tags"])
    regrouped = store.add_regrouping(data["regrouping"]["moves"], data["regrouping"]["merges"])
    reviewed = store.set_reviewed(data.get("reviewed", []))  # the bundle's briefs are all in the store now
    return BundleResult(len(report.added), report.unchanged, len(new), len(incoming) - len(new), regrouped, reviewed)


def _article(brief: Record) -> Article:
    """The brief rebuilt as an import builds it; a date read from the text is left to be read again."""
    from store.extract.brief import build_article  # here: `newsbrief import` asks every path whether it is a bundle (0.35 s of patterns)

    published = None if brief["published_inferred"] else brief["published"]
    source = Brief(
        title=brief["title"], text=brief["text"], source=brief["source"], published=published, path=brief["path"],
        url=brief["url"], marker_end=brief["marker_end"], author=brief["author"],
    )
    return replace(build_article(source, brief["imported_at"]), not_before=brief["not_before"])
