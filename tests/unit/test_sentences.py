"""The sentence splitter on the seed briefs and on the abbreviations, decimals and quotes news uses."""

from __future__ import annotations

import itertools

import pytest

from store.extract.sentences import split_sentences

from checkout import SEEDS


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_000_sentences() -> None:
    found = sentences(seed("000"))
    assert found[0] == (
        "North Korean troops have already lost several hundred soldiers killed and wounded in the war against Ukraine."
    )
    assert "This is reported by the Associated Press (AP), citing a high-ranking military official." in found
    assert "Participation of North Korean military in the war in Ukraine" in found  # a heading line
    assert "There are approximately 12 000 soldiers, including 500 officers and three generals." in found
    assert found[-1].startswith("On December 14, Ukraine received confirmation") and found[-1].endswith("operations.")
    assert (
        "Russian “military correspondents” last week reported on the “baptism of battle” of North Korean troops "
        "in the Kursk region." in found
    )


def test_seed_001_marker_and_quotes() -> None:
    found = sentences(seed("001"))
    assert found[0].startswith("date 2024-12-19 At least 100 North Korean soldiers")
    assert found[0].endswith("Kursk region.")
    assert any(s.startswith("The day before, the Associated Press") and s.endswith("against Ukraine.") for s in found)


def test_seed_003_quotes_end_sentences_inside_them() -> None:
    found = sentences(seed("003"))
    assert (
        "“Our most recent estimate is that North Korea has suffered several hundred casualties,” said the senior US "
        "military official in Washington." in found
    )
    assert "“These are not battle-hardened troops." in found
    assert "They have never been in combat before,” he continued." in found
    assert "Russian counteroffensive in Kursk region" in found


def test_seed_004_list_lines_are_sentences() -> None:
    found = sentences(seed("004"))
    assert "Read also:" in found
    assert "- Forbes: North Korean forces conduct large infantry assaults in Kursk Oblast" in found
    assert "Russian forces have reportedly reclaimed about 20% of previously lost territory in Kursk Oblast." in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Army said 5.6 percent. It rose.", ["The U.S. Army said 5.6 percent.", "It rose."]),
        ("Aid came from the U.S. The Pentagon said so.", ["Aid came from the U.S.", "The Pentagon said so."]),
        ("On Dec. 5 he left. Mr. Smith stayed.", ["On Dec. 5 he left.", "Mr. Smith stayed."]),
        ("John F. Kennedy spoke. Gen. Syrsky agreed.", ["John F. Kennedy spoke.", "Gen. Syrsky agreed."]),
        ("He said “no.” Then he went.", ["He said “no.”", "Then he went."]),
        ('He said "yes." Then he left!', ['He said "yes."', "Then he left!"]),
        ("Is it 3.5? Yes… it is. Wait… No.", ["Is it 3.5?", "Yes… it is.", "Wait…", "No."]),
        ("“Why?” he asked. Nobody knew.", ["“Why?” he asked.", "Nobody knew."]),
        ("Line one\nLine two\n\n  Para two.  ", ["Line one", "Line two", "Para two."]),
        ("Sales rose 5.6% in 2024. Costs fell.", ["Sales rose 5.6% in 2024.", "Costs fell."]),
        ("See No. 5 on the list. Then stop.", ["See No. 5 on the list.", "Then stop."]),
        ("The troops (about 500.) left. Others stayed.", ["The troops (about 500.) left.", "Others stayed."]),
    ],
)
def test_abbreviations_decimals_quotes(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", ".", "...", "”", "a.b.c.", "U.S.", "\u2028x\u2029"])
def test_degenerate_texts(text: str) -> None:
    spans = split_sentences(text)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(text.split()) == "".join(covered.split())


def test_spans_cover_every_non_blank_part_of_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
        inside = set()
        for start, end in spans:
            inside.update(range(start, end))
        assert all(text[i].isspace() for i in range(len(text)) if i not in inside)
