"""Managing briefs from the command line: remove, edit --url, import --update, URLs, the progress bar."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from checkout import SEEDS, newsbrief_command


def test_remove_takes_a_brief_and_its_annotations_and_says_so(cli, seeded: Path) -> None:
    listed = cli("list", "--json", "--store", str(seeded)).json()
    tagged, plain = listed[0]["id"], listed[1]["id"]
    assert cli("annotate", tagged, "--sentence", "0", "--tag", "casualties", "--store", str(seeded)).code == 0
    done = cli("remove", tagged[:8], plain, "--store", str(seeded))
    assert done.code == 0, done.err
    lines = done.out.strip().splitlines()
    assert lines[0].startswith(f"removed {tagged}") and lines[0].endswith("its 1 annotations removed with it")
    assert lines[1].startswith(f"removed {plain}") and lines[1].endswith("it had no annotations")
    left = cli("list", "--json", "--store", str(seeded)).json()
    assert len(left) == 3 and {tagged, plain}.isdisjoint(s["id"] for s in left)
    exported = json.loads(cli("export", "--store", str(seeded)).out)
    assert exported["articles"] == []
    again = cli("import", str(SEEDS), "--store", str(seeded), "--json").json()
    assert sorted(again["added"]) == sorted([tagged, plain])  # removed briefs can come back


def test_remove_of_an_unknown_id_is_one_line_and_removes_nothing(cli, seeded: Path) -> None:
    first = cli("list", "--json", "--store", str(seeded)).json()[0]["id"]
    done = cli("remove", first, "zzzz", "--store", str(seeded))
    assert done.code == 1 and done.err.strip().splitlines() == ["newsbrief: article 'zzzz': no article id starts with that; `newsbrief list` shows the ids"]
    assert len(cli("list", "--json", "--store", str(seeded)).json()) == 5


def test_edit_sets_and_clears_the_url(cli, seeded: Path) -> None:
    target = cli("list", "--json", "--store", str(seeded)).json()[0]["id"]
    done = cli("edit", target, "--url", "https://example.org/a", "--json", "--store", str(seeded))
    assert done.code == 0 and done.json()["url"] == "https://example.org/a"
    assert cli("show", target, "--json", "--store", str(seeded)).json()["url"] == "https://example.org/a"
    bad = cli("edit", target, "--url", "javascript:alert(1)", "--store", str(seeded))
    assert bad.code == 1 and "expected an http:// or https:// address" in bad.err
    assert cli("edit", target, "--url", "", "--json", "--store", str(seeded)).json()["url"] is None


def test_a_new_store_folder_and_import_start_empty(cli, tmp_path: Path) -> None:
    brief = tmp_path / "one.txt"
    brief.write_text("One brief with 3 tanks.")
    assert cli("import", str(brief), "--store", str(tmp_path / "new")).code == 0
    assert len(cli("list", "--json", "--store", str(tmp_path / "new")).json()) == 1
    assert cli("import", str(brief)).code == 0  # the default store, by import: no seeds either
    assert len(cli("list", "--json").json()) == 1


def test_a_bad_map_is_a_usage_error(cli, tmp_path: Path) -> None:
    done = cli("import", str(SEEDS), "--map", "headline", "--store", str(tmp_path / "s"))
    assert done.code == 2 and "expected THEIRS=OURS" in done.err and len(done.err.strip().splitlines()) == 1


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
<item><title>One</title><link>https://local.example/1</link><description>At least 30 soldiers were killed.</description></item>
<item><title>Two</title><link>https://local.example/2</link><description>Some 12 tanks were lost.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/feed":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_import_of_a_feed_url_and_a_missing_one(cli, server: str, tmp_path: Path) -> None:
    done = cli("import", f"{server}/feed", f"{server}/nothing", "--json", "--store", str(tmp_path / "s"))
    assert done.code == 1
    report = done.json()
    assert len(report["added"]) == 2 and report["errors"] == [{"path": f"{server}/nothing", "reason": "not found (HTTP 404)"}]
    assert done.err.strip().splitlines() == [f"newsbrief: {server}/nothing: not found (HTTP 404)"]
    listed = cli("list", "--json", "--store", str(tmp_path / "s")).json()
    assert {(s["source"], s["url"]) for s in listed} == {("Local Wire", "https://local.example/1"), ("Local Wire", "https://local.example/2")}


def test_a_slow_import_on_a_terminal_shows_a_progress_bar_with_counts(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(400):  # enough to pass a second on two cores
        (folder / f"{n:03}.txt").write_text(f"Brief {n} says {n} soldiers and {n + 7} tanks were counted on {n % 28 + 1} December.\n\n" * 20)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "COLUMNS": "160"}
    primary, secondary = pty.openpty()
    process = subprocess.Popen([*newsbrief_command(), "import", str(folder), "--store", str(tmp_path / "s")], stdin=secondary, stdout=secondary, stderr=secondary, env=env)
    os.close(secondary)
    seen = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=60) == 0
    text = seen.decode("utf-8", "replace")
    assert "importing" in text and "already in the store" in text and "refused" in text
    assert "imported 400 briefs, 0 updated, 0 already in the store, 0 refused" in text
