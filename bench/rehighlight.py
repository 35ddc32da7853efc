"""Re-highlight after a tag in a 50,000-character brief: key `1` to the repaint, target ≤ 30 ms.

One store holds two briefs made of seed sentences with varied numbers (as in the corpus): one of
50,000 characters and, for the baseline, one of a seed brief's size (2,400). In the reader at
120×40 each is opened, the claim put on sentences spread from its start to its end (untimed: the
pane scrolls there), and `1` pressed twice, tag on and tag off, each timed from the key to the
first frame drawn after the tag is in the screen's state (the frame that shows it), and, for
context, to the last frame before the app is quiet again (what a next key would wait behind). Frames are uncapped (TEXTUAL_FPS=1000), so the time is the app's work, not
60 fps pacing. Also timed: the reading pane drawing every visible line with its caches dropped
(`notify_style_update`, as after a theme change), the worst a repaint of the pane can cost.

    python bench/rehighlight.py [--rounds 5] [--places 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
from pathlib import Path

os.environ.setdefault("TEXTUAL_FPS", "1000")

from _common import SIZE, first_screen, painted, press, report, settled, temp_dir, timed
from make_corpus import seed_sentences, vary

from store.model import Claim

LONG, SHORT = 50_000, 2_400


def brief_text(chars: int, seed: int) -> str:
    """A title line and paragraphs of varied seed sentences, `chars` characters long."""
    rng = random.Random(seed)
    lines = seed_sentences()
    parts = [vary(rng.choice(lines), rng)[:100]]
    while sum(map(len, parts)) + 2 * len(parts) < chars:
        parts.append(vary(rng.choice(lines), rng))
    return "\n\n".join(parts)[:chars].rstrip() + "."


def make_store(parent: Path) -> tuple[Path, dict[int, str]]:
    """A store of the two briefs; their ids by length."""
    from store import Store

    files = parent / "briefs"
    files.mkdir()
    for chars in (LONG, SHORT):
        (files / f"{chars}.txt").write_text(brief_text(chars, chars), encoding="utf-8")
    folder = parent / "store"
    with Store(folder) as store:
        added = store.import_paths([files]).added
        ids = {len(store.article(article_id).text): article_id for article_id in added}
    return folder, {chars: next(i for n, i in ids.items() if abs(n - chars) < 100) for chars in (LONG, SHORT)}


async def tag_times(folder: Path, article_id: str, rounds: int, places: int) -> tuple[list[float], ...]:
    """(key to the frame with the tag, key to the last frame before quiet, whole-pane redraw) in seconds."""
    from tui.app import create_app

    app = create_app(folder)
    keys: list[float] = []
    quiet: list[float] = []
    redraws: list[float] = []
    async with app.run_test(size=SIZE):
        await first_screen(app)
        screen = app.screen
        screen.open_article(article_id)
        await painted(app)
        pane = screen.reading_pane
        count = len(screen.article.sentences)
        for _ in range(rounds):
            for place in range(places):
                index = place * (count - 1) // max(1, places - 1)
                screen.claim = Claim(index, index)
                await painted(app)
                span = screen.claim_span
                for tagged in (True, False):
                    started = time.perf_counter()
                    keys.append(await press(app, "1", lambda span=span, tagged=tagged: _has_annotation(screen, span) is tagged))
                    quiet.append(await settled(app, started))
                redraws.append(_redraw_pane(pane))
    return keys, quiet, redraws


def _has_annotation(screen, span: tuple[int, int]) -> bool:
    return any(a.span == span for a in screen.annotations)


def _redraw_pane(pane) -> float:
    """Seconds for the pane to draw every visible line after its style and line caches are dropped."""
    pane.notify_style_update()
    height = pane.scrollable_content_region.height
    return timed(lambda: [pane.render_line(y) for y in range(height)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--places", type=int, default=5, help="claims per brief, spread from its start to its end")
    args = parser.parse_args()
    with temp_dir() as tmp:
        folder, ids = make_store(Path(tmp))
        results = {chars: asyncio.run(tag_times(folder, ids[chars], args.rounds, args.places)) for chars in (SHORT, LONG)}
    (long_keys, long_quiet, long_redraws), (short_keys, short_quiet, short_redraws) = results[LONG], results[SHORT]
    report(f"re-highlight after a tag: key 1 to the frame showing it, {LONG:,}-char brief", long_keys,
           f"{SHORT:,}-char brief", short_keys, unit="ms", max_median=30)
    report(f"re-highlight after a tag: key 1 to the last frame (app quiet again), {LONG:,}-char brief", long_quiet,
           f"{SHORT:,}-char brief", short_quiet, unit="ms")
    report(f"reading pane redraw alone (every visible line), {LONG:,}-char brief", long_redraws,
           f"{SHORT:,}-char brief", short_redraws, unit="ms", max_median=30)

if __name__ == "__main__":
    main()
