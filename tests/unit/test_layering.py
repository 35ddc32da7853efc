"""The data layer stays UI-free: no `store` module loads Textual, Rich or the reader."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import store

STORE_MODULES = sorted(info.name for info in pkgutil.walk_packages(store.__path__, "store."))
FORBIDDEN = ("textual", "rich", "tui")


def test_every_store_folder_is_found() -> None:
    folders = {name.split(".")[1] for name in STORE_MODULES if name.count(".") >= 2}
    assert {"extract", "persist", "library", "record", "story", "exchange"} <= folders


@pytest.mark.parametrize("module", STORE_MODULES)
def test_importing_a_store_module_loads_no_ui(module: str) -> None:
    probe = f"import sys, {module}; print(*[name for name in {FORBIDDEN!r} if name in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


def test_opening_the_reader_and_a_store_loads_no_extractor_no_search_no_dating_and_no_repeat_groups(tmp_path) -> None:
    """The extractor's patterns take ~120 ms to compile: only import and a date edit may pay them. The
    search index (SQLite with it), the dating rules and the repeat groups load at their first use, not
    for the list or a tag."""
    later = ("store.extract.figures", "sqlite3", "store.search.index", "store.extract.dating", "store.story.repeats")
    probe = (
        "import sys; from store import Store; import tui.app, tui.cli; "
        f"Store({str(tmp_path / 'store')!r}).close(); print(*[name for name in {later!r} if name in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []
