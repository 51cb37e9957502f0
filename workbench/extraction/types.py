"""Plain data the claim engine returns: claims, their figures and hints.

Everything here is pure data (frozen dataclasses), with offsets counted in Unicode
code points of the canonical text, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Figure categories, as in the product brief.
CATEGORIES = ("money", "percentage", "quantity", "date", "duration", "ranking", "quote")

#: Qualifiers a figure's value may carry (None when the figure is exact).
QUALIFIERS = ("over", "under", "about", "at least", "at most", "up to")


@dataclass(frozen=True, slots=True)
class Figure:
    """A typed, normalized fact inside a claim, e.g. money {"amount", "currency", "qualifier"}."""

    category: str
    start: int
    end: int
    text: str
    value: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Hint:
    """An automatic consistency check on a claim: never a verdict, only a pointer."""

    kind: str  # weekday, parts-whole, restated-quantity, future-past, per-unit-total, shares
    ok: bool
    message: str


@dataclass(frozen=True, slots=True)
class ProposedClaim:
    """A span of the text the engine proposes as check-worthy, with what it found inside."""

    start: int
    end: int
    kinds: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    hints: tuple[Hint, ...] = ()
    #: supply and aid records ({"type": "supply" | "aid", ...}, see extraction.records)
    records: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """The engine's answer for one text."""

    claims: tuple[ProposedClaim, ...] = field(default_factory=tuple)
