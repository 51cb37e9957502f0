"""Money, percentages and quantities: one left-to-right pass over the numbers of a text.

Every number (digits or words) is an anchor; small anchored regexes read its bounded
left and right context (currency, qualifier, multiplier, range, unit), so the pass is
linear in the text length whatever the input.
"""

from __future__ import annotations

import re

from . import numeric_lexicon as lx
from .budget import checkpoint
from .figure_builders import (
    Amount,
    currency_ellipsis,
    fraction_figure,
    make_figure,
    money_figures,
    percent_figures,
    quantity_figures,
    ratio_figure,
)
from .numerals import (
    FRACTION_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    VAGUE_WORDS,
    WORD_NUMERAL_PATTERN,
    parse_numeral,
)
from .quantity_context import is_not_a_count
from .timebase import literal_trie, lower_text
from .types import Figure

_DIGITS = r"(?:\d{1,3}(?:,\d{3}){1,5}(?!,\d)|\d{1,15})(?:\.\d{1,12})?(?!\d)"
_ANCHOR = re.compile(
    rf"(?P<d>(?<![\w.,/:+\-\u2212'’]){_DIGITS})|(?P<w>(?<![\w\-]){WORD_NUMERAL_PATTERN})"
)
_DIGIT_ANCHOR = re.compile(rf"(?<![\w.,/:+\-\u2212'’]){_DIGITS}")
_WORD_ANCHOR = re.compile(rf"(?<![\w\-]){WORD_NUMERAL_PATTERN}")
#: Words a number in words starts with, or follows "a"/"an" with ("a dozen", "a third"):
#: a fast literal scan of the lowercase text for them finds every place _WORD_ANCHOR can start.
_NUMBER_WORDS = re.compile(
    literal_trie({*UNIT_WORDS, *TENS_WORDS, *SCALE_WORDS, *FRACTION_WORDS, *VAGUE_WORDS, "dozen"})
)
_DIGIT_RE = re.compile(_DIGITS)
_ATTACHED = re.compile(r"[A-Za-z°][A-Za-z/]{0,11}(?![A-Za-z\d])")
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)")
_RANGE_LINK = re.compile(r"[ \u00a0]?(?P<l>-|–|—|to|and)[ \u00a0]?", re.I)
_CURRENCY_FWD = re.compile(
    r"(?:(?:US|U\.S\.|AU|A|C|CA|NZ|HK|S|GB)[ \u00a0]?)?[$£€¥₹₩₽]|(?:USD|EUR|GBP)[ \u00a0]"
)
_PHONE_TAIL = re.compile(r"\)[ \u00a0]?\d{3}[ .-]\d{4}")
_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "crore": 1e7, "lakh": 1e5, **SCALE_ABBREVIATIONS}
_SCALE_SUFFIXES = frozenset(
    {"k", "m", "b", "bn", "mn", "mln", "bln", "tn", "trn", "million", "billion"}
)
_SINGLE_LETTER_UNITS = "gmtlWVCFx"
_LOOKBACK = 48
_SMALL_COINS = ("cent", "pence", "penny")
#: What may stand between a number and a word read after it ("5 - dollars", "5 -percent").
_GAP = " \u00a0\u202f-"
#: The last character of a currency written before a number (a symbol, a code's letter, "Rs.").
_CURRENCY_LAST = frozenset("$£€¥₹₩₽₺₪₦฿.")
_RANGE_FIRST = frozenset("-–—tTaA")
_PERCENT_SIGNS = frozenset("%％")


#: Characters after a number that no context read on its right can start with.
_INERT_AFTER = frozenset('.,;!?)]}"”’\n\t')


def _inert_after(text: str, e: int) -> bool:
    """Whether nothing can be read after a number ending at e: the text ends, or punctuation
    follows, or one space and a digit ("1 2 3"); every reader on the right needs a letter, a
    sign or a link character there (a digit word after a space is never a unit)."""
    c = text[e : e + 1]
    return not c or c in _INERT_AFTER or (c == " " and text[e + 1 : e + 2] in _DIGIT_CHARS)


_DIGIT_CHARS = frozenset("0123456789")


def word_after(text: str, e: int) -> str:
    """The first character after position e past at most three spaces or hyphens ("" if
    none): every context read after a number starts with a letter there, so a cheap test of
    it spares the regexes when a digit or punctuation follows ("1 2 3", "1. 2.")."""
    return text[e : e + 4].lstrip(_GAP)[:1]


def find_amounts(text: str) -> list[Figure]:
    """Money, percentage and quantity figures of a text, in order, without overlaps."""
    out: list[Figure] = []
    models: set[str] = set()
    consumed = 0
    for m, digits in _anchors(text):
        checkpoint()
        if m.start() < consumed:
            continue
        if digits:
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
    return currency_ellipsis(text, out)


