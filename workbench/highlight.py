"""Cut an article's text into runs for display, each covered by at most one (innermost) claim."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    """A run of text and the claim shown for it (the latest-starting claim that covers it)."""

    text: str
    start: int
    claim: object | None


def runs(text: str, claims: Sequence) -> list[Run]:
    """Split text at every claim boundary; claims need start_offset/end_offset attributes."""
    ordered = sorted(claims, key=lambda c: (c.start_offset, -c.end_offset))
    cuts = sorted(
        {0, len(text), *(c.start_offset for c in ordered), *(c.end_offset for c in ordered)}
    )
    out: list[Run] = []
    active: list[tuple[int, int, object]] = []  # heap of (-start, seq, claim): innermost on top
    i = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        while i < len(ordered) and ordered[i].start_offset <= a:
            heapq.heappush(active, (-ordered[i].start_offset, i, ordered[i]))
            i += 1
        while active and active[0][2].end_offset <= a:
            heapq.heappop(active)
        # Lazily drop ended claims hidden under the top one.
        top = active[0][2] if active else None
        if top is not None and top.end_offset <= a:
            top = None
        out.append(Run(text[a:b], a, top))
    return out
