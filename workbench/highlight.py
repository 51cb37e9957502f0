"""Cut an article's text into highlighted segments: each covered by at most one claim shown
(the innermost live one), with the figures inside marked by category. O(n log n) in claims."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class Run:
    """A run of text and the claim shown for it (the latest-starting claim that covers it)."""

    text: str
    start: int
    claim: object | None


@dataclass(slots=True)
class Piece:
    """Part of a segment: plain text, or a figure of the given category."""

    text: str
    start: int
    category: str | None = None


@dataclass(slots=True)
class Segment:
    """A stretch of text shown with one claim (or none), cut into pieces at figure edges."""

    start: int
    claim: object | None
    pieces: list[Piece] = field(default_factory=list)


def _status(claim) -> str:
    status = getattr(claim, "status", None)
    return getattr(status, "value", status) or ""


def runs(text: str, claims: Sequence) -> list[Run]:
    """Split text at every claim boundary; claims need start_offset/end_offset attributes.

    Where claims overlap, a live claim wins over a dismissed one, then the latest-starting one.
    """
    ordered = sorted(claims, key=lambda c: (c.start_offset, -c.end_offset))
    cuts = sorted(
        {0, len(text), *(c.start_offset for c in ordered), *(c.end_offset for c in ordered)}
    )
    out: list[Run] = []
    active: list[tuple[int, int, int, object]] = []  # (dismissed, -start, seq, claim)
    i = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        while i < len(ordered) and ordered[i].start_offset <= a:
            c = ordered[i]
            heapq.heappush(active, (_status(c) == DISMISSED, -c.start_offset, i, c))
            i += 1
        # Ended claims are dropped lazily, when they reach the top.
        while active and active[0][3].end_offset <= a:
            heapq.heappop(active)
        out.append(Run(text[a:b], a, active[0][3] if active else None))
    return out


def segments(text: str, claims: Sequence) -> list[Segment]:
    """Runs merged per shown claim, with the shown claim's figures cut out as pieces."""
    out: list[Segment] = []
    for run in runs(text, claims):
        if out and out[-1].claim is run.claim and run.claim is not None:
            seg = out[-1]
        else:
            seg = Segment(run.start, run.claim)
            out.append(seg)
        figures = getattr(run.claim, "figures", None) or []
        end = run.start + len(run.text)
        pos = run.start
        for f in figures:  # ordered by start_offset
            a, b = max(f.start_offset, pos), min(f.end_offset, end)
            if a >= b:
                continue
            if a > pos:
                seg.pieces.append(Piece(text[pos:a], pos))
            seg.pieces.append(Piece(text[a:b], a, getattr(f.category, "value", f.category)))
            pos = b
        if pos < end:
            seg.pieces.append(Piece(text[pos:end], pos))
    return out
