"""Where things live: the default store folder (XDG) and the bundled seed briefs."""

from __future__ import annotations

import os
from pathlib import Path


def default_store_dir() -> Path:
    """`$XDG_DATA_HOME/newsbrief`, or `~/.local/share/newsbrief` when XDG_DATA_HOME is unset."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "newsbrief"


def seeds_dir() -> Path:
    """The five sample briefs: inside the wheel at `store/seeds`, beside the package in a checkout."""
    here = Path(__file__).resolve().parents[1]  # the store package
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled seed briefs are missing (looked in {here / 'seeds'} and {here.parent / 'seeds'})")