def _anchors(text: str) -> list[tuple[re.Match[str], bool]]:
    """Every number in digits (True) or words (False), in order, as ``_ANCHOR`` finds them.

    Digits and number words never share a character, so the two kinds are found apart and
    merged. The word pattern is slow to try at every position, so it is tried only where
    a number word starts (or an "a"/"an" right before one), found by a literal scan.
    """
    found = [(m, True) for m in _DIGIT_ANCHOR.finditer(text)]
    lower = lower_text(text)
    if lower is None:  # rare characters change length: try everywhere
        words = [(m, False) for m in _WORD_ANCHOR.finditer(text)]
    else:
        words = []
        pos = 0
        match = _WORD_ANCHOR.match
        for key in _NUMBER_WORDS.finditer(lower):
            k = key.start()
            for c in _starts_before(lower, k):
                if c >= pos:
                    m = match(text, c)
                    if m:
                        words.append((m, False))
                        pos = m.end()
    if not words:
        return found
    found.extend(words)
    found.sort(key=lambda pair: pair[0].start())
    return found


def _starts_before(lower: str, k: int) -> tuple[int, ...]:
    """Where a number in words may start, given a number word at ``k`` (ascending)."""
    prev = lower[k - 1] if k else " "
    if prev.isalnum() or prev == "_":
        return ()  # inside a word ("someone", "often")
    if prev not in " \u00a0-":
        return (k,)
    if lower[k - 3 : k - 1] == "an":
        return (k - 3,) if prev == "-" else (k - 3, k)
    if lower[k - 2 : k - 1] == "a":
        return (k - 2,) if prev == "-" else (k - 2, k)
    return () if prev == "-" else (k,)


def _number_at(text: str, start: int, currency: str | None) -> Amount | None:
    """Parse a digit number starting exactly at start, with its attached or spaced multiplier."""
    m = _DIGIT_RE.match(text, start, start + 40)
    if not m:
        return None
    num = Amount(start, m.end(), float(m.group().replace(",", "")), currency=currency)
    return num if _read_scale(text, num) else None


def _read_scale(text: str, num: Amount) -> bool:
    """Extend num over an attached ("3bn", "500km") or spaced ("1.2 million") multiplier or unit.

    Returns False when the number is glued to letters that make it an identifier ("4G").
    """
    e = num.end
    if text[e : e + 1] in ("x", "×") and text[e + 1 : e + 2].isdigit():
        other = _DIGIT_RE.match(text, e + 1, e + 20)
        if other and not text[other.end() : other.end() + 1].isalpha():  # "320x240"
            num.extras["dimensions"] = [num.value, float(other.group().replace(",", ""))]
            num.attached_unit, num.end = "dimensions", other.end()
            return True
    nxt = text[e : e + 1]
    att = _ATTACHED.match(text, e, e + 13) if nxt.isalpha() or nxt == "°" else None
    if att:
        word = att.group().lower()
        if word in ("pc", "pct"):
            return True  # "2.1pc": read as a percent sign by the caller
        if word in _SCALE_SUFFIXES and (len(word) > 1 or num.currency):
            num.scale, num.end = _SCALES[word], att.end()
            return True
        if word in lx.ATTACHED_UNITS and (len(word) > 1 or att.group() in _SINGLE_LETTER_UNITS):
            num.attached_unit, num.end = att.group(), att.end()
            return True
        return False
    if e < len(text) and (text[e].isalnum() or text[e] == "_"):
        return False
    if nxt == "-":
        hm = _HYPHEN_WORD.match(text, e, e + 14)
        if hm and len(hm.group(1)) > 1 and hm.group(1).lower() in lx.MEASURE_UNITS:
            num.attached_unit, num.end = hm.group(1), hm.end()  # "3.5-inch"
            return True
    if not word_after(text, e).isalpha():
        return True  # a multiplier word ("million") would start here
    sm = lx.SCALE_AFTER.match(text[e : e + 16])
    if sm:
        num.scale, num.end = _SCALES[sm.group("s").lower()], e + sm.end()
    return True


