"""The command line as a user or a script meets it: exit codes, one-line errors, JSON shapes."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from store import Store
from store.persist.lock import StoreLock

from checkout import SEEDS, newsbrief_command

HOSTILE = "Title [bold]x[/] [@click=app.quit]boom[/] \x1b[31mred\x1b]0;pwned\x07 \u202eevil\n\nAt least 30 soldiers [link=http://x]y[/link]."


def test_import_then_list_shows_the_five_seeds(cli, seeded: Path) -> None:
    listed = cli("--store", str(seeded), "list", "--json").json()
    assert len(listed) == 5
    assert {"id", "title", "published", "source", "figure_count", "tag_count"} <= set(listed[0])
    dated = [s for s in listed if s["published"]]
    assert [(s["published"], s["source"], s["published_inferred"]) for s in dated] == [
        ("2024-12-19", "001_20e64d0acd333082.txt", False),
        ("2024-12-23", "002_dfd046429c600910.txt", True),  # from "Today, December 23"
    ]
    table = cli("list", "--store", str(seeded))
    assert table.code == 0 and "2024-12-19" in table.out and "At least 100 North Korean" in table.out


def test_importing_again_adds_nothing(cli, seeded: Path) -> None:
    again = cli("import", str(SEEDS), "--store", str(seeded), "--json")
    assert again.code == 0
    assert again.json() == {"added": [], "updated": [], "unchanged": 5, "errors": [], "notices": []}


def test_a_bad_file_is_one_line_exit_1_and_the_rest_import(cli, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("Good brief with 12 soldiers.")
    done = cli("import", str(tmp_path / "empty.txt"), str(tmp_path / "ok.txt"), "--store", str(tmp_path / "s"))
    assert done.code == 1
    assert done.err.strip().splitlines() == [f"newsbrief: {tmp_path / 'empty.txt'}: empty file; expected the text of a brief"]
    assert "imported 1 briefs" in done.out


@pytest.mark.parametrize(
    "args",
    [["frobnicate"], ["show"], ["annotate", "abc", "--tag", "x"], ["annotate", "abc", "--span", "3-4", "--tag", "x"], ["export", "--format", "xml"]],
)
def test_usage_errors_exit_2_with_one_line(cli, args: list[str]) -> None:
    done = cli(*args)
    assert done.code == 2
    assert len(done.err.strip().splitlines()) == 1 and "--help" in done.err
    assert "Traceback" not in done.err


@pytest.mark.parametrize("before", [["--store", "list"], ["--store=list"]], ids=["two-words", "one-word"])
def test_the_store_given_before_the_command_reaches_it_even_named_as_a_command(cli, before: list[str]) -> None:
    assert cli("import", str(SEEDS), "--store", "list").code == 0  # a folder named "list", in the current folder
    brief = cli(*before, "list", "--json").json()[0]
    done = cli(*before, "annotate", brief["id"], "--sentence", "0", "--tag", "casualties")
    assert done.code == 0, done.err
    assert cli("--store", "list", "show", brief["id"][:6], "--json").json()["annotations"][0]["tags"] == ["casualties"]


def test_the_help_lists_every_command_and_a_command_help_its_own_options(cli) -> None:
    listed = cli("--help").out
    for name in ("import", "remove", "list", "show", "figures", "extract", "export", "import-annotations", "tags", "annotate", "compare", "edit", "search"):
        assert f"    {name}" in listed, name
    own = cli("--store", "x", "annotate", "--help").out
    assert "--sentence" in own and "--span" in own and "--tag" in own and "--rebuild" not in own


def test_data_errors_exit_1_with_one_line(cli, seeded: Path) -> None:
    done = cli("show", "zzzz", "--store", str(seeded))
    assert done.code == 1
    assert done.err.strip() == "newsbrief: article 'zzzz': no article id starts with that; `newsbrief list` shows the ids"


def test_a_corrupt_store_is_one_line_and_left_alone(cli, seeded: Path) -> None:
    (seeded / "catalog.json").write_text("{ not json")
    done = cli("list", "--store", str(seeded))
    assert done.code == 1 and len(done.err.strip().splitlines()) == 1
    assert "catalog.json: not valid JSON" in done.err
    assert (seeded / "catalog.json").read_text() == "{ not json"


def test_show_and_figures(cli, seeded: Path) -> None:
    listed = cli("list", "--json", "--store", str(seeded)).json()
    dated = next(s for s in listed if s["published"])
    shown = cli("show", dated["id"][:6], "--store", str(seeded))
    assert shown.code == 0 and "At least 100 North Korean soldiers" in shown.out
    figures = cli("figures", dated["id"], "--json", "--store", str(seeded)).json()
    assert [f["id"] for f in figures] == [dated["id"]]
    assert len(figures[0]["figures"]) == dated["figure_count"]
    everything = cli("figures", "--json", "--store", str(seeded)).json()
    assert len(everything) == 5
    table = cli("figures", "--store", str(seeded))
    assert table.code == 0 and "12 000" in table.out


def test_hostile_text_prints_literally(cli, tmp_path: Path) -> None:
    brief = tmp_path / "hostile.txt"
    brief.write_text(HOSTILE, encoding="utf-8")
    store = tmp_path / "s"
    assert cli("import", str(brief), "--store", str(store)).code == 0
    [summary] = cli("list", "--json", "--store", str(store)).json()
    assert summary["title"] == HOSTILE.splitlines()[0]
    for args in (["list"], ["show", summary["id"]], ["figures"]):
        done = cli(*args, "--store", str(store))
        assert done.code == 0
        assert "\x1b" not in done.out and "\x07" not in done.out and "\u202e" not in done.out
    shown = cli("show", summary["id"], "--store", str(store)).out
    assert "[bold]x[/]" in shown and "[@click=app.quit]boom[/]" in shown and "␛[31mred" in shown


def test_extract_reads_files_and_stdin_without_a_store(cli, tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[2]
    from_file = cli("extract", str(seed), "--json")
    assert from_file.code == 0
    [result] = from_file.json()
    assert result["file"] == str(seed) and result["figures"]
    text = seed.read_text(encoding="utf-8")
    for figure in result["figures"]:
        assert text[figure["start"] : figure["end"]] == figure["text"]
    from_stdin = cli("extract", "-", "--json", stdin=text)
    assert from_stdin.json()[0]["figures"] == result["figures"]
    assert not (tmp_path / "xdg").exists()  # no store was created


def test_annotate_tags_export_round(cli, seeded: Path, tmp_path: Path) -> None:
    listed = cli("list", "--json", "--store", str(seeded)).json()
    target = next(s for s in listed if s["source"].startswith("002"))
    made = cli("annotate", target["id"], "--sentence", "0", "--tag", "casualties", "--tag", "disputed", "--note", "Zelensky [bold]figure[/]", "--json", "--store", str(seeded))
    assert made.code == 0, made.err
    annotation = made.json()
    assert annotation["tags"] == ["casualties", "disputed"]
    assert annotation["quote"].startswith("The number of North Korean soldiers killed and wounded in Kursk")
    with Store(seeded, readonly=True) as store:
        assert [a.to_record() for a in store.annotations(target["id"])] == [annotation]
    out_file = tmp_path / "out" / "export.json"
    out_file.parent.mkdir()
    assert cli("export", "-o", str(out_file), "--store", str(seeded)).code == 0
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    [article] = exported["articles"]
    assert article["id"] == target["id"]
    assert article["annotations"][0]["note"] == "Zelensky [bold]figure[/]"
    w3c = cli("export", "--format", "w3c", "--store", str(seeded))
    assert w3c.code == 0 and "TextQuoteSelector" in w3c.out
    fresh = tmp_path / "fresh"
    assert cli("import", str(SEEDS), "--store", str(fresh)).code == 0
    assert cli("import-annotations", str(out_file), "--store", str(fresh)).code == 0
    again = cli("export", "--store", str(fresh)).json()
    assert again["articles"] == exported["articles"]


def test_annotate_refuses_unknown_tags_and_bad_sentences(cli, seeded: Path) -> None:
    some = cli("list", "--json", "--store", str(seeded)).json()[0]["id"]
    unknown = cli("annotate", some, "--sentence", "0", "--tag", "nonsense", "--store", str(seeded))
    assert unknown.code == 1 and "tag 'nonsense': not in the tag set" in unknown.err
    beyond = cli("annotate", some, "--sentence", "999", "--tag", "casualties", "--store", str(seeded))
    assert beyond.code == 1 and "--sentence 999" in beyond.err


def test_tags_list_and_add(cli, seeded: Path) -> None:
    assert cli("tags", "--json", "--store", str(seeded)).json()[:2] == ["casualties", "deployment"]
    assert cli("tags", "--add", "contradicts AP", "--store", str(seeded)).code == 0
    assert cli("tags", "--json", "--store", str(seeded)).json()[-1] == "contradicts AP"
    dup = cli("tags", "--add", "Casualties", "--store", str(seeded))
    assert dup.code == 1 and "already in the tag set" in dup.err


def test_a_write_waits_for_another_writer_then_lands_and_an_open_store_is_no_obstacle(cli, seeded: Path) -> None:
    some = cli("list", "--json", "--store", str(seeded)).json()[0]["id"]
    with Store(seeded) as open_elsewhere:  # a reader open in another terminal holds no lock
        done = cli("annotate", some, "--sentence", "0", "--tag", "casualties", "--store", str(seeded))
        assert done.code == 0 and done.err == ""
        holder = threading.Thread(target=hold_the_lock, args=(seeded, 1.5))
        holder.start()
        time.sleep(0.2)
        waited = cli("annotate", some, "--sentence", "1", "--tag", "estimate", "--store", str(seeded))
        holder.join()
        assert waited.code == 0, waited.err
        assert f"waiting for process {os.getpid()}" in waited.err and waited.err.count("\n") == 1
        open_elsewhere.refresh()
        assert sorted(a.tags for a in open_elsewhere.annotations(some)) == [("casualties",), ("estimate",)]


def hold_the_lock(folder: Path, seconds: float) -> None:
    """What another process does for the length of one long write (an import batch)."""
    with StoreLock(folder, wait=5).held():
        time.sleep(seconds)


def test_concurrent_annotate_commands_lose_no_write(seeded: Path, tmp_path: Path) -> None:
    """Four `annotate` processes at once: the lock makes them take turns, and all four tags land."""
    with Store(seeded, readonly=True) as store:
        article = store.article(store.summaries()[0].id).to_record()
    children = [
        subprocess.Popen([*newsbrief_command(), "annotate", article["id"], "--sentence", str(n), "--tag", "estimate", "--store", str(seeded)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for n in range(4)
    ]
    errors = [child.communicate(timeout=60)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0, 0, 0], errors
    with Store(seeded, readonly=True) as store:
        tagged = {a.span for a in store.annotations(article["id"]) if "estimate" in a.tags}
    assert tagged == {tuple(span) for span in article["sentences"][:4]}


def test_an_export_that_runs_out_of_room_says_why_and_leaves_no_file(cli, seeded: Path, tmp_path: Path) -> None:
    """A full disk, as near as a test can come without one: the process may write no more than 512 bytes (the lean export of one annotation is some 1.5 KB),
    so the export's write fails part way, as it would on a full disk."""
    import resource
    import signal

    listed = cli("list", "--json", "--store", str(seeded)).json()
    cli("annotate", listed[0]["id"], "--sentence", "0", "--tag", "casualties", "--store", str(seeded))
    target = tmp_path / "out"
    target.mkdir()

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

    done = subprocess.run(
        [*newsbrief_command(), "export", "-o", str(target / "export.json"), "--store", str(seeded)],
        capture_output=True, text=True, timeout=120, preexec_fn=small_disk,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")},
    )
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert str(target / "export.json") in line and "cannot write the export" in line and "Traceback" not in done.stderr
    assert list(target.iterdir()) == []  # neither a partial export nor a temporary file
