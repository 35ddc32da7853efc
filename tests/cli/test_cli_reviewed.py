"""`newsbrief list` shows which briefs are marked reviewed (in the reader, key `R`): a column and "N/M reviewed"."""

from __future__ import annotations

from pathlib import Path

from test_cli_narrow import run, table_rows

from store import Store


def test_list_shows_the_reviewed_mark_in_a_column_a_count_and_json(cli, seeded: Path, tmp_path: Path) -> None:
    listed = cli("list", "--json", "--store", str(seeded)).json()
    assert [row["reviewed"] for row in listed] == [False] * 5
    with Store(seeded) as store:  # as the reader writes it
        store.set_reviewed([listed[1]["id"], listed[3]["id"]])
    again = cli("list", "--json", "--store", str(seeded)).json()
    assert [row["reviewed"] for row in again] == [False, True, False, True, False]
    table = run(tmp_path, "list", "--store", str(seeded))  # at 80 columns
    assert "2/5 reviewed" in table
    rows = table_rows(table.splitlines())
    assert [("✓" in line) for line in rows] == [False, True, False, True, False]
    assert all(len(line) <= 80 for line in table.splitlines())
