"""The numeric figure finder: money, percentages, quantities and rankings in a text.

Dates, durations and times are left to the temporal finder: numbers that belong to them
("April 26", "three days", "5 p.m.", a bare year) are not reported here.
"""

from __future__ import annotations

from .amounts import find_amounts
from .rankings import find_rankings
from .types import Figure

#: Categories this module reports.
NUMERIC_CATEGORIES = ("money", "percentage", "quantity", "ranking")


def find_numeric(text: str) -> list[Figure]:
    """Money, percentage, quantity and ranking figures of text, sorted, never overlapping."""
    amounts = find_amounts(text)
    rankings = find_rankings(text)
    if not rankings:
        return amounts
    out = list(amounts)
    starts = [f.start for f in amounts]
    for r in rankings:
        # an amount wins over a ranking it overlaps ("the largest 500 companies")
        if not any(a.start < r.end and r.start < a.end for a in _near(amounts, starts, r)):
            out.append(r)
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _near(amounts: list[Figure], starts: list[int], r: Figure) -> list[Figure]:
    """Amounts that could overlap figure r (amounts are sorted and disjoint)."""
    from bisect import bisect_left

    i = bisect_left(starts, r.start)
    return amounts[max(0, i - 1) : i + 1 + (r.end - r.start) // 2]
