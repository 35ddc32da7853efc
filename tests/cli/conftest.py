"""Fixtures of the command-line tests: a store folder the real `newsbrief import` filled with the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkout import SEEDS


@pytest.fixture
def seeded(cli, tmp_path: Path) -> Path:
    store = tmp_path / "s"
    done = cli("import", str(SEEDS), "--store", str(store))
    assert done.code == 0, done.err
    return store
