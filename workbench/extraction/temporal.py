"""Temporal figures of the claim engine: dates and durations with normalized ISO 8601 values.

Dates: {"date": "2024-04-24"}, reduced precision "2023-11" / "2024", intervals "a/b", ISO weeks
"2024-W19" (weekends "2024-W19-WE"), quarters "2009-Q1", halves "2024-H1", seasons "2009-SP"
(SU, FA, WI), decades "1990/1999"; extra keys: weekday, weekday_consistent, fiscal, time.
A time of day standing alone ("at 18:00 UTC") is a date "2024-05-01T18:00" on the day named
in its sentence, else in the two sentences before, else the publication day (then marked
"anchored_to": "publication"); one written beside a date joins that date's span.
Phrases read against another date ("the next day", "the following year", "the same period
last year") take it from the nearest date before them (see relative_dates.resolve_anchors).
Durations: {"duration": "PT5H", "qualifier": "over"}; a range adds "range": [low, high].
Relative dates resolve against the publication date; without one their value is
{"date": None, "relative": <words>}.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from workbench.extraction import dates, relative_dates
from workbench.extraction.durations import find_durations
from workbench.extraction.relative_dates import resolve_anchors
from workbench.extraction.tense import word_set
from workbench.extraction.timebase import (
    S1,
    TIME,
    Candidate,
    Context,
    Rule,
    clock_of,
    previous_word,
    run_rules,
)
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
    "noon",
    "midnight",
    "christmas",
    "new year",
    "halloween",
    "valentine",
    "patrick",
)
_DIGIT = re.compile(r"\d")
_LEAD_TIME = re.compile(rf"(?<![\w:.])(?P<time>{TIME}){S1}(?:on{S1})?$", re.IGNORECASE)
_TRAIL_TIME = re.compile(rf",?{S1}at{S1}(?P<time>{TIME})", re.IGNORECASE)

# a time of day standing alone: "at 18:00 UTC", "6:40 p.m. (GMT +8)", "by midnight"
_TIME_ALONE = re.compile(
    rf"(?<![\w:.,$\u00a3\u20ac/+\u2212-])(?P<time>{TIME})(?![\w:/]|[.,]\d)", re.IGNORECASE
)
_MARKED_TIME = re.compile(r"\d.*(?:[ap]\.?m\b|[a-z]{2}|\))", re.IGNORECASE)
#: Words after which a bare "14:30", "noon" or "midnight" is a time of day.
_TIME_PREPS = word_set("at by until till before after around about since from")


def _time_alone(m: re.Match[str], ctx: Context) -> Candidate | None:
    time = m.group("time")
    # a.m./p.m., a zone, "local time", "(GMT +8)"; "1400 GMT" only after "at", "by" ...
    marked = _MARKED_TIME.match(time) and not time[:4].isdigit()
    if not marked and previous_word(ctx.text, m.start()) not in _TIME_PREPS:
        return None  # "John 3:16", "won 3:20", "a midnight deadline", "Flight 2000 GMT"
    clock = clock_of(time)
    if clock is None:
        return None
    value = {"date": None, "time": time}
    return Candidate(m.start(), m.end(), "date", value, anchor=("time", clock))


_RULES = dates.RULES + relative_dates.RULES
_TIME_RULES = (
    Rule(_TIME_ALONE, _time_alone, (":", "m.", "am", "pm", "noon", "midnight", "gmt", "utc")),
)


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
    kept_dates.extend(_free(list(run_rules(ctx, _TIME_RULES)), kept_dates, len(text)))
    kept_dates = resolve_anchors(ctx, sorted(kept_dates, key=lambda c: (c.start, c.end)))
    shadowed = _shadowed_by(kept_dates, len(text))
    kept = kept_dates + [d for d in kept_durations if not shadowed(d)]
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


def _free(times: list[Candidate], kept: list[Candidate], size: int) -> list[Candidate]:
    """Times of day that no kept date (widened by a time next to it) already covers."""
    taken = bytearray(size)
    for c in kept:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return [t for t in _longest_first(times, size) if not any(taken[t.start : t.end])]


def _shadowed_by(kept_dates: list[Candidate], size: int) -> Callable[[Candidate], bool]:
    """A test: does a duration fall inside a date's span? (linear: one pass over the dates)

    A duration gives way to an overlapping date, unless both come from one "ago" phrase.
    """
    strict, nested = bytearray(size), bytearray(size)
    for d in kept_dates:
        cover = nested if d.nested_ok else strict
        cover[d.start : d.end] = b"\x01" * (d.end - d.start)

    def shadowed(duration: Candidate) -> bool:
        span = slice(duration.start, duration.end)
        return any(strict[span]) or (not duration.nested_ok and any(nested[span]))

    return shadowed


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
