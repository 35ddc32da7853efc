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


def run_and_kill(script: str, *args: str, seed: int, lines: list[str]) -> None:
    """Start `script`, wait for "ready", let it work a random while, then SIGKILL it."""
    child = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(random.Random(seed).uniform(0.0, 0.25))
    child.send_signal(signal.SIGKILL)
    # Until EOF: an import's worker processes hold the pipe too, and must not outlive the importer.
    output, _ = child.communicate(timeout=30)
    lines.extend(output.split("\n")[:-1])  # a line cut off by the kill was never acknowledged


def kill_trials(count: int, template: Path, tmp_path: Path) -> tuple[int, int]:
    acknowledged = lost = 0
    for trial in range(count):
        folder = tmp_path / f"trial{trial}"
        shutil.copytree(template, folder)
        (folder / "newsbrief.lock").unlink()
        lines: list[str] = []
        run_and_kill(TAGGER, str(folder), seed=trial, lines=lines)
        with Store(folder, wait=0) as reopened:  # opens, and the dead child's lock is gone
            for line in lines:
                article_id, start, end, tag = line.split("\t")
                annotation = reopened.annotation_at(article_id, int(start), int(end))
                acknowledged += 1
                lost += annotation is None or tag not in annotation.tags
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


def test_kill_during_import_leaves_all_or_nothing(template: Path, tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    for n in range(300):
        (briefs / f"{n:03}.txt").write_text(f"Brief {n}: officials said {n + 10} soldiers were wounded.\n", encoding="utf-8")
    for trial in range(5):
        folder = tmp_path / f"import{trial}"
        shutil.copytree(template, folder)
        lines: list[str] = []
        run_and_kill(IMPORTER, str(folder), str(briefs), seed=trial, lines=lines)
        with Store(folder, wait=0) as reopened:
            count = len(reopened.summaries())
        assert count in (5, 305), f"trial {trial}: {count} articles, a half import"
        if lines == ["done"]:
            assert count == 305


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
