"""`newsbrief search`: briefs found by the words of their titles and texts, with where they match."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from store import Store
from store.safe_text import visible
from tui.arguments import UsageError

from .cli_output import Output, fitted_table
from .cli_output import cell as _text
from .cli_output import err as _err
from .cli_output import print_json as _print_json

if TYPE_CHECKING:  # Rich loads when there is something to show (cli_output)
    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.text import Text


def cmd_search(args: argparse.Namespace, out: Output) -> int:
    from store.search.spans import match_spans

    if args.query is None and not args.rebuild:
        raise UsageError("newsbrief search: give a QUERY, or --rebuild (see `newsbrief search --help`)")
    if args.limit < 1:
        raise UsageError(f"newsbrief search: --limit must be 1 or more, found {args.limit}")
    with Store(args.store, on_wait=_err) as store:
        indexing = TaskBar("indexing briefs for search", quiet=args.json)
        try:
            if args.rebuild:
                store.rebuild_search(indexing)
            hits = [] if args.query is None else store.search(args.query, tag=args.tag, by=args.by, limit=args.limit, progress=indexing)
        finally:
            indexing.stop()
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


class TaskBar:
    """Progress of a long store task on stderr: a Rich bar on a terminal, else one line when it starts."""

    def __init__(self, label: str, *, quiet: bool) -> None:
        self.label = label
        self.quiet = quiet
        from rich.console import Console

        self.err: Console = Console(stderr=True)
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.told = False

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if not self.err.is_terminal:
            if not self.told:
                self.told = True
                _err(f"newsbrief: {self.label} ({total} briefs)…")
            return
        if self.progress is None or self.task is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=self.err, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("", total=total)
        self.progress.update(self.task, completed=done, total=total)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
