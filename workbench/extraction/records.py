"""Supply and aid records: who supplies what to whom, who gives how much to whom.

A record sits beside a claim's figures. Names are the text's own words, fields the text
does not fill are None:

- ``{"type": "supply", "supplier", "recipient", "goods": [...], "measure", "period"}``
  from "X is the top supplier of A, B and C (to Y / that Y is using)" and
  "X supplied about 90% of Y's chip imports in 2023";
- ``{"type": "aid", "donor", "recipient", "purpose", "goods": [...], "amount", "period",
  "part_of"}`` from a sum given "for"/"to" someone in a sentence about aid, or a part of
  an aid package ("a $95-billion aid package that contains $61 billion for Ukraine";
  "The bill also contained over $25 billion for Israel").

``measure``, ``amount`` and ``part_of`` are figure texts; ``period`` an ISO date or interval.
Every function returns ``(position, record)`` pairs: the record belongs to the claim that
contains the position.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from .sentences import Sentence
from .timebase import literal_trie, lower_text
from .types import Figure

_SP = r"[ \u00a0]+"
_NAME = (
    r"(?:(?:the|The)[ \u00a0]+)?(?:[A-Z][\w.'’&-]*[ \u00a0]+(?:(?:of|for|and)[ \u00a0]+)?){0,3}"
    r"[A-Z][\w.'’&-]*"
)
#: "China is the top supplier of", "Turkey was the largest exporter of"
_SUPPLIER_RANK = re.compile(
    rf"(?P<supplier>{_NAME}){_SP}(?:is|was|are|were|has[ \u00a0]been|remains|remained|became)"
    rf"{_SP}(?:(?:the|its|a)[ \u00a0]+)?(?:(?:world|globe|region)['’]s[ \u00a0]+)?"
    rf"(?P<measure>(?:top|largest|biggest|leading|main|chief|primary|principal|major|dominant"
    rf"|(?:second|third|fourth|fifth)(?:-largest|-biggest)?)"
    rf"{_SP}(?:supplier|exporter|source|provider|seller|vendor)s?){_SP}of{_SP}"
)
#: "China supplied about 90% of Russia's microelectronics imports"
_SUPPLY_VERB = re.compile(
    rf"(?P<supplier>{_NAME}){_SP}(?:[a-z]+ly{_SP})?(?:supplied|supplies|supply|provided|provides"
    rf"|exported|exports|shipped|ships|sold|sells|delivered|delivers|accounted{_SP}for"
    rf"|accounts{_SP}for){_SP}"
)
#: "the United States imported $427 billion of goods from China": the subject receives
_IMPORT_VERB = re.compile(
    rf"(?P<recipient>{_NAME}){_SP}(?:(?:has|have|had|will)(?:{_SP}been)?{_SP}|(?:is|are|was|were)"
    rf"{_SP})?(?:[a-z]+ly{_SP})?(?:imported|imports|import|importing|bought|buys|purchased"
    rf"|purchases){_SP}"
)
_POSSESSIVE_DET = re.compile(r"^(?:its|their|his|her|our|the)[ \u00a0]+")
_FROM_SUPPLIER = re.compile(rf"{_SP}from{_SP}(?P<who>{_NAME})\b")
#: "the top source of U.S. imports": the ranking is over a market, not a list of goods
_MARKET = re.compile(
    rf"(?P<who>{_NAME}?)(?:['’]s)?{_SP}(?P<kind>(?:[a-z][\w-]*{_SP}){{0,2}}?)"
    rf"(?:imports|purchases|market|consumption)\b"
)
#: Words without which neither supply pattern can match (searched in the lowercase text).
_SUPPLY_GATE = re.compile(
    literal_trie(
        [
            "supplier",
            "exporter",
            "source",
            "provider",
            "seller",
            "vendor",
            "supplied",
            "supplies",
            "supply",
            "provided",
            "provides",
            "exported",
            "exports",
            "shipped",
            "ships",
            "sold",
            "sells",
            "delivered",
            "delivers",
            "accounted",
            "accounts",
            "imported",
            "import",
            "importing",
            "bought",
            "buys",
            "purchased",
            "purchases",
        ]
    )
)
_RELATIVE_USER = re.compile(
    rf"{_SP}(?:that|which){_SP}(?P<who>{_NAME}){_SP}(?:is|are|was|were|has|have|had)?"
    rf"[ \u00a0]*(?:using|uses|used|buying|buys|bought|importing|imports|imported|receiving"
    rf"|receives|received|needs)\b"
)
_POSSESSOR = re.compile(rf"(?P<who>{_NAME})['’]s[ \u00a0]+(?P<rest>[^,.;]*)")
_TO_RECIPIENT = re.compile(rf"{_SP}to{_SP}(?P<who>{_NAME})\b")
_CLAUSE_END = re.compile(
    rf"(?:{_SP}(?:that|which|who|to|in|from|since|during|until|as|because|while|so)\b"
    rf"|[;:!?()]|(?<![A-Z])\.|$)"
)
_IMPORTS = re.compile(r"[ \u00a0]+(?:imports?|purchases?|supplies|needs|consumption)$", re.I)
_AID_WORDS = re.compile(
    r"\b(?:aid|assistance|package|grants?|loans?|donat\w*|pledg\w*|relief|funding|supplemental"
    r"|earmark\w*|appropriat\w*|humanitarian|military[ \u00a0]support)\b",
    re.I,
)
_WHOLE_NOUN = re.compile(
    r"[\s-]*(?:[\w-]+\s+){0,3}?(?:package|bill|budget|plan|deal|fund|program|programme"
    r"|legislation|law|request|appropriation|aid|allocation|spending)s?\b",
    re.I,
)
_CONTAINS = re.compile(
    r"\b(?:contain\w*|includ\w*|compris\w*|earmark\w*|allocat\w*|provid\w*|of which)\b", re.I
)
_FOLLOW_UP = re.compile(
    r"\b(?:also\s+(?:contain\w*|includ\w*|earmark\w*|allocat\w*|provid\w*|set\w* aside)"
    r"|(?:the|this|that)\s+(?:\w+\s+)?(?:bill|package|measure|legislation|law|plan|deal|budget)"
    r"\b[^.]{0,40}?\b(?:contain\w*|includ\w*|earmark\w*|allocat\w*|provid\w*))\b",
    re.I,
)
_DONOR_VERB = re.compile(
    rf"(?P<donor>{_NAME}){_SP}(?:(?:has|have|had|will|is|are|was|were)(?:{_SP}been)?{_SP})?"
    rf"(?:[a-z]+ly{_SP})?"
    rf"(?:gave|give|gives|given|giving|pledged|pledges|pledge|pledging|provided|provides|provide"
    rf"|providing|sent|sends|send|sending|donated|donates|donate|donating|granted|grants"
    rf"|granting|committed|commits|committing|approved|approves|approving|announced|announces"
    rf"|announcing|offered|offers|offering|allocated|allocates|allocating){_SP}"
)
_PERIOD_LEAD = re.compile(
    r"(?:\b(?:in|during|for|over|through|throughout|since|from)|,)[ \u00a0]+$", re.I
)
#: Before the sum, only a date that opens a phrase of time ("Since January 2023, ...").
_PERIOD_LEAD_BEFORE = re.compile(r"\b(?:in|during|since|from|throughout)[ \u00a0]+$", re.I)
_ISO_PERIOD = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?$")
_LIST_SPLIT = re.compile(r",[ \u00a0]*(?:and|or)?[ \u00a0]*|[ \u00a0]+(?:and|or)[ \u00a0]+")


def find_records(
    text: str, sentences: list[Sentence], figures: list[Figure]
) -> list[tuple[int, dict[str, Any]]]:
    """Supply and aid records of the text, each with the position of the claim it belongs to."""
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        i = bisect_right(starts, f.start) - 1
        if i >= 0:
            by_sentence.setdefault(i, []).append(f)
    out: list[tuple[int, dict[str, Any]]] = []
    # the supply patterns are slow to try everywhere: only sentences holding one of their
    # words ("supplier", "exported", ...) are read
    lower = lower_text(text) or text.lower()
    gated = {bisect_right(starts, m.start()) - 1 for m in _SUPPLY_GATE.finditer(lower)}
    for i in sorted(gated):
        if i >= 0:
            out += _supply(text, sentences[i], by_sentence.get(i, []))
    out += _aid(text, sentences, by_sentence)
    out.sort(key=lambda pair: pair[0])
    return out


# --- supply -----------------------------------------------------------------------------


def _supply(text: str, s: Sentence, figures: list[Figure]) -> list[tuple[int, dict[str, Any]]]:
    out = []
    body = text[s.start : s.end]
    for m in _SUPPLIER_RANK.finditer(body):
        measure = m.group("measure")
        market = _MARKET.match(body, m.end())
        if market and market.group("who"):
            # "the top source of U.S. imports": the market ranked in, bought by its owner
            # "of U.S. energy imports": the words before "imports" say what is bought
            goods, who = [market.group("kind").strip()] if market.group("kind") else [], market
            measure = body[m.start("measure") : market.end()]
            rest = market.end()
        else:
            goods, rest = _goods_list(body, m.end())
            who = _RELATIVE_USER.match(body, rest) or _TO_RECIPIENT.match(body, rest)
        record = _supply_record(
            m.group("supplier"),
            who.group("who") if who else None,
            goods,
            measure,
            _period(text, s.start + m.end(), s.end, figures),
        )
        out.append((s.start + m.start(), record))
    for m in _SUPPLY_VERB.finditer(body):
        measure = _object_figure(body, s.start, m.end(), figures)
        if measure is None:
            continue
        after = measure.end - s.start
        recipient, goods = None, []
        pm = re.compile(rf"{_SP}of{_SP}").match(body, after)
        if pm:
            poss = _POSSESSOR.match(body, pm.end())
            if poss:
                recipient = poss.group("who")
                goods = [_IMPORTS.sub("", _goods_phrase(poss.group("rest")))]
            else:
                goods, _ = _goods_list(body, pm.end())
        to = _TO_RECIPIENT.search(body, after)
        if recipient is None and to:
            recipient = to.group("who")
        record = _supply_record(
            m.group("supplier"),
            recipient,
            [g for g in goods if g],
            measure.text,
            _period(text, measure.end, s.end, figures)
            or _period_before(text, s.start, m.start() + s.start, figures),
        )
        out.append((measure.start, record))
    for m in _IMPORT_VERB.finditer(body):
        # "X imported $N of goods from Y": Y supplies, X receives
        measure = _object_figure(body, s.start, m.end(), figures)
        if measure is None:
            continue
        after = measure.end - s.start
        goods: list[str] = []
        pm = re.compile(rf"{_SP}of{_SP}").match(body, after)
        if pm:
            goods, _ = _goods_list(body, pm.end())
            goods = [_POSSESSIVE_DET.sub("", g) for g in goods]  # "40% of its chips"
        source = _FROM_SUPPLIER.search(body, after)
        if source is None:
            continue  # who supplies is not said
        record = _supply_record(
            source.group("who"),
            m.group("recipient"),
            [g for g in goods if g],
            measure.text,
            _period(text, measure.end, _phrase_end(text, s.start + source.end(), s.end), figures)
            or _period_before(text, s.start, measure.start, figures),
        )
        out.append((measure.start, record))
    return out


def _object_figure(body: str, base: int, pos: int, figures: list[Figure]) -> Figure | None:
    """The sum, share or quantity a verb ending at pos takes as its object."""
    measure = None
    for j in range(bisect_left(figures, base + pos, key=_start), len(figures)):
        f = figures[j]
        if f.start - base > pos + 24:
            break
        if f.category in ("percentage", "money", "quantity"):
            measure = f
            break
    if measure is None or _not_an_object(body[pos : measure.start - base], measure):
        return None
    return measure


def _phrase_end(text: str, pos: int, limit: int) -> int:
    """Where the period of a record may still be written: a few words on, before a comma
    (a clause after ", which ..." speaks of something else)."""
    hi = min(limit, pos + 24)
    comma = text.find(",", pos, hi)
    return hi if comma < 0 else comma


_PREPOSITION = re.compile(r"\b(?:to|for|by|from|with|in|on|at)\b", re.I)


def _not_an_object(between: str, measure: Figure) -> bool:
    """The figure is not what the verb supplies: "delivered to six airlines", "final 717"."""
    if _PREPOSITION.search(between):
        return True
    return measure.category == "quantity" and not measure.value.get("unit")


def _supply_record(
    supplier: str, recipient: str | None, goods: list[str], measure: str, period: str | None
) -> dict[str, Any]:
    return {
        "type": "supply",
        "supplier": _strip_the(supplier),
        "recipient": _strip_the(recipient) if recipient else None,
        "goods": goods,
        "measure": measure,
        "period": period,
    }


def _goods_list(body: str, pos: int) -> tuple[list[str], int]:
    """ "machine tools, microelectronics, nitrocellulose, which is ..., and other items that"

    Items are split at commas and "and"/"or"; a non-restrictive clause (", which ...,") is
    skipped whole; the list ends at a restrictive clause, a preposition or the sentence end.
    """
    items: list[str] = []
    i = pos
    limit = len(body)
    while i < limit and len(items) < 12:
        lead = re.compile(r"[ \u00a0]*(?:and[ \u00a0]+)?(?=which\b|who\b)").match(body, i)
        if lead and items:
            # a non-restrictive clause inside the list: skip to the comma that closes it
            close = body.find(",", lead.end())
            if close < 0:
                return items, i
            i = close + 1
            continue
        end = _CLAUSE_END.search(body, i)
        comma = body.find(",", i)
        stop = end.start() if end else limit
        if 0 <= comma < stop:
            stop = comma
        chunk = body[i:stop].strip()
        if chunk.lower().startswith(("which ", "who ")):
            nxt = body.find(",", stop + 1) if stop < limit and body[stop] == "," else -1
            i = stop + 1 if nxt < 0 else nxt + 1
            continue
        for part in _LIST_SPLIT.split(" " + chunk + " "):
            part = re.sub(r"^(?:and|or)[ \u00a0]+", "", part.strip())
            if part:
                items.append(part)
        if stop < limit and body[stop] == ",":
            i = stop + 1
            continue
        return items, stop
    return items, i


# --- aid --------------------------------------------------------------------------------


_AID_HEAD = (
    r"(?:aid|assistance|support|funding|financ(?:e|ing)|relief|grants?|loans?|weapons|arms"
    r"|equipment)"
)
_HEAD_WORD = re.compile(r"\b" + _AID_HEAD + r"\b", re.I)
#: Words of amount or novelty before the kind of aid: "new", "additional" say nothing of its kind.
_NOVELTY = re.compile(
    r"^(?:(?:new|additional|further|fresh|more|extra|total|overall|added)[ \u00a0]+)+", re.I
)
#: The noun phrase of aid before a sum, linked to it by a verb or preposition of value:
#: "a new package of security assistance for the Republic of Moldavia valued at",
#: "total U.S. humanitarian assistance for the Sudan crisis to"
_AID_BEFORE = re.compile(
    r"(?<![\w.'’-])(?:(?P<adj>[A-Z][\w.'’-]*(?:[ \u00a0]+[A-Z][\w.'’-]*)?)[ \u00a0]+)?"
    r"(?P<purpose>(?:(?!(?:of|the|a|an|in|for|to|and|or|its|their|this|that)\b)[a-z][\w-]*"
    r"[ \u00a0]+){0,3}" + _AID_HEAD + r")"
    r"[ \u00a0]+(?P<prep>for|to)[ \u00a0]+(?P<who>[^,;:()]{1,80}?)[ \u00a0]+"
    r"(?:(?:valued|estimated|put|set)[ \u00a0]+at|worth|totall?ing|amounting[ \u00a0]+to|to|at"
    r"|reach(?:ed|es|ing)?|totall?(?:ed|s)|(?:stands|stood)[ \u00a0]+at|is|was"
    r"|(?:rose|rises|grew|grows|fell|falls|dropped|drops|declined|declines|increased|increases"
    r"|climbed|climbs|jumped|jumps|came|comes|amounted|amounts)[ \u00a0]+to)[ \u00a0]*$"
)
#: The indirect object between a giving verb and its sum: "has given Ukraine"
_INDIRECT = re.compile(rf"(?P<who>{_NAME}){_SP}(?:with{_SP})?")
#: A part named as such just before its sum: "of which $1.4 billion", "including $2
#: billion", "Of that total, $39 billion"
_PART_LEAD = re.compile(
    r"\b(?:(?P<rel>of[ \u00a0]+which|including)|(?P<verb>includes?|contains?)"
    r"|of[ \u00a0]+(?:that|this|the)[ \u00a0]+(?:total|amount|sum|money|funding|package))"
    r"[ \u00a0,]*$",
    re.I,
)
_PART_CUE = re.compile(
    r"\b(?:which|including|includes?|contains?|total|amount|sum|money|funding|package)\b", re.I
)
#: A sum that heads a package: "$315 million in new humanitarian assistance", "a $95-billion
#: aid package": a list introduced by "The new funding includes:" names its parts.
_PACKAGE_AFTER = re.compile(
    r"(?:[ \u00a0]+in[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,3}?" + _AID_HEAD + r"\b"
    r"|[\s-]*(?:[\w-]+\s+){0,3}?(?:package|bill|budget|plan|fund|program|programme)s?\b)",
    re.I,
)
#: "assistance inside Sudan": the kind of aid, then where it goes
_HEAD_THEN_PLACE = re.compile(
    r"^(?P<purpose>.+?\b" + _AID_HEAD + r")[ \u00a0]+(?:in|inside|within|to|for)[ \u00a0]+"
    r"(?P<who>(?:the[ \u00a0]+)?[A-Z].*)$"
)
#: The rest of a coordinated list: ", South Sudan, and Egypt", ", clean water, and shelter"
_LIST_TAIL = re.compile(
    r"(?:,[ \u00a0]*(?!and\b|or\b)[^,;.()]{1,40})*,?[ \u00a0]*\b(?:and|or)[ \u00a0]+"
    r"[^,;.()]{1,40}?(?=[ \u00a0]*(?:[;.]|$))"
)
_AUX = r"(?:(?:is|are|was|were|will[ \u00a0]+be|has[ \u00a0]+been|have[ \u00a0]+been)[ \u00a0]+)?"
_AID_AFTER = re.compile(
    rf"^(?:,)?(?:{_SP}{_AUX}(?:(?:earmarked|set[ \u00a0]aside|allocated|intended|destined|meant)"
    rf"{_SP})?(?:in{_SP}(?P<purpose1>(?:[a-z][\w-]*[ \u00a0]+){{0,3}}?(?:aid|assistance|support"
    rf"|funding|grants?|loans?|relief|weapons|arms|equipment))(?:{_SP}|(?=[,;.]|$))"
    rf"|(?P<purpose2>(?:[a-z][\w-]*{_SP}){{0,2}}?(?:loan|grant|credit|package)s?){_SP}"
    rf"(?=(?:for|to){_SP}))?(?:(?P<prep>for|to){_SP}(?P<what>[^,;.()]*))?)"
)


def _aid(
    text: str, sentences: list[Sentence], by_sentence: dict[int, list[Figure]]
) -> list[tuple[int, dict[str, Any]]]:
    out = []
    whole: Figure | None = None
    whole_at = -99
    last_money: tuple[Figure, int] | None = None  # the nearest preceding sum
    package: tuple[Figure, int] | None = None  # the nearest preceding sum heading a package
    records: dict[int, dict[str, Any]] = {}  # aid records by the start of their sum
    for i, s in enumerate(sentences):
        money = [f for f in by_sentence.get(i, []) if f.category == "money"]
        if not money:
            continue
        body = text[s.start : s.end]
        follow_up = bool(_FOLLOW_UP.search(body)) and i - whole_at <= 8
        if not follow_up:
            whole = None
        new_whole = None
        # where "contains", "includes", "of which" ... occur: read once, not per sum
        last_contains = max((s.start + c.start() for c in _CONTAINS.finditer(body)), default=-1)
        for f in money:
            if last_contains >= f.end and _WHOLE_NOUN.match(text, f.end, min(s.end, f.end + 60)):
                new_whole = f
                break
        if new_whole is not None:
            whole, whole_at = new_whole, i
        # the whole each sum is a part of, when the text says so
        parts: dict[int, Figure] = {}
        # "of which", "including", "Of that total": the lead is tried only near these words
        cues = [s.start + c.end() for c in _PART_CUE.finditer(body)]
        for k, f in enumerate(money):
            cued = bisect_right(cues, f.start) > bisect_right(cues, f.start - 48)
            if whole is not None and f is not whole and (f.start > whole.start or i > whole_at):
                parts[k] = whole
            elif cued and (lead := _PART_LEAD.search(text, max(s.start, f.start - 40), f.start)):
                earlier = [g for g in money[:k] if g.end <= f.start]
                if lead.group("rel"):
                    # "of which", "including" refer to a sum just before, in the sentence
                    if earlier:
                        parts[k] = earlier[-1]
                elif lead.group("verb"):
                    # "The funding includes $5 billion ...": the package named before
                    if package is not None and i - package[1] <= 8:
                        parts[k] = package[0]
                elif earlier:
                    parts[k] = earlier[-1]
                elif last_money is not None and i - last_money[1] <= 3:
                    parts[k] = last_money[0]  # "Of that total, ...": the nearest sum
            elif (
                package is not None
                and i - package[1] <= 8
                and _CONTAINS.search(str(f.value.get("context") or ""))
            ):
                parts[k] = package[0]  # an item of a list led in by "The funding includes:"
        aidish = bool(_AID_WORDS.search(body)) or bool(parts)
        for f in money:
            if _PACKAGE_AFTER.match(text, f.end, min(s.end, f.end + 60)):
                package = (f, i)
        last_money = (money[-1], i)
        # outside a sentence about aid, only a sum whose own phrase names aid ("€90 million
        # in budget support", "climate finance to Asia fell to €400 million") is a record
        heads = [s.start + h.start() for h in _HEAD_WORD.finditer(body)]
        if not aidish and not heads:
            continue
        donor_m: re.Match[str] | None | bool = False  # read when first needed
        dates = [g for g in by_sentence.get(i, []) if g.category == "date"]
        date_starts = [g.start for g in dates]
        for k, f in enumerate(money):
            # a whole is a record too when the text says who gives it to whom
            part_of = parts.get(k)
            # the phrase after a sum ends where the next sum starts ("$5 billion for X and $3
            # billion for Y")
            stop = next((g.start for g in money[k + 1 :] if g.start > f.end), s.end)
            d = bisect_right(date_starts, f.end)  # ... and before a date ("in May 2022")
            if d < len(dates) and dates[d].start < stop:
                stop = dates[d].start
            recipient = purpose = donor = None
            period_from = f.end
            am = _AID_AFTER.match(text[f.end : stop])
            if not aidish and not (am and am.group("purpose1")):
                am = None
            kind = am and (am.group("purpose1") or am.group("purpose2"))
            if am and not am.group("prep") and not am.group("purpose1"):
                am = None
            if am:
                what = _clip(am.group("what") or "")
                if what and what == am.group("what").strip(" \u00a0,"):
                    tail = _LIST_TAIL.match(text, f.end + am.end("what"), stop)
                    if tail:
                        what += tail.group()
                if not what or not _noun_phrase(what, am.group("prep")):
                    # "to rescue the banks": an infinitive, not a recipient; "€28 billion
                    # in military aid": the kind of aid alone
                    if kind and not am.group("prep"):
                        purpose, period_from = kind, f.end + am.end()
                    am = None
                else:
                    split = _HEAD_THEN_PLACE.match(what)
                    if split:
                        purpose, recipient = split.group("purpose"), split.group("who")
                    elif _is_recipient(what, am.group("prep")):
                        recipient = what
                    else:
                        purpose = what
                    if kind:
                        purpose = kind
                    period_from = f.end + am.end()
            if am is None and purpose is None:
                lo = max(s.start, f.start - 200)
                near = bisect_right(heads, f.start) > bisect_right(heads, lo)
                bm = _AID_BEFORE.search(text, lo, f.start) if near else None
                if bm:
                    purpose, recipient = bm.group("purpose"), _clip(bm.group("who"))
                    adj = [
                        w
                        for w in (bm.group("adj") or "").split()
                        if w.lower() not in _DETERMINERS + _DEMONSTRATIVES
                    ]
                    if adj:
                        donor = " ".join(adj)  # "U.S. humanitarian assistance"
                elif part_of is None or part_of.start < s.start or part_of.start not in records:
                    continue
            whole_record = records.get(part_of.start) if part_of is not None else None
            if whole_record is not None and part_of is not None and part_of.start >= s.start:
                # a part in the same sentence as its whole ("..., of which $1.4 billion was
                # provided through drawdowns") is of the same kind and goes to the same place
                recipient = recipient or whole_record["recipient"]
                purpose = purpose or whole_record["purpose"]
            if donor_m is False:
                donor_m = next(_DONOR_VERB.finditer(body), None)
            if donor is None and donor_m and s.start + donor_m.end() <= f.start:
                donor = _strip_the(donor_m.group("donor"))
                indirect = _INDIRECT.fullmatch(text, s.start + donor_m.end(), f.start)
                if recipient is None and indirect:
                    recipient = indirect.group("who")  # "Germany has given Ukraine €28 billion"
            record = {
                "type": "aid",
                "donor": donor,
                "recipient": recipient,
                "purpose": _NOVELTY.sub("", purpose) if purpose else None,
                "goods": [],
                "amount": f.text,
                "period": _period(
                    text,
                    f.end,
                    _phrase_end(text, period_from, s.end),
                    dates,
                )
                or _period_before(text, s.start, f.start, dates),
                "part_of": part_of.text if part_of is not None else None,
            }
            records[f.start] = record
            out.append((f.start, record))
    return out


_DETERMINERS = ("the", "its", "their", "his", "her", "our", "a", "an", "some", "all", "both")
_DEMONSTRATIVES = ("this", "that", "these", "those", "total", "overall", "new")


def _noun_phrase(what: str, prep: str) -> bool:
    """After "to", a recipient is a name, a determiner's phrase or a plural ("refugees")."""
    first = what.split()[0]
    if prep != "to" or first[:1].isupper() or first.lower() in _DETERMINERS:
        return True
    return first.lower().endswith("s") and not first.lower().endswith("ss")


