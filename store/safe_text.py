"""Untrusted text made safe to show: control characters become visible placeholders.

An ESC in a brief would otherwise reach the terminal as the start of an escape sequence, and the
bidirectional overrides can reorder what a reader sees (the "Trojan Source" trick). Each such
character is replaced by exactly one visible character, so offsets into the text stay valid.
Markup is a separate matter: callers build `rich.text.Text` objects and never parse user text.
"""

from __future__ import annotations

_PLACEHOLDERS = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}  # ␀ … ␟
_PLACEHOLDERS[0x7F] = "\u2421"  # ␡
_PLACEHOLDERS.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls, CSI among them
_PLACEHOLDERS.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})

_TABLE = str.maketrans(_PLACEHOLDERS)


def visible(text: str) -> str:
    """`text` with every control character replaced by one visible placeholder (same length)."""
    return text.translate(_TABLE)


def lone_surrogate(text: str) -> bool:
    """True when `text` holds a lone surrogate (from a `\\ud800` escape or undecodable argv bytes),
    which UTF-8 cannot store: such text is refused with a message, not stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
