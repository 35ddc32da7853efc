"""Bad store paths and misleading inputs: one clear line and a non-zero exit from every command."""

from __future__ import annotations

import os
import resource
import subprocess
from pathlib import Path

import pytest

from checkout import SEEDS, newsbrief_command, one_line

COMMANDS = [["list"], ["export"], ["compare"], ["figures"], ["tags"], ["import", str(SEEDS)], ["annotate", "abc", "--sentence", "0", "--tag", "x"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_store_path_too_long_for_the_system_is_one_line(cli, tmp_path: Path, command: list[str]) -> None:
    line = one_line(cli("--store", str(tmp_path / ("x" * 300)), *command))
    assert "cannot be a store folder (File name too long)" in line and len(line) < 200


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_file_given_as_the_store_is_one_line(cli, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "notes.txt").write_text("not a store\n", encoding="utf-8")
    line = one_line(cli("--store", str(tmp_path / "notes.txt"), *command))
    assert "a file, not a folder" in line
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a store\n"


def test_an_empty_store_path_is_a_usage_error_not_the_current_folder(cli, tmp_path: Path) -> None:
    line = one_line(cli("--store", "", "import", str(SEEDS)), code=2)
    assert "expected a store folder, found an empty path" in line
    assert not (tmp_path / "catalog.json").exists()  # the command runs in tmp_path: no store was made there


def test_a_device_or_a_pipe_given_to_import_is_not_a_regular_file(cli, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for name in ("/dev/null", str(pipe)):
        line = one_line(cli("--store", str(tmp_path / "s"), "import", name))
        assert f"{name}: not a regular file" in line


def test_misleading_arguments_say_what_was_expected(cli, tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert cli("--store", store, "import", str(SEEDS)).code == 0
    some = cli("--store", store, "list", "--json").json()[0]["id"]
    assert "expected a brief's id" in one_line(cli("--store", store, "show", ""))
    assert "a span is START:END" in one_line(cli("--store", store, "annotate", some, "--span", "-1:5", "--tag", "estimate"), code=2)
    assert "a span is START:END" in one_line(cli("--store", store, "annotate", some, "--span", "5", "--tag", "estimate"), code=2)
    assert "month must be in 1..12" in one_line(cli("--store", store, "edit", some, "--date", "2024-13-45"))
    assert "day is out of range for month" in one_line(cli("--store", store, "edit", some, "--date", "2024-02-30"))


def test_a_full_disk_during_import_is_one_line_and_the_store_still_opens(cli, tmp_path: Path) -> None:
    store = tmp_path / "s"
    assert cli("--store", str(store), "tags").code == 0  # the store exists, nearly empty

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # writes past 4 KB fail as a full disk would

    done = subprocess.run(
        [*newsbrief_command(), "--store", str(store), "import", str(SEEDS)],
        capture_output=True, text=True, timeout=120, preexec_fn=small_disk, env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")},
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "cannot write the store (File too large); this change was not written" in line
    listed = cli("--store", str(store), "list", "--json")
    assert listed.code == 0 and listed.json() == []  # whole files only: the failed batch left nothing listed


def test_a_damaged_annotation_record_is_one_line_from_every_command_that_reads_it(cli, seeded: Path) -> None:
    """The list's tag counts come from the annotations head, so `list` needs no shard; the reader on
    such a store: tests/tui/test_tui_hostile.py."""
    article_id = cli("list", "--json", "--store", str(seeded)).out.split('"id": "')[1][:16]
    assert cli("annotate", article_id, "--sentence", "0", "--tag", "estimate", "--store", str(seeded)).code == 0
    [shard] = (seeded / "annotations").glob("*.json")
    shard.write_text(shard.read_text(encoding="utf-8").replace('"start":', '"begin":'), encoding="utf-8")
    damaged = shard.read_bytes()
    for command in (["show", article_id], ["export"], ["annotate", article_id, "--sentence", "1", "--tag", "estimate"]):
        line = one_line(cli("--store", str(seeded), *command))
        assert line == f"newsbrief: {shard}: annotation 1: no field 'start'; the file is left as it is: open another store with --store DIR", command
    listed = cli("--store", str(seeded), "list", "--json")
    assert listed.code == 0 and [s["tag_count"] for s in listed.json() if s["id"] == article_id] == [1]
    assert shard.read_bytes() == damaged
