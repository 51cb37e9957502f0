"""Figures, hints and history in words, as a newsroom reads them (issue 11).

Pure functions over plain values (no Flask, no database): the claim panel, the claims list
and the HTML report all say a figure, a hint or a change the same way. A figure's value is
the engine's normalized dict ({"amount": 95000000000, "currency": "USD"} reads "$95 billion
(USD)"); an event's detail is what services.common.record stored.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

# --- numbers --------------------------------------------------------------------------------

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))

_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}

# How a qualifier reads before a figure ("about 40%", "over $25 billion").
_QUALIFIERS = {
    "over": "over",
    "under": "under",
    "about": "about",
    "at least": "at least",
    "at most": "at most",
    "up to": "up to",
}


def number(x: Any) -> str:
    """A number as a reader writes it: 1,250 · 3.5 · 95 billion · 1.2 million."""
    if isinstance(x, bool) or not isinstance(x, int | float):
        return str(x)
    if isinstance(x, float) and x != x:  # NaN
        return str(x)
    sign = "-" if x < 0 else ""
    a = abs(x)
    for size, word in _SCALES:
        if a >= size:
            return f"{sign}{_plain(a / size)} {word}"
    return sign + _plain(a, grouped=True)


def _plain(x: float, grouped: bool = False) -> str:
    if float(x).is_integer():
        return f"{int(x):,}" if grouped else str(int(x))
    text = f"{x:,.4f}" if grouped else f"{x:.4f}"
    return text.rstrip("0").rstrip(".")


def _qualified(words: str, qualifier: Any) -> str:
    q = _QUALIFIERS.get(qualifier) if isinstance(qualifier, str) else None
    return f"{q} {words}" if q else words


def money(amount: Any, currency: Any) -> str:
    """'$95 billion (USD)'; without a known sign, '95 billion CHF'."""
    cur = currency if isinstance(currency, str) and currency else None
    sign = _CURRENCY_SIGNS.get(cur or "")
    if sign:
        return f"{sign}{number(amount)} ({cur})"
    return f"{number(amount)} {cur}" if cur else number(amount)


# --- dates and durations ---------------------------------------------------------------------

_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}

_DURATION_UNITS = (
    ("Y", "year"),
    ("M", "month"),
    ("W", "week"),
    ("D", "day"),
)
_TIME_UNITS = (("H", "hour"), ("M", "minute"), ("S", "second"))


def _one_date(iso: str) -> str:
    """One ISO date or period in words: '24 April 2024 (Wednesday)', 'April 2024', 'Q1 2009'."""
    iso = iso.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?", iso):
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return iso
        words = (
            f"{d.day} {calendar.month_name[d.month]} {d.year} ({calendar.day_name[d.weekday()]})"
        )
        return f"{words}, {m[4]}" if m[4] else words
    if m := re.fullmatch(r"(\d{4})-(\d{2})", iso):
        month = int(m[2])
        return f"{calendar.month_name[month]} {m[1]}" if 1 <= month <= 12 else iso
    if re.fullmatch(r"\d{4}", iso):
        return iso
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", iso):
        return f"{'the weekend of ' if m[3] else ''}week {int(m[2])} of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", iso):
        return f"Q{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-H([12])", iso):
        return f"{'first' if m[2] == '1' else 'second'} half of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", iso):
        return f"{_SEASONS[m[2]]} {m[1]}"
    return iso


def date_words(value: Mapping[str, Any]) -> str:
    """A date figure's value in words (a period 'a/b' as 'a to b')."""
    iso = value.get("date")
    if not iso:
        relative = value.get("relative")
        return f"“{relative}” (no publication date to read it against)" if relative else "a date"
    iso = str(iso)
    if value.get("precision") == "decade" and "/" in iso:
        words = f"the {iso.split('/')[0]}s"
    elif "/" in iso:
        a, b = iso.split("/", 1)
        words = f"{_one_date(a)} to {_one_date(b)}"
    else:
        words = _one_date(iso)
    if value.get("fiscal"):
        words = f"fiscal {words}"
    if value.get("weekday") and value.get("weekday_consistent") is False:
        words += f" — the text says {value['weekday']}"
    return words