def _currency_before(text: str, num: Amount) -> None:
    """Attach a currency written before the number ("US$", "GB £", "EUR ")."""
    lo = max(0, num.start - 12)
    window = text[lo : num.start]
    tail = window[:-1] if window.endswith("\n") else window  # "$" also matches before "\n"
    last = tail[-1:]
    if last in (" ", "\u00a0"):
        last = tail[-2:-1]
    if not (last.isalpha() or last in _CURRENCY_LAST):
        return  # the pattern ends with a symbol or a code, then at most one space
    # a match is at most 8 characters ("U.S. $ " and a final newline): start there
    cm = lx.CURRENCY_BEFORE.search(window, max(0, len(window) - 8))
    if not cm:
        return
    if cm.group("sym"):
        pre = (cm.group("pre") or "").lower()
        sym = cm.group("sym")
        if sym == "$":
            num.currency = lx.DOLLAR_PREFIXES.get(pre, "USD")
        elif sym == "¥":
            num.currency = lx.YEN_SIGN_PREFIXES.get(pre) or _yen_sign_after_yuan(
                text, lo + cm.start()
            )
        else:
            num.currency = "GBP" if pre == "gb" else lx.CURRENCY_SYMBOLS[sym]
    else:
        code = cm.group("code").lower()
        num.currency = lx.CODE_ALIASES.get(code, code.upper())
    num.cur_start = lo + cm.start()


_YUAN_NEAR = re.compile(r"\b(?:RMB|CNY|yuan|renminbi|Chinese)\b", re.I)


def _yen_sign_after_yuan(text: str, at: int) -> str:
    """ "¥" is the yuan's sign too: CNY when the sentence just named the yuan ("RMB"), else JPY."""
    lo = max(0, at - 120)
    window = text[lo:at]
    cut = max(window.rfind(". "), window.rfind("\n"))
    return "CNY" if _YUAN_NEAR.search(window[cut + 1 :]) else "JPY"


#: The last two characters a qualifier, an article after it, or "between"/"from" can end
#: with: a window ending otherwise cannot hold one, and its two slow searches are skipped.
_QUALIFIER_TAILS = tuple(
    {w[-2:].lower() for w in [*lx.QUALIFIERS, "the", "a", "an", "between", "from"]}
)
_QUALIFIER_SPACES = " \u00a0\u202f"  # lx._SP


def _qualifier_before(text: str, at: int) -> tuple[str | None, int, str | None]:
    """The qualifier right before position at, its start, and a range opener (between/from)."""
    lo = max(0, at - _LOOKBACK)
    window = text[lo:at]
    if not window.rstrip(_QUALIFIER_SPACES)[-2:].lower().endswith(_QUALIFIER_TAILS):
        return None, at, None
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
    if after[:1] in (".", ",", "/") and after[1:2].isdigit():
        return [], e  # versions, IP addresses, dates like 7/8/07, lists like "1,2,3"
    if text[s - 1 : s] == "(" and _PHONE_TAIL.match(text, e, e + 12):
        return [], e + 10  # phone number "(212) 555-1234"
    first = Amount(s, e, float(m.group().replace(",", "")))
    _currency_before(text, first)
    if first.currency is None and _inert_after(text, e):
        # nothing can attach on the right (multiplier, range, currency, percent, ratio, unit,
        # time, month): a bare count, decided by its left context and the count rules alone
        qualifier, q_start, _ = _qualifier_before(text, s)
        return _bare_count(text, first, min(q_start, s), qualifier, models)
    if not _read_scale(text, first):
        if text[e : e + 1] == "s":
            models.add(m.group())  # "18 777s"
        return [], e
    second, link = _range_second(text, first)
    if second is None and after[:1] in ("-", "–") and after[1:2].isdigit():
        models.add(m.group())
        return [], e  # identifiers such as "777-200LR"
    last = second or first
    if second and first.scale == 1.0 and second.scale != 1.0 and first.attached_unit is None:
        first.scale = second.scale  # "$5-7 billion": the multiplier is shared
    currency = first.currency or (second.currency if second else None)
    cur_after = _currency_after(text, last, currency)
    if cur_after:
        if not currency:
            currency = _currency_of_match(cur_after)
        elif currency == "USD" and cur_after.group("code"):
            currency = _currency_of_match(cur_after)  # "$99 (CAD)"
        if (cur_after.group("word") or "").lower().startswith(_SMALL_COINS):
            first.scale, last.scale = first.scale / 100, last.scale / 100
        last.end += cur_after.end()
    qualifier, q_start, opener = _qualifier_before(text, first.cur_start or s)
    start = min(q_start, first.cur_start if first.cur_start is not None else s)
    if currency:
        figures = money_figures(
            text, first, second, link, opener, (start, last.end), currency, qualifier
        )
        return figures, last.end
    pct = _percent_after(text, last.end)
    if pct:
        end = last.end + pct.end()
        if second is None:
            second, link, end = _percent_range(text, first, end, pct)
        return percent_figures(
            text, first, second, link, (start, end), qualifier, pct.group("pp"), opener
        ), end
    if second is None:
        ratio, end = ratio_figure(text, first, start, qualifier)
        if ratio:
            return [ratio], end
    return quantity_figures(text, first, second, link, start, qualifier, models)


