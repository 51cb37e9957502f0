"""The verdict scale: labels reviewers pick from, best to worst, with ClaimReview numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rating:
    """One step of the scale; value is the ClaimReview ratingValue (None: not on the scale)."""

    slug: str
    label: str
    value: int | None


DEFAULT_SCALE: tuple[Rating, ...] = (
    Rating("true", "True", 6),
    Rating("mostly-true", "Mostly true", 5),
    Rating("mixed", "Mixed", 4),
    Rating("misleading", "Misleading", 3),
    Rating("mostly-false", "Mostly false", 2),
    Rating("false", "False", 1),
    Rating("unverifiable", "Unverifiable", None),
)


def scale_by_slug(scale: tuple[Rating, ...] = DEFAULT_SCALE) -> dict[str, Rating]:
    """Index a scale by slug for validation and display."""
    return {r.slug: r for r in scale}


def best_and_worst(scale: tuple[Rating, ...] = DEFAULT_SCALE) -> tuple[int, int]:
    """The highest and lowest numeric values on the scale (ClaimReview bestRating/worstRating)."""
    values = [r.value for r in scale if r.value is not None]
    return max(values), min(values)
