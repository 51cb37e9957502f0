"""Corrections: a figure that replaces one stated earlier ("It was 70%, not 60%.").

The grammar of a correction is a contrast between two figures of one kind in one sentence:
"X, not Y" or "not Y but X". When Y restates a figure of the same kind and value written
earlier in the text, X's value gets ``"corrects": {"start", "end", "text"}`` (the earlier
figure, so the claim it sits in can be found by offset), and the earlier figure's claim gets
a "correction" hint naming both.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .types import Figure, Hint

# between X and Y in "X, not Y" / "X and not Y"; between Y and X in "not Y but X"
_X_NOT_Y = re.compile(r"\s*,?\s*(?:and\s+|but\s+)?not\s*\Z", re.IGNORECASE)
_NOT_Y_BUT_X = re.compile(r"\s*,?\s*but(?:\s+rather)?\s*\Z", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\bnot\s*\Z", re.IGNORECASE)
#: Value keys that say where a figure sits rather than what it is.
_PLACE_KEYS = frozenset(("context", "corrects", "anchored_to"))


def _same(a: Figure, b: Figure) -> bool:
    if a.category != b.category:
        return False
    va = {k: v for k, v in a.value.items() if k not in _PLACE_KEYS}
    vb = {k: v for k, v in b.value.items() if k not in _PLACE_KEYS}
    return va == vb


def link_corrections(
    text: str, figures: list[Figure], sentence_starts: list[int]
) -> tuple[list[Figure], list[tuple[int, Hint]]]:
    """Figures with ``corrects`` set where the text corrects an earlier one, and the hints."""
    figures = sorted(figures, key=lambda f: (f.start, -f.end))
    points = [f for f in figures if f.category not in ("quote", "ranking")]
    replaced: dict[int, Figure] = {}
    hints: list[tuple[int, Hint]] = []
    for n in range(len(points) - 1):
        a, b = points[n], points[n + 1]
        if a.category != b.category or _sentence(sentence_starts, a.start) != _sentence(
            sentence_starts, b.start
        ):
            continue
        between = text[a.end : b.start]
        if len(between) > 12:
            continue
        if _X_NOT_Y.fullmatch(between):
            new, wrong = a, b
        elif _NOT_Y_BUT_X.fullmatch(between) and _NOT_BEFORE.search(
            text, max(0, a.start - 8), a.start
        ):
            new, wrong = b, a
        else:
            continue
        here = _sentence(sentence_starts, wrong.start)
        earlier = next(
            (
                f
                for f in reversed(points)
                if f.start < wrong.start
                and _sentence(sentence_starts, f.start) < here
                and _same(f, wrong)
            ),
            None,
        )
        if earlier is None:
            continue
        link = {"start": earlier.start, "end": earlier.end, "text": earlier.text}
        replaced[id(new)] = Figure(
            new.category, new.start, new.end, new.text, {**new.value, "corrects": link}
        )
        hints.append(
            (
                earlier.start,
                Hint(
                    "correction",
                    False,
                    f"{earlier.text} is corrected later in the text: {new.text}, not {wrong.text}.",
                ),
            )
        )
    return [replaced.get(id(f), f) for f in figures], hints


def _sentence(starts: list[int], pos: int) -> int:
    return bisect_right(starts, pos) - 1
