"""Terminals from 20×5 to 300×100, and a storm of resizes: the reader never crashes and keeps working."""

from __future__ import annotations

import random
from pathlib import Path

from tui.app import create_app

from checkout import with_seeds


async def test_tiny_and_huge_terminals_keep_working(tmp_path: Path, screen_text, read_annotations) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    for size, tag_key in (((20, 5), "2"), ((300, 100), "3")):
        async with app.run_test(size=size, notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("j", "tab", "right_square_bracket", tag_key, "f", "question_mark", "escape")
            await pilot.pause()
            assert app.is_running and screen_text(app).strip()
        app = create_app(with_seeds(tmp_path / "store"))
    assert [a.tags for a in read_annotations(tmp_path / "store")] == [("deployment", "estimate")]


async def test_a_resize_storm_while_working(tmp_path: Path, screen_text, read_annotations) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    sizes = random.Random(7)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for step in range(60):
            await pilot.resize_terminal(sizes.randint(20, 300), sizes.randint(5, 100))
            if step % 10 == 0:
                await pilot.press("j", "tab", "right_square_bracket")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.is_running and "Briefs (5)" in screen_text(app)
        await pilot.press("1")
        assert read_annotations(tmp_path / "store")
