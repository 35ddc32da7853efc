"""The tag set from the command line: --rename, --remove, --move, and annotate --remove to take a tag off a span."""

from __future__ import annotations

from pathlib import Path

from store import Store


def on_disk(store: Path) -> tuple[list[str], list[tuple[str, int, int, tuple[str, ...]]]]:
    with Store(store, readonly=True) as opened:
        return opened.tags(), [(a.article_id, a.start, a.end, a.tags) for a in opened.annotations()]


def test_rename_move_and_remove_change_the_set_and_every_annotation(cli, seeded: Path) -> None:
    brief = cli("list", "--json", "--store", str(seeded)).json()[0]["id"]
    assert cli("annotate", brief, "--sentence", "0", "--tag", "disputed", "--tag", "estimate", "--store", str(seeded)).code == 0
    assert cli("annotate", brief, "--sentence", "1", "--tag", "disputed", "--store", str(seeded)).code == 0

    assert cli("tags", "--rename", "disputed", "contested", "--store", str(seeded)).code == 0
    tags, annotations = on_disk(seeded)
    assert "contested" in tags and "disputed" not in tags
    assert [a[3] for a in annotations] == [("contested", "estimate"), ("contested",)]

    moved = cli("tags", "--move", "contested", "1", "--json", "--store", str(seeded))
    assert moved.code == 0 and moved.json()[0] == "contested" and on_disk(seeded)[0][0] == "contested"

    assert cli("tags", "--remove", "contested", "--store", str(seeded)).code == 0
    tags, annotations = on_disk(seeded)
    assert "contested" not in tags
    assert [a[3] for a in annotations] == [("estimate",)]  # the annotation left with nothing is gone


def test_annotate_remove_takes_a_tag_off_and_refuses_one_that_is_not_there(cli, seeded: Path) -> None:
    brief = cli("list", "--json", "--store", str(seeded)).json()[0]["id"]
    assert cli("annotate", brief, "--sentence", "0", "--tag", "casualties", "--tag", "estimate", "--store", str(seeded)).code == 0
    done = cli("annotate", brief, "--sentence", "0", "--tag", "estimate", "--remove", "--store", str(seeded))
    assert done.code == 0 and "left: casualties" in done.out
    assert [a[3] for a in on_disk(seeded)[1]] == [("casualties",)]
    refused = cli("annotate", brief, "--sentence", "0", "--tag", "estimate", "--remove", "--store", str(seeded))
    assert refused.code != 0 and "no annotation here carries 'estimate'" in refused.err and len(refused.err.strip().splitlines()) == 1
    assert cli("annotate", brief, "--sentence", "0", "--tag", "casualties", "--remove", "--store", str(seeded)).code == 0
    assert on_disk(seeded)[1] == []


def test_a_bad_move_or_an_unknown_tag_is_one_line_and_changes_nothing(cli, seeded: Path) -> None:
    before = on_disk(seeded)
    for args in (("--move", "estimate", "zero"), ("--remove", "no such tag"), ("--rename", "no such tag", "x")):
        done = cli("tags", *args, "--store", str(seeded))
        assert done.code != 0 and len(done.err.strip().splitlines()) == 1, done.err
    assert on_disk(seeded) == before


def test_annotate_says_what_it_tagged_in_one_line_however_long_the_quote(cli, seeded: Path) -> None:
    shown = cli("show", cli("list", "--json", "--store", str(seeded)).json()[0]["id"], "--json", "--store", str(seeded)).json()
    paragraph = max(shown["text"].split("\n"), key=len)
    assert len(paragraph) > 250  # wider than the 200 columns the runs here have: a terminal's width does not apply to a pipe
    start = shown["text"].index(paragraph)
    done = cli("annotate", shown["id"], "--span", f"{start}:{start + len(paragraph)}", "--tag", "background", "--store", str(seeded))
    assert done.code == 0, done.err
    assert done.out == f"tagged background on {shown['id']} {start}:{start + len(paragraph)}: {paragraph}\n"
