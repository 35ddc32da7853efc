"""The reading pane's word wrap: both paths agree, every character is drawn once, lines fit."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.widgets.text import _wrap_paragraph, _wrap_simple_paragraph, wrap_spans

simple_text = st.text(alphabet=st.sampled_from("ab yzé Жж.,1“’—"), max_size=120)
any_text = st.text(alphabet=st.sampled_from("ab yz\u00a0 世界👍é\u0301\n"), max_size=120)


@settings(max_examples=500)
@given(simple_text, st.integers(1, 30))
def test_the_fast_wrap_breaks_lines_exactly_where_the_word_by_word_wrap_does(text: str, width: int) -> None:
    fast: list[tuple[int, int]] = []
    slow: list[tuple[int, int]] = []
    _wrap_simple_paragraph(text, 0, len(text), width, fast)
    _wrap_paragraph(text, 0, len(text), width, slow)
    assert fast == slow


@settings(max_examples=300)
@given(any_text, st.integers(2, 30))
@example("世 \u0301 ", 2)  # a combining mark after a wrap point is drawn, not skipped with the space
def test_wrapped_lines_fit_and_skip_only_whitespace(text: str, width: int) -> None:
    lines = wrap_spans(text, width)
    drawn = 0
    for start, end in lines:
        assert cell_len(text[start:end]) <= width
        assert not text[drawn:start].strip()  # only whitespace (or a line break) falls between lines
        drawn = end
    assert not text[drawn:].strip()


def test_a_long_line_of_plain_text_wraps_at_spaces() -> None:
    text = "alpha beta gamma delta " * 3
    lines = wrap_spans(text, 12)
    assert [text[s:e] for s, e in lines][:3] == ["alpha beta ", "gamma delta ", "alpha beta "]