def _is_recipient(what: str, prep: str) -> bool:
    """ "Ukraine", "Taiwan and other countries in Asia", "refugees": a recipient; "air
    defense", "munitions": a purpose. Names are capitalized; "to" always names a recipient."""
    first = what.split()[0]
    return (
        prep == "to"
        or first[:1].isupper()
        or first.lower() in ("the", "its", "their")
        or bool(_PLACED.search(what))
    )


#: "refugees in Chad", "families of Gaza": people placed by a name are who receives
_PLACED = re.compile(
    r"^(?:[a-z][\w-]*[ \u00a0]+){1,3}?(?:in|of|from)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]"
)


def _clip(phrase: str) -> str:
    """The noun phrase up to a relative clause or a verb-like break."""
    phrase = re.sub(
        r"(?:,|[ \u00a0]+(?:and|or|as[ \u00a0]+well[ \u00a0]+as|in|on|at|during|since|by|from"
        r"|for|with|over|through))[ \u00a0]*$",
        "",
        phrase,
    )
    cut = re.split(
        r"[ \u00a0]+(?:that|which|who|whose|where|when|as|while|because|after|before|since"
        r"|is|are|was|were|has|have|had|will|would|under|over|through|by|from|on|with|during"
        r"|until|amid|following|last|next|this)\b",
        phrase.strip(),
        maxsplit=1,
    )[0]
    return cut.strip(" \u00a0,")


