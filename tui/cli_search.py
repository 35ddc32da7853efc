"""`newsbrief search`: briefs found by the words of their titles and texts, with where they match."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from store import Store
from store.safe_text import visible
from tui.arguments import UsageError

from .cli_output import Output, ProgressBar, fitted_table
from .cli_output import cell as _text
from .cli_output import err as _err
from .cli_output import print_json as _print_json

if TYPE_CHECKING:  # Rich loads when there is something to show (cli_output)
    from rich.text import Text


def cmd_search(args: argparse.Namespace, out: Output) -> int:
    from store.search.spans import match_spans

    if args.query is None and not args.rebuild:
        raise UsageError("newsbrief search: give a QUERY, or --rebuild (see `newsbrief search --help`)")
    if args.limit < 1:
        raise UsageError(f"newsbrief search: --limit must be 1 or more, found {args.limit}")
    with Store(args.store, on_wait=_err) as store:
        with ProgressBar("indexing briefs for search", quiet=args.json, announce=True) as indexing:
            if args.rebuild:
                store.rebuild_search(indexing)
            hits = [] if args.query is None else store.search(args.query, tag=args.tag, by=args.by, limit=args.limit, progress=indexing)
        summaries = store.library.summaries()
        texts = {i: a.text for i, a in store.find_articles(h.article_id for h in hits).items()}
    if args.rebuild and not args.json:
        out.line(f"search index rebuilt: {len(summaries)} briefs")
    if args.query is None:
        return 0
    if args.json:
        _print_json([
            {"id": h.article_id, "score": None if h.score is None else round(h.score, 4), "title": summaries[h.article_id].title, "published": h.published,
             "source": summaries[h.article_id].source, "title_spans": [list(span) for span in h.title_spans],
             "text_spans": [list(span) for span in match_spans(args.query, texts[h.article_id])]}
            for h in hits
        ])
        return 0
    if not hits:
        out.line(f"no brief matches {args.query!r}" + (f" among those tagged {args.tag!r}" if args.tag else ""))
        return 0
    table = fitted_table("id", "date", "title", "source", "match", whole=("id", "date"))  # one line a brief, cut with "…"
    table.columns[-1].ratio = 2  # the words around the match: what the user looks for
    for h in hits:
        summary = summaries[h.article_id]
        title = _marked(summary.title, h.title_spans)
        table.add_row(_text(h.article_id[:12]), _text(h.published or "—"), title, _text(summary.source), _snippet(texts[h.article_id], match_spans(args.query, texts[h.article_id])))
    out.print(table)
    return 0


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    from rich.text import Text

    cell = Text(visible(text))
    for start, end in spans:
        cell.stylize("bold reverse", start, end)
    return cell


def _snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = 70) -> Text:
    """The words from just before the first match in the text on, the matches in it marked."""
    from rich.text import Text

    if not spans:
        return Text("")
    start = max(0, spans[0][0] - 12)
    end = min(len(text), start + width)
    inside = tuple((max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start)
    cell = _marked(" ".join(text[start:end].split("\n")), inside)
    return Text("…") + cell + Text("…") if start else cell + Text("…")
