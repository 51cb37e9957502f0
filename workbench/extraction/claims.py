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

from .budget import checkpoint
from .sentences import Sentence, lines
from .timebase import lower_text
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
#: Words without which the unanchored alternatives of _FURNITURE cannot match.
_FURNITURE_GATE = re.compile(r"contributed|reporting|editing|writing")
#: The anchored alternative of _FURNITURE (an author bio), for ``match`` at a line start.
_BIO = re.compile(_FURNITURE.pattern.split("|^", 1)[1], _I)
# prompts and bylines: furniture only as a short line of their own
_PROMPT = re.compile(
    r"\bfollow (?:him|her|them|us|me)\b|(?<![\w.])@\w{2,}|all rights reserved|©|\bsign up\b"
    r"|\bsubscribe\b|\bnewsletter\b|\bclick here\b|\bread more\b|\bshare this\b"
    r"|^advertisement$|^(?:by|written by|posted by)\s+(?-i:[A-Z])[^.!?]*$",
    _I,
)
#: Words without which _PROMPT cannot match (its anchored bylines: see _BYLINE_START).
_PROMPT_GATE = re.compile(
    r"follow |@|all rights reserved|©|sign up|subscribe|newsletter|click here|read more"
    r"|share this|advertisement"
)
_BYLINE_START = re.compile(r"(?:by|written by|posted by)\s", _I)
_CLOSERS = "\"'”’»)]"
_CREDIT = re.compile(
    r"^\(?(?:images?|photos?|pictures?|credits?|sources?|video|illustration|file photo)"
    r"(?: by|:)[^()]*\)?$|^\([^()]*(?:getty images|reuters|/ap|afp|pool)[^()]*\)$",
    _I,
)
#: _CREDIT without its "^" anchors, for ``match`` at a line or sentence start inside the text.
_CREDIT_AT = re.compile(_CREDIT.pattern.replace("|^", "|").removeprefix("^"), _I)
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
_TRADE_LOWER = re.compile(_TRADE.pattern)
_EVENT_LOWER = re.compile(_EVENT.pattern)
_BY_CATEGORY = {
    "percentage": "statistic",
    "quantity": "statistic",
    "ranking": "ranking",
    "date": "date or event",
    "duration": "date or event",
    "quote": "quotation",
}


class Cues:
    """Where the rare furniture and prompt words occur in a text, looked up once.

    The full furniture and prompt patterns are slow to search everywhere, so they are
    searched only in the lines and sentences that hold one of their gate words (found
    with one pass over the lowercase text); the anchored bio and byline patterns are
    tried with ``match`` at the start of each line or sentence.
    """

    def __init__(self, text: str) -> None:
        lower = lower_text(text)
        self.furniture: list[int] | None = None
        self.prompt: list[int] | None = None
        self.trade: list[int] | None = None
        self.event: list[int] | None = None
        if lower is None:  # rare characters change length: no gate, search all
            return
        self.furniture = [m.start() for m in _FURNITURE_GATE.finditer(lower)]
        self.prompt = [m.start() for m in _PROMPT_GATE.finditer(lower)]
        # the kind cues, matched case-sensitively in lowercase text (much faster than re.I)
        self.trade = [m.start() for m in _TRADE_LOWER.finditer(lower)]
        self.event = [m.start() for m in _EVENT_LOWER.finditer(lower)]

    def furniture_in(self, text: str, start: int, end: int) -> bool:
        """Whether ``_FURNITURE.search(text[start:end])`` finds a credit or bio."""
        if _BIO.match(text, start, end):
            return True
        if self.furniture is not None and not _any_between(self.furniture, start, end):
            return False
        return _FURNITURE.search(text[start:end]) is not None

    def prompt_in(self, text: str, start: int, end: int) -> bool:
        """Whether ``_PROMPT.search(text[start:end])`` finds a prompt or a byline."""
        gated = self.prompt is None or _any_between(self.prompt, start, end)
        if not gated and not _BYLINE_START.match(text, start, end):
            return False
        return _PROMPT.search(text[start:end]) is not None


def line_kind(text: str, start: int, end: int, cues: Cues | None = None) -> str:
    """Classify one line as "furniture", "alt", "heading" or "body"."""
    if cues is None:
        cues = Cues(text[start:end])
        text, start, end = text[start:end], 0, end - start
    if cues.furniture_in(text, start, end) or _CREDIT_AT.match(text, start, end):
        return "furniture"
    if (
        cues.prompt_in(text, start, end)
        and len(_WORD.findall(text, start, min(end, start + 400))) <= 25
    ):
        return "furniture"
    if _terminal(text, start, end):
        return "body"
    first = next((c for c in text[start : min(end, start + 200)] if c.isalpha()), "")
    if not first:
        first = next((c for c in text[start:end] if c.isalpha()), "")
    if first.islower():
        return "alt"
    return "heading" if len(_WORD.findall(text, start, min(end, start + 400))) <= 20 else "body"


def _terminal(text: str, start: int, end: int) -> bool:
    """Whether the span ends in terminal punctuation, maybe inside closing quotes or brackets."""
    while end > start and text[end - 1] in _CLOSERS:
        end -= 1
    return end > start and text[end - 1] in ".!?…"


def propose(
    text: str, sentences: list[Sentence], figures: list[Figure], cues: Cues | None = None
) -> list[Sentence]:
    """Return the sentences worth proposing as claims, in order."""
    cues = cues or Cues(text)
    kinds = [line_kind(text, s, e, cues) for s, e in lines(text)]
    starts = sorted(f.start for f in figures if f.category != "quote")
    quotes = sorted(f.start for f in figures if f.category == "quote" and f.value.get("speaker"))
    out = []
    for sentence in sentences:
        checkpoint()
        kind = kinds[sentence.line]
        if kind in ("furniture", "alt"):
            continue
        s, e = sentence.start, sentence.end
        if _CREDIT_AT.match(text, s, e) or cues.furniture_in(text, s, e):
            continue
        has_figure = _any_between(starts, s, e)
        if kind == "heading":
            if has_figure:
                out.append(sentence)
            continue
        quoted = _any_between(quotes, s, e)
        if has_figure or quoted or _checkable(text[s:e]):
            out.append(sentence)
    return out


def kinds_of(
    text: str, start: int, end: int, figures: list[Figure], cues: Cues | None = None
) -> tuple[str, ...]:
    """Return the claim kinds for the span ``[start, end)`` given the figures inside it.

    ``cues`` (built once for the whole ``text``) saves searching each span again.
    """
    found = set()
    body = None
    aid = None  # searched once per claim, not once per sum in it
    for f in figures:
        if f.category == "money":
            if aid is None:
                body = text[start:end] if body is None else body
                aid = _AID.search(body) is not None
            found.add("aid amount" if aid else "money")
        elif f.category in _BY_CATEGORY:
            found.add(_BY_CATEGORY[f.category])
    if cues is not None and cues.trade is not None and cues.event is not None:
        trade = _any_between(cues.trade, start, end)
        event = _any_between(cues.event, start, end)
    else:
        body = text[start:end] if body is None else body
        trade, event = bool(_TRADE.search(body)), bool(_EVENT.search(body))
    if trade:
        found.add("supplier or trade")
    if event:
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