def _goods_phrase(phrase: str) -> str:
    """ "microelectronics imports in 2023" -> "microelectronics imports": the goods' noun."""
    cut = re.split(
        r"[ \u00a0]+(?:in|to|for|during|from|since|by|at|on)\b", _clip(phrase), maxsplit=1
    )
    return cut[0].strip()


def _strip_the(name: str) -> str:
    return re.sub(r"^(?:the|The)[ \u00a0]+", "", name.strip())


def _period(text: str, lo: int, hi: int, figures: list[Figure]) -> str | None:
    """The date of a date figure after lo, led by "in"/"during"/"for"... ("in 2023").

    ``figures`` are in text order: only those between lo and hi are read."""
    for j in range(bisect_left(figures, lo, key=_start), len(figures)):
        f = figures[j]
        if f.start >= hi:
            break
        if f.category == "date" and (
            _PERIOD_LEAD.search(text, max(0, f.start - 12), f.start)
            or f.text.lower().startswith(("last ", "this ", "in ", "during "))
        ):
            value = f.value.get("date")
            return value if isinstance(value, str) and _ISO_PERIOD.match(value) else None
    return None


def _period_before(text: str, lo: int, hi: int, figures: list[Figure]) -> str | None:
    """The date of a phrase of time earlier in the sentence: "In 2023, X imported ...".

    ``figures`` are in text order; the earliest of the (at most 8) dates before hi wins."""
    j = bisect_left(figures, hi, key=_start)
    found = None
    for f in reversed(figures[max(0, j - 8) : j]):
        if (
            f.category == "date"
            and lo <= f.start
            and f.end <= hi
            and _PERIOD_LEAD_BEFORE.search(text, max(lo, f.start - 12), f.start)
        ):
            value = f.value.get("date")
            if isinstance(value, str) and _ISO_PERIOD.match(value):
                found = value
    return found


def _start(f: Figure) -> int:
    return f.start
