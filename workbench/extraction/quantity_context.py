"""When a bare number is a count, and what it counts: context rules for quantities."""

from __future__ import annotations

import re
from typing import Any

from . import numeric_lexicon as lx
from .numerals import FRACTION_WORDS, SCALE_WORDS, TENS_WORDS, UNIT_WORDS, VAGUE_WORDS
from .numeric_lexicon import words

_GAP = " \u00a0\u202f-"


def _word_after(text: str, e: int) -> str:
    """The first character after e past at most three spaces or hyphens ("" if none)."""
    return text[e : e + 4].lstrip(_GAP)[:1]


_NUMBER_WORDS = (
    frozenset(UNIT_WORDS)
    | frozenset(TENS_WORDS)
    | frozenset(SCALE_WORDS)
    | (frozenset(VAGUE_WORDS) | frozenset(FRACTION_WORDS) | {"dozen", "half"})
)
_TOKEN = re.compile(
    r"[ \u00a0]+((?:[A-Za-z]\.){2,}|[A-Za-z][\w'’&]*(?:-[A-Za-z\d][\w'’&]*)*"
    r"|\d{2,4}(?:-\d{1,4})?[A-Za-z]*(?=[ \u00a0][A-Za-z]|s\b))"
)
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)")
_WORD_END = frozenset("_.&'’-#")
_NOT_A_WORD = "0123456789.,:;)]}"
_OF = re.compile(r"[ \u00a0]+of(?=[ \u00a0])")
_PREV_WORD = re.compile(r"(?:^|[\s(\[\"“‘'])([A-Za-z#][\w.&'’-]*)[ \u00a0]$")
_MONTH_WORD = re.compile(rf"^{lx.MONTHS}\.?$", re.I)
_YEAR_PREP = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|before|after|during|of|the|fiscal|FY|class|circa|"
    r"early|late|mid|around|spring|summer|autumn|fall|winter|year|through|to|and|between)"
    r"|['’]s|[A-Z][a-z]{2,8}\.?,?(?:[ \u00a0]\d{1,2},)?)[ \u00a0-]?$"
)
_IRREGULAR_PLURALS = words(
    "people children men women aircraft staff personnel police cattle sheep fish deer feet "
    "teeth mice geese troops crew offspring livestock data media series species"
)
_MODIFIERS = words(
    "new more other additional extra further major large small big old young different "
    "separate several key senior former current total net full single long short"
)
_INVARIANT = words("aircraft staff personnel crew head percent")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\[]|\n)[ \u00a0\"“‘'(]*$")
_ANAPHORIC = re.compile(r"(?:\b(?:the|these|those|both|all)[ \u00a0]+)$", re.I)


def is_not_a_count(text: str, first: Any, second: Any, unit: str | None) -> str | None:
    """Why the number is not a count ("model", "date", "time", ...), or None when it is one."""
    last = second or first
    s = first.start
    raw = text[s : first.end]
    if first.attached_unit is None and (
        text[last.end : last.end + 1] == ":" or _word_after(text, last.end).isalpha()
    ):  # each context below starts with ":" or a word (past spaces and hyphens)
        right = text[last.end : last.end + 40]
        if lx.TIME_AFTER.match(right) or lx.DURATION_AFTER.match(right):
            return "time"
        if first.value <= 31 and first.value == int(first.value) and lx.MONTH_AFTER.match(right):
            return "date"
        hw = _HYPHEN_WORD.match(right)
        if hw and hw.group(1).lower() not in lx.MEASURE_UNITS:
            return "compound"  # adjectival compounds: "10-point plan", "two-way"
    left = text[max(0, s - 40) : s]
    is_digits = raw[:1].isdigit()
    plain = "," not in raw and first.scale == 1.0 and first.attached_unit is None
    if not is_digits:
        if raw[:1].isupper() and not _SENTENCE_START.search(left):
            return "name"  # "the Big Three", "Ford Five Hundred"
        if left.lower().endswith(("top ", "top\u00a0")):
            return "label"  # "the top three": a ranking cut-off
        return "anaphora" if first.value <= 10 and _ANAPHORIC.search(left) else None
    label = _label_before(left, plain, first.value, unit)
    if label:
        return label
    integral = plain and "." not in raw
    if integral and _is_year(text, first, second, left):
        return "date"
    if integral and unit and first.value >= 2 and _singular_head(unit):
        return "model"  # "a 737 airliner": a count would take a plural noun
    if second is not None and integral and "," not in text[second.start : second.end]:
        digits = len(raw) + len(text[second.start : second.end])
        if digits >= 7 and text[first.end : second.start].strip() in "-–":
            return "serial"  # phone numbers and serials: "555-1234"
    return None


def _singular_head(unit: str) -> bool:
    """True when the unit's last word is a plain singular noun ("airliner", "Dreamliner")."""
    if unit.split()[0].lower() in _MODIFIERS:
        return False
    head = unit.split()[-1]
    low = head.lower()
    return (
        head.isalpha()
        and len(head) > 2
        and not _is_plural(head)
        and low not in lx.MEASURE_UNITS
        and (low not in _INVARIANT)
    )


