"""A cheap guess at whether a clause speaks of the future or the past, from nearby cue words."""

from __future__ import annotations

import re


def word_set(spaced: str) -> frozenset[str]:
    """A frozenset of the space-separated words in spaced."""
    return frozenset(spaced.split())


_FUTURE_WORDS = word_set(
    "will won't shall would should must due expected scheduled slated planned planning "
    "upcoming next later starting until till by deadline tomorrow soon"
)
_MODALS = frozenset({"may", "might"})  # lowercase only: "May" is the month
_FUTURE_PAIRS = frozenset(
    (
        "going to",
        "is to",
        "are to",
        "set to",
        "to be",
        "to begin",
        "to start",
        "has to",
        "have to",
        "plan to",
        "plans to",
        "intend to",
        "intends to",
        "want to",
        "wants to",
        "aim to",
        "aims to",
        "hope to",
        "hopes to",
        "seek to",
        "seeks to",
        "need to",
        "needs to",
    )
)
_PAST_WORDS = word_set(
    "was were had did said told made took began came went got gave saw rose fell grew held "
    "met left paid sold bought built won lost spent hit cut put became brought ago last "
    "earlier since struck fought ran wrote chose drove flew knew stood shot found thought "
    "felt heard sent led kept sank sought spoke broke stole froze wore tore threw drew blew "
    "fled rang sang swam forgot forgave overtook undertook withdrew"
)
#: Words that may stand between a future cue and a participle ("will be finalized").
_AUX = word_set("be been have get not also then")
_NOT_PAST = word_set("need speed indeed proceed exceed succeed feed seed bed red shed")

_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?;\n](?=[\s\"'\u201d\u2019)]|$)")


#: _cue's answers by (word before, word): a date-dense text asks about the same words often.
_CUES: dict[tuple[str, str], str | None] = {}


def _cue(words: list[str], i: int) -> str | None:
    """The tense cue at words[i] (pairs looked up with the word before), or None."""
    key = (words[i - 1] if i > 0 else "", words[i])
    try:
        return _CUES[key]
    except KeyError:
        pass
    if len(_CUES) > 50_000:
        _CUES.clear()
    found = _CUES[key] = _cue_of(words, i)
    return found


def _cue_of(words: list[str], i: int) -> str | None:
    raw = words[i]
    w = raw.lower()
    if i > 0 and f"{words[i - 1].lower()} {w}" in _FUTURE_PAIRS:
        return "future"
    if w in _FUTURE_WORDS or raw in _MODALS or w.endswith(("'ll", "\u2019ll")):
        return "future"
    if w in _PAST_WORDS or (len(w) > 3 and w.endswith("ed") and w not in _NOT_PAST):
        return "past"
    return None


def _nearest_before(words: list[str]) -> str | None:
    for i in range(len(words) - 1, -1, -1):
        cue = _cue(words, i)
        if cue == "past":
            j = i - 1
            while j >= 0 and (words[j].lower() in _AUX or words[j].lower().endswith("ly")):
                if _cue(words, j) == "future":
                    return "future"  # "to be held"
                j -= 1
            if j < i - 1 and j >= 0 and _cue(words, j) == "future":
                return "future"  # "will be finalized"
        if cue:
            return cue
    return None


#: guess_tense's answers by the text around the figure (its only input): a date-dense text
#: of repeated filler asks the same question thousands of times.
_GUESSES: dict[tuple[str, str], str | None] = {}


def guess_tense(text: str, start: int, end: int) -> str | None:
    """Guess "future" or "past" for the clause around text[start:end]; None when unsure."""
    key = (text[max(0, start - 120) : start], text[end : end + 80])
    try:
        return _GUESSES[key]
    except KeyError:
        pass
    if len(_GUESSES) > 20_000:
        _GUESSES.clear()
    found = _GUESSES[key] = _guess(*key)
    return found


def _guess(before: str, after: str) -> str | None:
    cut = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
    found = _nearest_before(_WORD.findall(before, cut))
    if found:
        return found
    stop = _SENTENCE_END.search(after)
    words = _WORD.findall(after, 0, stop.start() if stop else len(after))
    for i in range(len(words)):
        cue = _cue(words, i)
        if cue:
            return cue
    return None
