"""`newsbrief tags` and `newsbrief annotate`: the tag set and the annotations, from the command line."""

from __future__ import annotations

import argparse

from store import Store, StoreError
from store.model import Annotation
from tui.arguments import UsageError

from .cli_output import Output
from .cli_output import cell as _text
from .cli_output import err as _err
from .cli_output import print_json as _print_json


def cmd_tags(args: argparse.Namespace, out: Output) -> int:
    if args.add is not None or args.rename or args.remove is not None or args.move:
        with Store(args.store, on_wait=_err) as store:
            if args.add is not None:
                store.add_tag(args.add)
            elif args.rename:
                store.rename_tag(*args.rename)
            elif args.remove is not None:
                store.remove_tag(args.remove)
            else:
                label, key = args.move
                if not key.isdigit() or int(key) < 1:
                    raise UsageError(f"newsbrief tags --move: expected a position from 1, found {key!r}")
                store.move_tag(label, int(key) - 1)
            tags = store.tags()
    else:
        with Store(args.store, readonly=True) as store:
            tags = store.tags()
    if args.json:
        _print_json(tags)
        return 0
    from rich.table import Table

    table = Table("key", "tag")
    for number, label in enumerate(tags, 1):
        table.add_row(str(number) if number <= 9 else "", _text(label))
    out.print(table)
    return 0


def cmd_annotate(args: argparse.Namespace, out: Output) -> int:
    with Store(args.store, on_wait=_err) as store:
        article = store.article(store.resolve(args.id))
        if args.sentence is not None:
            sentences = article.sentences
            if not 0 <= args.sentence < len(sentences):
                raise StoreError(f"--sentence {args.sentence}: article {article.id} has sentences 0 to {len(sentences) - 1}")
            start, end = sentences[args.sentence]
        else:
            start, end = args.span
        if args.remove:
            return _annotate_remove(store, article.id, start, end, args, out)
        annotation = store.annotate(article.id, start, end, tags=args.tag, note=args.note)
    if args.json:
        _print_json(annotation.to_record())
    else:
        out.line("tagged ", (", ".join(annotation.tags), "bold"), f" on {article.id} {start}:{end}: ", (annotation.quote, "italic"))
    return 0


def _annotate_remove(store: Store, article_id: str, start: int, end: int, args: argparse.Namespace, out: Output) -> int:
    """`annotate --remove`: the --tag tags off the annotation on exactly this span."""
    existing = store.annotation_at(article_id, start, end)
    missing = [t for t in args.tag if existing is None or t not in existing.tags]
    if existing is None or missing:
        raise StoreError(f"{article_id} {start}:{end}: no annotation here carries {', '.join(missing or args.tag)!r}")
    left: Annotation | None = existing
    for tag in args.tag:
        left = store.toggle_tag(article_id, start, end, tag)
    if args.json:
        _print_json(left.to_record() if left else None)
    else:
        what = f"left: {', '.join(left.tags)}" if left and left.tags else "the annotation is gone" if left is None else "a note is left"
        out.line("removed ", (", ".join(args.tag), "bold"), f" from {article_id} {start}:{end}; {what}")
    return 0
