"""A store written by the version-1 code (16 shards), the version-2 code (a catalog of one object
a brief) or the version-3 code (every annotation in one file) opens in this version: upgraded once,
with progress, a backup kept until the end, and not a brief or an annotation lost, even when the
upgrade is cut short and run again.

The old store is made by the old code itself, taken from git (the last commit that wrote that
version) and run in a subprocess on a generated corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store import Store
from store.model import Article, date_key
from store.persist.catalog import CATALOG_VERSION
from store.persist.db import STORE_VERSION
from store.persist.migrate import BACKUP_FOLDER
from store.record.annotation_files import HEAD_VERSION

from checkout import REPO

OLD_CODE = {
    1: "34b3041",  # main before the volumes: the last commit that wrote store version 1
    2: "ce2fcb6",  # main before the catalog in columns: the last commit that wrote store version 2
    3: "e444ca2",  # main before the annotation shards: the last commit that wrote every annotation in annotations.json
}

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


def old_code(tmp_path: Path, version: int) -> Path:
    """The store package of the code that wrote `version`, taken from git (once)."""
    folder = tmp_path / f"version-{version}"
    if folder.exists():
        return folder
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", OLD_CODE[version], "store", "seeds"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def old_store(tmp_path: Path, count: int, version: int) -> tuple[Path, dict]:
    """A store of `count` generated briefs written by the code of `version`, a tenth of them annotated, and what it held."""
    code = old_code(tmp_path, version)
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), str(corpus), "--count", str(count)], check=True, capture_output=True)
    folder, dump = tmp_path / "store", tmp_path / "held.json"
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-c", MAKE_OLD_STORE, str(folder), str(corpus), str(dump)], check=True, env=env, cwd=tmp_path)
    assert (folder / ("articles" if version == 1 else "volumes")).is_dir()
    assert json.loads((folder / "catalog.json").read_text())["meta"]["1"]["version"] == version
    return folder, json.loads(dump.read_text(encoding="utf-8"))


def assert_reads(folder: Path, held: dict) -> None:
    """The store holds every brief and annotation it `held`, in the list's order."""
    with Store(folder, readonly=True) as store:
        assert sorted(a.to_record()["id"] for a in store.articles()) == sorted(a["id"] for a in held["articles"])
        by_id = {a["id"]: a for a in held["articles"]}
        for article in store.articles():  # the old record read as today's model: new fields at their defaults
            assert article == Article.from_record(by_id[article.id])
        assert sorted((a.to_record() for a in store.annotations()), key=lambda r: r["id"]) == held["annotations"]
        assert store.tags() == held["tags"]
        listing = store.listing()  # the order the head keeps is the list's: by day, then by title
        assert listing.by_date() == sorted(listing, key=lambda i: date_key(listing[i].published, listing[i].not_before, listing[i].title))


def assert_holds(folder: Path, held: dict) -> None:
    """The store holds it all, every file at this newsbrief's version."""
    assert_reads(folder, held)
    for path in [folder / "annotations.json", *(folder / "annotations").glob("*.json")]:
        assert json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]["version"] == HEAD_VERSION
    for path in (folder / "volumes").glob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]["version"] == STORE_VERSION
    for path in [folder / "catalog.json", *(folder / "catalog").glob("*.json")]:
        assert json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]["version"] == CATALOG_VERSION
    assert not (folder / "articles").exists() and not (folder / BACKUP_FOLDER).exists()


def check_upgrade(tmp_path: Path, count: int, version: int) -> None:
    folder, held = old_store(tmp_path, count, version)
    with pytest.raises(Exception, match=f"store version {version}; this newsbrief reads version {CATALOG_VERSION}; open it once for writing"):
        Store(folder, readonly=True)  # read-only cannot upgrade, and says how
    told: list[tuple[int, int]] = []
    with Store(folder, upgrading=lambda done, total: told.append((done, total))) as store:
        assert len(store.summaries()) == count
        assert store.search("soldiers", limit=5)  # the index is built at the first search
    assert told[-1] == (count, count) and len(told) > 1
    assert_holds(folder, held)


@pytest.mark.parametrize("version", [1, 2])
def test_an_old_store_is_upgraded_once_losing_nothing(tmp_path: Path, version: int) -> None:
    check_upgrade(tmp_path, 1200, version)


@pytest.mark.slow
@pytest.mark.parametrize("version", [1, 2])
def test_an_old_store_of_10000_briefs_is_upgraded_losing_nothing(tmp_path: Path, version: int) -> None:
    check_upgrade(tmp_path, 10_000, version)


class Cut(Exception):
    """The upgrade stopped here, as a crash would stop it."""


@pytest.mark.parametrize("version", [1, 2])
def test_an_upgrade_cut_short_keeps_its_backup_and_finishes_at_the_next_open(tmp_path: Path, version: int) -> None:
    folder, held = old_store(tmp_path, 1200, version)

    def cut(done: int, total: int) -> None:
        if done >= 500:
            raise Cut

    with pytest.raises(Cut):
        Store(folder, upgrading=cut)
    assert (folder / BACKUP_FOLDER / ("articles" if version == 1 else "catalog.json")).exists()  # the backup is whole
    assert json.loads((folder / "catalog.json").read_text())["meta"]["1"]["version"] == version  # still the old version
    with Store(folder) as store:
        assert len(store.summaries()) == 1200
    assert_holds(folder, held)


def check_sharding(tmp_path: Path, count: int) -> None:
    folder, held = old_store(tmp_path, count, 3)
    assert_reads(folder, held)  # read-only, as the old code left it
    with Store(folder) as store:  # the first writable open puts the annotations in shards
        assert len(store.annotations()) == len(held["annotations"])
    assert_holds(folder, held)
    assert json.loads((folder / "annotations.json.bak").read_text(encoding="utf-8"))["meta"]["1"]["version"] == 2  # the old file, kept
    refused = subprocess.run([sys.executable, "-c", "import sys; from store import Store; Store(sys.argv[1])", str(folder)],
                             env={**os.environ, "PYTHONPATH": str(old_code(tmp_path, 3))}, cwd=tmp_path, capture_output=True, text=True)
    assert refused.returncode != 0 and "annotations.json: store version 3; this newsbrief reads version 2" in refused.stderr  # not an empty book


def test_annotations_of_one_file_go_into_shards_losing_none(tmp_path: Path) -> None:
    check_sharding(tmp_path, 1200)


@pytest.mark.slow
def test_a_store_of_10000_briefs_has_its_annotations_sharded_losing_none(tmp_path: Path) -> None:
    check_sharding(tmp_path, 10_000)
