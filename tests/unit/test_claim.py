"""Claim arithmetic: sentences, words and a figure's own characters, without a screen."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from store.model import Claim

TEXT = "One two three. Four five six. Seven."
SENTENCES = [(0, 14), (15, 29), (30, 36)]


def test_shrink_takes_the_last_sentence_off_but_never_the_only_one() -> None:
    assert Claim(0, 2).shrunk() == Claim(0, 1)
    assert Claim(1, 1).shrunk() == Claim(1, 1)
    assert Claim(0, 0, 4, 7).shrunk() == Claim(0, 0)  # a narrowed claim goes back to its sentences


def test_words_move_the_end_across_sentences_and_keep_one_word() -> None:
    shorter = Claim(0, 0).by_word(-1, TEXT, SENTENCES)
    assert shorter.span(SENTENCES) == (0, 7) and TEXT[0:7] == "One two"
    assert shorter.by_word(-1, TEXT, SENTENCES).by_word(-1, TEXT, SENTENCES).span(SENTENCES) == (0, 3)  # "One" stays
    longer = Claim(0, 0).by_word(1, TEXT, SENTENCES)
    assert longer == Claim(0, 1, 0, 19) and TEXT[0:19] == "One two three. Four"
    assert Claim(2, 2).by_word(1, TEXT, SENTENCES) == Claim(2, 2)  # nothing after the last word


def test_around_a_figure_is_its_own_characters_and_whole_sentences_stay_sentences() -> None:
    assert Claim.around((4, 7), SENTENCES) == Claim(0, 0, 4, 7)
    assert Claim.around((15, 36), SENTENCES) == Claim(1, 2)
    assert Claim.around((13, 20), SENTENCES) == Claim(0, 1, 13, 20)
    assert Claim.around((14, 15), SENTENCES) is None  # the space between two sentences
    assert Claim(0, 0, 4, 7).describe(3) == "part of sentence 1 of 3"


@given(st.lists(st.sampled_from([-1, 1]), max_size=30), st.integers(0, 2))
def test_any_walk_by_words_stays_a_span_of_whole_words_inside_the_text(steps: list[int], sentence: int) -> None:
    claim = Claim(sentence, sentence)
    for step in steps:
        claim = claim.by_word(step, TEXT, SENTENCES)
        start, end = claim.span(SENTENCES) or (0, 0)
        assert 0 <= start < end <= len(TEXT)
        assert start == SENTENCES[sentence][0]  # the start never moves
        assert not TEXT[end - 1].isspace() and (end == len(TEXT) or TEXT[end].isspace())
        assert SENTENCES[claim.first][0] <= start and end <= SENTENCES[claim.last][1]
