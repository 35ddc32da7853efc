"""Regrouping from the command line: compare --move, --merge, --rename, --unmerge; a group that does not exist is refused."""

from __future__ import annotations

from pathlib import Path

from store import Store


def groups_on_disk(store: Path) -> dict[str, str]:
    with Store(store, readonly=True) as opened:
        return {group.id: group.label for group in opened.compare()}


def figure_in(cli, store: Path, group: str) -> str:
    rows = next(g for g in cli("compare", "--json", "--store", str(store)).json()["groups"] if g["id"] == group)["rows"]
    return f"{rows[0]['article_id']}:{rows[0]['start']}"


def test_rename_shows_a_group_under_its_new_name_and_unmerge_takes_it_back(cli, seeded: Path) -> None:
    done = cli("compare", "--rename", "deployed", "troops sent", "--json", "--store", str(seeded))
    assert done.code == 0, done.err
    assert "troops sent" in {g["id"] for g in done.json()["groups"]}
    shown = groups_on_disk(seeded)
    assert "deployed" not in shown and shown["troops sent"] == "troops sent"
    assert cli("compare", "--unmerge", "deployed", "--store", str(seeded)).code == 0
    assert "deployed" in groups_on_disk(seeded) and "troops sent" not in groups_on_disk(seeded)


def test_a_move_or_merge_or_rename_naming_a_group_that_does_not_exist_is_one_line_and_changes_nothing(cli, seeded: Path) -> None:
    before = groups_on_disk(seeded)
    figure = figure_in(cli, seeded, "deployed")
    for args in (
        ("--move", figure, "no such group"),
        ("--merge", "deployed", "no such group"),
        ("--merge", "no such group", "deployed"),
        ("--rename", "no such group", "x"),
        ("--rename", "deployed", "casualties"),  # a name already taken
        ("--move", figure, "casualties", "--new-group"),  # a new group that is not new
    ):
        done = cli("compare", *args, "--store", str(seeded))
        assert done.code != 0 and len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err, (args, done.err)
    assert groups_on_disk(seeded) == before


def test_move_with_new_group_makes_a_group_of_the_figure(cli, seeded: Path) -> None:
    figure = figure_in(cli, seeded, "deployed")
    done = cli("compare", "--move", figure, "my own", "--new-group", "--json", "--store", str(seeded))
    assert done.code == 0, done.err
    mine = next(g for g in done.json()["groups"] if g["id"] == "my own")
    assert [f"{r['article_id']}:{r['start']}" for r in mine["rows"]] == [figure]


def test_an_import_makes_the_compare_groups_so_the_view_opens_without_grouping(cli, seeded: Path, tmp_path: Path) -> None:
    from store.story.compare import compare_figures

    with Store(seeded, readonly=True) as opened:  # read-only: it could not make them, only read them
        grouping: list[tuple[int, int]] = []
        groups = opened.compare(progress=lambda done, total: grouping.append((done, total)))
        assert not grouping  # read as the import left them, no brief grouped again
        assert [g.to_record() for g in groups] == [g.to_record() for g in compare_figures(opened.articles(), opened.regrouping())]
    more = tmp_path / "more"
    more.mkdir()
    (more / "late.txt").write_text("Officials said at least 40 soldiers were killed on Friday.\n", encoding="utf-8")
    assert cli("import", str(more), "--store", str(seeded)).code == 0
    with Store(seeded, readonly=True) as opened:  # the next import made them again, with its brief
        killed = next(g for g in opened.compare(progress=lambda done, total: grouping.append((done, total))) if g.id == "killed")
        assert not grouping and any(row.figure.value == 40 for row in killed.rows)
