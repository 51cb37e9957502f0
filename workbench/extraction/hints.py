"""Automatic consistency hints: pointers for reviewers, never verdicts.

Kinds:

- ``weekday``: a weekday written next to a full date ("April 24 (Wednesday)") agrees
  with the calendar;
- ``parts-whole``: sums of money said to be contained in a whole ("a $95-billion package
  that contains $61 billion ..., $8 billion ..."; later "The bill also contained ...")
  do not exceed it;
- ``restated-quantity``: the same kind of quantity about the same thing is given with
  different values (or written differently) in two places;
- ``future-past``: a date after publication spoken of in the past tense.

Every function returns ``(position, Hint)`` pairs: the hint belongs to the claim that
contains the position.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from .budget import checkpoint
from .sentences import Sentence, words
from .types import Figure, Hint

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = "|".join(WEEKDAYS) + r"|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?"
_CALENDAR_DAY = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d\s+(?:Jan|Feb|Mar|Apr"
    r"|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}"
)
_WEEKDAY_INSIDE = re.compile(rf"\b({_WEEKDAY})")
_WEEKDAY_AFTER = re.compile(rf"[\s,]*\(?({_WEEKDAY})")
_WEEKDAY_BEFORE = re.compile(rf"\b({_WEEKDAY}),?\s*(?:the\s+)?$")
_WHOLE_NOUN = re.compile(
    r"[\s-]*(?:[\w-]+\s+){0,3}?(?:package|bill|budget|plan|deal|fund|program|programme|measure"
    r"|legislation|law|request|appropriation|aid|allocation|spending|total)s?\b",
    re.IGNORECASE,
)
_CONTAINS = re.compile(
    r"\b(?:contain\w*|includ\w*|compris\w*|earmark\w*|allocat\w*|provid\w*|of which"
    r"|consist\w* of|breaks? down)\b",
    re.IGNORECASE,
)
_ALSO = re.compile(
    r"\balso\s+(?:contain\w*|includ\w*|earmark\w*|allocat\w*|provid\w*|set\w* aside)\b",
    re.IGNORECASE,
)
_THE_WHOLE = re.compile(
    r"(?:the|this|that)\s+(?:\w+\s+)?(?:bill|package|measure|legislation|law|plan|deal|budget)"
    r"\b[^.]{0,40}?\b(?:contain\w*|includ\w*|earmark\w*|allocat\w*|provid\w*)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|going to|to be|is to|are to|scheduled|expected|plans?|planned"
    r"|set to|upcoming|next|due|slated|aims?|intends?|could|may|might)\b"
)  # case-sensitive: "May 26" is a month, not a modal
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|met|made|took|held|came|went|gave|told|began|won|lost"
    r"|[a-z]{3,}ed)\b"
)
_HEAD = re.compile(r"[\s-]*((?:[A-Za-z][\w-]*\s+){0,2}?)([A-Za-z][\w-]*)")
_STOP = words(
    "that which who for to in of and or as with by from on at the a an was were is are "
    "has have had will would said"
)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_PART = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_PARTS_WINDOW = 8  # sentences after the whole where "The bill also contained ..." may follow


def weekday_hints(text: str, figures: list[Figure]) -> list[tuple[int, Hint]]:
    """Compare a weekday written beside (or inside) a full date with the calendar."""
    out = []
    for f in figures:
        iso = _date_of(f)
        if f.category != "date" or not iso or not _ISO_DAY.match(iso):
            continue
        if not _CALENDAR_DAY.search(f.text):
            continue  # "Wednesday" or "3:45 PM" dated from context: nothing stated to compare
        m = (
            _WEEKDAY_INSIDE.search(f.text)
            or _WEEKDAY_AFTER.match(text, f.end, min(len(text), f.end + 14))
            or _WEEKDAY_BEFORE.search(text, max(0, f.start - 16), f.start)
        )
        if not m:
            continue
        stated = _full_weekday(m.group(1))
        actual = WEEKDAYS[dt.date.fromisoformat(iso).weekday()]
        ok = stated == actual
        verdict = "consistent" if ok else f"not a {stated}"
        message = f"{f.text}: {iso} is a {actual}, {verdict} with the stated {stated}."
        out.append((f.start, Hint("weekday", ok, message)))
    return out


#: How many parts a parts-whole message names (a hostile text can hold thousands).
_LISTED_PARTS = 12


def parts_whole_hints(
    text: str, sentences: list[Sentence], figures: list[Figure]
) -> list[tuple[int, Hint]]:
    """Check that sums of money said to be part of a whole do not exceed it."""
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        if f.category == "money" and _amount(f) is not None:
            by_sentence.setdefault(bisect_right(starts, f.start) - 1, []).append(f)
    out = []
    for si, inside in sorted(by_sentence.items()):
        checkpoint()
        sentence = sentences[si]
        for wi, whole in enumerate(inside):
            if not _WHOLE_NOUN.match(text, whole.end, min(sentence.end, whole.end + 60)):
                continue
            verb = _CONTAINS.search(text, whole.end, sentence.end)
            if not verb:
                continue
            parts = [f for f in inside[wi + 1 :] if f.start >= verb.end()]
            for later in range(si + 1, min(len(sentences), si + 1 + _PARTS_WINDOW)):
                found = by_sentence.get(later)
                if not found:
                    continue
                lo, hi = sentences[later].start, sentences[later].end
                if _ALSO.search(text, lo, hi) or _THE_WHOLE.match(text, lo, hi):
                    parts += found
                elif _WHOLE_NOUN.match(text, found[0].end, found[0].end + 60):
                    break  # a new whole starts
            parts = [p for p in parts if p.value.get("currency") == whole.value.get("currency")]
            if parts:
                out += _compare_parts(whole, parts)
            break
    return out


def restated_hints(text: str, figures: list[Figure]) -> list[tuple[int, Hint]]:
    """Flag one kind of quantity about one thing stated with different values or wordings."""
    first: dict[tuple, Figure] = {}
    out = []
    for f in figures:
        checkpoint()
        if f.category not in ("money", "quantity", "percentage"):
            continue
        key = _quantity_key(text, f)
        value = _amount(f)
        if key is None or value is None:
            continue
        seen = first.setdefault(key, f)
        if seen is f:
            continue
        before = _amount(seen)
        if before == value and _normal(seen.text) == _normal(f.text):
            continue
        ok = before == value
        how = "the same value" if ok else "different values"
        message = f"{seen.text!r} (at {seen.start}) and {f.text!r} (at {f.start}): {how}."
        hint = Hint("restated-quantity", ok, message)
        out += [(seen.start, hint), (f.start, hint)]
    return out


def future_past_hints(
    text: str, sentences: list[Sentence], figures: list[Figure], published: dt.date | None
) -> list[tuple[int, Hint]]:
    """Flag a date after publication in a sentence that speaks in the past tense."""
    if published is None:
        return []
    starts = [s.start for s in sentences]
    out = []
    for f in figures:
        earliest = _earliest(_date_of(f)) if f.category == "date" else None
        if earliest is None or earliest <= published:
            continue
        i = bisect_right(starts, f.start) - 1
        if i < 0:
            continue
        body = text[sentences[i].start : sentences[i].end]
        if _FUTURE.search(body):
            message = f"{f.text} is after publication ({published}), spoken of as ahead."
            out.append((f.start, Hint("future-past", True, message)))
        elif _PAST.search(body):
            message = f"{f.text} is after publication ({published}) but the sentence is past tense."
            out.append((f.start, Hint("future-past", False, message)))
    return out


def _compare_parts(whole: Figure, parts: list[Figure]) -> list[tuple[int, Hint]]:
    total = sum(_amount(p) or 0 for p in parts)
    limit = _amount(whole) or 0
    # an "over"/"at least" whole is only a lower bound, so parts may exceed it
    bounded = whole.value.get("qualifier") not in ("over", "at least")
    ok = not bounded or total <= limit * 1.005
    listed = " + ".join(p.text for p in parts[:_LISTED_PARTS])
    if len(parts) > _LISTED_PARTS:
        listed += f" + … ({len(parts)} parts in all)"
    relation = "<=" if total <= limit * 1.005 else ">"
    lower = any(p.value.get("qualifier") in ("over", "at least") for p in parts)
    currency = whole.value.get("currency") or ""
    summed = ("at least " if lower else "") + f"{currency} {_money(total)}".strip()
    message = (
        f"parts {listed} = {summed} {relation} whole {whole.text} "
        f"({currency} {_money(limit)}): " + ("consistent." if ok else "the parts exceed the whole.")
    )
    hint = Hint("parts-whole", ok, message)
    return [(whole.start, hint)] + [(p.start, hint) for p in parts]


def _quantity_key(text: str, f: Figure) -> tuple | None:
    """What a figure counts: its unit or currency and the noun (or "for X") after it."""
    unit = f.value.get("unit") or f.value.get("currency") or ""
    m = _HEAD.match(text, f.end, min(len(text), f.end + 60))
    if not m:
        return None
    words = (m.group(1) + m.group(2)).lower().split()
    if words and words[0] in ("for", "to", "in") and len(words) > 1:
        return (f.category, unit, words[0], words[1])
    head = [w for w in words if w not in _STOP]
    if not head or words[0] in _STOP:
        return (f.category, unit) if f.category == "quantity" and unit else None
    return (f.category, unit, head[-1])


def _full_weekday(written: str) -> str:
    return next(d for d in WEEKDAYS if d.lower().startswith(written.rstrip(".").lower()[:3]))


def _amount(f: Figure) -> float | None:
    v = f.value
    raw = v.get("amount", v.get("value"))
    try:
        return float(raw)
    except (TypeError, ValueError):
        return None


def _date_of(f: Figure) -> str | None:
    raw = f.value.get("date")
    if not isinstance(raw, str):
        return None
    return raw.split("/", 1)[0].split("T", 1)[0]


def _earliest(iso: str | None) -> dt.date | None:
    m = _ISO_PART.match(iso or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _normal(s: str) -> str:
    return re.sub(r"[\s\u00a0-]+", " ", s.lower()).strip()


def _money(amount: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if amount >= size:
            return f"{amount / size:g} {word}"
    return f"{amount:g}"
