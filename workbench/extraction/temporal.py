"""Temporal figures of the claim engine: dates and durations with normalized ISO 8601 values.

Dates: {"date": "2024-04-24"}, reduced precision "2023-11" / "2024", intervals "a/b", ISO weeks
"2024-W19" (weekends "2024-W19-WE"), quarters "2009-Q1", halves "2024-H1", seasons "2009-SP"
(SU, FA, WI), decades "1990/1999"; extra keys: weekday, weekday_consistent, fiscal, time.
Durations: {"duration": "PT5H", "qualifier": "over"}; a range adds "range": [low, high].
Relative dates resolve against the publication date; without one their value is
{"date": None, "relative": <words>}.
"""

from __future__ import annotations

import datetime as dt
import re

from workbench.extraction import dates, relative_dates
from workbench.extraction.durations import find_durations
from workbench.extraction.timebase import S1, TIME, Candidate, Context, run_rules
from workbench.extraction.types import Figure

__all__ = ["find_temporal"]

# Cheap pre-filter: text holding none of these cannot hold a date or a duration.
_TRIGGER_WORDS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "min",
    "sec",
    "decade",
    "centur",
    "millenni",
    "tonight",
    "tomorrow",
    "morning",
    "night",
    "quarter",
    "half",
    "fiscal",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "fortnight",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "fy",
)
_DIGIT = re.compile(r"\d")
_LEAD_TIME = re.compile(rf"(?<![\w:.])(?P<time>{TIME}){S1}(?:on{S1})?$", re.IGNORECASE)
_TRAIL_TIME = re.compile(rf",?{S1}at{S1}(?P<time>{TIME})", re.IGNORECASE)

_RULES = dates.RULES + relative_dates.RULES


def find_temporal(text: str, published: dt.date | None) -> list[Figure]:
    """Find the dates and durations in text, resolving relative ones against published."""
    if not text or not _may_hold_time(text):
        return []
    ctx = Context(text, published)
    found = list(run_rules(ctx, _RULES))
    found.extend(find_durations(ctx))
    kept_dates = _longest_first([c for c in found if c.category == "date"], len(text))
    kept_durations = _longest_first([c for c in found if c.category == "duration"], len(text))
    kept_dates = [_with_time(text, c) for c in kept_dates]
    kept = kept_dates + [d for d in kept_durations if not _shadowed(d, kept_dates)]
    kept.sort(key=lambda c: (c.start, c.end, c.category))
    return [Figure(c.category, c.start, c.end, text[c.start : c.end], c.value) for c in kept]


def _longest_first(candidates: list[Candidate], size: int) -> list[Candidate]:
    """Non-overlapping candidates, longer spans winning over the shorter ones they overlap."""
    taken = bytearray(size)
    kept = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if c.end > c.start and not any(taken[c.start : c.end]):
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            kept.append(c)
    return kept


def _shadowed(duration: Candidate, kept_dates: list[Candidate]) -> bool:
    """A duration inside a date's span gives way to it, unless both come from one "ago" phrase."""
    return any(
        d.start < duration.end
        and duration.start < d.end
        and not (d.nested_ok and duration.nested_ok)
        for d in kept_dates
    )


def _may_hold_time(text: str) -> bool:
    """Whether text has a digit or a temporal word at all (a fast, linear scan)."""
    if _DIGIT.search(text):
        return True
    lower = text.lower()
    return any(word in lower for word in _TRIGGER_WORDS)


def _with_time(text: str, c: Candidate) -> Candidate:
    """A day-precision date widened to a time of day written right next to it ("5 p.m. Monday")."""
    iso = c.value.get("date")
    if not (isinstance(iso, str) and len(iso) == 10) or "time" in c.value:
        return c
    lead = _LEAD_TIME.search(text, max(0, c.start - 40), c.start)
    trail = None if lead else _TRAIL_TIME.match(text, c.end, c.end + 40)
    if lead:
        return c._replace(start=lead.start(), value={**c.value, "time": lead.group("time")})
    if trail:
        return c._replace(end=trail.end(), value={**c.value, "time": trail.group("time")})
    return c
