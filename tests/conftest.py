"""Shared fixtures: a real store folder in tmp_path, and the real command line in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from store import Store

from checkout import newsbrief_command


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def seeded_store(store_dir: Path):
    """A writable store holding the five seed briefs, closed (lock released) after the test."""
    store = Store(store_dir)
    store.import_seeds()
    yield store
    store.close()


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)




@pytest.fixture
def cli(tmp_path: Path):
    """Run `newsbrief ARGS...` as a user would, with a private XDG folder and no terminal."""

    def run(*args: str, stdin: str | None = None) -> Run:
        env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "COLUMNS": "200", "NO_COLOR": "1"}
        done = subprocess.run(
            [*newsbrief_command(), *args], input=stdin, capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run
