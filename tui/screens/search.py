"""Search in the reader: `/` finds briefs by the words of their titles and texts, through the store's index.

The list shows the briefs found (with the tag filter too, and their count), the reading pane tints
every match in the open brief, and `.` / `,` go to the next or previous match: within the brief, then
on to the next brief of the list. A jump makes the match's sentence the claim, so the next tag key
tags what is on screen, unless the claim already holds the match (an extended claim survives
stepping through its own matches). The query syntax is the command line's (`store.search.query`).
"""

from __future__ import annotations

from bisect import bisect_right

from textual.reactive import reactive

from store import InvalidRequest, StoreError
from store.model import Claim, Span
from store.search.spans import match_spans

from .state import ReaderState


class SearchingReader(ReaderState):
    """The reader's state with a search: what it found, where in the open brief, which match is current."""

    search_ids: reactive[frozenset[str] | None] = reactive(None, repaint=False)  # None: no search (nothing typed, no words)
    search_spans: reactive[tuple[Span, ...]] = reactive((), repaint=False)  # the open brief's matches, in text order
    match_index: reactive[int] = reactive(-1, repaint=False)  # the match jumped to, or -1

    def run_search(self, text: str) -> None:
        """Show the briefs `text` finds; typing that has no word yet (`"`, `-`) searches for nothing."""
        self.search_text = text
        found: frozenset[str] | None = None
        if text.strip():
            try:
                found = frozenset(self.store.search_matching(text))
            except InvalidRequest:
                found = None
            except StoreError as error:  # a damaged index: said once per change of the text, the list unfiltered
                self.notify_error(error)
        self.search_ids = found
        self.mark_matches()
        self.refresh_bindings()

    def mark_matches(self) -> None:
        """The open brief's matches of the search, none current."""
        spans: tuple[Span, ...] = ()
        if self.search_ids is not None and self.article is not None:
            spans = match_spans(self.search_text, self.article.text)
        self.match_index = -1
        self.search_spans = spans
        self.sub_title_update()

    def open_article(self, article_id: str) -> None:
        """Open a brief; with a search, at its first match."""
        super().open_article(article_id)
        if self.article_id == article_id:
            self.mark_matches()
            if self.search_spans:
                self.go_to_match(0)

    def sub_title_update(self) -> None:
        super().sub_title_update()
        if self.search_spans and self.match_index >= 0:
            self.app.sub_title += f" · match {self.match_index + 1} of {len(self.search_spans)}"

    def go_to_match(self, index: int) -> None:
        """Make match `index` current: the pane scrolls to it and the claim goes to its sentence."""
        self.match_index = index
        self.sub_title_update()
        span, claim = self.search_spans[index], self.claim_span
        if self.article is None or not self.article.sentences or (claim is not None and claim[0] <= span[0] and span[1] <= claim[1]):
            return
        sentence = sentence_of(span[0], self.article.sentences)
        self.claim = Claim(sentence, sentence)
        self.refresh_bindings()

    def action_next_match(self, direction: int) -> None:
        """The next (1) or previous (-1) match: in this brief, else the nearest brief of the list that has one."""
        if self.search_ids is None:
            return
        index = self._match_beside(direction)
        if index is not None:
            self.go_to_match(index)
            return
        ids = self.article_list.row_ids
        at = ids.index(self.article_id) if self.article_id in ids else (-1 if direction > 0 else len(ids))
        target = at + direction
        if not 0 <= target < len(ids):
            self.notify("no match after this one" if direction > 0 else "no match before this one", severity="warning")
            return
        self.article_list.show_article(ids[target])
        super().open_article(ids[target])  # not at its first match: at its last when going back
        self.mark_matches()
        if self.search_spans:
            self.go_to_match(0 if direction > 0 else len(self.search_spans) - 1)
        count = len(self.search_spans)
        where = f"{count} match{'es' if count != 1 else ''}" if count else "the words are in its title only"
        self.notify(f"brief {target + 1} of {len(ids)}: {where}", markup=False, timeout=3)

    def _match_beside(self, direction: int) -> int | None:
        """The match after (or before) the current one; with none current, or the claim moved off it, the
        one after (or before) the claim's start."""
        spans = self.search_spans
        claim = self.claim_span
        current = self.match_index
        if 0 <= current < len(spans) and (claim is None or claim[0] <= spans[current][0] < claim[1]):
            index = current + direction
            return index if 0 <= index < len(spans) else None
        start = claim[0] if claim is not None else 0
        after = [i for i, span in enumerate(spans) if (span[0] >= start if direction > 0 else span[0] < start)]
        if not after:
            return None
        return after[0] if direction > 0 else after[-1]


def sentence_of(offset: int, sentences: tuple[Span, ...]) -> int:
    """The sentence that holds `offset`, or the last to begin before it (a match in the space between two)."""
    return max(0, bisect_right([start for start, _ in sentences], offset) - 1)
