"""The repeats file: a group a line, read a line at a time; the one-line layout before it still read;
a damaged line refused in one line that names it, before anything is written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from store import Store
from store.extract.signatures import paragraph_spans
from store.story.repeats import REPEATS_FILE

from checkout import one_line


def _late_brief(store: Store, folder: Path) -> tuple[Path, str]:
    """A new file whose second paragraph repeats (nearly) a paragraph of the first seed, and that seed's id."""
    first = next(s.id for s in store.summaries() if "000" in (store.article(s.id).path or ""))
    text = store.article(first).text
    background = next(text[s:e] for s, e in paragraph_spans(text) if "New York Times" in text[s:e])
    brief = folder / "late.txt"
    brief.write_text("A late brief\n\n" + background.replace("50 000", "50,000") + "\n", encoding="utf-8")
    return brief, first


def _groups(folder: Path) -> dict:
    return json.loads((folder / REPEATS_FILE).read_text(encoding="utf-8"))["groups"]


def test_the_file_holds_a_group_a_line_and_is_json_as_a_whole(seeded_store: Store, store_dir: Path) -> None:
    lines = (store_dir / REPEATS_FILE).read_bytes().split(b"\n")
    groups = _groups(store_dir)
    assert len(groups) > 5 and len(lines) == len(groups) + 2  # the mark's line, a line a group, the end
    assert json.loads(lines[0] + b"}}")["meta"]["1"]["format"] == "newsbrief-store"


def test_a_file_written_whole_on_one_line_before_is_read_and_its_repeats_found(seeded_store: Store, store_dir: Path, tmp_path: Path) -> None:
    before = _groups(store_dir)
    path = store_dir / REPEATS_FILE
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")), separators=(",", ":")), encoding="utf-8")
    assert b"\n" not in path.read_bytes()
    brief, first = _late_brief(seeded_store, tmp_path)
    report = seeded_store.import_paths([brief])
    assert [p.repeated_from for p in seeded_store.article(report.added[0]).paragraphs] == [None, first]
    after = _groups(store_dir)
    assert {json.dumps(g["sig"]) for g in before.values()} <= {json.dumps(g["sig"]) for g in after.values()}
    assert len(path.read_bytes().split(b"\n")) == len(after) + 2  # written a group a line from now on


@pytest.mark.parametrize(("damage", "named"), [
    (lambda lines: lines.__setitem__(3, b'"3":{"sig":[1,2,'), "line 4 is not one repeat group"),
    (lambda lines: lines.__setitem__(2, b'"2":{"sig":[1,2,3],"members":[]},'), "repeat group 2 is not a signature of 16 numbers"),
    (lambda lines: lines.__setitem__(2, b'"2":{"sig":5,"members":[["x",0,1]]},'), "repeat group 2 is not a signature of 16 numbers"),
    (lambda lines: lines.__setitem__(2, b'"2":{"sig":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],"members":7},'), "repeat group 2 is not a signature"),
    (lambda lines: lines.__setitem__(1, b'"1":{"sig":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},'), "repeat group 1 is not a signature"),
    (lambda lines: lines.__setitem__(2, b'"2":{"sig":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0.5],"members":[]},'), "repeat group 2 is not a signature"),
    (lambda lines: lines.__setitem__(2, re.sub(rb'",(\d+),', rb'","\1",', lines[2], count=1)), "repeat group 2 is not a signature"),
    (lambda lines: lines.__delitem__(slice(-1, None)), "the file ends before its last repeat group"),
    (lambda lines: lines.__setitem__(0, b'{"meta":{"1":{"format":"other"}},"groups":{'), "not a newsbrief store file"),
], ids=["cut-line", "short-signature", "signature-not-a-list", "members-not-a-list", "no-members", "signature-of-a-fraction", "offset-a-string", "no-end", "foreign-mark"])
def test_a_damaged_repeats_file_is_refused_in_one_line_and_nothing_is_imported(cli, seeded_store: Store, store_dir: Path, tmp_path: Path, damage, named: str) -> None:
    brief, _ = _late_brief(seeded_store, tmp_path)
    seeded_store.close()
    path = store_dir / REPEATS_FILE
    lines = path.read_bytes().split(b"\n")
    damage(lines)
    path.write_bytes(b"\n".join(lines))
    line = one_line(cli("--store", str(store_dir), "import", str(brief)))
    assert REPEATS_FILE in line and named in line, line
    assert len(cli("--store", str(store_dir), "list", "--json").json()) == 5
