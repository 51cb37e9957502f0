"""Choose which sentences are proposed as claims, and what kinds of claim they are.

Lines are classified first: page furniture (bylines and author bios, credit lines,
"contributed to this report", follow/subscribe prompts), image alt text (a line
without terminal punctuation that starts in lower case) and headings (a short line
without terminal punctuation) never yield claims, except a heading that carries a
figure (a dateline, a headline with a number). List items are lines of their own: a
line that starts with a bullet or a list number, ends like a list item (";", "; and",
", or"), or follows a lead-in ending in ":" or another item; an item is proposed when it
carries a figure or a numeral, and its lead-in is its context. A photo caption (a line
that ends with a parenthesized credit, or that a credit line follows) is proposed only
for a figure it carries, never for its verb.

In the remaining lines a sentence is proposed when it carries a figure, an attributed
quotation, or a checkable statement: a named entity with a finite verb, whatever the
verb, not a question. Opinions, predictions, promises and hypotheticals are left out by
their grammar, unless they carry a figure that is a number or a calendar date (a figure
someone can check): a modal or future as the main clause's first verb ("will continue",
"should join"); a first-person subject with a present or modal verb ("We believe", "I
want to thank", "we urge"); an evaluative adjective in the predicate ("marks a
generational modernization", "the most ambitious"); a conditional opening ("If ...").

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
from .sentences import STARTERS, Sentence, lines, words
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
# ---- list items, lead-ins and captions ----
_BULLET = re.compile(r"(?:[•·▪●◦‣∙*–—-]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s")
_ITEM_END = re.compile(r"(?:[;,]|[;,]\s+(?:and|or|and/or|plus))\s*$", _I)
_NUMERAL = re.compile(r"\d")
# ---- grammar of opinion, prediction and promise ----
_MODALS = words("will would could should might may must shall can ought ’ll 'll")
_AUX = words("is are was were has have had does did do am been being")
_PRONOUN_SUBJECTS = words("it he she this that which who there")
_DETERMINERS = words("the a an this that these those its their his her our your")
_FIRST_PERSON = words("i we")
_PAST_FIRST_PERSON = words("was were had did have has")
#: Adjectives that evaluate rather than describe: the mark of an opinion's predicate
#: (comparatives and superlatives such as "best" or "safer" are left out: they often rank
#: something measurable, "the best safety record").
_EVALUATIVE = words(
    """ambitious historic historical generational landmark unprecedented remarkable
    extraordinary tremendous incredible great wonderful terrible horrible disastrous
    shameful disgraceful outrageous bold brave courageous visionary transformational
    transformative monumental momentous vital crucial essential important right wrong
    proud disappointing excellent outstanding fantastic pathetic ridiculous irresponsible
    reckless unacceptable welcome"""
)
#: Degree words between a verb and its evaluative complement ("is truly historic").
_DEGREE = words("most very truly really so such quite extremely deeply highly not also")
#: Openings of a conditional or hypothetical sentence.
_CONDITIONAL = words("if unless whether should were suppose supposing imagine")
#: Adverbs of a generic statement (how things usually go, not what happened).
_GENERIC = words("generally usually typically normally ordinarily always often")
#: Past forms that do not end in -ed.
_IRREGULAR_PAST = words(
    """met made said won lost took gave sent held led left began became came went saw told
    paid sold bought built spent struck fell rose grew brought fought kept ran wrote chose
    drove flew knew meant stood shot hit cut put set found thought felt heard"""
)
#: Present verbs of intent and opinion that follow a first-person subject.
_INTENT = words("want believe think hope urge thank know feel intend plan expect wish")
_TOKEN = re.compile(r"[A-Za-z][\w’'.-]*|\d[\d,.]*|[,;:()]")
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
    if _BULLET.match(text, start, end) or _ITEM_END.search(text, max(start, end - 12), end):
        return "item"
    if _terminal(text, start, end):
        return "body"
    if text[end - 1] == ":":
        return "lead"
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


class Lines:
    """The text's lines, their kinds in context, and each list item's lead-in line."""

    def __init__(self, text: str, cues: Cues | None = None) -> None:
        cues = cues or Cues(text)
        self.spans = lines(text)
        kinds = [line_kind(text, s, e, cues) for s, e in self.spans]
        self.lead: dict[int, int] = {}  # item line -> its lead-in line
        lead = None
        for i, (s, e) in enumerate(self.spans):
            kind = kinds[i]
            prev = kinds[i - 1] if i else None
            if kind == "lead":
                lead = i
            elif kind in ("body", "alt", "heading") and (
                prev == "lead" or (prev == "item" and not _terminal(text, *self.spans[i - 1]))
            ):
                # the line after a lead-in, or after an item that leaves its list open (no
                # final period), continues the list when it reads like one: short, or
                # carrying a numeral; an item that ends with a period closes the list
                short = len(_WORD.findall(text, s, min(e, s + 400))) <= 25
                if short or _NUMERAL.search(text, s, e):
                    kind = "item"
            if kind not in ("item", "lead"):
                lead = None
            if kind == "item" and lead is not None:
                self.lead[i] = lead
            kinds[i] = kind
        # captions: a line that a credit line follows, or that ends with a credit
        for i, (s, e) in enumerate(self.spans):
            if kinds[i] in ("body", "heading", "alt") and (
                (i + 1 < len(kinds) and _is_credit(text, *self.spans[i + 1]))
                or _ends_with_credit(text, s, e)
            ):
                kinds[i] = "caption"
        self.kinds = kinds

    def lead_in(self, line: int) -> tuple[int, int] | None:
        """The span of the lead-in line of the list that ``line`` is an item of."""
        i = self.lead.get(line)
        return None if i is None else self.spans[i]


def _is_credit(text: str, start: int, end: int) -> bool:
    return bool(_CREDIT.match(text[start:end]))


_END_CREDIT = re.compile(
    r"\((?:(?:images?|photos?|pictures?|credits?|video|illustration|file photo)(?: by|:)[^()]*"
    r"|[^()]*(?:getty images|reuters|/ap\b|\bap\b|afp|pool|associated press)[^()]*)\)\s*$",
    _I,
)


def _ends_with_credit(text: str, start: int, end: int) -> bool:
    return _END_CREDIT.search(text, max(start, end - 120), end) is not None


def propose(
    text: str,
    sentences: list[Sentence],
    figures: list[Figure],
    cues: Cues | None = None,
    line_info: Lines | None = None,
) -> list[Sentence]:
    """Return the sentences worth proposing as claims, in order."""
    cues = cues or Cues(text)
    kinds = (line_info or Lines(text, cues)).kinds
    starts = sorted(f.start for f in figures if f.category != "quote")
    strong = sorted(f.start for f in figures if _strong(f))
    quotes = sorted(f.start for f in figures if f.category == "quote" and f.value.get("speaker"))
    quoting = sorted((f.start, f.end) for f in figures if f.category == "quote")
    quote_starts = [q[0] for q in quoting]
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
        if kind in ("heading", "lead", "caption"):
            if has_figure:
                out.append(sentence)
            continue
        if kind == "item" and (has_figure or _NUMERAL.search(text, s, e)):
            out.append(sentence)
            continue
        quoted = _any_between(quotes, s, e)
        # a number or calendar date, or a quotation with its speaker, is checkable whatever
        # the grammar around it; so is reported speech (who said what)
        if quoted or _any_between(strong, s, e):
            keep = True
        else:
            keep = (has_figure or _checkable(text[s:e])) and (
                _in_quotation(quoting, quote_starts, s, e) or not opinion(text[s:e])
            )
        if keep:
            out.append(sentence)
    return out


def _in_quotation(quoting: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Whether a quotation overlaps ``[s, e)`` (quotations never overlap one another)."""
    i = bisect_left(starts, e) - 1
    return i >= 0 and quoting[i][1] > s


