"""Choose which sentences are proposed as claims, and what kinds of claim they are.

Lines are classified first: page furniture (bylines and author bios, credit lines,
"contributed to this report", follow/subscribe prompts), image alt text (a line
without terminal punctuation that starts in lower case) and headings (a short line
without terminal punctuation) never yield claims, except a heading that carries a
figure (a dateline, a headline with a number). In the remaining lines a sentence is
proposed when it carries a figure, an attributed quotation, or a checkable statement:
a named entity with a finite verb, not a question, not a prediction or opinion.

Claim kinds (a small fixed vocabulary):

- ``aid amount``: money in an aid, budget or funding context;
- ``money``: any other sum of money;
- ``statistic``: a percentage or a counted quantity;
- ``ranking``: a rank (top supplier, second visit, first talks);
- ``date or event``: a date or duration, or a dated kind of event (met, signed, visited);
- ``supplier or trade``: supply, trade, exports, tariffs, sanctions;
- ``quotation``: a direct quotation attributed to a speaker;
- ``statement``: a checkable assertion with none of the above.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .sentences import Sentence, lines
from .types import Figure

KINDS = (
    "aid amount",
    "money",
    "statistic",
    "ranking",
    "date or event",
    "supplier or trade",
    "quotation",
    "statement",
)

_I = re.IGNORECASE
# credits and bios: furniture wherever they appear
_FURNITURE = re.compile(
    r"contributed (?:to )?(?:this )?(?:report|story|article)"
    r"|\b(?:additional )?(?:reporting|editing|writing) by\b"
    r"|^(?:[A-Z][\w’'.-]+\s){1,3}(?:covers|writes about|reports on|is an? (?:[\w-]+ ){0,3}"
    r"(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|producer)\b)",
    _I,
)
# prompts and bylines: furniture only as a short line of their own
_PROMPT = re.compile(
    r"\bfollow (?:him|her|them|us|me)\b|(?<![\w.])@\w{2,}|all rights reserved|©|\bsign up\b"
    r"|\bsubscribe\b|\bnewsletter\b|\bclick here\b|\bread more\b|\bshare this\b"
    r"|^advertisement$|^(?:by|written by|posted by)\s+(?-i:[A-Z])[^.!?]*$",
    _I,
)
_CREDIT = re.compile(
    r"^\(?(?:images?|photos?|pictures?|credits?|sources?|video|illustration|file photo)"
    r"(?: by|:)[^()]*\)?$|^\([^()]*(?:getty images|reuters|/ap|afp|pool)[^()]*\)$",
    _I,
)
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD = re.compile(r"[\w’'-]+")
_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|was|were|is|are|has|have|had|did|does|met|made|said|says|won|lost|took"
    r"|gave|sent|held|led|left|began|became|came|went|saw|told|paid|sold|bought|built|spent"
    r"|struck|fell|rose|grew|brought|fought|kept|ran|wrote|chose|drove|flew|knew|meant|stood"
    r"|shot|hit|cut|put|set|owns|leads|holds|remains|accounts|controls|supplies|employs)\b"
)
_SPECULATIVE = re.compile(
    r"\b(?:could|would|might|may|should|must|unlikely|likely|perhaps|possibly|probably"
    r"|seems?|appears?|believes?|hopes?|wants?|opinion)\b",
    _I,
)
_AID = re.compile(
    r"\b(?:aid|assistance|package|fund\w*|grants?|loans?|relief|earmark\w*|appropriat\w*"
    r"|budget\w*|bills?|spending|financing|subsid\w*|donat\w*|pledg\w*)\b",
    _I,
)
_TRADE = re.compile(
    r"\b(?:suppl(?:y|ies|ied|ier|iers|ying)|exports?|imports?|trade|trading|tariffs?"
    r"|sanctions?|manufactur\w*|producers?|overcapacity)\b",
    _I,
)
_EVENT = re.compile(
    r"\b(?:met|meeting|signed|visit\w*|travel\w*|announced|launched|agreed|passed|voted"
    r"|elected|attacked|killed|arrested|held|talks?|summit|condemned)\b",
    _I,
)
_BY_CATEGORY = {
    "percentage": "statistic",
    "quantity": "statistic",
    "ranking": "ranking",
    "date": "date or event",
    "duration": "date or event",
    "quote": "quotation",
}


def line_kind(text: str, start: int, end: int) -> str:
    """Classify one line as "furniture", "alt", "heading" or "body"."""
    line = text[start:end]
    if _FURNITURE.search(line) or _CREDIT.match(line):
        return "furniture"
    if _PROMPT.search(line) and len(_WORD.findall(line[:400])) <= 25:
        return "furniture"
    if _TERMINAL.search(line):
        return "body"
    first = next((c for c in line if c.isalpha()), "")
    if first.islower():
        return "alt"
    return "heading" if len(_WORD.findall(line[:400])) <= 20 else "body"


def propose(text: str, sentences: list[Sentence], figures: list[Figure]) -> list[Sentence]:
    """Return the sentences worth proposing as claims, in order."""
    kinds = [line_kind(text, s, e) for s, e in lines(text)]
    starts = sorted(f.start for f in figures if f.category != "quote")
    quotes = sorted(f.start for f in figures if f.category == "quote" and f.value.get("speaker"))
    out = []
    for sentence in sentences:
        kind = kinds[sentence.line]
        if kind in ("furniture", "alt"):
            continue
        body = text[sentence.start : sentence.end]
        if _CREDIT.match(body) or _FURNITURE.search(body):
            continue
        has_figure = _any_between(starts, sentence.start, sentence.end)
        if kind == "heading":
            if has_figure:
                out.append(sentence)
            continue
        quoted = _any_between(quotes, sentence.start, sentence.end)
        if has_figure or quoted or _checkable(body):
            out.append(sentence)
    return out


def kinds_of(text: str, start: int, end: int, figures: list[Figure]) -> tuple[str, ...]:
    """Return the claim kinds for the span ``[start, end)`` given the figures inside it."""
    body = text[start:end]
    found = set()
    for f in figures:
        if f.category == "money":
            found.add("aid amount" if _AID.search(body) else "money")
        elif f.category in _BY_CATEGORY:
            found.add(_BY_CATEGORY[f.category])
    if _TRADE.search(body):
        found.add("supplier or trade")
    if _EVENT.search(body):
        found.add("date or event")
    return tuple(k for k in KINDS if k in found) or ("statement",)


def _checkable(body: str) -> bool:
    """A figure-less sentence that names someone or something and states a fact."""
    words = _WORD.findall(body[:2000])
    if len(words) < 6 or body.rstrip("”’\"' ").endswith("?"):
        return False
    named = any(w[:1].isupper() for w in words[1:])
    return named and bool(_VERB.search(body)) and not _SPECULATIVE.search(body)


def _any_between(sorted_starts: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(sorted_starts, lo)
    return i < len(sorted_starts) and sorted_starts[i] < hi
