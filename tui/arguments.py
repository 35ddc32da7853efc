"""The command line's argument parsing: a parser whose usage errors are one line, and the argument
types that say what was expected (a store folder, a span, a field map)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from store.library.fields import FieldMap, FieldMapError, parse_field_map


class UsageError(Exception):
    """A command line that does not fit: exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2, never a usage dump."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("argument --span: expected one argument"):  # "--span -1:5" reads as an option
            message = f"argument --span: {SPAN_HELP}"
        raise UsageError(f"{self.prog}: {message} (see `{self.prog} --help`)")


def field_map(value: str) -> FieldMap:
    try:
        return parse_field_map(value)
    except FieldMapError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--map ")) from None


def store_folder(value: str) -> Path:
    if not value.strip():
        raise argparse.ArgumentTypeError("expected a store folder, found an empty path")
    return Path(value)


SPAN_HELP = "a span is START:END, character offsets into the brief's text counted from 0, START < END (e.g. --span 0:40)"


def span(value: str) -> tuple[int, int]:
    start, sep, end = value.partition(":")
    if not sep or not start.isdigit() or not end.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r}: {SPAN_HELP}")
    return int(start), int(end)
