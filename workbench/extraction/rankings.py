"""Rankings: "top supplier of ...", "second visit", "third-largest", "one of the biggest"."""

from __future__ import annotations

import re
from typing import Any

from .numeric_lexicon import words
from .timebase import Chunks, literal_trie
from .types import Figure

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
_ORD = r"(?:" + "|".join(ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))"
_SUPER = (
    r"(?:largest|biggest|greatest|highest|lowest|smallest|longest|shortest|oldest|youngest"
    r"|fastest|slowest|richest|poorest|strongest|weakest|deadliest|busiest|best|worst"
    r"|wealthiest|heaviest|tallest|costliest|hottest|coldest|warmest|driest|wettest|largest-ever"
    r"|most[ \u00a0](?!of\b|recent\b|recently\b|likely\b|part\b|people\b|importantly\b|notably\b"
    r"|often\b|of\b)[a-z]+(?![-\u2010\u2011\w])|top-selling|top-ranked|highest-ranking|best-selling|best-known)"
)
_DET = (
    r"(?:the|its|their|his|her|our|my|your|a|an"
    r"|(?-i:[A-Z])[\w.&-]{0,30}['’]s|world['’]s|nation['’]s)"
)
_SP = r"[ \u00a0]+"
_RANK = re.compile(
    rf"(?P<oneof>\bone{_SP}of{_SP})?\b(?P<det>{_DET}){_SP}"
    rf"(?:(?P<ordsup>{_ORD})[- \u00a0](?P<sup2>{_SUPER})\b"
    rf"|(?P<sup>{_SUPER})\b(?![-\u2010\u2011])"
    rf"|(?P<ord>{_ORD})\b(?=[ \u00a0]+[\w“\"])"
    rf"|(?P<top>top|leading)(?=[ \u00a0]+[a-z]))"
    rf"|\b(?P<no>No\.|number|#)[ \u00a0]?(?P<nonum>1|one)\b(?![.,]?\d)",
    re.I,
)
_TOKEN = re.compile(r"(?:,?[ \u00a0]+)([\w“\"'’.&-]+)")
_SCOPE_STOP = words(
    "which who whom that where when while as because if is are was were be been has have had "
    "will would can could may might should said says and or but than since after before "
    "with by from at on into over under to for during including despite"
)
_ORD_EXCLUDE = words(
    "quarter quarters half halves century centuries millennium decade week weekend day month "
    "anniversary birthday "
    "year hand person lady time times place of and or to in on at for is was as by "
    "from with into among over under since after before than but which who that "
    "comes came goes went has will would remains remained accounts accounted"
)
#: After an ordinal these count repetitions ("second straight annual record"), not a rank.
_ORD_REPEAT = words("straight consecutive successive running")
#: "first order of business", "first line of defense": ordinal + noun + "of" + a bare
#: singular noun is a fixed phrase, not a ranking among the things named.
_ORD_IDIOM = re.compile(r"[ \u00a0]+[a-z]+[ \u00a0]+of[ \u00a0]+([a-z]+)\b(?![ \u00a0]*-)")
_TOP_TITLES = words(
    "official officials diplomat diplomats aide aides adviser advisers advisor advisors "
    "executive executives general generals commander commanders leader leaders negotiator "
    "envoy lawyer lawyers prosecutor prosecutors court courts brass military spy cop judge "
    "editor editors scientist scientists economist economists seed seeds secret story "
    "stories news floor speed gear level levels tier notch banana dog man woman and of"
)
_SCOPE_TAIL = re.compile(
    r"[ \u00a0]+in[ \u00a0]+(?:the[ \u00a0]+)?(?:history|world|country|nation|region|industry)\b"
)

#: The set a periphrastic superlative compares against: "in the world", "ever", "of all time"
_DOMAIN = re.compile(
    r"[ \u00a0,]*(?:ever\b|yet\b|on[ \u00a0]+record\b|of[ \u00a0]+all\b|among\b|since\b"
    r"|to[ \u00a0]+date\b|of[ \u00a0]+(?:the|its|their|any)[ \u00a0]"
    r"|in[ \u00a0]+(?:[\w'’.-]+[ \u00a0]+){0,3}?(?:history|world|country|nation|region|industry"
    r"|state|city|market|sector|league|year|decade|century|field|class|group)\b)",
    re.I,
)

#: Words without which _RANK cannot match (searched in the lowercase text): an ordinal,
#: a superlative, "most", "top", "leading", "No.", "number" or "#".
_RANK_GATE = re.compile(
    literal_trie(
        [
            *ORDINALS,
            *(f"{d}{suffix}" for d in range(10) for suffix in ("st", "nd", "rd", "th")),
            *re.findall(r"[a-z-]+", re.sub(r"most\[.*?\)\[a-z\]\+", "most ", _SUPER)),
            "most\u00a0",
            "top",
            "leading",
            "no.",
            "number",
            "#",
        ]
    )
)


def find_rankings(text: str) -> list[Figure]:
    """Ranking figures with {"rank": n, "scope": ...}; "one of the largest" has rank None.

    The ranking pattern is slow to try everywhere, so it runs only on the stretches of
    lines that hold one of its gate words (a match never crosses a line break).
    """
    out: list[Figure] = []
    for start, end in Chunks(text).holding(_RANK_GATE):
        for m in _RANK.finditer(text, start, end):
            fig = _ranking(text, m)
            if fig and (not out or fig.start >= out[-1].end):
                out.append(fig)
    return out


