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


def _flat_figures(claim) -> list[tuple[int, int, str | None]]:
    """A claim's figures as non-overlapping (start, end, category) in text order: where two
    overlap, the later one is shown from where the earlier one ends."""
    out: list[tuple[int, int, str | None]] = []
    pos = -1
    for f in getattr(claim, "figures", None) or []:  # ordered by start_offset
        a, b = max(f.start_offset, pos), f.end_offset
        if a < b:
            out.append((a, b, getattr(f.category, "value", f.category)))
            pos = b
    return out


def segments(text: str, claims: Sequence) -> list[Segment]:
    """Runs merged per shown claim, with the shown claim's figures cut out as pieces.

    Linear in the runs plus the figures: each claim's figures are flattened once, and a
    cursor per claim moves forward only (runs come in text order), so a claim with many
    figures cut into many runs by claims nested inside it costs no more than its figures."""
    out: list[Segment] = []
    flat: dict[int, list[tuple[int, int, str | None]]] = {}
    cursor: dict[int, int] = {}
    for run in runs(text, claims):
        if out and out[-1].claim is run.claim and run.claim is not None:
            seg = out[-1]
        else:
            seg = Segment(run.start, run.claim)
            out.append(seg)
        end = run.start + len(run.text)
        pos = run.start
        if run.claim is not None:
            key = id(run.claim)
            figures = flat.get(key)
            if figures is None:
                figures = flat[key] = _flat_figures(run.claim)
            i = cursor.get(key, 0)
            while i < len(figures) and figures[i][1] <= run.start:
                i += 1  # ended before this run: never needed again
            cursor[key] = i
            while i < len(figures) and figures[i][0] < end:
                a, b, category = figures[i]
                a, b = max(a, pos), min(b, end)
                if a > pos:
                    seg.pieces.append(Piece(text[pos:a], pos))
                seg.pieces.append(Piece(text[a:b], a, category))
                pos = b
                if figures[i][1] > end:
                    break  # goes on into the next run
                i += 1
        if pos < end:
            seg.pieces.append(Piece(text[pos:end], pos))
    return out
