"""How a figure's value and a brief's date read to a person: the same in the command line, the reader
and the compare groups the store keeps (whose column widths are measured from these words)."""

from __future__ import annotations

from typing import Protocol

from store.model import Figure


class Dated(Protocol):
    """A brief, its summary, or a compare row: anything with a brief's date."""

    @property
    def published(self) -> str | None: ...

    @property
    def published_inferred(self) -> bool: ...

    @property
    def not_before(self) -> str | None: ...


def _number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def describe_value(figure: Figure) -> str:
    """The value or range with its unit: "12,000", "10,000–12,000", "≥30", "~300–900", "5,600,000,000 USD"."""
    value, low, high = figure.value, figure.low, figure.high
    if low is not None and high is not None and low != high:
        text = f"{_number(low)}–{_number(high)}"
    elif value is not None:
        text = _number(value)
    elif low is not None:
        text = f"≥{_number(low)}"
    elif high is not None:
        text = f"≤{_number(high)}"
    else:
        text = "?"
    unit = figure.unit
    if unit == "%":
        text += "%"
    elif unit:
        text = f"{text} {unit}"
    return ("~" if figure.approximate else "") + text


def describe_date(brief: Dated) -> str:
    """A brief's date: a date read from the text marked "(inferred)"; without one, the bound its text
    gives ("not before 2024-12-16"), else "undated" said in words."""
    if not brief.published:
        return f"not before {brief.not_before}" if brief.not_before else "undated"
    return f"{brief.published} (inferred)" if brief.published_inferred else brief.published
