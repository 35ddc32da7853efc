"""The command line's output: one-line errors, JSON for programs, and tables that fit the terminal.

Every cell comes from untrusted data: literal text (`visible`), never markup.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import orjson
from rich import box
from rich.table import Table
from rich.text import Text

from store.safe_text import visible


def err(line: str) -> None:
    print(visible(line), file=sys.stderr)


def print_json(data: Any) -> None:
    """JSON for programs. orjson writes 13 MB of figures in 0.013 s where the json module takes 0.48 s;
    the json module stays for the integers beyond 64 bits orjson refuses."""
    try:
        sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    except TypeError:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cell(value: object) -> Text:
    """A table cell from untrusted data: literal text, never markup."""
    return Text("" if value is None else visible(str(value)))


def fitted_table(*columns: str, whole: tuple[str, ...] = (), wide: tuple[str, ...] = ()) -> Table:
    """A table that fits the terminal: each cell on one line, a long one cut with "…" (never wrapped into a
    column of single words); the `whole` columns (ids, dates, counts) keep their full width, the others share
    the rest, the `wide` ones (a title) three times the share of the others. A rule under the header and no
    borders: at 80 columns the borders of six columns took 19 of them."""
    table = Table(expand=True, box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0))
    for name in columns:
        if name in whole:
            table.add_column(name, no_wrap=True)
        else:
            table.add_column(name, no_wrap=True, overflow="ellipsis", ratio=3 if name in wide else 1, min_width=4)
    return table
