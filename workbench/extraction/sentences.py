"""Split canonical text into sentence spans (code-point offsets, end exclusive).

Every line is its own paragraph: a heading, caption or list line without terminal
punctuation is a unit of its own. Inside a line, a sentence ends at ``. ! ? …``
(with any closing quotes or brackets) followed by whitespace, unless the word before
is an abbreviation or an initial, or the next word starts in lower case.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .budget import checkpoint


class Sentence(NamedTuple):
    """A sentence span and the index of the line (paragraph) it belongs to."""

    start: int
    end: int
    line: int


def words(spaced: str) -> frozenset[str]:
    """Build a word set from a space-separated list."""
    return frozenset(spaced.split())


_LINE = re.compile(r"[^\n]+")
# a terminator run, its closing quotes/brackets, then the whitespace that must follow; the
# run is only tried from its first mark and taken whole, so a long run costs its length
# once (not once per mark, which made "....." quadratic)
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s)")
_SPACE = re.compile(r"\s+")
_WORD_BEFORE = re.compile(r"[\w.’'-]+$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")  # U.S. a.m. p.m. U.K.
_INITIAL = re.compile(r"(?<![\w.])[A-Z]\.$")  # Joe R. Biden

#: Abbreviations that never end a sentence (a name or number always follows).
TITLES = words(
    "mr mrs ms dr prof gen sen rep gov lt col capt sgt adm rev st mt ft jr sr "
    "messrs hon pres supt cmdr cpl pvt gens reps sens vs etc al fig cf approx"
)
#: Abbreviations that end a sentence only when a capitalized non-number follows.
BEFORE_NUMBER = words(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol p pp art sec ch op para tel est"
)
#: Capitalized words that usually start a new sentence after a dotted acronym.
STARTERS = words(
    "the a an he she it they we i you this that these those there his her its their "
    "our my in on at but and or so yet if when while after before as since though "
    "although however meanwhile also still then now later earlier according for "
    "with without by from to what who why how where both all some many most"
)


def lines(text: str) -> list[tuple[int, int]]:
    """Return the spans of the non-blank lines of ``text``, trimmed of surrounding space."""
    spans = []
    for m in _LINE.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        if start < end:
            spans.append((start, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, trimmed of surrounding whitespace."""
    out: list[Sentence] = []
    for index, (lo, hi) in enumerate(lines(text)):
        checkpoint()
        start = lo
        for m in _END.finditer(text, lo, hi):
            cut = m.end()
            if _ends_sentence(text, m.start(), cut, lo, hi):
                s, e = _trim(text, start, cut)
                if s < e:
                    out.append(Sentence(s, e, index))
                start = cut
        s, e = _trim(text, start, hi)
        if s < e:
            out.append(Sentence(s, e, index))
    return out


def _ends_sentence(text: str, mark: int, cut: int, lo: int, hi: int) -> bool:
    """Decide whether the terminator at ``mark`` (its run ending at ``cut``) ends a sentence."""
    space = _SPACE.match(text, cut, hi)
    if space is None or space.end() >= hi:
        return True
    nxt = text[space.end()]
    if nxt.islower() or nxt in ",;:–—-":
        return False
    if text[mark] != ".":
        return True
    if text[mark : mark + 2] == ".." or text[cut - 1] != ".":
        return True  # an ellipsis or a closed quotation followed by a capital
    if mark > lo and "0" <= text[mark - 1] <= "9":
        return True  # "in 2024. Then": a number is no title, initial or acronym
    word = _WORD_BEFORE.search(text, max(lo, mark - 40), mark + 1)
    if word is None:
        return True
    token = word.group()
    bare = token.rstrip(".").rsplit(".", 1)[-1].lstrip("'’-").lower()
    letter = token[-2:-1]  # an initial and a dotted acronym end with a letter, then the mark
    if "a" <= letter <= "z" or "A" <= letter <= "Z":
        if _INITIAL.search(token):
            return False
        if _DOTTED.search(token):
            following = re.match(r"[\w’']+", text[space.end() : space.end() + 30])
            return following is not None and following.group().lower() in STARTERS
    if bare in TITLES:
        return False
    if bare in BEFORE_NUMBER:
        return not nxt.isdigit()
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace on both sides."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