def _percent_after(text: str, e: int) -> re.Match[str] | None:
    """ "%", "percent", "per cent", "percentage points" right after position e."""
    first = word_after(text, e)
    if not (first.isalpha() or first in _PERCENT_SIGNS):
        return None
    return lx.PERCENT_AFTER.match(text[e : e + 24])


def _bare_count(
    text: str, first: Amount, start: int, qualifier: str | None, models: set[str]
) -> tuple[list[Figure], int]:
    """``quantity_figures`` for a lone number with nothing on its right: no unit, no range."""
    reason = is_not_a_count(text, first, None, None)
    if reason:
        if reason == "model":
            models.add(text[first.start : first.end])
        return [], first.end
    value = {"value": first.amount, "unit": None, "qualifier": qualifier}
    return [make_figure(text, "quantity", start, first.end, value)], first.end


def _currency_after(text: str, last: Amount, currency: str | None) -> re.Match[str] | None:
    """A currency word or code after the number, unless the word is ordinary English here."""
    first = word_after(text, last.end)
    if not (first.isalpha() or first == "("):
        return None  # a currency word or "(code)" would start here
    cm = lx.CURRENCY_AFTER.match(text[last.end : last.end + 40])
    if cm and cm.group("word"):
        word = cm.group("word").lower()
        if (
            word.split()[0] in lx.AMBIGUOUS_CURRENCY
            and last.scale == 1.0
            and not (cm.group("nation") or currency or "sterling" in word)
        ):
            return None  # "200 pounds" is a weight
    return cm


def _currency_of_match(cm: re.Match[str]) -> str:
    """ISO code of a currency written after the number."""
    if cm.group("code"):
        code = cm.group("code").lower()
        return lx.CODE_ALIASES.get(code, code.upper())
    return lx.currency_of_word(cm.group("word"), cm.group("nation"))


def _range_second(text: str, first: Amount) -> tuple[Amount | None, str | None]:
    """The upper end of "5-7", "$5 billion to $7 billion", "between 12 and 20"."""
    e = first.end
    if not (text[e : e + 1] in _RANGE_FIRST or text[e + 1 : e + 2] in _RANGE_FIRST):
        return None, None  # the link ("-", "to", "and") starts here or one space later
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
    second = _number_at(text, pos, first.currency if cm else None)
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


def _percent_range(
    text: str, first: Amount, end: int, pct: re.Match[str]
) -> tuple[Amount | None, str | None, int]:
    """The high end of a range whose low end carries its own sign: "18%-22%", "60% to 70%"."""
    probe = Amount(first.start, end, first.value)
    second, link = _range_second(text, probe)
    if second is None or second.scale != first.scale or second.attached_unit or link == "to":
        return None, None, end  # "14% to 17%" with a sign on each end reads as a change
    tail = lx.PERCENT_AFTER.match(text[second.end : second.end + 24])
    if not tail or bool(tail.group("pp")) != bool(pct.group("pp")):
        return None, None, end
    return second, link, second.end + tail.end()


def _read_words(text: str, m: re.Match[str]) -> tuple[list[Figure], int]:
    """Read the figure anchored on a number written in words."""
    s, e = m.span()
    raw = m.group().lower().replace("\u00a0", " ")
    value = parse_numeral(raw)
    if value is None:
        return [], e
    num = Amount(s, e, value)
    qualifier, q_start, _ = _qualifier_before(text, s)
    cur = _currency_after(text, Amount(s, e, value, scale=2.0 if value >= 1000 else 1.0), None)
    if cur:
        end = e + cur.end()
        if (cur.group("word") or "").lower().startswith(_SMALL_COINS):
            value /= 100
        money = {"amount": value, "currency": _currency_of_match(cur), "qualifier": qualifier}
        if raw.split()[0] in VAGUE_WORDS:
            # "hundreds of millions of dollars": a lower bound, never an exact sum
            money.update(qualifier=qualifier or "at least", approximate=True)
        return [make_figure(text, "money", q_start, end, money)], end
    pct = _percent_after(text, e)
    if pct and (value >= 1 or raw in ("half", "a half")):
        end = e + pct.end()
        extra = {"unit": "percentage points"} if pct.group("pp") else {}
        value_dict = {"value": value, "qualifier": qualifier, **extra}
        return [make_figure(text, "percentage", q_start, end, value_dict)], end
    if value < 1:
        return fraction_figure(text, num, raw, qualifier, q_start), e
    ratio, end = ratio_figure(text, num, q_start, qualifier)
    if ratio:
        return [ratio], end
    if raw.split()[0] in VAGUE_WORDS:
        num.extras = {"vague": True, "approximate": True}
        qualifier = qualifier or "at least"  # "tens of thousands": the smallest it can mean
    elif value == 1 and raw in ("one", "a", "an"):
        return [], e
    return quantity_figures(text, num, None, None, q_start, qualifier)
