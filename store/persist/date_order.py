"""The list's default order: catalog positions sorted by their briefs' date keys, as the catalog's
head keeps it (so the first screen needs no sort of 100,000 keys), merged on import, checked on read."""

from __future__ import annotations

from typing import Any


def sorted_positions(keys: list[str]) -> list[int]:
    """Positions of the briefs in date order (stable: the same key keeps catalog order)."""
    return sorted(range(len(keys)), key=keys.__getitem__)


def order_after(before: tuple[list[str], list[int]] | None, keys: list[str]) -> list[int]:
    """The date order of `keys`. When a write only added briefs after the ones before (an import's
    batch), the order before is one sorted run and the new positions another, which the sort merges
    in one pass: 40 ms against 72 for 5,000 added to 95,000, at every batch of an import. Equal keys
    keep catalog order either way: the new positions come after every old one."""
    if before is None:
        return sorted_positions(keys)
    old_keys, old_order = before
    if keys[: len(old_keys)] != old_keys:
        return sorted_positions(keys)
    added = sorted(range(len(old_keys), len(keys)), key=keys.__getitem__)
    return sorted(old_order + added, key=keys.__getitem__)


def is_order(by_date: list[Any] | None, count: int) -> bool:
    """Whether the head's date order can be an order of `count` positions: integers that add up
    as 0 to count-1 do (one pass in C, 1.5 ms at 100,000; a damaged one is sorted again)."""
    if by_date is None or len(by_date) != count:
        return False
    try:
        total = sum(by_date)
    except TypeError:
        return False
    return type(total) is int and total == count * (count - 1) // 2
