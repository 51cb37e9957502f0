"""Durations in ISO 8601 ("three days" P3D, "over five-hour" PT5H) and the "ago" dates they anchor.

The unit word is the anchor: each unit found by a linear scan is read backwards over a short,
bounded window for its number and qualifier, so pathological inputs cost linear time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from workbench.extraction.numerals import (
    FRACTION_WORDS,
    NUMERAL_PATTERN,
    SCALE_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    VAGUE_WORDS,
    parse_numeral,
)
from workbench.extraction.tense import word_set
from workbench.extraction.timebase import (
    DASH,
    S0,
    S1,
    Candidate,
    Context,
    add_months,
    iso_week,
    relative_value,
)

_WINDOW = 90

_UNITS = {
    "year": ("Y", 1),
    "yr": ("Y", 1),
    "decade": ("Y", 10),
    "century": ("Y", 100),
    "centurie": ("Y", 100),
    "millennium": ("Y", 1000),
    "millennia": ("Y", 1000),
    "month": ("M", 1),
    "week": ("W", 1),
    "wk": ("W", 1),
    "fortnight": ("W", 2),
    "day": ("D", 1),
    "hour": ("H", 1),
    "hr": ("H", 1),
    "minute": ("MIN", 1),
    "min": ("MIN", 1),
    "second": ("S", 1),
    "sec": ("S", 1),
}
_ABBREVIATIONS = frozenset({"yr", "wk", "hr", "min", "sec"})

_UNIT = re.compile(
    r"\b(?P<unit>years?|yrs?|decades?|century|centuries|millenni(?:um|a)|months?|weeks?|wks?"
    r"|fortnights?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b"
    rf"(?P<suffix>{DASH}(?:old|long)\b)?(?P<half>{S1}and{S1}a{S1}half\b)?(?P<ago>{S1}ago\b)?",
    re.IGNORECASE,
)

_QUALIFIERS = {
    "over": "over",
    "more than": "over",
    "just over": "over",
    "well over": "over",
    "upwards of": "over",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
    "just under": "under",
    "about": "about",
    "nearly": "about",
    "roughly": "about",
    "approximately": "about",
    "almost": "about",
    "around": "about",
    "some": "about",
    "close to": "about",
    "an estimated": "about",
    "at least": "at least",
    "no less than": "at least",
    "at most": "at most",
    "no more than": "at most",
    "up to": "up to",
}
_QUAL = "|".join(q.replace(" ", S1) for q in sorted(_QUALIFIERS, key=len, reverse=True))
_PRE_WORDS = "the next past last first previous coming following final initial remaining"
_PRE = (
    rf"(?:the{S1})?(?:next|past|last|first|previous|coming|following|final|initial"
    rf"|remaining|last{S1}few){S1}"
)
_ADJ = (
    r"more|full|straight|consecutive|whole|additional|extra|long|calendar|working"
    r"|business|successive|separate|short|solid"
)
_LEFT = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_QUAL}){S1})?(?P<pre>{_PRE})?"
    rf"(?P<num>half{S1}an?|{NUMERAL_PATTERN}|an?\b)(?:{S1}(?:{_ADJ}))?(?P<sep>{S1}|{DASH})$",
    re.IGNORECASE,
)
_RANGE_START = re.compile(
    rf"(?<![\w.,])(?P<between>between{S1})?(?P<num>{NUMERAL_PATTERN})"
    rf"(?P<join>{S1}(?:and|to|or){S1}|{S0}{DASH}{S0})$",
    re.IGNORECASE,
)
_BARE = re.compile(
    rf"\bthe{S1}(?P<rel>past|next|last|previous|coming|following){S1}"
    r"(?P<unit>decade|century|year|month|week|day)\b",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(
    r"(?:\d|%|\bpercent|\bmillion|\bbillion|\bthousand|\btrillion|\bhundred|\btimes|\btwice"
    r"|\bonce|\bthrice|\bdollars?|\beuros?|\bcents?|\bpounds?|\bhours?|\bdays?|\bweeks?"
    r"|\bmonths?|\bmiles?|\bunits|\bvehicles|\bcars|\bjets|\bplanes|\baircraft)"
    r"[\s\u00a0]{0,3}$",
    re.IGNORECASE,
)
_MODALS = word_set("will would could might may should must can someday")


def iso_duration(amount: float, code: str) -> str:
    """ISO 8601 duration for an amount of a unit code (Y, M, W, D, H, MIN, S)."""
    # fractions of small units read better in the next smaller unit: PT30M, not PT0.5H
    smaller = {"W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
    while amount != int(amount) and code in smaller and (amount * smaller[code][1]) % 1 == 0:
        code, factor = smaller[code]
        amount *= factor
    number = f"{amount:.2f}".rstrip("0").rstrip(".")
    if code in ("H", "MIN", "S"):
        return f"PT{number}{code[0]}"
    return f"P{number}{code}"


def _ago_date(pub: dt.date, amount: float, code: str, sign: int) -> str | None:
    """The date `amount` units before (sign -1) or after (sign +1) pub, at the unit's precision."""
    if code == "Y" and amount == int(amount):
        return f"{pub.year + sign * int(amount):04d}"
    if code in ("Y", "M") and (amount * (12 if code == "Y" else 1)) % 1 == 0:
        months = int(amount * (12 if code == "Y" else 1))
        year, month = add_months(pub.year, pub.month, sign * months)
        return f"{year:04d}-{month:02d}"
    if code == "W" and amount == int(amount):
        return iso_week(pub + dt.timedelta(weeks=sign * amount))
    if code in ("W", "D"):
        days = amount * (7 if code == "W" else 1)
        return (pub + dt.timedelta(days=sign * round(days))).isoformat()
    if code in ("H", "MIN", "S"):
        return pub.isoformat() if code != "H" or amount < 24 else None
    return None


