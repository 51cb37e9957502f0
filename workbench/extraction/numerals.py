"""Numbers written in digits or words: a regex fragment to find them and a parser to read them.

``NUMERAL_PATTERN`` is a plain regex string (no capturing groups, case-insensitive inside) that
matches "1,500", "2.5", "1.2 million", "3bn", "twenty-five", "a dozen", "tens of thousands",
"one-third", "half", "two and a half million".  ``parse_numeral`` turns such a match into a float.
Both are stdlib only and linear-time: every repetition consumes distinct, literal words.
"""

from __future__ import annotations

import re

UNIT_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS: dict[str, float] = {
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
#: Abbreviated multipliers written right after digits ("3bn", "1.2 m", "$40k").
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "trillion": 1e12,
    "hundred": 100,
}
FRACTION_WORDS: dict[str, float] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
#: Vague plurals ("tens of thousands"): the convention is the smallest value they can mean.
VAGUE_WORDS: dict[str, float] = {
    "dozens": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}

_UNIT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)
_SCALE = "hundred|thousand|million|billion|trillion"
_FRAC = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))
_SEP = r"(?:[ \u00a0]|-(?=[a-z]))"
_DIGIT_WORD = "one|two|three|four|five|six|seven|eight|nine"
_SMALL = rf"(?:(?:{_TENS})(?:[- \u00a0](?:{_DIGIT_WORD})\b)?|{_UNIT})"
# "two hundred and fifty thousand": small words and scales alternating, each a literal word.
_SCALE_TAIL = rf"(?:{_SEP}(?:{_SCALE})\b(?:{_SEP}(?:and{_SEP})?{_SMALL}\b)?)"
_WORDNUM = rf"(?:\b(?:a|an){_SCALE_TAIL}+|\b{_SMALL}\b{_SCALE_TAIL}*)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,15}(?:\.\d+)?|\.\d+)"
_DIGIT_SCALE = r"(?:[ \u00a0]?(?:million|billion|trillion|thousand|mln|bln|mn|bn|tn|trn)\b)"
_VAGUE = (
    r"(?:\b(?:tens|hundreds|thousands|millions|billions|dozens|scores)"
    r"(?:[ \u00a0]of[ \u00a0](?:thousands|millions|billions))?\b)"
)
_FRACTION = (
    rf"(?:\b(?:one|two|three|four|five|six|seven|eight|nine|a)[- \u00a0](?:{_FRAC})\b"
    r"|\bhalf\b)"
)

#: Regex fragment (no capturing groups) matching a number in digits or words.
NUMERAL_PATTERN = (
    rf"(?i:{_DIGITS}{_DIGIT_SCALE}?|{_VAGUE}|{_FRACTION}|\ba[ \u00a0]dozen\b|\bdozen\b"
    rf"|{_WORDNUM}(?:[ \u00a0]and[ \u00a0]a[ \u00a0]half(?:[ \u00a0](?:{_SCALE})\b)?)?"
    r")"
)

_DIGIT_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?|\.\d+)\s*([a-z]*)$")
_TOKEN_SPLIT = re.compile(r"[\s\u00a0\-]+")


def parse_numeral(s: str) -> float | None:
    """Read a number in digits or words ("1,500", "1.2 million", "twenty-five", "one-third")."""
    t = s.strip().lower().replace("\u00a0", " ").replace("\u2011", "-")
    if not t or len(t) > 200:
        return None
    m = _DIGIT_RE.match(t)
    if m:
        digits, suffix = m.group(1).replace(",", ""), m.group(2)
        if len(digits.split(".")[0]) > 15:
            return None
        base = float(digits)
        if not suffix:
            return base
        scale = SCALE_ABBREVIATIONS.get(suffix)
        return base * scale if scale else None
    words = [w for w in _TOKEN_SPLIT.split(t) if w]
    if words and words[0] in VAGUE_WORDS:
        value = VAGUE_WORDS[words[0]]
        if len(words) == 3 and words[1] == "of" and words[2] in VAGUE_WORDS:
            return value * VAGUE_WORDS[words[2]]
        return value if len(words) == 1 else None
    return _parse_words(words)


def _parse_words(words: list[str]) -> float | None:
    """Combine number words left to right ("two hundred and fifty thousand")."""
    if not words:
        return None
    if words in (["half"], ["a", "half"]):
        return 0.5
    if words in (["dozen"], ["a", "dozen"]):
        return 12.0
    if len(words) == 2 and words[1] in FRACTION_WORDS:
        numerator = 1 if words[0] in ("a", "an") else UNIT_WORDS.get(words[0])
        return None if numerator is None else numerator / FRACTION_WORDS[words[1]]
    half = 0.0
    if words[-3:] == ["and", "a", "half"]:
        words, half = words[:-3], 0.5
    elif len(words) >= 4 and words[-4:-1] == ["and", "a", "half"] and words[-1] in SCALE_WORDS:
        # "two and a half million": the half belongs to the leading number
        inner = _parse_words(words[:-4])
        return None if inner is None else (inner + 0.5) * SCALE_WORDS[words[-1]]
    total, current, seen = 0.0, 0.0, False
    for i, w in enumerate(words):
        if w in UNIT_WORDS:
            current += UNIT_WORDS[w]
        elif w in TENS_WORDS:
            current += TENS_WORDS[w]
        elif w in ("a", "an") and i == 0:
            current = 1
        elif w == "and" and seen:
            continue
        elif w in SCALE_WORDS:
            scale = SCALE_WORDS[w]
            current = max(current, 1.0)
            if scale == 100:
                current *= scale
            else:
                total += current * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current + half if seen else None


#: Regex fragment (no capturing groups) matching numbers written in words only.
WORD_NUMERAL_PATTERN = (
    rf"(?i:{_VAGUE}|{_FRACTION}|\ba[ \u00a0]dozen\b|\bdozen\b"
    rf"|{_WORDNUM}(?:[ \u00a0]and[ \u00a0]a[ \u00a0]half(?:[ \u00a0](?:{_SCALE})\b)?)?)"
)