def _ranking(text: str, m: re.Match[str]) -> Figure | None:
    """Turn one regex hit into a figure, or None when it is not a ranking."""
    value: dict[str, Any]
    if m.group("no"):
        start = m.start("no")
        scope, end = _scope(text, m.end(), allow_of=False)
        return Figure("ranking", start, end, text[start:end], {"rank": 1, "scope": scope})
    one_of = bool(m.group("oneof"))
    word_start = None if m.group("det").lower() in ("the", "a", "an") else m.start("det")
    if m.group("ord") is not None:
        ordinal = m.group("ord").lower()
        nxt = re.match(r"[ \u00a0]+([\w“\"]+)", text[m.end() : m.end() + 40])
        if m.group("det").lower() in ("a", "an") and ordinal == "first":
            return None
        if m.group("ord")[0].isupper():
            return None  # "the Second World War", "First Lady": part of a name
        if not nxt or nxt.group(1).lower() in _ORD_EXCLUDE | _ORD_REPEAT:
            return None
        rank = _ordinal_value(ordinal)
        idiom = _ORD_IDIOM.match(text, m.end(), min(len(text), m.end() + 60))
        if idiom and rank <= 2 and _bare_singular(idiom.group(1)):
            # fixed phrases are built on "first"/"second" ("first order of business",
            # "second line of defense"); a higher ordinal counts an event in a series
            # ("the eleventh drawdown of equipment")
            return None
        start = m.start("ord")
        scope, end = _scope(text, m.end(), allow_of=False, max_tokens=3)
        value = {"rank": rank, "scope": scope}
    elif m.group("top") is not None:
        nxt = re.match(r"[ \u00a0]+([a-z][\w-]*)", text[m.end() : m.end() + 40])
        if not nxt or nxt.group(1).lower() in _TOP_TITLES:
            return None
        scope, end = _scope(text, m.end(), allow_of=True)
        if (
            " of" not in text[m.end() : end]
            and " in " not in text[m.end() : end]
            and not (re.match(r"world|nation|country", m.group("det"), re.I))
        ):
            return None  # "top aide": a title, not a ranking with a scope
        start = m.start("top")
        value = {"rank": 1, "scope": scope}
    else:
        sup = m.group("sup") or m.group("sup2")
        rank = _ordinal_value(m.group("ordsup")) if m.group("ordsup") else 1
        start = m.start("ordsup") if m.group("ordsup") else m.start("sup")
        scope, end = _scope(text, m.end(), allow_of=True)
        end = max(end, m.end())
        if (
            sup.lower().startswith("most")
            and not one_of
            and not re.match(r"(?:world|nation|country|globe)", m.group("det"), re.I)
            and not (scope and _SCOPE_TAIL.search(" " + scope))
            and not _DOMAIN.match(text, end, min(len(text), end + 60))
        ):
            # "Moldavia's most urgent needs": "most" + adjective without a set compared
            # against is an intensifier (an elative), not a place in a ranking
            return None
        value = {"rank": rank, "scope": (sup.lower() + (" " + scope if scope else "")).strip()}
    if one_of:
        start = m.start("oneof")
        value = {"rank": None, "scope": value["scope"], "one_of": True}
    elif word_start is not None and m.group("ord") is None:
        start = word_start  # "world's largest", "China's biggest"
    return Figure("ranking", start, end, text[start:end], value)


def _bare_singular(word: str) -> bool:
    """A singular common noun without a determiner ("business", "defense", "contact")."""
    return (
        word not in ("the", "a", "an", "its", "their", "his", "her", "our", "this", "that")
        and not word.endswith("s")
    ) or word.endswith(("ss", "ness"))


def _ordinal_value(word: str) -> int:
    """1 for "first" or "1st", 3 for "third"."""
    w = word.lower()
    return ORDINALS.get(w) or int(re.sub(r"\D", "", w) or 0)


def _scope(text: str, pos: int, allow_of: bool, max_tokens: int = 10) -> tuple[str | None, int]:
    """The noun phrase a ranking is about, stopping at clauses and most prepositions."""
    words: list[str] = []
    end = pos
    i = pos
    limit = min(len(text), pos + 160)
    while len(words) < max_tokens:
        tm = _TOKEN.match(text, i, limit)
        if not tm:
            break
        raw = tm.group(1)
        w = raw if raw.count(".") > 1 else raw.rstrip(".")
        low = w.lower()
        if low in _SCOPE_STOP or not w or w[0] in "“\"'’":
            break
        if low == "of" and not allow_of:
            break
        if low == "of" and not words:
            break
        if tm.group().startswith(",") and (
            not allow_of
            or " of" not in text[pos:i]
            or not w.islower()
            or low in ("one", "the", "a", "an", "its", "their")
        ):
            break  # commas continue only a list after "of": "supplier of tools, chips"
        words.append(w)
        i = tm.end()
        end = i - (len(raw) - len(w))
        if w != raw:
            break  # a full stop ends the sentence
    if words and words[-1].lower() in ("of", "the", "a", "an"):
        words.pop()
        end = text.rfind(" ", pos, end)
    tail = _SCOPE_TAIL.match(text, end, limit)
    if tail and words:
        words.append(tail.group().strip())
        end = tail.end()
    return (" ".join(words) or None), end
