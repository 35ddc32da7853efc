"""Where the checkout's parts are, for tests in every tier (tests/ is on sys.path through its conftest)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


def newsbrief_command() -> list[str]:
    """The installed console script beside this Python; `python -m tui` where it is not installed."""
    script = Path(sys.executable).with_name("newsbrief")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def with_seeds(folder: Path) -> Path:
    """The store folder with the five seed briefs imported: a new store starts empty."""
    from store import Store

    with Store(folder) as store:
        store.import_paths([SEEDS])
    return folder


def one_line(run, *, code: int = 1) -> str:
    """The one line a refused command printed on stderr (a `Run` of the `cli` fixture), never a traceback."""
    assert run.code == code, run.err
    assert "Traceback" not in run.err
    [line] = run.err.strip().splitlines()
    return line
