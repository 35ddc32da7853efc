"""List key presses with 10,000 briefs against 5: each press timed until the screen has repainted.

The cursor walks j, j, k, k around the middle of the list (the 5-brief list never hits an end), and
every third step opens the brief under it (enter), timed as a second measure. Frames are uncapped (TEXTUAL_FPS=1000) so the timing is the app's work, not 60 fps pacing.

    python bench/list_keys.py [--presses 60] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

os.environ.setdefault("TEXTUAL_FPS", "1000")

from _common import SIZE, bench_store, painted, press, report, seed_store, temp_dir


async def press_times(store: Path, presses: int) -> tuple[list[float], list[float]]:
    """(j/k press times, enter press times) in the reader on `store`, in seconds."""
    from tui.app import create_app

    app = create_app(store)
    moves: list[float] = []
    opens: list[float] = []
    async with app.run_test(size=SIZE):
        await painted(app)
        screen = app.screen
        article_list = screen.article_list
        article_list.move_to(article_list.row_count // 2)
        await painted(app)
        for number in range(presses):
            key, step = ("j", 1) if number % 4 < 2 else ("k", -1)
            target = article_list.cursor + step
            moves.append(await press(app, key, lambda target=target: article_list.cursor == target))
            if number % 3 == 0:
                chosen = article_list.cursor_id
                opens.append(await press(app, "enter", lambda chosen=chosen: screen.article_id == chosen))
    return moves, opens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    big = bench_store()
    samples: dict[str, tuple[list[float], list[float]]] = {"5": ([], []), "10k": ([], [])}
    with temp_dir() as tmp:
        small = seed_store(Path(tmp))
        for _ in range(args.rounds):
            for name, store in (("5", small), ("10k", big)):
                moves, opens = asyncio.run(press_times(store, args.presses))
                samples[name][0].extend(moves)
                samples[name][1].extend(opens)
    report("list key j/k, 10,000 briefs", samples["10k"][0], "5 briefs", samples["5"][0], unit="ms", max_ratio=1.25)
    report("list open (enter), 10,000 briefs", samples["10k"][1], "5 briefs", samples["5"][1], unit="ms", max_ratio=1.25)


if __name__ == "__main__":
    main()