def duration_words(iso: Any) -> str:
    """'P3D' -> '3 days', 'PT5H' -> '5 hours', 'P1Y6M' -> '1 year 6 months'."""
    if not isinstance(iso, str):
        return str(iso)
    m = re.fullmatch(r"P(?:(?P<date>[\d.YMWD]*))?(?:T(?P<time>[\d.HMS]*))?", iso)
    if not m or iso in ("P", "PT"):
        return iso
    parts: list[str] = []
    for chunk, units in ((m["date"] or "", _DURATION_UNITS), (m["time"] or "", _TIME_UNITS)):
        found = dict((code, amount) for amount, code in re.findall(r"([\d.]+)([A-Z])", chunk))
        for code, word in units:
            if code in found:
                amount = float(found[code])
                parts.append(f"{_plain(amount)} {word}{'' if amount == 1 else 's'}")
    return " ".join(parts) or iso


# --- figures -----------------------------------------------------------------------------------


def figure_words(category: Any, value: Mapping[str, Any] | None) -> str:
    """A figure's normalized value as a reader says it.

    '$95 billion (USD)', 'about 40%', '24 April 2024 (Wednesday)', 'over 5 hours',
    'rank 1 in: largest supplier', 'said by Blinken'."""
    cat = getattr(category, "value", category)
    v: Mapping[str, Any] = value or {}
    if cat == "money":
        words = money(v.get("amount"), v.get("currency"))
        if v.get("amount_max") is not None:
            words = (
                f"{money(v.get('amount'), None)} to {money(v.get('amount_max'), v.get('currency'))}"
            )
        return _qualified(words, v.get("qualifier"))
    if cat == "percentage":
        unit = " percentage points" if v.get("unit") == "percentage points" else "%"
        words = f"{number(v.get('value'))}{unit}"
        if v.get("value_max") is not None:
            words = f"{number(v.get('value'))} to {number(v.get('value_max'))}{unit}"
        if isinstance(v.get("ratio"), list) and len(v["ratio"]) == 2:
            words += f" ({number(v['ratio'][0])} of {number(v['ratio'][1])})"
        return _qualified(words, v.get("qualifier"))
    if cat == "quantity":
        if isinstance(v.get("pair"), list) and len(v["pair"]) == 2:
            words = f"{number(v['pair'][0])} to {number(v['pair'][1])}"
        elif v.get("value_max") is not None:
            words = f"{number(v.get('value'))} to {number(v.get('value_max'))}"
        else:
            words = number(v.get("value"))
        if v.get("unit"):
            words += f" {v['unit']}"
        return _qualified(words, v.get("qualifier"))
    if cat == "date":
        return date_words(v)
    if cat == "duration":
        if isinstance(v.get("range"), list) and len(v["range"]) == 2:
            words = f"{duration_words(v['range'][0])} to {duration_words(v['range'][1])}"
        else:
            words = duration_words(v.get("duration"))
        return _qualified(words, v.get("qualifier"))
    if cat == "ranking":
        scope = v.get("scope")
        rank = v.get("rank")
        return f"rank {rank} in: {scope}" if scope else f"rank {rank}"
    if cat == "quote":
        speaker = v.get("speaker")
        return f"said by {speaker}" if speaker else "a quotation, speaker not named"
    return ", ".join(f"{k}: {val}" for k, val in v.items() if val is not None) or "—"


# --- hints -----------------------------------------------------------------------------------

