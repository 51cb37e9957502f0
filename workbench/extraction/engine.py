"""The claim engine: canonical text and publication date in, proposed claims out."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable

from .budget import Budget, ExtractionBudgetExceeded, checkpoint, running
from .claims import Cues, Lines, abstract, kinds_of, propose
from .corrections import link_corrections
from .hints import (
    future_past_hints,
    parts_whole_hints,
    per_unit_hints,
    restated_hints,
    share_hints,
    weekday_hints,
)
from .quotes import find_quotes
from .records import find_records
from .sentences import Sentence, split_sentences
from .types import Extraction, Figure, Hint, ProposedClaim

try:  # the numeric and temporal finders are built alongside this module
    from .numbers import find_numeric
except ImportError:  # pragma: no cover - only while the finder is missing

    def find_numeric(text: str) -> list[Figure]:
        """Stand-in while the numeric finder is not there."""
        return []


try:
    from .temporal import find_temporal
except ImportError:  # pragma: no cover - only while the finder is missing

    def find_temporal(text: str, published: dt.date | None) -> list[Figure]:
        """Stand-in while the temporal finder is not there."""
        return []


# a figure in the first group wins over an overlapping figure in the second
_SPECIFIC = {"date", "duration", "money", "percentage"}


__all__ = ["Budget", "ExtractionBudgetExceeded", "build", "extract", "resolve_overlaps"]


def extract(
    text: str, published: dt.date | None = None, *, budget: Budget | float | None = None
) -> Extraction:
    """Propose the check-worthy claims of ``text`` with their figures and hints.

    ``budget`` (seconds, or a ``Budget``) bounds the time taken: past it the engine raises
    ``ExtractionBudgetExceeded`` and returns nothing.
    """
    with running(budget):
        sentences = split_sentences(text)
        checkpoint()
        found = list(find_temporal(text, published))
        checkpoint()
        found += find_numeric(text)
        checkpoint()
        found = _without_abstract_days(text, sentences, found)
        quotes = find_quotes(text, sentences)
        checkpoint()
        return build(text, sentences, resolve_overlaps(found), quotes, published)


def build(
    text: str,
    sentences: list[Sentence],
    figures: list[Figure],
    quotes: list[Figure],
    published: dt.date | None = None,
) -> Extraction:
    """Assemble claims from already-found figures (separate from ``extract`` for testing)."""
    figures = sorted(figures + quotes, key=lambda f: (f.start, -f.end))
    cues = Cues(text)
    line_info = Lines(text, cues)
    chosen = propose(text, sentences, figures, cues, line_info)
    figures = _with_lead_ins(text, sentences, figures, line_info)
    figures, corrections = link_corrections(text, figures, [s.start for s in sentences])
    spans = _merge_across_quotes(chosen, quotes)
    starts = [s for s, _ in spans]
    by_claim: list[list[Figure]] = [[] for _ in spans]
    for f in figures:
        i = _containing(spans, starts, f.start)
        if i is not None:
            by_claim[i].append(f)
    kept = [f for group in by_claim for f in group]
    hints: list[list[Hint]] = [[] for _ in spans]
    seen: list[set[Hint]] = [set() for _ in spans]  # a list lookup per hint was quadratic
    checkpoint()
    for pos, hint in _all_hints(text, sentences, kept, published) + corrections:
        i = _containing(spans, starts, pos)
        if i is not None and hint not in seen[i]:
            seen[i].add(hint)
            hints[i].append(hint)
    records: list[list[dict]] = [[] for _ in spans]
    checkpoint()
    for pos, record in find_records(text, sentences, kept):
        i = _containing(spans, starts, pos)
        if i is not None:
            records[i].append(record)
    claims = tuple(
        ProposedClaim(
            start=s,
            end=e,
            kinds=kinds_of(text, s, e, by_claim[i], cues),
            figures=tuple(by_claim[i]),
            hints=tuple(hints[i]),
            records=tuple(records[i]),
        )
        for i, (s, e) in enumerate(spans)
    )
    return Extraction(claims=claims)


#: Days named relative to the moment of speaking.
_DEICTIC_DAYS = frozenset(("today", "tomorrow", "yesterday", "tonight"))


def _without_abstract_days(
    text: str, sentences: list[Sentence], figures: list[Figure]
) -> list[Figure]:
    """Drop "tomorrow" and its kin from sentences about no particular time (conditionals,
    generic statements): there they name no date."""
    starts = [s.start for s in sentences]
    out = []
    for f in figures:
        if f.category == "date" and f.text.lower() in _DEICTIC_DAYS:
            i = bisect_right(starts, f.start) - 1
            if i >= 0 and abstract(text[sentences[i].start : sentences[i].end]):
                continue
        out.append(f)
    return out


def _with_lead_ins(
    text: str, sentences: list[Sentence], figures: list[Figure], line_info: Lines
) -> list[Figure]:
    """Give each figure of a list item its list's lead-in as ``context`` ("The aid includes:")."""
    if not line_info.lead:
        return figures
    starts = [s.start for s in sentences]
    out = []
    for f in figures:
        i = bisect_right(starts, f.start) - 1
        lead = line_info.lead_in(sentences[i].line) if i >= 0 and f.category != "quote" else None
        if lead is not None and f.end <= sentences[i].end:
            f = Figure(
                f.category, f.start, f.end, f.text, {**f.value, "context": text[lead[0] : lead[1]]}
            )
        out.append(f)
    return out