def _strong(f: Figure) -> bool:
    """A figure someone can check on its own: not the speech's own "today", not a ranking
    made of an evaluative superlative ("the most ambitious policy")."""
    if f.category == "quote":
        return False
    if f.category == "ranking":
        low = f.text.lower().split()
        return "most" not in low and not any(w in _EVALUATIVE for w in low)
    return not (f.category == "date" and f.text.lower() in _DEICTIC)


#: Dates that only place the speech itself ("I want to thank you for hosting us today").
_DEICTIC = words("today tonight now")


def abstract(body: str) -> bool:
    """Whether a sentence speaks of no particular time: a conditional or a generic statement.

    "If talks fail tomorrow, the next steps are generally decided by parliament": its
    "tomorrow" is any day's tomorrow, not a date.
    """
    low = [t.lower() for t in _TOKEN.findall(body[:600])]
    return bool(low) and (low[0] in _CONDITIONAL or any(t in _GENERIC for t in low[:16]))


def opinion(body: str) -> bool:
    """Whether a sentence's grammar makes it an opinion, prediction, promise or hypothesis.

    Read from the main clause: its first finite verb a modal or future ("will continue",
    "should join"), a first-person subject with a present or modal verb ("We believe",
    "I want to thank"), an evaluative adjective after the verb ("marks a generational
    modernization"), or a conditional or generic opening ("If talks fail ...").
    """
    tokens = _TOKEN.findall(body[:600])
    if not tokens:
        return False
    low = [t.lower() for t in tokens]
    if abstract(body):
        return True
    # skip a leading adverbial ("Today, ", "In 2023, ") to the subject
    first = 0
    if "," in low[:6]:
        first = low.index(",") + 1
    verb = _first_verb(tokens, low, first)
    if verb is None:
        return False
    word = low[verb]
    if word in _MODALS or (word in ("is", "are", "am") and low[verb + 1 : verb + 2] == ["going"]):
        return True
    subject = low[first:verb]
    past = word in _PAST_FIRST_PERSON or word.endswith("ed") or word in _IRREGULAR_PAST
    if subject and subject[-1] in _FIRST_PERSON and not past:
        return True
    # the complement right after the verb: "marks a generational ...", "is the most
    # ambitious ...", "is the right one" (not "explained by great demand")
    k = verb + 1
    while k < len(low) and (low[k] in _DETERMINERS or low[k] in _DEGREE):
        k += 1
    return k < len(low) and low[k] in _EVALUATIVE