def _amount(num: str) -> float | None:
    words = num.lower().split()
    if words[0] == "half" and len(words) == 2:
        return 0.5
    return parse_numeral(num)


_NUMBER_WORDS = frozenset(
    {*UNIT_WORDS, *TENS_WORDS, *SCALE_WORDS, *FRACTION_WORDS, *VAGUE_WORDS, "a", "an", "dozen"}
)
_ADJ_WORDS = frozenset(_ADJ.split("|"))


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word (letters, digits, dots, commas) ending before pos, past two spaces or a dash."""
    i = pos
    while i > 0 and pos - i < 2 and text[i - 1] in " \u00a0-\u2010\u2011\u2013":
        i -= 1
    j = i
    while j > 0 and i - j < 40 and (text[j - 1].isalnum() or text[j - 1] in ".,"):
        j -= 1
    return text[j:i].lower(), j


def _may_count(text: str, pos: int) -> bool:
    """Whether the words before a unit can hold its number (a cheap test before the regex)."""
    word, start = _word_before(text, pos)
    if word in _ADJ_WORDS:
        word, start = _word_before(text, start)
    return bool(word) and (word[-1].isdigit() or word.rsplit("-", 1)[-1] in _NUMBER_WORDS)


def _one_unit(text: str, m: re.Match[str], ctx: Context) -> Iterator[Candidate]:
    """Candidates anchored on the unit word of match m (duration, range start, "ago" date)."""
    unit = m.group("unit").lower()
    stem = unit[:-1] if unit.endswith("s") and unit[:-1] in _UNITS else unit
    code, factor = _UNITS[stem]
    if not _may_count(text, m.start()):
        return
    left = _left_of(text, max(0, m.start() - _WINDOW), m.start())
    if left is None:
        return
    num = left.group("num")
    amount = _amount(num)
    if amount is None or amount <= 0:
        return
    is_article = num.lower() in ("a", "an")
    if stem in _ABBREVIATIONS and not num[0].isdigit():
        return
    if stem == "second" and (is_article or not num[0].isdigit() and num.lower() == "one"):
        return  # "a second", "one second" are too often ordinals ("a second term")
    if (
        is_article
        and not left.group("qual")
        and not m.group("ago")
        and _RATE_BEFORE.search(text, max(0, left.start() - 20), left.start())
    ):
        return  # "15 a year", "$5 billion a year", "twice a week": rates, not durations
    if num.lower() == "one" and stem == "day" and _previous_word(text, left.start()) in _MODALS:
        return  # "would one day": someday
    end = m.end("suffix") if m.group("suffix") else m.end("unit")
    if m.group("half"):
        amount += 0.5
        end = m.end("half")
    value: dict = {"duration": iso_duration(amount * factor, code)}
    qual, start = left.group("qual"), left.start()
    if qual and left.group("pre"):
        qual, start = None, left.start("pre")  # "over the next four years" means during
    if qual:
        value["qualifier"] = _QUALIFIERS[" ".join(qual.lower().split())]
    rng = _range_start(text, left.start("num"))
    first = _amount(rng.group("num")) if rng and not left.group("pre") and not qual else None
    if rng and first is not None and 0 < first < amount:
        if rng.group("join").strip() in ("and", "to", "or"):
            low = {"duration": iso_duration(first * factor, code)}
            yield Candidate(rng.start("num"), rng.end("num"), "duration", low)
        else:
            start = rng.start()
            value["range"] = [iso_duration(first * factor, code), value["duration"]]
            value["duration"] = value["range"][0]
    nested = bool(m.group("ago"))
    yield Candidate(start, end, "duration", value, nested)
    if nested:
        iso = None
        if ctx.published is not None:
            iso = _ago_date(ctx.published, amount * factor, code, -1)
        extra = {"qualifier": value["qualifier"]} if qual else {}
        yield Candidate(
            start,
            m.end("ago"),
            "date",
            relative_value(ctx, start, m.end("ago"), iso, **extra),
            True,
        )


#: Words _LEFT can start with (its qualifiers, "the next", numbers in words, "half", "a").
_LEFT_FIRST = frozenset(
    {q.split()[0] for q in _QUALIFIERS}
    | set(_PRE_WORDS.split())
    | {*UNIT_WORDS, *TENS_WORDS, "a", "an", "half", "dozen", "dozens", "scores"}
    | {"tens", "hundreds", "thousands", "millions", "billions"}
)
#: Every word _LEFT can hold (qualifiers, "the next few", adjectives, numbers in words).
_LEFT_WORDS = frozenset(
    {w for q in _QUALIFIERS for w in q.split()}
    | _LEFT_FIRST
    | {"few", "and", "of", "hundred", "thousand", "million", "billion", "trillion"}
    | {"trillions", "mln", "bln", "mn", "bn", "tn", "trn"}
    | set(_ADJ.split("|"))
    | {*SCALE_WORDS, *FRACTION_WORDS, *VAGUE_WORDS}
)
#: Where _LEFT can start: after no word character, a digit, a "." or a word.
_STARTS = re.compile(r"(?<![\w.,])(?:[A-Za-z]+|[\d.])")


def _left_of(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """``_LEFT.search(text, lo, hi)``, tried only where its first word can start.

    Searching the whole window tried the long alternation at every word of it; the match
    is the same leftmost one, since every match starts with a digit, "." or one of
    ``_LEFT_FIRST`` (outside ASCII, case-insensitive matching may differ: search as before).
    """
    if not text[lo:hi].isascii():
        return _LEFT.search(text, lo, hi)
    starts: list[int] = []
    for w in _STARTS.finditer(text, lo, hi):
        word = w.group()
        if word[0].isdigit() or word == ".":
            starts.append(w.start())
            continue
        low = word.lower()
        if low not in _LEFT_WORDS:
            starts.clear()  # a match running to hi would hold this word: none starts before it
        elif low in _LEFT_FIRST:
            starts.append(w.start())
    match = _LEFT.match
    for start in starts:
        found = match(text, start, hi)
        if found:
            return found
    return None


def _range_start(text: str, num: int) -> re.Match[str] | None:
    """``_RANGE_START`` ending at num: only tried when a join ("and", "to", "or", a dash)
    ends there, past spaces."""
    tail = text[max(0, num - 8) : num].rstrip(" \u00a0\u2009\u202f")
    if not (tail[-1:] in _DASHES or tail[-3:].lower() == "and" or tail[-2:].lower() in _TO_OR):
        return None
    return _RANGE_START.search(text, max(0, num - 40), num)


_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014")
_TO_OR = frozenset({"to", "or"})

_PREV = re.compile(r"([A-Za-z]+)[ \u00a0]{1,3}$")


def _previous_word(text: str, pos: int) -> str:
    m = _PREV.search(text, max(0, pos - 20), pos)
    return m.group(1).lower() if m else ""


#: Words before "the next day" that make it a stretch of time.
_STRETCH_PREPS = word_set("over within in during for throughout through")

_UNIT_GATES = (
    "year",
    "yr",
    "decade",
    "centur",
    "millenni",
    "month",
    "week",
    "wk",
    "fortnight",
    "day",
    "hour",
    "hr",
    "min",
    "sec",
)


def find_durations(ctx: Context) -> Iterator[Candidate]:
    """Every candidate duration (and "N units ago" date) in the text."""
    text = ctx.text
    chunked = ctx.chunks()
    for start, end in chunked.holding(_UNIT_GATES):
        for m in _UNIT.finditer(text, start, end):
            yield from _one_unit(text, m, ctx)
    for start, end in chunked.holding(("the ",)):
        for m in _BARE.finditer(text, start, end):
            rel, unit = m.group("rel").lower(), m.group("unit").lower()
            if rel in ("last", "previous") and unit not in ("decade", "century"):
                continue  # "the last year" names the previous calendar year
            if (
                unit == "day"
                and rel in ("next", "following")
                and _previous_word(text, m.start()) not in _STRETCH_PREPS
            ):
                continue  # "he left the next day" names a day; "within the next day" lasts one
            code, factor = _UNITS[unit]
            value = {"duration": iso_duration(factor, code)}
            yield Candidate(m.start(), m.end(), "duration", value)