def resolve_overlaps(figures: Iterable[Figure]) -> list[Figure]:
    """Keep one figure per stretch of text, with two kinds of nesting allowed.

    Among money, percentages, quantities, dates and durations, specific categories beat
    quantities, then the longer span wins. Two nestings are kept because each figure
    states a fact of its own: a duration inside a date ("two years" in "two years ago")
    and a date, duration, sum or percentage inside a ranking's descriptive phrase
    ("first test flight Tuesday", "largest conference in the past decade"). A ranking
    still competes with an overlapping quantity, the longer one winning.
    """
    points: list[Figure] = []
    rankings: list[Figure] = []
    for f in figures:
        if f.category == "quote" or f.end <= f.start:
            continue
        (rankings if f.category == "ranking" else points).append(f)
    kept, nested = _one_per_stretch(points, nest_durations=True)
    quantities = [f for f in kept if f.category == "quantity"]
    ranked, _ = _one_per_stretch(rankings + quantities, nest_durations=False)
    out = [f for f in kept if f.category != "quantity"] + ranked + nested
    out.sort(key=lambda f: (f.start, -(f.end - f.start)))
    return out


def _one_per_stretch(
    figures: list[Figure], nest_durations: bool
) -> tuple[list[Figure], list[Figure]]:
    """Non-overlapping winners, and the durations nested inside winning dates."""
    kept: list[Figure] = []
    nested: list[tuple[Figure, Figure]] = []
    for f in sorted(figures, key=lambda f: (f.start, -(f.end - f.start))):
        # kept spans never overlap one another, so only the last can overlap ``f``
        if kept and kept[-1].end > f.start:
            last = kept[-1]
            if (
                nest_durations
                and f.category == "duration"
                and last.category == "date"
                and f.end <= last.end
            ):
                nested.append((last, f))
            elif _beats(f, last):
                kept[-1] = f
            continue
        kept.append(f)
    alive = {id(f) for f in kept}
    return kept, [inner for outer, inner in nested if id(outer) in alive]


def _beats(new: Figure, old: Figure) -> bool:
    if old.category == "quantity" and new.category in _SPECIFIC:
        return True
    if new.category == "quantity" and old.category in _SPECIFIC:
        return False
    return (new.end - new.start) > (old.end - old.start)


def _merge_across_quotes(chosen: list[Sentence], quotes: list[Figure]) -> list[tuple[int, int]]:
    """Join proposed sentences that one quotation runs through into a single claim."""
    spans = [(s.start, s.end) for s in chosen]
    if not spans:
        return spans
    reach = sorted((q.start, q.end) for q in quotes)
    merged = [spans[0]]
    qi = 0
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        while qi < len(reach) and reach[qi][1] <= last_start:
            qi += 1
        joined = any(
            q_start < last_end and q_end > start
            for q_start, q_end in reach[qi : qi + 8]
            if q_start < start
        )
        if joined:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def _containing(spans: list[tuple[int, int]], starts: list[int], pos: int) -> int | None:
    i = bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < spans[i][1] else None


def _all_hints(
    text: str, sentences: list[Sentence], figures: list[Figure], published: dt.date | None
) -> list[tuple[int, Hint]]:
    finders: list[Callable[[], list[tuple[int, Hint]]]] = [
        lambda: weekday_hints(text, figures),
        lambda: parts_whole_hints(text, sentences, figures),
        lambda: restated_hints(text, figures),
        lambda: per_unit_hints(text, figures),
        lambda: share_hints(text, sentences, figures),
        lambda: future_past_hints(text, sentences, figures, published),
    ]
    out: list[tuple[int, Hint]] = []
    for finder in finders:
        checkpoint()
        out += finder()
    return out
