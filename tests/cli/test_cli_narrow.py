"""Human output at 80 columns: one line a row, long text cut with "…"; `show` names a brief's tags and notes."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len

from checkout import SEEDS, newsbrief_command


def run(tmp_path: Path, *args: str, columns: int = 80) -> str:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "COLUMNS": str(columns), "NO_COLOR": "1"}
    done = subprocess.run([*newsbrief_command(), *args], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout


def table_rows(lines: list[str]) -> list[str]:
    """The rows of a table as printed: the lines after the rule under its header."""
    rule = next(i for i, line in enumerate(lines) if line.startswith("──"))
    return [line for line in lines[rule + 1:] if line[:1].strip()]  # not the blank line or the centred caption


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "s"
    run(tmp_path, "import", str(SEEDS), "--store", str(folder))
    return folder


def test_list_compare_and_figures_fit_80_columns_one_line_a_row(tmp_path: Path, store: Path) -> None:
    for command in ("list", "compare", "figures"):
        lines = run(tmp_path, command, "--store", str(store)).splitlines()
        assert lines and max(cell_len(line) for line in lines) <= 80, command
    listed = run(tmp_path, "list", "--store", str(store)).splitlines()
    rows = table_rows(listed)
    assert len(rows) == 5  # one line per brief (it took 20 at 80 columns when titles wrapped)
    assert all("…" in row for row in rows)  # the long titles are cut, not wrapped
    assert all(len(row.split()[0]) == 16 for row in rows)  # the id stays whole: it is what commands take
    titles = [re.split(r"\s{2,}", row)[2] for row in rows]  # the title has the room the borders took: 15 characters, was 6
    assert min(len(title) for title in titles) >= 15


def test_show_prints_the_briefs_tags_and_notes(tmp_path: Path, store: Path) -> None:
    first = json.loads(run(tmp_path, "list", "--json", "--store", str(store)))[0]["id"]
    run(tmp_path, "annotate", first, "--sentence", "1", "--tag", "disputed", "--note", "two sources differ", "--store", str(store))
    shown = run(tmp_path, "show", first, "--store", str(store))
    assert "1 annotation" in shown
    assert "sentence 1 · disputed · note: two sources differ" in shown


def test_the_search_table_fits_80_columns_one_line_a_brief(tmp_path: Path, store: Path) -> None:
    lines = run(tmp_path, "search", "casualties", "--store", str(store)).splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    rows = table_rows(lines)
    assert len(rows) == 2 and all("casualties" in row for row in rows)  # the match itself is in view, not cut away
