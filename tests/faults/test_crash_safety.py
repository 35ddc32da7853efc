"""kill -9 at random moments: an acknowledged tag is never lost and the store always opens again.

A child process writes through the real Store in a tight loop and reports each write on a pipe only
after the store call returned. The test kills it at a random moment, reopens the store, and checks
every reported write. 20 trials run by default; `pytest -m slow` runs 200.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import Store

from checkout import REPO

TAGGER = """
import sys
from store import Store
store = Store(sys.argv[1])
articles = [store.article(s.id) for s in store.summaries()]
tags = store.tags()
print("ready", flush=True)
n = 0
while True:
    article = articles[n % len(articles)]
    start, end = article.sentences[(n // len(articles)) % len(article.sentences)]
    tag = tags[n % len(tags)]
    store.annotate(article.id, start, end, tags=[tag])
    print(article.id, start, end, tag, sep="\\t", flush=True)
    n += 1
"""

IMPORTER = """
import sys
from store import Store
store = Store(sys.argv[1])
print("ready", flush=True)
store.import_paths([sys.argv[2]])
print("done", flush=True)
"""

EXPORTER = """
import sys
from pathlib import Path
from store import Store
from store.exchange.json_export import export_json
from store.exchange.annotated import write_export
store = Store(sys.argv[1], readonly=True)
data = export_json(store)
print("ready", flush=True)
while True:
    write_export(data, Path(sys.argv[2]))
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "store"
    with Store(folder) as store:
        store.import_seeds()
    return folder


def start(script: str, *args: str) -> subprocess.Popen[str]:
    """Start `script` and wait until it says "ready"."""
    child = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def kill(child: subprocess.Popen[str], lines: list[str]) -> None:
    """SIGKILL the child and keep what it acknowledged before it died."""
    child.send_signal(signal.SIGKILL)
    # Until EOF: an import's worker processes hold the pipe too, and must not outlive the importer.
    output, _ = child.communicate(timeout=30)
    lines.extend(output.split("\n")[:-1])  # a line cut off by the kill was never acknowledged


def run_and_kill(script: str, *args: str, seed: int, lines: list[str]) -> None:
    """Start `script`, wait for "ready", let it work a random while, then SIGKILL it."""
    child = start(script, *args)
    time.sleep(random.Random(seed).uniform(0.0, 0.25))
    kill(child, lines)


def lost_tags(store: Store, lines: list[str]) -> int:
    """How many of the tags a child acknowledged (one line each) the store does not hold."""
    lost = 0
    for line in lines:
        article_id, start, end, tag = line.split("\t")
        annotation = store.annotation_at(article_id, int(start), int(end))
        lost += annotation is None or tag not in annotation.tags
    return lost


def kill_trials(count: int, template: Path, tmp_path: Path) -> tuple[int, int]:
    acknowledged = lost = 0
    for trial in range(count):
        folder = tmp_path / f"trial{trial}"
        shutil.copytree(template, folder)
        (folder / "newsbrief.lock").unlink()
        lines: list[str] = []
        run_and_kill(TAGGER, str(folder), seed=trial, lines=lines)
        with Store(folder, wait=0) as reopened:  # opens, and the dead child's lock is gone
            acknowledged += len(lines)
            lost += lost_tags(reopened, lines)
        assert not list(folder.glob(".*.tmp")), "reopening clears what a killed writer left half-written"
        shutil.rmtree(folder)
    return acknowledged, lost


def test_kill_during_tag_writes_loses_no_acknowledged_tag(template: Path, tmp_path: Path) -> None:
    acknowledged, lost = kill_trials(20, template, tmp_path)
    assert lost == 0
    assert acknowledged > 20  # the children really wrote before they died


@pytest.mark.slow
def test_kill_during_tag_writes_200_trials(template: Path, tmp_path: Path) -> None:
    acknowledged, lost = kill_trials(200, template, tmp_path)
    assert lost == 0 and acknowledged > 200


def brief_files(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(f"Brief {n}: officials said {n + 10} soldiers were wounded.\n", encoding="utf-8")
    return folder


def assert_whole(folder: Path, most: int) -> None:
    """The store opens, and every brief its catalog lists opens whole: no batch is half written."""
    with Store(folder, wait=0) as reopened:
        summaries = reopened.summaries()
        assert 5 <= len(summaries) <= most
        with_word = set()
        for summary in summaries:
            article = reopened.article(summary.id)
            assert article.figures and len(article.figures) == summary.figure_count
            if "soldier" in article.text.casefold():
                with_word.add(summary.id)
        # the search index caught up with what the crash left: it finds every brief listed, no other
        assert {hit.article_id for hit in reopened.search("soldier", limit=1000)} == with_word


def test_kill_during_import_leaves_whole_batches(template: Path, tmp_path: Path) -> None:
    briefs = brief_files(tmp_path / "briefs", 300)
    for trial in range(5):
        folder = tmp_path / f"import{trial}"
        shutil.copytree(template, folder)
        lines: list[str] = []
        run_and_kill(IMPORTER, str(folder), str(briefs), seed=trial, lines=lines)
        assert_whole(folder, 305)
        if lines == ["done"]:
            with Store(folder, readonly=True) as done:
                assert len(done.summaries()) == 305


def concurrent_kill_trials(count: int, template: Path, tmp_path: Path) -> tuple[int, int]:
    """Two taggers and an import on one store at once; one tagger dies first, then the rest."""
    briefs = brief_files(tmp_path / "briefs", 300)
    acknowledged = lost = 0
    for trial in range(count):
        folder = tmp_path / f"together{trial}"
        shutil.copytree(template, folder)
        chance = random.Random(trial)
        writers = [start(TAGGER, str(folder)), start(TAGGER, str(folder)), start(IMPORTER, str(folder), str(briefs))]
        lines: list[list[str]] = [[], [], []]
        time.sleep(chance.uniform(0.05, 0.3))
        kill(writers[0], lines[0])
        time.sleep(chance.uniform(0.0, 0.2))
        kill(writers[1], lines[1])
        kill(writers[2], lines[2])
        assert_whole(folder, 305)
        with Store(folder, wait=0) as reopened:
            for tags in lines[:2]:
                acknowledged += len(tags)
                lost += lost_tags(reopened, tags)
        shutil.rmtree(folder)
    return acknowledged, lost


def test_kill_among_concurrent_writers_loses_no_acknowledged_tag(template: Path, tmp_path: Path) -> None:
    acknowledged, lost = concurrent_kill_trials(8, template, tmp_path)
    assert lost == 0
    assert acknowledged > 16


@pytest.mark.slow
def test_kill_among_concurrent_writers_50_trials(template: Path, tmp_path: Path) -> None:
    acknowledged, lost = concurrent_kill_trials(50, template, tmp_path)
    assert lost == 0 and acknowledged > 100


def test_kill_during_export_leaves_no_partial_file(template: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "tagged") as store:
        store.import_seeds()
        first = store.summaries()[0].id
        store.annotate(first, *store.article(first).sentences[0], tags=["casualties"])
    for trial in range(5):
        target = tmp_path / f"export{trial}.json"
        run_and_kill(EXPORTER, str(tmp_path / "tagged"), str(target), seed=trial, lines=[])
        if target.exists():  # absent, or whole: never a truncated export
            assert json.loads(target.read_text(encoding="utf-8"))["format"] == "newsbrief-annotations"
