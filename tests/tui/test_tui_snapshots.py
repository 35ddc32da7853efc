"""Snapshots of the reader on the seeds (pytest-textual-snapshot), built through the command line's factory.

Regenerate after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`.
A fresh store in tmp_path has no settings, so the theme is the default; the header has no clock.
"""

from __future__ import annotations

from pathlib import Path

from tui.app import create_app

from checkout import with_seeds


def test_main_screen_120x40(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(create_app(with_seeds(tmp_path / "store")), terminal_size=(120, 40))


def test_main_screen_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(create_app(with_seeds(tmp_path / "store")), terminal_size=(80, 24))


def test_main_screen_with_a_tagged_claim_and_a_figure(snap_compare, tmp_path: Path) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    assert snap_compare(app, terminal_size=(120, 40), press=["f", "f", "1", "5", "tab"])


def test_help_screen(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(create_app(with_seeds(tmp_path / "store")), terminal_size=(120, 40), press=["question_mark"])
