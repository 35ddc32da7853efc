"""A store written by the version-1 code (16 shards) opens in this version: upgraded once, with
progress, a backup kept until the end, and not a brief or an annotation lost, even when the upgrade
is cut short and run again.

The version-1 store is made by the version-1 code itself, taken from git (the commit before the
format changed) and run in a subprocess on a generated corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store import Store
from store.model import Article
from store.persist.db import STORE_VERSION
from store.persist.migrate import BACKUP_FOLDER

from checkout import REPO

VERSION_1 = "34b3041"  # main before the volumes: the last commit that wrote store version 1

MAKE_OLD_STORE = """
import json, sys
from store import Store
folder, corpus, out = sys.argv[1:4]
with Store(folder) as store:
    store.import_paths([corpus])
    tags = store.tags()
    summaries = store.summaries()
    for number, summary in enumerate(summaries[: len(summaries) // 10]):
        start, end = store.article(summary.id).sentences[0]
        store.annotate(summary.id, start, end, tags=[tags[number % len(tags)]], note=f"note {number}" if number % 3 == 0 else None)
    dump = {
        "articles": [a.to_record() for a in store.articles()],
        "annotations": sorted((a.to_record() for a in store.annotations()), key=lambda r: r["id"]),
        "tags": store.tags(),
    }
with open(out, "w", encoding="utf-8") as file:
    json.dump(dump, file)
"""


def old_store(tmp_path: Path, count: int) -> tuple[Path, dict]:
    """A version-1 store of `count` generated briefs, a tenth of them annotated, and what it held."""
    old_code = tmp_path / "version-1"
    old_code.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", VERSION_1, "store", "seeds"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old_code)], input=archive, check=True)
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), str(corpus), "--count", str(count)], check=True, capture_output=True)
    folder, dump = tmp_path / "store", tmp_path / "held.json"
    env = {**os.environ, "PYTHONPATH": str(old_code)}
    subprocess.run([sys.executable, "-c", MAKE_OLD_STORE, str(folder), str(corpus), str(dump)], check=True, env=env, cwd=tmp_path)
    assert (folder / "articles").is_dir() and json.loads((folder / "catalog.json").read_text())["meta"]["1"]["version"] == 1
    return folder, json.loads(dump.read_text(encoding="utf-8"))


def assert_holds(folder: Path, held: dict) -> None:
    with Store(folder, readonly=True) as store:
        assert sorted(a.to_record()["id"] for a in store.articles()) == sorted(a["id"] for a in held["articles"])
        by_id = {a["id"]: a for a in held["articles"]}
        for article in store.articles():  # the old record read as today's model: new fields at their defaults
            assert article == Article.from_record(by_id[article.id])
        assert sorted((a.to_record() for a in store.annotations()), key=lambda r: r["id"]) == held["annotations"]
        assert store.tags() == held["tags"]
    for path in [folder / "catalog.json", folder / "annotations.json", *(folder / "volumes").glob("*.json")]:
        assert json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]["version"] == STORE_VERSION
    assert not (folder / "articles").exists() and not (folder / BACKUP_FOLDER).exists()


def check_upgrade(tmp_path: Path, count: int) -> None:
    folder, held = old_store(tmp_path, count)
    with pytest.raises(Exception, match="store version 1; this newsbrief reads version 2; open it once for writing"):
        Store(folder, readonly=True)  # read-only cannot upgrade, and says how
    told: list[tuple[int, int]] = []
    with Store(folder, upgrading=lambda done, total: told.append((done, total))) as store:
        assert len(store.summaries()) == count
        assert store.search("soldiers", limit=5)  # the index is built at the first search
    assert told[-1] == (count, count) and len(told) > 1
    assert_holds(folder, held)


def test_a_version_1_store_is_upgraded_once_losing_nothing(tmp_path: Path) -> None:
    check_upgrade(tmp_path, 1200)


@pytest.mark.slow
def test_a_version_1_store_of_10000_briefs_is_upgraded_losing_nothing(tmp_path: Path) -> None:
    check_upgrade(tmp_path, 10_000)


class Cut(Exception):
    """The upgrade stopped here, as a crash would stop it."""


def test_an_upgrade_cut_short_keeps_its_backup_and_finishes_at_the_next_open(tmp_path: Path) -> None:
    folder, held = old_store(tmp_path, 1200)

    def cut(done: int, total: int) -> None:
        if done >= 500:
            raise Cut

    with pytest.raises(Cut):
        Store(folder, upgrading=cut)
    assert (folder / BACKUP_FOLDER / "articles").is_dir()  # the backup is whole
    assert json.loads((folder / "catalog.json").read_text())["meta"]["1"]["version"] == 1  # still version 1
    with Store(folder) as store:
        assert len(store.summaries()) == 1200
    assert_holds(folder, held)
