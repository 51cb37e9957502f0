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
from bisect import bisect_right
from typing import Any

from .sentences import Sentence
from .timebase import literal_trie, lower_text
from .types import Figure

_SP = r"[ \u00a0]+"
_NAME = r"(?:(?:the|The)[ \u00a0]+)?(?:[A-Z][\w.'’&-]*[ \u00a0]+){0,3}[A-Z][\w.'’&-]*"
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
    rf"(?:{_SP}(?:that|which|who|to|in|since|during|until|as|because|while|so)\b|[;:.!?()]|$)"
)
_IMPORTS = re.compile(r"[ \u00a0]+(?:imports?|purchases?|supplies|needs|consumption)$", re.I)
_AID_WORDS = re.compile(
    r"\b(?:aid|assistance|package|grants?|donat\w*|pledg\w*|relief|funding|supplemental"
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
#: After a sum: "for Ukraine", "earmarked for Taiwan", "in military aid to Kyiv"
_AID_AFTER = re.compile(
    rf"^(?:,)?(?:{_SP}(?:(?:earmarked|set[ \u00a0]aside|allocated|intended|destined|meant)"
    rf"{_SP})?(?:in{_SP}(?P<purpose1>(?:[a-z][\w-]*[ \u00a0]+){{0,3}}?(?:aid|assistance|support"
    rf"|funding|grants?|loans?|relief|weapons|arms|equipment)){_SP})?(?P<prep>for|to){_SP}"
    rf"(?P<what>[^,;.()]*))"
)
_DONOR_VERB = re.compile(
    rf"(?P<donor>{_NAME}){_SP}(?:has{_SP}|have{_SP}|had{_SP}|will{_SP})?(?:[a-z]+ly{_SP})?"
    rf"(?:gave|give|gives|given|pledged|pledges|pledge|provided|provides|provide|sent|sends"
    rf"|send|donated|donates|donate|granted|grants|committed|commits|approved|approves"
    rf"|announced|announces|offered|offers|allocated|allocates){_SP}"
)
_PERIOD_LEAD = re.compile(r"(?:\b(?:in|during|for|over|through|throughout)|,)[ \u00a0]+$", re.I)
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
        goods, rest = _goods_list(body, m.end())
        who = _RELATIVE_USER.match(body, rest) or _TO_RECIPIENT.match(body, rest)
        record = _supply_record(
            m.group("supplier"),
            who.group("who") if who else None,
            goods,
            m.group("measure"),
            _period(text, s.start + m.end(), s.end, figures),
        )
        out.append((s.start + m.start(), record))
    for m in _SUPPLY_VERB.finditer(body):
        measure = next(
            (
                f
                for f in figures
                if f.start - s.start >= m.end()
                and f.start - s.start <= m.end() + 24
                and f.category in ("percentage", "money", "quantity")
            ),
            None,
        )
        if measure is None or _not_an_object(body[m.end() : measure.start - s.start], measure):
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
            _period(text, measure.end, s.end, figures),
        )
        out.append((measure.start, record))
    return out


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


def _aid(
    text: str, sentences: list[Sentence], by_sentence: dict[int, list[Figure]]
) -> list[tuple[int, dict[str, Any]]]:
    out = []
    whole: Figure | None = None
    whole_at = -99
    for i, s in enumerate(sentences):
        money = [f for f in by_sentence.get(i, []) if f.category == "money"]
        if not money:
            continue
        body = text[s.start : s.end]
        follow_up = bool(_FOLLOW_UP.search(body)) and i - whole_at <= 8
        if not follow_up:
            whole = None
        new_whole = None
        for f in money:
            if _WHOLE_NOUN.match(text, f.end, min(s.end, f.end + 60)) and _CONTAINS.search(
                text, f.end, s.end
            ):
                new_whole = f
                break
        if new_whole is not None:
            whole, whole_at = new_whole, i
        aidish = bool(_AID_WORDS.search(body)) or whole is not None
        if not aidish:
            continue
        donor_m = None
        for dm in _DONOR_VERB.finditer(body):
            donor_m = dm
            break
        for k, f in enumerate(money):
            if f is whole:
                continue
            # the phrase after a sum ends where the next sum starts ("$5 billion for X and $3
            # billion for Y")
            stop = next((g.start for g in money[k + 1 :] if g.start > f.end), s.end)
            stop = next(  # ... and before a date ("for Ukraine in May 2022")
                (
                    g.start
                    for g in by_sentence.get(i, [])
                    if g.category == "date" and f.end < g.start < stop
                ),
                stop,
            )
            am = _AID_AFTER.match(text[f.end : stop])
            if not am:
                continue
            what = _clip(am.group("what"))
            if not what or not _noun_phrase(what, am.group("prep")):
                continue  # "to rescue the banks": an infinitive, not a recipient
            recipient, purpose = (
                (what, None)
                if _is_recipient(what, am.group("prep"))
                else (
                    None,
                    what,
                )
            )
            if am.group("purpose1"):
                purpose = am.group("purpose1")
            donor = None
            if donor_m and s.start + donor_m.end() <= f.start:
                donor = _strip_the(donor_m.group("donor"))
            out.append(
                (
                    f.start,
                    {
                        "type": "aid",
                        "donor": donor,
                        "recipient": recipient,
                        "purpose": purpose,
                        "goods": [],
                        "amount": f.text,
                        "period": _period(
                            text,
                            f.end,
                            _phrase_end(text, f.end + am.end(), s.end),
                            by_sentence.get(i, []),
                        ),
                        "part_of": whole.text
                        if whole is not None
                        and f.start > whole.start
                        or (whole is not None and i > whole_at)
                        else None,
                    },
                )
            )
    return out


_DETERMINERS = ("the", "its", "their", "his", "her", "our", "a", "an", "some", "all", "both")


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
    return prep == "to" or first[:1].isupper() or first.lower() in ("the", "its", "their")


def _clip(phrase: str) -> str:
    """The noun phrase up to a relative clause or a verb-like break."""
    phrase = re.sub(
        r"(?:,|[ \u00a0]+(?:and|or|as[ \u00a0]+well[ \u00a0]+as|in|on|at|during|since|by|from"
        r"|over|through))[ \u00a0]*$",
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
    """The date of a date figure after lo, led by "in"/"during"/"for"... ("in 2023")."""
    for f in figures:
        if (
            f.category == "date"
            and lo <= f.start < hi
            and (
                _PERIOD_LEAD.search(text, max(0, f.start - 12), f.start)
                or f.text.lower().startswith(("last ", "this ", "in ", "during "))
            )
        ):
            value = f.value.get("date")
            return value if isinstance(value, str) and _ISO_PERIOD.match(value) else None
    return None
