"""The README's "Figure conventions" are the one statement of what a figure is: every row of its tables
is extracted here and must come out as the README says."""

from __future__ import annotations

import re

import pytest

from store.extract.figures import extract_figures

from checkout import REPO


def _section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("## Figure conventions", 1)[1].split("\n## ", 1)[0]


def _rows(header: str) -> list[list[str]]:
    lines = _section().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _cell(text: str, kind: str) -> object:
    if text == "":
        return None
    if text in ("true", "false"):
        return text == "true"
    if kind != "date" and re.fullmatch(r"-?[\d.]+", text):
        return float(text) if "." in text else int(text)
    return text


MAIN = _rows("| text | kind |")
VAGUE = _rows("| words | value |")


def test_the_readme_tables_are_there() -> None:
    assert len(MAIN) >= 25 and len(VAGUE) == 8


@pytest.mark.parametrize("row", MAIN, ids=[row[0] for row in MAIN])
def test_main_table(row: list[str]) -> None:
    example = row[0].strip('"')
    kind = row[1]
    [figure, *_] = [f for f in extract_figures(example) if f.kind == kind]
    fields = ("kind", "value", "low", "high", "approximate", "qualifier", "unit", "change")
    want = dict(zip(fields, (_cell(cell, kind) for cell in row[1:])))
    got = {name: getattr(figure, name) for name in fields}
    if isinstance(want["value"], float):
        assert got.pop("value") == pytest.approx(want.pop("value"))
    assert got == want


@pytest.mark.parametrize("row", VAGUE, ids=[row[0] for row in VAGUE])
def test_vague_amounts(row: list[str]) -> None:
    example = re.match(r'"([^"]+)"', row[4])
    assert example, row
    numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", row[4].split("→", 1)[1].split("\"")[0].split("(")[0])]
    [figure] = extract_figures(example.group(1))
    assert figure.approximate
    if len(numbers) == 3:
        assert (figure.value, figure.low, figure.high) == tuple(numbers)
    else:
        assert (figure.value, figure.low, figure.high) == (None, *numbers)
