"""Automatic consistency hints: pointers for reviewers, never verdicts.

Kinds:

- ``weekday``: a weekday written next to a full date ("April 24 (Wednesday)") agrees
  with the calendar;
- ``parts-whole``: sums of money said to be contained in a whole ("a $95-billion package
  that contains $61 billion ..., $8 billion ..."; later "The bill also contained ...")
  do not exceed it;
- ``restated-quantity``: the same kind of quantity about the same thing is given with
  different values (or written differently) in two places;
- ``future-past``: a date after publication spoken of in the past tense;
- ``per-unit-total``: a figure given "each" times a count against the total stated beside
  it (4 fabs × 600,000 square feet = 2.4 million square feet);
- ``shares``: percentages that split one total ("40% came from X, 35% from Y ...") add up
  to at most 100%.

Every hint names the figures it compared by their text, never by offsets.

Every function returns ``(position, Hint)`` pairs: the hint belongs to the claim that
contains the position.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from .budget import checkpoint
from .sentences import Sentence, words
from .timebase import lower_text
from .types import Figure, Hint

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = "|".join(WEEKDAYS) + r"|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?"
_CALENDAR_DAY = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d\s+(?:Jan|Feb|Mar|Apr"
    r"|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}"
)
_WEEKDAY_INSIDE = re.compile(rf"\b({_WEEKDAY})")
_WEEKDAY_AFTER = re.compile(rf"[\s,]*\(?({_WEEKDAY})")
_WEEKDAY_BEFORE = re.compile(rf"\b({_WEEKDAY}),?\s*(?:the\s+)?$")
_WHOLE_NOUN = re.compile(
    r"[\s-]*(?:[\w-]+\s+){0,3}?(?:package|bill|budget|plan|deal|fund|program|programme|measure"
    r"|legislation|law|request|appropriation|aid|allocation|spending|total)s?\b",
    re.IGNORECASE,
)
_CONTAINS = re.compile(
    r"\b(?:contain\w*|includ\w*|compris\w*|earmark\w*|allocat\w*|provid\w*|of which"
    r"|consist\w* of|breaks? down)\b",
    re.IGNORECASE,
)
_ALSO = re.compile(
    r"\balso\s+(?:contain\w*|includ\w*|earmark\w*|allocat\w*|provid\w*|set\w* aside)\b",
    re.IGNORECASE,
)
_THE_WHOLE = re.compile(
    r"(?:the|this|that)\s+(?:\w+\s+)?(?:bill|package|measure|legislation|law|plan|deal|budget)"
    r"\b[^.]{0,40}?\b(?:contain\w*|includ\w*|earmark\w*|allocat\w*|provid\w*)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|going to|to be|is to|are to|scheduled|expected|plans?|planned"
    r"|set to|upcoming|next|due|slated|aims?|intends?|could|may|might)\b"
)  # case-sensitive: "May 26" is a month, not a modal
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|met|made|took|held|came|went|gave|told|began|won|lost"
    r"|[a-z]{3,}ed)\b"
)
_HEAD = re.compile(r"[\s-]*((?:[A-Za-z][\w-]*\s+){0,2}?)([A-Za-z][\w-]*)")
_STOP = words(
    "that which who for to in of and or as with by from on at the a an was were is are "
    "has have had will would said"
)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_PART = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_OF_WHICH = re.compile(r"\s*,?\s*(?:of|out of)\s+which\b", re.IGNORECASE)
#: A sentence that breaks down the sum just stated: "This includes ...", "That figure
#: comprises ...", "It also contains ..."
_THIS_INCLUDES = re.compile(
    r"\s*(?:This|That|It|These|The\s+(?:total|sum|amount|figure))(?:\s+(?:figure|sum|amount"
    r"|total))?\s+(?:also\s+)?(?:includes|contains|comprises|covers|consists\s+of"
    r"|breaks\s+down\s+(?:as|into))\b"
)
_PARTS_WINDOW = 8  # sentences after the whole where "The bill also contained ..." may follow


def weekday_hints(text: str, figures: list[Figure]) -> list[tuple[int, Hint]]:
    """Compare a weekday written beside (or inside) a full date with the calendar."""
    out = []
    for f in figures:
        iso = _date_of(f)
        if f.category != "date" or not iso or not _ISO_DAY.match(iso):
            continue
        if not _CALENDAR_DAY.search(f.text):
            continue  # "Wednesday" or "3:45 PM" dated from context: nothing stated to compare
        m = (
            _WEEKDAY_INSIDE.search(f.text)
            or _WEEKDAY_AFTER.match(text, f.end, min(len(text), f.end + 14))
            or _WEEKDAY_BEFORE.search(text, max(0, f.start - 16), f.start)
        )
        if not m:
            continue
        stated = _full_weekday(m.group(1))
        actual = WEEKDAYS[dt.date.fromisoformat(iso).weekday()]
        ok = stated == actual
        verdict = "consistent" if ok else f"not a {stated}"
        message = f"{f.text}: {iso} is a {actual}, {verdict} with the stated {stated}."
        out.append((f.start, Hint("weekday", ok, message)))
    return out


#: How many parts a parts-whole message names (a hostile text can hold thousands).
_LISTED_PARTS = 12


def parts_whole_hints(
    text: str, sentences: list[Sentence], figures: list[Figure]
) -> list[tuple[int, Hint]]:
    """Check that sums of money said to be part of a whole do not exceed it."""
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        if f.category == "money" and _amount(f) is not None:
            by_sentence.setdefault(bisect_right(starts, f.start) - 1, []).append(f)
    out = []
    for si, inside in sorted(by_sentence.items()):
        checkpoint()
        sentence = sentences[si]
        for wi, whole in enumerate(inside):
            of_which = _OF_WHICH.match(text, whole.end, min(sentence.end, whole.end + 12))
            if of_which:
                # "totaled $113 billion, of which $75 billion and $50 billion came from ..."
                parts = [f for f in inside[wi + 1 :] if f.start >= of_which.end()]
                parts = _same_currency(whole, parts)
                if parts:
                    out += _compare_parts(whole, parts)
                    break
                continue
            if wi == 0 and si + 1 in by_sentence and _THIS_INCLUDES.match(
                text, sentences[si + 1].start, sentences[si + 1].end
            ):
                # "... will cost $20.4 billion. This includes $5 billion, $6 billion and ..."
                parts = _same_currency(whole, by_sentence[si + 1])
                if parts:
                    out += _compare_parts(whole, parts)
                    break
            if not _WHOLE_NOUN.match(text, whole.end, min(sentence.end, whole.end + 60)):
                continue
            verb = _CONTAINS.search(text, whole.end, sentence.end)
            if not verb:
                continue
            parts = [f for f in inside[wi + 1 :] if f.start >= verb.end()]
            for later in range(si + 1, min(len(sentences), si + 1 + _PARTS_WINDOW)):
                found = by_sentence.get(later)
                if not found:
                    continue
                lo, hi = sentences[later].start, sentences[later].end
                if _ALSO.search(text, lo, hi) or _THE_WHOLE.match(text, lo, hi):
                    parts += found
                elif _WHOLE_NOUN.match(text, found[0].end, found[0].end + 60):
                    break  # a new whole starts
            parts = [p for p in parts if p.value.get("currency") == whole.value.get("currency")]
            if parts:
                out += _compare_parts(whole, parts)
            break
    return out


def _same_currency(whole: Figure, parts: list[Figure]) -> list[Figure]:
    return [p for p in parts if p.value.get("currency") == whole.value.get("currency")]


def restated_hints(text: str, figures: list[Figure]) -> list[tuple[int, Hint]]:
    """Flag one kind of quantity about one thing stated with different values or wordings."""
    first: dict[tuple, Figure] = {}
    explained = {(id(p), id(t)) for p, _, t in _per_unit_triples(text, figures)}
    dated = [f for f in figures if f.category == "date"]  # in text order
    date_starts = [f.start for f in dated]
    out = []
    for f in figures:
        checkpoint()
        if f.category not in ("money", "quantity", "percentage"):
            continue
        key = _quantity_key(text, f)
        value = _amount(f)
        if key is None or value is None:
            continue
        seen = first.setdefault(key, f)
        if seen is f:
            continue
        before = _amount(seen)
        if before == value and _normal(seen.text) == _normal(f.text):
            continue
        ok = before == value
        if not ok and (
            (id(seen), id(f)) in explained
            or (id(f), id(seen)) in explained
            or _different_scopes(text, (dated, date_starts), seen, f)
        ):
            continue  # per unit and total, or the same noun in a new package and earlier aid
        how = "the same value" if ok else "different values"
        message = f"{seen.text} ({_context(text, seen)}) and {f.text} ({_context(text, f)}): {how}."
        hint = Hint("restated-quantity", ok, message)
        out += [(seen.start, hint), (f.start, hint)]
    return out


#: Words that set a figure's scope apart: "the new package", "earlier aid", "since 2022".
_SCOPE = re.compile(
    r"\b(?:new|newly|earlier|previous|previously|prior|so far|to date|since|cumulative\w*"
    r"|additional|another|latest|next|last|initial|first|second|third|remaining|further)\b",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[.!?;]\s|\n")


def _sentence_around(text: str, f: Figure) -> tuple[int, int]:
    lo = max(0, f.start - 240)
    starts = [m.end() for m in _BOUNDARY.finditer(text, lo, f.start)]
    end = _BOUNDARY.search(text, f.end, min(len(text), f.end + 240))
    return (starts[-1] if starts else lo), (end.start() if end else min(len(text), f.end + 240))


def _different_scopes(
    text: str, dates: tuple[list[Figure], list[int]], a: Figure, b: Figure
) -> bool:
    """Whether two figures with one unit speak of different things: their sentences mark
    different scopes ("the new package" / "earlier aid") or carry different dates."""
    spans = [_sentence_around(text, a), _sentence_around(text, b)]
    if spans[0] == spans[1]:
        return True  # two values in one sentence are two things ("20 tanks and 30 tanks")
    marks = [
        {m.group().lower() for m in _SCOPE.finditer(text, lo, hi)} for lo, hi in spans
    ]
    if marks[0] != marks[1]:
        return True
    dated, starts = dates
    found = [
        {str(f.value.get("date")) for f in dated[bisect_left(starts, lo) : bisect_left(starts, hi)]}
        for lo, hi in spans
    ]
    return bool(found[0] and found[1] and found[0] != found[1])


def _context(text: str, f: Figure) -> str:
    """A few words after a figure, to tell a reader which mention is meant."""
    lo, hi = _sentence_around(text, f)
    words = text[f.end : hi].split()[:4]
    before = text[lo : f.start].split()[-3:]
    return "“" + " ".join([*before, "…", *words]).strip() + "”"


_EACH_WORD = re.compile(r"\b(?:each|every|per|apiece)\b")  # on the lowercase text
_EACH_BEFORE = re.compile(r"\b(?:each|every|per)\b[^.,;:\d$£€]{0,30}$", re.IGNORECASE)
_EACH_AFTER = re.compile(r"\s*(?:each|apiece|a piece|per\s+\w+)\b", re.IGNORECASE)
_TOTAL_NEAR = re.compile(
    r"\b(?:total\w*|in all|combined|altogether|overall|together|across|all told)\b",
    re.IGNORECASE,
)


def _per_unit_triples(text: str, figures: list[Figure]) -> list[tuple[Figure, Figure, Figure]]:
    """(per-unit figure, count, total): "four fabs ... each 600,000 square feet ... totaling
    2.4 million square feet": the total is stated beside a total word, the count is a whole
    number of other things, the per-unit figure says "each" (or "per", "apiece")."""
    out: list[tuple[Figure, Figure, Figure]] = []
    lower = lower_text(text) or text.lower()
    marks = [m.start() for m in _EACH_WORD.finditer(lower)]
    if not marks:
        return out
    numeric = [f for f in figures if f.category in ("money", "quantity")]
    starts = [f.start for f in numeric]
    candidates: dict[int, Figure] = {}
    for at in marks:  # only figures near an "each", "per" or "apiece" are looked at
        lo, hi = bisect_right(starts, at - 24), bisect_right(starts, at + 48)
        for f in numeric[max(0, lo - 1) : hi]:
            candidates[id(f)] = f
    for per in sorted(candidates.values(), key=lambda f: f.start):
        if not (
            _EACH_BEFORE.search(text, max(0, per.start - 40), per.start)
            or _EACH_AFTER.match(text, per.end, min(len(text), per.end + 16))
        ):
            continue
        unit = per.value.get("unit") or per.value.get("currency")
        lo, hi = bisect_right(starts, per.start - 400), bisect_right(starts, per.start + 400)
        window = numeric[lo:hi]
        near = [f for f in window[:64] if f is not per]
        counts = [
            f
            for f in near
            if f.category == "quantity"
            and f.value.get("unit")
            and f.value.get("unit") != unit
            and _whole_number(f)
        ]
        totals = [
            f
            for f in near
            if f.category == per.category
            and f.start > per.start
            and (f.value.get("unit") or f.value.get("currency")) in (unit, None)
            and (_amount(f) or 0) > (_amount(per) or 0)
            and _TOTAL_NEAR.search(text, max(0, f.start - 30), min(len(text), f.end + 30))
        ]
        if counts and totals:
            count = min(counts, key=lambda f: abs(f.start - per.start))
            out.append((per, count, totals[0]))
    return out


def _whole_number(f: Figure) -> bool:
    v = _amount(f)
    return v is not None and v == int(v) and 2 <= v <= 100_000


def per_unit_hints(text: str, figures: list[Figure]) -> list[tuple[int, Hint]]:
    """Check a per-unit figure times a count against the total the text gives."""
    out = []
    for per, count, total in _per_unit_triples(text, figures):
        checkpoint()
        product = (_amount(per) or 0) * (_amount(count) or 0)
        stated = _amount(total) or 0
        ok = abs(product - stated) <= 0.005 * stated
        relation = "equal to" if ok else "less than" if product < stated else "more than"
        unit = per.value.get("unit")
        if per.category == "money":
            shown = _money_text(product, per.value.get("currency") or "")
        else:
            shown = f"{_money(product)} {unit}".strip() if unit else _money(product)
        message = (
            f"{count.text} × {per.text} = {shown}, {relation} {total.text}: "
            + ("consistent." if ok else "the total does not match.")
        )
        hint = Hint("per-unit-total", ok, message)
        out += [(per.start, hint), (count.start, hint), (total.start, hint)]
    return out


#: A share right after its percentage: "40% from Iraq", "35% comes from Norway", "30% to X".
_SHARE_AFTER = re.compile(
    r"\s*(?:(?:comes?|came|went|goes|go|is|was|were|are)\s+)?(?:from|to|for)\b",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise|rises|risen|fell|fall|falls|fallen|increased?|decreased?|grew|grow"
    r"|up|down|jumped|dropped|cut|climbed|declined|by|gained|lost|surged|slid|added"
    r"|raised|lowered|than|from|to|at)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_OF_WHOLE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(\w+)", re.IGNORECASE)


def share_hints(
    text: str, sentences: list[Sentence], figures: list[Figure]
) -> list[tuple[int, Hint]]:
    """Shares of one total in one sentence ("40% came from X, 35% from Y and 30% from Z")
    should not add up to more than 100%."""
    starts = [s.start for s in sentences]
    groups: dict[int, list[Figure]] = {}
    for f in figures:
        if (
            f.category == "percentage"
            and "value_max" not in f.value
            and not f.value.get("unit")
            and f.value.get("qualifier") in (None, "about")
        ):
            groups.setdefault(bisect_right(starts, f.start) - 1, []).append(f)
    out = []
    for si, group in sorted(groups.items()):
        checkpoint()
        if si < 0 or len(group) < 2:
            continue
        lo = sentences[si].start
        shares = []
        wholes = set()
        for f in group:
            if _CHANGE_BEFORE.search(text, max(lo, f.start - 30), f.start):
                break
            of = _OF_WHOLE.match(text, f.end, min(len(text), f.end + 30))
            if of:
                wholes.add(of.group(1).lower())
            elif not _SHARE_AFTER.match(text, f.end, min(len(text), f.end + 30)):
                break
            shares.append(f)
        else:
            if len(wholes) > 1 or len(shares) < 2:
                continue  # "40% of men and 70% of women": shares of different totals
            total = sum(_amount(f) or 0 for f in shares)
            ok = total <= 100.5
            listed = " + ".join(f.text for f in shares[:_LISTED_PARTS])
            message = f"{listed} = {total:g}%, " + (
                "within 100% of one total: consistent."
                if ok
                else "more than 100% of one total: the shares exceed the whole."
            )
            hint = Hint("shares", ok, message)
            out += [(f.start, hint) for f in shares]
    return out


def future_past_hints(
    text: str, sentences: list[Sentence], figures: list[Figure], published: dt.date | None
) -> list[tuple[int, Hint]]:
    """Flag a date after publication in a sentence that speaks in the past tense."""
    if published is None:
        return []
    starts = [s.start for s in sentences]
    out = []
    for f in figures:
        earliest = _earliest(_date_of(f)) if f.category == "date" else None
        if earliest is None or earliest <= published:
            continue
        i = bisect_right(starts, f.start) - 1
        if i < 0:
            continue
        body = text[sentences[i].start : sentences[i].end]
        if _FUTURE.search(body):
            message = f"{f.text} is after publication ({published}), spoken of as ahead."
            out.append((f.start, Hint("future-past", True, message)))
        elif _PAST.search(body):
            message = f"{f.text} is after publication ({published}) but the sentence is past tense."
            out.append((f.start, Hint("future-past", False, message)))
    return out


def _compare_parts(whole: Figure, parts: list[Figure]) -> list[tuple[int, Hint]]:
    total = sum(_amount(p) or 0 for p in parts)
    limit = _amount(whole) or 0
    # an "over"/"at least" whole is only a lower bound, so parts may exceed it
    bounded = whole.value.get("qualifier") not in ("over", "at least")
    ok = not bounded or total <= limit * 1.005
    listed = " + ".join(p.text for p in parts[:_LISTED_PARTS])
    if len(parts) > _LISTED_PARTS:
        listed += f" + … ({len(parts)} parts in all)"
    if abs(total - limit) <= limit * 0.005:
        relation = "equal to"
    else:
        relation = "less than" if total < limit else "more than"
    lower = any(p.value.get("qualifier") in ("over", "at least") for p in parts)
    currency = whole.value.get("currency") or ""
    summed = ("at least " if lower else "") + _money_text(total, currency)
    message = (
        f"{listed} = {summed}, {relation} {whole.text}: "
        + ("consistent." if ok else "the parts exceed the whole.")
    )
    hint = Hint("parts-whole", ok, message)
    return [(whole.start, hint)] + [(p.start, hint) for p in parts]


def _quantity_key(text: str, f: Figure) -> tuple | None:
    """What a figure counts: its unit or currency and the noun (or "for X") after it."""
    unit = f.value.get("unit") or f.value.get("currency") or ""
    m = _HEAD.match(text, f.end, min(len(text), f.end + 60))
    if not m:
        return None
    words = (m.group(1) + m.group(2)).lower().split()
    if words and words[0] in ("for", "to", "in") and len(words) > 1:
        return (f.category, unit, words[0], words[1])
    head = [w for w in words if w not in _STOP]
    if not head or words[0] in _STOP:
        return (f.category, unit) if f.category == "quantity" and unit else None
    return (f.category, unit, head[-1])


def _full_weekday(written: str) -> str:
    return next(d for d in WEEKDAYS if d.lower().startswith(written.rstrip(".").lower()[:3]))


def _amount(f: Figure) -> float | None:
    v = f.value
    raw = v.get("amount", v.get("value"))
    try:
        return float(raw)
    except (TypeError, ValueError):
        return None


def _date_of(f: Figure) -> str | None:
    raw = f.value.get("date")
    if not isinstance(raw, str):
        return None
    return raw.split("/", 1)[0].split("T", 1)[0]


def _earliest(iso: str | None) -> dt.date | None:
    m = _ISO_PART.match(iso or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _normal(s: str) -> str:
    return re.sub(r"[\s\u00a0-]+", " ", s.lower()).strip()


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


def _money_text(amount: float, currency: str) -> str:
    """ "$15 billion", "€3 million", "CNY 2 billion": a sum written the way articles do."""
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{_money(amount)}" if symbol else f"{currency} {_money(amount)}".strip()


def _money(amount: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if amount >= size:
            return f"{amount / size:g} {word}"
    return f"{amount:g}"
