"""Money, percentages and quantities: one left-to-right pass over the numbers of a text.

Every number (digits or words) is an anchor; small anchored regexes read its bounded
left and right context (currency, qualifier, multiplier, range, unit), so the pass is
linear in the text length whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import numeric_lexicon as lx
from .numerals import SCALE_ABBREVIATIONS, VAGUE_WORDS, WORD_NUMERAL_PATTERN, parse_numeral
from .quantity_context import is_not_a_count, unit_after
from .types import Figure

_DIGITS = r"(?:\d{1,3}(?:,\d{3}){1,5}(?!,\d)|\d{1,15})(?:\.\d{1,12})?(?!\d)"
_ANCHOR = re.compile(
    rf"(?P<d>(?<![\w.,/:+\-\u2212'’]){_DIGITS})|(?P<w>(?<![\w\-]){WORD_NUMERAL_PATTERN})"
)
_DIGIT_RE = re.compile(_DIGITS)
_ATTACHED = re.compile(r"[A-Za-z°][A-Za-z/]{0,11}(?![A-Za-z\d])")
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)")
_RANGE_LINK = re.compile(r"[ \u00a0]?(?P<l>-|–|—|to|and)[ \u00a0]?", re.I)
_CURRENCY_FWD = re.compile(
    r"(?:(?:US|U\.S\.|AU|A|C|CA|NZ|HK|S|GB)[ \u00a0]?)?[$£€¥₹₩₽]|(?:USD|EUR|GBP)[ \u00a0]"
)
_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "crore": 1e7, "lakh": 1e5, **SCALE_ABBREVIATIONS}
_LOOKBACK = 48
_LOOKAHEAD = 80


@dataclass
class _Amount:
    """A number being read: its value, multiplier and how far the text has been consumed."""

    start: int
    end: int
    value: float
    scale: float = 1.0
    currency: str | None = None
    cur_start: int | None = None
    attached_unit: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def amount(self) -> float:
        """The value times its multiplier."""
        return self.value * self.scale


def find_amounts(text: str) -> list[Figure]:
    """Money, percentage and quantity figures of a text, in order, without overlaps."""
    out: list[Figure] = []
    models: set[str] = set()
    consumed = 0
    for m in _ANCHOR.finditer(text):
        if m.start() < consumed:
            continue
        if m.group("d"):
            figures, end = _read_digits(text, m, models)
        else:
            figures, end = _read_words(text, m)
        out.extend(figures)
        consumed = max(consumed, end)
    if models:
        # a number used as a model name anywhere ("Boeing 787") is a name everywhere
        out = [
            f
            for f in out
            if not (
                f.category == "quantity"
                and f.value.get("unit") is None
                and f.text.split()[-1] in models
            )
        ]
    return _currency_ellipsis(text, out)


def _number_at(text: str, start: int) -> _Amount | None:
    """Parse a digit number starting exactly at start, with its attached or spaced multiplier."""
    m = _DIGIT_RE.match(text, start, start + 40)
    if not m:
        return None
    num = _Amount(start, m.end(), float(m.group().replace(",", "")))
    return num if _read_scale(text, num) else None


def _read_scale(text: str, num: _Amount) -> bool:
    """Extend num over an attached ("3bn") or spaced ("1.2 million", "$95-billion") multiplier.

    Returns False when the number is glued to letters that make it an identifier ("4G").
    """
    e = num.end
    att = _ATTACHED.match(text, e, e + 13)
    if att:
        word = att.group().lower()
        if word in ("k", "m", "b", "bn", "mn", "mln", "bln", "tn", "trn", "million", "billion"):
            num.scale, num.end = _SCALES[word], att.end()
            return True
        if word in lx.ATTACHED_UNITS and (len(word) > 1 or att.group() in "gmtlWVx"):
            num.attached_unit, num.end = att.group(), att.end()
            return True
        return False
    if e < len(text) and (text[e].isalnum() or text[e] == "_"):
        return False
    hm = _HYPHEN_WORD.match(text, e, e + 14)
    if hm and len(hm.group(1)) > 1 and hm.group(1).lower() in lx.MEASURE_UNITS:
        num.attached_unit, num.end = hm.group(1), hm.end()  # "3.5-inch"
        return True
    sm = lx.SCALE_AFTER.match(text[e : e + 16])
    if sm:
        num.scale, num.end = _SCALES[sm.group("s").lower()], e + sm.end()
    return True


def _currency_before(text: str, num: _Amount) -> None:
    """Attach a currency written before the number ("US$", "GB £", "EUR ")."""
    lo = max(0, num.start - 12)
    cm = lx.CURRENCY_BEFORE.search(text[lo : num.start])
    if not cm:
        return
    if cm.group("sym"):
        pre = (cm.group("pre") or "").lower()
        sym = cm.group("sym")
        num.currency = (
            lx.DOLLAR_PREFIXES.get(pre, "USD") if sym == "$" else (lx.CURRENCY_SYMBOLS[sym])
        )
        if pre == "gb":
            num.currency = "GBP"
    else:
        code = cm.group("code").lower()
        num.currency = lx.CODE_ALIASES.get(code, code.upper())
    num.cur_start = lo + cm.start()


def _qualifier_before(text: str, at: int) -> tuple[str | None, int, str | None]:
    """The qualifier right before position at, its start, and a range opener (between/from)."""
    lo = max(0, at - _LOOKBACK)
    window = text[lo:at]
    opener = lx.RANGE_OPENER_BEFORE.search(window)
    if opener:
        return None, lo + opener.start(), opener.group("q").lower()
    qm = lx.QUALIFIER_BEFORE.search(window)
    if not qm:
        return None, at, None
    key = " ".join(qm.group("q").lower().split())
    return lx.QUALIFIERS.get(key), lo + qm.start(), None


def _read_digits(text: str, m: re.Match[str], models: set[str]) -> tuple[list[Figure], int]:
    """Read the figure anchored on a digit number."""
    s, e = m.span()
    after = text[e : e + 2]
    if after[:1] in ".,/" and after[1:2].isdigit():
        return [], e  # versions, IP addresses, dates like 7/8/07, lists like "1,2,3"
    if text[s - 1 : s] == "(" and re.match(r"\)[ \u00a0]?\d{3}[ .-]\d{4}", text[e : e + 12]):
        return [], e + 10  # phone number "(212) 555-1234"
    first = _Amount(s, e, float(m.group().replace(",", "")))
    if not _read_scale(text, first):
        if text[e : e + 1] == "s":
            models.add(m.group())  # "18 777s"
        return [], e
    _currency_before(text, first)
    second, link = _range_second(text, first)
    if second is None and after[:1] in "-–" and after[1:2].isdigit():
        models.add(m.group())
        return [], e  # identifiers such as "777-200LR"
    last = second or first
    if second and first.scale == 1.0 and second.scale != 1.0 and first.attached_unit is None:
        first.scale = second.scale  # "$5-7 billion": the multiplier is shared
    currency = first.currency or (second.currency if second else None)
    cur_after = lx.CURRENCY_AFTER.match(text[last.end : last.end + 40])
    if cur_after and cur_after.group("word"):
        word = cur_after.group("word").lower()
        if (
            word.split()[0] in lx.AMBIGUOUS_CURRENCY
            and last.scale == 1.0
            and not (cur_after.group("nation") or currency or "sterling" in word)
        ):
            cur_after = None
    if cur_after:
        if not currency or currency == "USD" and cur_after.group("code"):
            currency = (
                _currency_of_match(cur_after)
                if not currency
                else (cur_after.group("code").upper().replace("RMB", "CNY"))
            )
        if (cur_after.group("word") or "").lower().startswith(("cent", "pence", "penny")):
            first.scale, last.scale = first.scale / 100, last.scale / 100
        last.end += cur_after.end()
    qualifier, q_start, opener = _qualifier_before(text, first.cur_start or s)
    start = min(q_start, first.cur_start if first.cur_start is not None else s)
    pct = None if currency else lx.PERCENT_AFTER.match(text[last.end : last.end + 24])
    if currency:
        return _money(text, first, second, link, opener, start, last.end, currency, qualifier)
    if pct:
        end = last.end + pct.end()
        return _percent(text, first, second, link, start, end, qualifier, pct.group("pp")), end
    return _quantity(text, first, second, link, start, qualifier, models)


def _currency_of_match(cm: re.Match[str]) -> str:
    """ISO code of a currency written after the number."""
    if cm.group("code"):
        code = cm.group("code").lower()
        return lx.CODE_ALIASES.get(code, code.upper())
    return lx.currency_of_word(cm.group("word"), cm.group("nation"))


def _range_second(text: str, first: _Amount) -> tuple[_Amount | None, str | None]:
    """The upper end of "5-7", "$5 billion to $7 billion", "between 12 and 20"."""
    lm = _RANGE_LINK.match(text, first.end, first.end + 6)
    if not lm:
        return None, None
    link = lm.group("l").lower()
    if link in "-–—" and lm.group() != lm.group("l") and not first.currency:
        return None, None  # "5 - 7" spaced dashes are arithmetic or list separators
    pos = lm.end()
    cm = _CURRENCY_FWD.match(text, pos, pos + 6)
    if cm:
        pos = cm.end()
    if not (pos < len(text) and text[pos].isdigit()):
        return None, None
    second = _number_at(text, pos)
    if second is None or second.attached_unit and not first.attached_unit:
        return None, None
    if cm:
        second.currency, second.cur_start = first.currency or "USD", cm.start()
    link = "-" if link in "-–—" else link
    if link == "and" and not lx.RANGE_OPENER_BEFORE.search(
        text[max(0, first.start - 30) : first.cur_start or first.start]
    ):
        return None, None
    return second, link


def _money(
    text: str,
    first: _Amount,
    second: _Amount | None,
    link: str | None,
    opener: str | None,
    start: int,
    end: int,
    currency: str,
    qualifier: str | None,
) -> tuple[list[Figure], int]:
    """Money figures: one for an amount or a range, two for a change "from X to Y"."""
    value: dict[str, Any] = {"amount": first.amount, "currency": currency, "qualifier": qualifier}
    if second is None:
        return [_fig(text, "money", start, end, value)], end
    if link == "to" and opener == "from" or second.amount < first.amount:
        left = _fig(text, "money", start, first.end, value)
        right = {"amount": second.amount, "currency": currency, "qualifier": None}
        return [left, _fig(text, "money", second.cur_start or second.start, end, right)], end
    value["amount_max"] = second.amount
    return [_fig(text, "money", start, end, value)], end


def _percent(
    text: str,
    first: _Amount,
    second: _Amount | None,
    link: str | None,
    start: int,
    end: int,
    qualifier: str | None,
    points: str | None,
) -> list[Figure]:
    """Percentage figures; "15-20%" is one range, "20 to 25 percent" two figures."""
    extra: dict[str, Any] = {}
    if points:
        unit = "basis points" if "basis" in points.lower() or "bp" in points.lower() else None
        extra["unit"] = "percentage points"
        if unit:
            first.value, first.scale = first.amount / 100, 1.0
            if second:
                second.value, second.scale = second.amount / 100, 1.0
    value: dict[str, Any] = {"value": first.amount, "qualifier": qualifier, **extra}
    if second is None:
        return [_fig(text, "percentage", start, end, value)]
    if link == "-" and second.amount >= first.amount:
        value["value_max"] = second.amount
        return [_fig(text, "percentage", start, end, value)]
    high = {"value": second.amount, "qualifier": None, **extra}
    return [
        _fig(text, "percentage", start, first.end, value),
        _fig(text, "percentage", second.start, end, high),
    ]


def _quantity(
    text: str,
    first: _Amount,
    second: _Amount | None,
    link: str | None,
    start: int,
    qualifier: str | None,
    models: set[str] | None = None,
) -> tuple[list[Figure], int]:
    """Quantity figures with their unit, unless the number is a year, label, date or time."""
    last = second or first
    vague = first.extras.pop("vague", False)
    unit, unit_end = (
        (first.attached_unit, last.end)
        if first.attached_unit
        else (unit_after(text, last.end, allow_of=vague))
    )
    reason = is_not_a_count(text, first, second, unit)
    if reason:
        if reason == "model" and models is not None:
            models.add(text[first.start : first.end])
        return [], last.end
    end = unit_end if unit else last.end
    value: dict[str, Any] = {
        "value": first.amount,
        "unit": unit,
        "qualifier": qualifier,
        **first.extras,
    }
    if second is None:
        return [_fig(text, "quantity", start, end, value)], end
    if link == "-" and second.amount >= first.amount:
        value["value_max"] = second.amount
        return [_fig(text, "quantity", start, end, value)], end
    if link == "-":
        value["pair"] = [first.amount, second.amount]  # tallies and scores: "52-35"
        return [_fig(text, "quantity", start, end, value)], end
    high = {"value": second.amount, "unit": unit, "qualifier": None}
    return [
        _fig(text, "quantity", start, first.end, value),
        _fig(text, "quantity", second.start, end, high),
    ], end


def _read_words(text: str, m: re.Match[str]) -> tuple[list[Figure], int]:
    """Read the figure anchored on a number written in words."""
    s, e = m.span()
    raw = m.group().lower().replace("\u00a0", " ")
    value = parse_numeral(raw)
    if value is None:
        return [], e
    num = _Amount(s, e, value)
    cur = lx.CURRENCY_AFTER.match(text[e : e + 40])
    if (
        cur
        and cur.group("word")
        and cur.group("word").split()[0].lower() in (lx.AMBIGUOUS_CURRENCY)
        and value < 1000
        and not cur.group("nation")
    ):
        cur = None
    qualifier, q_start, _ = _qualifier_before(text, s)
    if cur:
        end = e + cur.end()
        if (cur.group("word") or "").lower().startswith(("cent", "pence", "penny")):
            value /= 100
        money = {"amount": value, "currency": _currency_of_match(cur), "qualifier": qualifier}
        return [_fig(text, "money", q_start, end, money)], end
    pct = lx.PERCENT_AFTER.match(text[e : e + 24])
    if pct and value >= 1 or pct and raw in ("half", "a half"):
        end = e + pct.end()
        extra = {"unit": "percentage points"} if pct.group("pp") else {}
        fig = _fig(
            text, "percentage", q_start, end, {"value": value, "qualifier": qualifier, **extra}
        )
        return [fig], end
    if value < 1:
        return _fraction(text, num, raw, qualifier, q_start)
    if raw.split()[0] in VAGUE_WORDS:
        num.extras = {"vague": True, "approximate": True}
    elif value == 1 and raw in ("one", "a", "an"):
        return [], e
    return _quantity(text, num, None, None, q_start, qualifier)


def _fraction(
    text: str, num: _Amount, raw: str, qualifier: str | None, q_start: int
) -> tuple[list[Figure], int]:
    """ "one-third of", "about half", "two thirds": a proportion, as a percentage."""
    s, e = num.start, num.end
    after = text[e : e + 40].lower()
    of_time = re.match(
        r"[ \u00a0]+(?:of[ \u00a0]+)?(?:an?|the)?[ \u00a0]*(?:hour|day|week|month"
        r"|year|decade|century|season|mile|second|minute|inning)s?\b",
        after,
    )
    before = text[max(0, s - 12) : s].lower()
    if (
        of_time
        or re.search(r"(?:first|second|third|last|latter|other|the|final)[ \u00a0]+$", before)
        and raw in ("half", "a half", "a quarter", "a third")
    ):
        return [], e
    plural_or_hyphen = "-" in raw or raw.endswith("s") or raw.split()[0] not in ("a", "one")
    proportion = after.startswith((" of", "\u00a0of")) or qualifier is not None
    if raw == "half" and not proportion or not (proportion or plural_or_hyphen and raw != "half"):
        return [], e
    value = {"value": round(num.value * 100, 4), "qualifier": qualifier}
    return [_fig(text, "percentage", q_start, e, value)], e


def _currency_ellipsis(text: str, figures: list[Figure]) -> list[Figure]:
    """ "$5 billion in aid on top of the four billion": a bare big number inherits the currency."""
    out: list[Figure] = []
    last_money: Figure | None = None
    for f in figures:
        v = f.value
        if (
            f.category == "quantity"
            and last_money
            and v.get("unit") is None
            and v["value"] >= 1e6
            and f.start - last_money.end < 200
            and not re.search(r"[.!?][\s\"”’]", text[last_money.end : f.start])
        ):
            money = {
                "amount": v["value"],
                "currency": last_money.value["currency"],
                "qualifier": v.get("qualifier"),
            }
            f = Figure("money", f.start, f.end, f.text, money)
        if f.category == "money":
            last_money = f
        out.append(f)
    return out


def _fig(text: str, category: str, start: int, end: int, value: dict[str, Any]) -> Figure:
    """A Figure whose text is exactly text[start:end]."""
    if value.get("amount") is not None:
        value["amount"] = _clean(value["amount"])
    for key in ("value", "value_max", "amount_max"):
        if isinstance(value.get(key), float):
            value[key] = _clean(value[key])
    return Figure(category, start, end, text[start:end], value)


def _clean(x: float) -> float | int:
    """Round away float noise (1.2 * 1e9) and give integral values as int."""
    r = round(x, 6)
    return int(r) if abs(r) < 1e18 and r == int(r) else r
