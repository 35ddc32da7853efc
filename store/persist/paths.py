"""Where things live: the default store folder (XDG) and the bundled seed briefs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from store.errors import InvalidRequest


def default_store_dir() -> Path:
    """`$XDG_DATA_HOME/newsbrief`, or `~/.local/share/newsbrief` when XDG_DATA_HOME is unset."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "newsbrief"


def checked_store_folder(folder: Path) -> Path:
    """The folder, if it can be a store: absent (made on the first write) or a directory we may read.

    Every command opens the store through this, so a bad path is one line, never a traceback.
    """
    try:
        found = folder.stat()
    except FileNotFoundError:
        return folder
    except OSError as error:
        raise InvalidRequest(f"{_shown(folder)}: cannot be a store folder ({error.strerror})") from None
    if not stat.S_ISDIR(found.st_mode):
        raise InvalidRequest(f"{_shown(folder)}: a file, not a folder; give a store folder with --store DIR")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise InvalidRequest(f"{_shown(folder)}: cannot read the store folder (permission denied)")
    return folder


def _shown(folder: Path, width: int = 80) -> str:
    """A path for an error line: a 4,000-character one is cut in the middle, so the line stays a line."""
    text = str(folder)
    return text if len(text) <= width else f"{text[: width // 2 - 1]}…{text[-(width // 2) :]}"


def seeds_dir() -> Path:
    """The five sample briefs: inside the wheel at `store/seeds`, beside the package in a checkout."""
    here = Path(__file__).resolve().parents[1]  # the store package
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled seed briefs are missing (looked in {here / 'seeds'} and {here.parent / 'seeds'})")