_AT_OFFSET = re.compile(r"\s*\(at (\d+)\)")
# A Python repr of the figure's text, as older hint messages quoted it: 'x' or "it's".
_REPR = re.compile(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)\"""")


def hint_text(message: str, article_text: str | None = None) -> str:
    """A stored hint message as the panel shows it: figures named by their text, never by
    an offset ("'$95 billion' (at 2661)" reads "“$95 billion”"); an offset with no quoted
    text before it becomes the word of the article found there."""

    def offset(m: re.Match[str]) -> str:
        before = message[: m.start()].rstrip()
        if before.endswith(("'", '"', "”")):
            return ""  # the figure is already named by its text
        at = int(m[1])
        if article_text is not None and 0 <= at < len(article_text):
            word = re.match(r"\S+", article_text[at:])
            if word:
                return f" (“{word[0].rstrip('.,;:')}”)"
        return ""

    text = _AT_OFFSET.sub(offset, message)
    return _REPR.sub(lambda m: f"“{_unescape(m[1] if m[1] is not None else m[2])}”", text)


def _unescape(s: str) -> str:
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)",
        lambda m: chr(int(m[1][1:], 16)) if len(m[1]) > 1 else m[1],
        s,
    )


# --- history ---------------------------------------------------------------------------------

_FIELD_NAMES = {
    "rating": "rating",
    "rationale": "rationale",
    "status": "status",
    "assignee": "assignee",
    "url": "URL",
    "title": "title",
    "publisher": "publisher",
    "published": "publication date",
    "accessed": "accessed",
    "excerpt": "excerpt",
    "stance": "stance",
    "byline": "byline",
    "source_url": "link",
    "start": "start",
    "end": "end",
    "note": "note",
    "reason": "reason",
}

_ACTIONS = {
    "create-claim": "added the claim",
    "adjust-span": "changed the span",
    "split": "split the claim",
    "merge": "merged a claim into this one",
    "merged-into": "merged this claim into another",
    "add-source": "added a source",
    "edit-source": "edited a source",
    "remove-source": "removed a source",
    "verdict": "saved the verdict",
    "submit": "submitted the verdict",
    "approve": "approved the verdict",
    "return": "returned the verdict",
    "dismiss": "dismissed the claim",
    "restore": "restored the claim",
    "reopen": "reopened the claim",
    "assign": "changed the assignee",
    "import": "imported the claim",
    "edit-article": "edited the article's details",
    "comment": "commented",
    "edit-comment": "edited a comment",
    "resolve-thread": "resolved the discussion",
    "reopen-thread": "reopened the discussion",
}

SHORT = 80  # longer texts are cut in a change line


def _short(value: Any, ratings: Mapping[str, Any] | None = None, name: str = "") -> str:
    if value is None or value == "":
        return "nothing"
    if name == "rating" and ratings and value in ratings:
        return str(getattr(ratings[value], "label", ratings[value]))  # a Rating or a label
    if name in ("start", "end") or isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = " ".join(str(value).split())
    return f"“{text[: SHORT - 1]}…”" if len(text) > SHORT else f"“{text}”"


def changes(
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    ratings: Mapping[str, Any] | None = None,
) -> list[str]:
    """The fields that differ between two states, each in words: 'rating: Mostly false → False'."""
    before = before or {}
    after = after or {}
    out = []
    for key in [*before, *(k for k in after if k not in before)]:
        a, b = before.get(key), after.get(key)
        if a == b or key in ("counts_as_author",):
            continue
        label = _FIELD_NAMES.get(key, key.replace("_", " "))
        if key == "rating":
            if a in (None, ""):
                out.append(f"rating: {_short(b, ratings, key)}")
            else:
                out.append(f"rating: {_short(a, ratings, key)} → {_short(b, ratings, key)}")
        elif key == "rationale":
            out.append("rationale rewritten" if a else f"rationale: {_short(b)}")
        elif key == "excerpt":
            out.append(f"{label} changed" if a else f"{label}: {_short(b)}")
        elif a in (None, "") and key not in ("status",):
            out.append(f"{label}: {_short(b, ratings, key)}")
        elif b in (None, ""):
            out.append(f"{label} removed (was {_short(a, ratings, key)})")
        elif key == "status":
            out.append(f"status: {a} → {b}")
        else:
            out.append(f"{label}: {_short(a, ratings, key)} → {_short(b, ratings, key)}")
    return out


def _span(d: Mapping[str, Any] | None) -> str:
    if not isinstance(d, Mapping):
        return ""
    return f"characters {d.get('start')}–{d.get('end')}"


def event_words(
    action: str,
    detail: Mapping[str, Any] | None,
    actor: str = "The system",
    ratings: Mapping[str, Any] | None = None,
) -> tuple[str, list[str]]:
    """One history entry in words: a sentence and the changed fields.

    ('Ana submitted a verdict: Mostly false → False', []) or
    ('Ana edited a source', ['title: “Old” → “New”'])."""
    d: Mapping[str, Any] = detail or {}
    before, after = d.get("before"), d.get("after")
    lines: list[str] = []
    if action == "verdict":
        b = before if isinstance(before, Mapping) else {}
        a = after if isinstance(after, Mapping) else {}
        old, new = b.get("rating"), a.get("rating")
        rating = _short(new, ratings, "rating") if new else "no rating"
        if old and old != new:
            rating = f"{_short(old, ratings, 'rating')} → {rating}"
        sentence = f"{actor} saved a verdict: {rating}"
        if b.get("rationale") != a.get("rationale"):
            lines.append("rationale rewritten" if b.get("rationale") else "rationale written")
    elif action in ("adjust-span", "split", "merge"):
        sentence = f"{actor} {_ACTIONS[action]}"
        if isinstance(before, Mapping) and isinstance(after, Mapping):
            lines.append(f"span: {_span(before)} → {_span(after)}")
        if action == "split" and d.get("new_claim"):
            lines.append(f"the rest became claim {d['new_claim']} ({_span(d.get('new'))})")
        if action == "merge" and d.get("merged"):
            sentence = f"{actor} merged claim {d['merged']} into this one"
            moved = d.get("sources_moved") or []
            if moved:
                lines.append(f"{len(moved)} source{'s' if len(moved) != 1 else ''} moved here")
            if d.get("dropped_verdict"):
                lines.append("its verdict was dropped (this claim had one)")
    elif action == "merged-into":
        sentence = f"{actor} merged this claim into claim {d.get('into')}"
    elif action == "create-claim":
        sentence = f"{actor} added the claim ({_span(d)})"
        if d.get("split_from"):
            sentence = f"{actor} split this claim off claim {d['split_from']} ({_span(d)})"
    elif action in ("add-source", "edit-source", "remove-source"):
        source = (
            after if isinstance(after, Mapping) else before if isinstance(before, Mapping) else {}
        )
        title = source.get("title") if isinstance(source, Mapping) else None
        sentence = f"{actor} {_ACTIONS[action]}" + (f": {_short(title)}" if title else "")
        if action == "edit-source":
            lines = changes(
                before if isinstance(before, Mapping) else {},
                after if isinstance(after, Mapping) else {},
                ratings,
            )
        elif action == "add-source" and isinstance(after, Mapping):
            stance = after.get("stance")
            if stance:
                lines.append(f"stance: {stance}")
    elif action == "assign":
        b = (before or {}).get("assignee") if isinstance(before, Mapping) else None
        a = (after or {}).get("assignee") if isinstance(after, Mapping) else None
        if a and b:
            sentence = f"{actor} reassigned the claim: {b} → {a}"
        elif a:
            sentence = f"{actor} assigned the claim to {a}"
        else:
            sentence = (
                f"{actor} took the claim back from {b}"
                if b
                else f"{actor} left the claim unassigned"
            )
    elif action in ("submit", "approve", "return", "dismiss", "restore", "reopen"):
        sentence = f"{actor} {_ACTIONS[action]}"
        if d.get("from") and d.get("to"):
            lines.append(f"status: {d['from']} → {d['to']}")
        for need in ("note", "reason"):
            if d.get(need):
                lines.append(f"{_FIELD_NAMES[need]}: {_short(d[need])}")
    elif action == "import":
        sentence = f"{actor} imported this claim"
        if d.get("from_claim") is not None:
            sentence += f" (claim {d['from_claim']} of the file)"
        if d.get("approval"):
            lines.append(f"approval: {d['approval']}")
        thread = d.get("discussion")
        if isinstance(thread, Mapping) and thread.get("comments"):
            n = thread["comments"]
            said = f"discussion: {n} comment{'s' if n != 1 else ''}"
            authors = [a for a in thread.get("authors") or [] if isinstance(a, str)]
            if authors:
                said += " by " + ", ".join(authors)
            if thread.get("resolved_by"):
                said += f", resolved by {thread['resolved_by']}"
            lines.append(said)
    elif action in ("comment", "edit-comment"):
        b = before if isinstance(before, Mapping) else {}
        a = after if isinstance(after, Mapping) else {}
        sentence = f"{actor} {_ACTIONS[action]}"
        if action == "comment" and d.get("reply_to") is not None:
            sentence += f" in reply to comment {d['reply_to']}"
        if action == "comment":
            lines.append(f"comment: {_short(a.get('body'))}")
        else:
            lines.append(f"comment: {_short(b.get('body'))} → {_short(a.get('body'))}")
        mentions = [m for m in d.get("mentions") or [] if isinstance(m, str)]
        if mentions:
            lines.append("mentioned: " + ", ".join(f"@{m}" for m in mentions))
        if d.get("reopened_thread"):
            lines.append("the resolved discussion was reopened")
    elif action in ("resolve-thread", "reopen-thread"):
        sentence = f"{actor} {_ACTIONS[action]}"
    elif action == "edit-article":
        sentence = f"{actor} edited the article's details"
        lines = changes(
            before if isinstance(before, Mapping) else {},
            after if isinstance(after, Mapping) else {},
            ratings,
        )
    else:
        sentence = f"{actor} {_ACTIONS.get(action, action.replace('-', ' '))}"
        if isinstance(before, Mapping) or isinstance(after, Mapping):
            lines = changes(
                before if isinstance(before, Mapping) else {},
                after if isinstance(after, Mapping) else {},
                ratings,
            )
    if d.get("counts_as_author"):
        lines.append("counts as an author of the verdict (four-eyes)")
    return sentence, lines