def _label_before(left: str, plain: bool, value: float, unit: str | None) -> str | None:
    """ "No. 5", "Article 5", "Boeing 747", "April 26": the number labels or dates something."""
    if left.endswith(("#", "No. ", "no. ", "No.\u00a0", "top ", "Top ")):
        return "label"
    tail = left[:-1] if left.endswith("\n") else left  # "$" also matches before "\n"
    word_end = tail[-2:-1]
    if tail[-1:] not in (" ", "\u00a0") or not (word_end.isalnum() or word_end in _WORD_END):
        return None  # _PREV_WORD needs a word, then one space
    if not tail[:-1].rsplit(None, 1)[-1].strip(_NOT_A_WORD):
        return None  # and the word holds a letter or "#" ("1 2": no word before the 2)
    pm = _PREV_WORD.search(left)
    if not pm:
        return None
    word = pm.group(1)
    low = word.lower()
    if low in lx.LABEL_NOUNS or low.rstrip(".") in lx.LABEL_NOUNS:
        return "label"
    if _MONTH_WORD.match(word) and (word[0].isupper() or low != "may") and value <= 31:
        return "date"
    if not plain or low in lx.CAPITALIZED_FUNCTION_WORDS:
        return None
    named = any(c.isupper() for c in word) or any(c.isdigit() for c in word)
    if word.endswith(("'s", "’s", "s'")):
        # "Apple's 500 engineers" counts; "rival Boeing's 747." names a model
        return "model" if named and not (unit and _is_plural(unit.split()[-1])) else None
    return "model" if named else None


def _is_year(text: str, first: Any, second: Any, left: str) -> bool:
    """A bare 4-digit number from 1000 to 2100 reads as a year unless it counts a plural noun."""
    if not 1000 <= first.value <= 2100 or first.scale != 1.0:
        return False
    if second is not None:
        return True  # "2008-09", "from 2008 to 2010"
    unit, _ = unit_after(text, first.end)
    counts = unit is not None and _is_plural(unit.split()[-1])
    return not counts or bool(_YEAR_PREP.search(left))


def _is_plural(word: str) -> bool:
    """Rough English plural test for a unit's head noun."""
    w = word.lower()
    return w in _IRREGULAR_PLURALS or (
        w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s")) and len(w) > 2
    )


def unit_after(text: str, pos: int, allow_of: bool = False) -> tuple[str | None, int]:
    """The short noun phrase a number counts ("new aerial refueling tankers") and its end."""
    tokens: list[tuple[str, int]] = []
    i = pos
    limit = min(len(text), pos + 80)
    if allow_of:
        om = _OF.match(text, i, limit)
        if om:
            i = om.end()
    while len(tokens) < 4:
        tm = _TOKEN.match(text, i, limit)
        if not tm:
            break
        word = tm.group(1)
        low = word.lower()
        if word[0].isdigit() and not tokens:
            break  # a model number inside the phrase ("five new 737 aircraft"), never first
        if (
            low in lx.STOP_WORDS
            or low in _NUMBER_WORDS
            or lx.TEMPORAL_WORDS.match(word)
            or low.split("-")[0] in _NUMBER_WORDS
        ):
            break
        tokens.append((word, tm.end()))
        i = tm.end()
        if _is_plural(word) or _ends_measure(tokens):
            break
    while tokens and tokens[-1][0].lower().endswith(("ed", "ly")):
        tokens.pop()
    if _ends_measure(tokens[:2]) and len(tokens) >= 2:
        tokens = tokens[:2]  # "square feet", "metric tons": the modifier is part of the unit
    elif tokens and not _is_plural(tokens[-1][0]):
        # without a plural head the phrase is likely to run into a verb
        tokens = tokens[:3] if tokens[0][0].lower() in _MODIFIERS else tokens[:1]
        if len(tokens) == 1 and tokens[0][0].lower() not in lx.MEASURE_UNITS:
            shared = _shared_head(text, tokens[0][1])
            if shared is not None:
                return f"{tokens[0][0]} {shared}", tokens[0][1]
    if not tokens:
        return None, pos
    return " ".join(w for w, _ in tokens), tokens[-1][1]


#: Words that make a measure unit of the noun after them: "square feet", "metric tons".
_UNIT_MODIFIERS = words("square sq cubic nautical metric short long light")
_COORDINATED = re.compile(
    r"(?:,[  ]*(?:and|or)?|[  ]+(?:and|or))[  ]+"
    r"(?:(?:about|nearly|some|over|almost|another)[  ]+)?(?:[\d][\d,.]*[  ]+)?"
    r"((?:[A-Za-z][\w-]*[  ]+){0,2}[A-Za-z][\w-]*)"
)


def _ends_measure(tokens: list[tuple[str, int]]) -> bool:
    """True when the tokens read so far form a whole measure unit ("feet", "square feet")."""
    if not tokens or tokens[-1][0].lower() not in lx.MEASURE_UNITS:
        return False
    first = tokens[0][0].lower()
    if len(tokens) == 1:
        return first not in _UNIT_MODIFIERS
    return len(tokens) == 2 and first in _UNIT_MODIFIERS


def _shared_head(text: str, pos: int) -> str | None:
    """The plural noun a coordinated modifier shares: "20,000 direct and 30,000 indirect jobs".

    A lone adjective ("direct", "manufacturing") is no unit; when an "and"/"or" list follows
    whose last member ends in a plural noun, that noun is the head of both."""
    m = _COORDINATED.match(text, pos, min(len(text), pos + 80))
    if not m:
        return None
    head = m.group(1).split()[-1]
    if not _is_plural(head) or head.lower() in lx.STOP_WORDS:
        return None
    return head