def _first_verb(tokens: list[str], low: list[str], first: int) -> int | None:
    """The index of the main clause's first finite verb, read from the subject on."""
    for i in range(first, min(len(tokens), first + 14)):
        t, w = tokens[i], low[i]
        if w in _MODALS or w in _AUX or w in _IRREGULAR_PAST:
            return i
        if not t[0].islower():
            continue
        if w.endswith("ed") and i > first:
            return i
        if w.endswith("s") and not w.endswith(("ss", "us", "is")) and i > first:
            prev = tokens[i - 1]
            before = low[i - 2] if i - 2 >= first else None
            if (prev[0].isupper() and i - 1 > first) or prev.lower() in _PRONOUN_SUBJECTS:
                return i
            if before in _DETERMINERS or (before is not None and before[0].isupper()):
                return i
            if prev.lower() in _FIRST_PERSON:
                return i
        if w in _INTENT and i > first:
            return i
    return None


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
    """A figure-less sentence that names someone or something and states a fact.

    Any finite verb counts ("confirms", "has used", "accounts"), found by the same reading
    of the main clause as ``opinion``; speculation ("may", "perhaps") is left out.
    """
    words = _WORD.findall(body[:2000])
    if len(words) < 6 or body.rstrip("”’\"' ").endswith("?"):
        return False
    named = any(w[:1].isupper() for w in words[1:]) or (
        words[0][:1].isupper() and words[0].lower() not in STARTERS
    )
    if not named or _SPECULATIVE.search(body):
        return False
    if _VERB.search(body):
        return True
    tokens = _TOKEN.findall(body[:600])
    return _first_verb(tokens, [t.lower() for t in tokens], 0) is not None


def _any_between(sorted_starts: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(sorted_starts, lo)
    return i < len(sorted_starts) and sorted_starts[i] < hi
