"""What a user may type into a store request: each checker returns the cleaned value or raises
InvalidRequest with one line saying what was expected."""

from __future__ import annotations

from datetime import date

from store.errors import InvalidRequest
from store.safe_text import lone_surrogate


def checked_note(note: str | None) -> str | None:
    if note is not None and lone_surrogate(note):
        raise InvalidRequest("note: holds a lone surrogate (undecodable bytes or a \\ud800 escape); expected Unicode text")
    return note


def checked_date(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError as error:
        wrong = str(error) if "isoformat" not in str(error) else "not a date"  # "month must be in 1..12"
        raise InvalidRequest(f"date {value!r}: {wrong}; expected a date as YYYY-MM-DD") from None


def checked_source(value: str) -> str:
    if not value.strip() or lone_surrogate(value):
        raise InvalidRequest(f"source {value!r}: expected the name of a publisher or person")
    return value.strip()


def checked_url(value: str) -> str | None:
    """An http(s) URL, or None for an empty value (the url taken off)."""
    value = value.strip()
    if not value:
        return None
    if not value.lower().startswith(("http://", "https://")) or any(ch.isspace() for ch in value) or lone_surrogate(value):
        raise InvalidRequest(f"url {value!r}: expected an http:// or https:// address without spaces")
    return value


def checked_group(value: str) -> str:
    if not isinstance(value, str) or not value.strip() or lone_surrogate(value):
        raise InvalidRequest(f"group {value!r}: expected a group name")
    return value.strip()
