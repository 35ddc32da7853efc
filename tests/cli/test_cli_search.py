"""`newsbrief search`: body words from the command line, JSON for programs, a damaged index named in one line."""

from __future__ import annotations

import re
from pathlib import Path

from checkout import one_line


def test_search_finds_a_phrase_of_a_body_and_says_where(cli, seeded: Path) -> None:
    shown = cli("show", cli("list", "--json", "--store", str(seeded)).json()[0]["id"], "--json", "--store", str(seeded)).json()
    last = [paragraph for paragraph in shown["text"].split("\n\n") if len(paragraph.split()) >= 3][-1]
    words = last.split()[:3]  # the last paragraph's first words: not the title
    run = cli("search", f'"{" ".join(words)}"', "--json", "--store", str(seeded))
    assert run.code == 0, run.err
    hits = run.json()
    assert shown["id"] in [hit["id"] for hit in hits]
    hit = next(hit for hit in hits if hit["id"] == shown["id"])
    start, end = hit["text_spans"][0]
    found = re.findall(r"\w+", shown["text"][start:end].casefold())
    assert found == re.findall(r"\w+", " ".join(words).casefold())  # case and punctuation are not matched


def test_search_prints_a_table_and_a_line_when_nothing_matches(cli, seeded: Path) -> None:
    table = cli("search", "korean", "--store", str(seeded))
    assert table.code == 0 and "North Korea" in table.out
    nothing = cli("search", "zzyzx", "--store", str(seeded))
    assert nothing.code == 0 and "no brief matches 'zzyzx'" in nothing.out


def test_a_damaged_index_is_one_line_and_rebuild_mends_it(cli, seeded: Path) -> None:
    (seeded / "search.sqlite").write_bytes(b"not a database at all" * 100)
    broken = cli("search", "korean", "--store", str(seeded))
    assert broken.code == 1
    assert broken.err.count("\n") == 1 and "search index is damaged" in broken.err and "--rebuild" in broken.err
    rebuilt = cli("search", "--rebuild", "--store", str(seeded))
    assert rebuilt.code == 0 and "search index rebuilt: 5 briefs" in rebuilt.out
    assert len(cli("search", "korean", "--json", "--store", str(seeded)).json()) == 5


def test_a_hit_whose_brief_its_volume_lacks_is_one_line_naming_the_volume(cli, seeded: Path) -> None:
    hit = cli("search", "korean", "--json", "--store", str(seeded)).json()[0]["id"]
    volume = next((seeded / "volumes").glob("*.json"))
    volume.write_bytes(volume.read_bytes().replace(f'"id":"{hit}"'.encode(), b'"id":"' + b"0" * 16 + b'"'))  # a hand edit
    for json_flag in ([], ["--json"]):
        line = one_line(cli("search", "korean", *json_flag, "--store", str(seeded)))
        assert f"{volume}: holds no brief {hit}, which the catalog lists in it" in line


def test_search_without_a_query_is_a_usage_error(cli, seeded: Path) -> None:
    run = cli("search", "--store", str(seeded))
    assert run.code == 2 and "give a QUERY" in run.err


def test_search_by_date_lists_the_newest_first_without_a_score(cli, tmp_path: Path) -> None:
    briefs, store = tmp_path / "briefs", tmp_path / "store"
    briefs.mkdir()
    days = ["2024-05-02", "2023-11-30", "2025-02-14", "2024-05-01"]
    for number, day in enumerate(days):
        (briefs / f"{number}.txt").write_text(f"date {day} Convoy {number} seen.\n\nA convoy of {number + 2} trucks crossed.", encoding="utf-8")
    assert cli("import", str(briefs), "--store", str(store)).code == 0
    by_date = cli("search", "convoy", "--by", "date", "--json", "--store", str(store))
    assert by_date.code == 0, by_date.err
    assert [hit["published"] for hit in by_date.json()] == sorted(days, reverse=True)
    assert {hit["score"] for hit in by_date.json()} == {None}  # the date order ranks nothing
    by_relevance = cli("search", "convoy", "--json", "--store", str(store)).json()
    scores = [hit["score"] for hit in by_relevance]
    assert scores == sorted(scores, reverse=True) and {h["id"] for h in by_relevance} == {h["id"] for h in by_date.json()}


def test_a_query_that_looks_like_markup_is_searched_for_and_echoed_literally(cli, seeded: Path) -> None:
    for query in ("[/]zzyzx", "[bold red]zzyzx"):  # Rich markup, unbalanced and balanced
        nothing = cli("search", query, "--store", str(seeded))
        assert nothing.code == 0 and nothing.err == "", nothing.err
        assert nothing.out == f"no brief matches {query!r}\n"


def test_a_search_that_builds_the_index_says_so_in_one_line_off_a_terminal(cli, seeded: Path) -> None:
    (seeded / "search.sqlite").unlink()  # as a store made before there was an index: the first search builds it
    run = cli("search", "korean", "--store", str(seeded))
    assert run.code == 0 and "North Korea" in run.out
    assert run.err == "newsbrief: indexing briefs for search (5 briefs)…\n"
    (seeded / "search.sqlite").unlink()
    quiet = cli("search", "korean", "--json", "--store", str(seeded))
    assert quiet.code == 0 and quiet.err == "" and quiet.json()
