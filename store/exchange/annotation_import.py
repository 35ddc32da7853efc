"""Putting a `json` export's annotations into a store: all or none, or with `skip_bad` the ones that fit."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from store.errors import InvalidRequest, StoreError
from store.exchange.validation import validate_export
from store.model import Annotation, Article, Record
from store.record.tagset import clean_label
from store.store import Store, now_iso

MAX_PROBLEMS = 10  # problems named in one refusal; the rest are counted, so the error stays one line


@dataclass(frozen=True)
class ImportResult:
    """What an import did; a re-import of the same file is all `unchanged`."""

    added: int = 0
    updated: int = 0  # same id already in the store, with other tags, note or times
    merged: int = 0  # folded into the store's own annotation on the same span
    unchanged: int = 0
    new_tags: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # with skip_bad: "where: why" for each annotation left out

    def as_dict(self) -> Record:
        return {**asdict(self), "new_tags": list(self.new_tags), "skipped": list(self.skipped)}

    def __str__(self) -> str:
        # No user text here: the command line may print this through Rich.
        tags = len(self.new_tags)
        return (
            f"annotations imported: {self.added} added, {self.updated} updated, {self.merged} merged,"
            f" {self.unchanged} unchanged, {len(self.skipped)} skipped; {tags} new tag{'s' if tags != 1 else ''}"
        )


def import_annotations(store: Store, data: Record, *, skip_bad: bool = False) -> ImportResult:
    """Put an export's annotations in the store, all or none unless `skip_bad` is asked for.

    Refused, the store unchanged, when any annotation's article is missing or its quote, prefix or
    suffix does not match the article text: offsets into another text would tag the wrong words.
    With `skip_bad` those annotations are left out, each named in the result, and the rest go in.
    Tags join the tag set (matched ignoring case, as the store does). An annotation on a span that
    already holds one of the store's own is merged into it: a span has one annotation.
    """
    validate_export(data)
    problems: list[str] = []
    labels, new_tags = _merged_tag_set(store.tags(), data, problems)
    misfits: list[str] = []
    records = _records(store, data, labels, misfits)
    if not skip_bad:
        problems += misfits
    if problems:
        more = f"; and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        raise StoreError(f"annotations not imported, the store is unchanged: {'; '.join(problems[:MAX_PROBLEMS])}{more}")
    existing = {a.id: a for a in store.annotations()}
    on_span = {(a.article_id, a.start, a.end): a for a in existing.values()}
    counts = {"added": 0, "updated": 0, "merged": 0, "unchanged": 0}
    writes = []
    for record in records:
        owner = on_span.get((record.article_id, record.start, record.end))
        if owner is not None and owner.id != record.id:
            record, outcome = _merge(owner, record), "merged"
        else:
            outcome = "updated" if record.id in existing else "added"
        if record == existing.get(record.id):
            outcome = "unchanged"
        else:
            writes.append(record)
        counts[outcome] += 1
    if writes or new_tags:
        store.add_annotations(writes, new_tags)
    return ImportResult(**counts, new_tags=tuple(new_tags), skipped=tuple(misfits) if skip_bad else ())


def _merged_tag_set(labels: list[str], data: Record, problems: list[str]) -> tuple[dict[str, str], list[str]]:
    """Each tag as the file spells it mapped to its label in the merged tag set; and the new labels."""
    by_fold = {label.casefold(): label for label in labels}
    spelled: dict[str, str] = {}
    new: list[str] = []
    named = [(f"tags[{k}]", tag) for k, tag in enumerate(data["tags"])]
    for i, article in enumerate(data["articles"]):
        for j, annotation in enumerate(article["annotations"]):
            named += [(f"articles[{i}].annotations[{j}].tags[{k}]", tag) for k, tag in enumerate(annotation["tags"])]
    for where, tag in named:
        try:
            label = clean_label(tag)
        except InvalidRequest as error:
            problems.append(f"{where}: {error}")
            continue
        if label.casefold() not in by_fold:
            by_fold[label.casefold()] = label
            new.append(label)
        spelled[tag] = by_fold[label.casefold()]
    return spelled, new


def _records(store: Store, data: Record, labels: dict[str, str], problems: list[str]) -> list[Annotation]:
    """Annotations for every export item that fits its article; a problem for each one that does not."""
    records: list[Annotation] = []
    seen: dict[tuple[str, ...] | tuple[str, int, int], str] = {}  # annotation id, and (article, start, end), to where they first appear
    known = store.find_articles(entry["id"] for entry in data["articles"])
    for i, entry in enumerate(data["articles"]):
        article = known.get(entry["id"])
        if article is None:
            problems.append(f"articles[{i}]: article {entry['id']} ({_clip(entry['title'])}) is not in this store; import its brief first")
            continue
        text = article.text
        for j, item in enumerate(entry["annotations"]):
            where = f"articles[{i}].annotations[{j}]"
            start, end = item["start"], item["end"]
            span = (article.id, start, end)
            if ("id", item["id"]) in seen:
                problems.append(f"{where}: id {item['id']} repeats {seen[('id', item['id'])]}")
            elif span in seen:
                problems.append(f"{where}: span {start}:{end} repeats {seen[span]}")
            elif not start < end <= len(text):
                problems.append(f"{where}: span {start}:{end} does not fit the article text ({len(text)} characters)")
            elif text[start:end] != item["quote"]:
                problems.append(f"{where}: quote {_clip(item['quote'])} differs from the article text at {start}:{end}, {_clip(text[start:end])}")
            elif not (text.endswith(item["prefix"], 0, start) and text.startswith(item["suffix"], end)):
                problems.append(f"{where}: prefix or suffix differs from the article text around {start}:{end}")
            elif not item["tags"] and not (item["note"] and item["note"].strip()):
                problems.append(f"{where}: no tags and no note; an annotation holds at least one")
            else:
                seen[("id", item["id"])] = seen[span] = where
                records.append(_record(article, item, labels))
    return records


def _record(article: Article, item: Record, labels: dict[str, str]) -> Annotation:
    """The store's annotation for a checked export item, its tags spelled as in the tag set."""
    return Annotation(
        id=item["id"],
        article_id=article.id,
        article_sha256=article.sha256,
        start=item["start"],
        end=item["end"],
        quote=item["quote"],
        prefix=item["prefix"],
        suffix=item["suffix"],
        # A tag missing from `labels` was refused by _merged_tag_set, and this import with it.
        tags=tuple(dict.fromkeys(labels[tag] for tag in item["tags"] if tag in labels)),
        note=item["note"] if item["note"] and item["note"].strip() else None,
        created=item["created"],
        modified=item["modified"],
    )


def _merge(owner: Annotation, record: Annotation) -> Annotation:
    """The store's annotation with the imported one's tags and note added (once: re-imports change nothing)."""
    tags = owner.tags + tuple(tag for tag in record.tags if tag not in owner.tags)
    note = owner.note
    if record.note and record.note not in (note or ""):
        note = f"{note}\n\n{record.note}" if note else record.note
    if (tags, note) == (owner.tags, owner.note):
        return owner
    return replace(owner, tags=tags, note=note, modified=now_iso())


def _clip(text: str, width: int = 40) -> str:
    """Untrusted text for an error line: shortened, and repr() so control characters show as escapes."""
    return repr(text if len(text) <= width else text[: width - 1] + "…")
