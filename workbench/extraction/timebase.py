"""Shared pieces of the temporal finder: regex fragments, calendar arithmetic and tense cues.

Every regex fragment here uses bounded quantifiers only, so a pattern built from them
costs a constant amount of work per start position and `finditer` stays linear.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from workbench.extraction.tense import guess_tense, word_set

SP = r"[ \u00a0\u2009\u202f]"  # one space, including the no-break and thin spaces
S1 = SP + "{1,2}"
S0 = SP + "{0,2}"
DASH = r"[-\u2010\u2011\u2012\u2013\u2014]"

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_NUMBER = {name: i + 1 for i, name in enumerate(MONTHS)}
MONTH_NUMBER.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NUMBER = {name: i for i, name in enumerate(WEEKDAYS)}
WEEKDAY_NUMBER.update(
    {
        "mon": 0,
        "tue": 1,
        "tues": 1,
        "wed": 2,
        "thu": 3,
        "thur": 3,
        "thurs": 3,
        "fri": 4,
        "sat": 5,
        "sun": 6,
    }
)

MONTH_FULL = "|".join(MONTHS)
MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"


def month_group(name: str) -> str:
    """Regex for a month name (full, or abbreviated with an optional period) as group `name`."""
    return rf"\b(?P<{name}>(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))"


def weekday_group(name: str) -> str:
    """Regex for a weekday name (full, or abbreviated with a period) as group `name`."""
    full = "|".join(WEEKDAYS)
    return rf"\b(?P<{name}>(?:{full})\b|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.)"


def day_group(name: str) -> str:
    """Regex for a day of the month (1-31, optional ordinal suffix), not part of a bigger number."""
    return (
        rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
        r"(?!\d|[.,:]\d|%|" + SP + r"?(?:percent|per cent|million|billion)\b)"
    )


def year_group(name: str) -> str:
    """Regex for a four-digit year 1000-2199, not part of a bigger number."""
    return rf"(?P<{name}>1\d{{3}}|2[01]\d\d)(?![\d]|[.,]\d)"


#: Modifiers that keep a date's value but belong in its span ("early 2009", "the end of May").
MOD = (
    rf"(?P<mod>(?:early|late|mid){DASH}?{S0}(?=\w)|(?:the{S1})?(?:very{S1})?"
    rf"(?:beginning|start|end|middle|rest|remainder|first{S1}half|second{S1}half|"
    rf"(?:first|second|third|fourth|last|final){S1}(?:few{S1})?(?:week|weekend|days?|weeks)"
    rf"){S1}of{S1})"
)

#: A time zone after a clock time ("UTC", "GMT +8", "EDT", "ET").
ZONE = (
    rf"(?:UTC|GMT|[ECMP][SD]T|[ECMP]T|BST|CET|CEST|JST|AEST|AEDT)"
    rf"(?:{S0}[+\u2212-]{S0}\d{{1,2}}(?::?[0-5]\d)?)?"
)
_AMPM = r"(?:[ap]\.m\.?|[ap]m\b)"

#: A time of day that may lead or trail a date ("12:00 UTC Monday", "Tuesday at 5 p.m.").
TIME = (
    rf"(?:(?:(?:[01]?\d|2[0-3]):[0-5]\d(?!:?\d)(?:{S0}{_AMPM})?|(?:1[0-2]|0?[1-9])"
    rf"(?:\.[0-5]\d)?{S0}{_AMPM}|noon|midnight)"
    rf"(?:{S1}{ZONE}\b|{S0}\({S0}{ZONE}{S0}\)|{S1}local{S1}time\b)?"
    rf"|(?:[01]\d|2[0-3])[0-5]\d{S1}(?:UTC|GMT)\b)"
)
_CLOCK = re.compile(r"(?P<h>\d\d?)(?:[:.]?(?P<m>[0-5]\d))?(?:\s*(?P<ap>[ap])\.?m)?", re.IGNORECASE)


def clock_of(time: str) -> str | None:
    """24-hour "HH:MM" of a time of day written as TIME matches it ("6:40 p.m." -> "18:40")."""
    low = time.lower()
    if low.startswith("noon"):
        return "12:00"
    if low.startswith("midnight"):
        return "00:00"
    m = _CLOCK.match(time)
    if not m:
        return None
    hour, minute = int(m.group("h")), int(m.group("m") or 0)
    if m.group("ap"):
        hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 else None


class Candidate(NamedTuple):
    """A figure found by one rule, before overlaps between rules are resolved."""

    start: int
    end: int
    category: str
    value: dict[str, Any]
    nested_ok: bool = False  # may overlap figures of the other category ("two years ago")
    # read against a nearby date once all dates are known: ("day", shift), ("year", shift),
    # ("month", shift), ("week", shift), ("same", unit) or ("time", "HH:MM")
    anchor: tuple[str, Any] | None = None


@dataclass
class Context:
    """The text being read, its publication date and cached tense look-ups."""

    text: str
    published: dt.date | None
    _tense: dict[int, str] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> str | None:
        """Guess "future" or "past" for the clause around text[start:end]; None when unsure."""
        if start not in self._tense:
            self._tense[start] = guess_tense(self.text, start, end)
        return self._tense[start]


def previous_word(text: str, pos: int) -> str:
    """The lowercase word ending just before pos (skipping spaces), or "" at a boundary."""
    m = _PREV_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


_PREV_WORD = re.compile(r"([A-Za-z]+(?:'s)?)[ \u00a0\u2009\u202f,]{0,3}$")
_NEXT_WORD = re.compile(r"[ \u00a0\u2009\u202f]{1,3}([A-Za-z][A-Za-z'\u2019]*)")


def next_word(text: str, pos: int) -> str:
    """The word starting just after pos (after spaces), as written, or ""."""
    m = _NEXT_WORD.match(text, pos, pos + 40)
    return m.group(1) if m else ""


#: Words that may follow a phrase without extending it ("at Christmas, when", "the day before he").
_PHRASE_FOLLOWERS = word_set(
    "and or but nor when while as so then too again already also he she they it we i you "
    "there was were is are will would had has have did said says in at on with to"
)
_FOLLOWER = re.compile(r"[ \u00a0\u2009\u202f]{0,3}(?:$|[^\w\s]|\n|([a-z]+)\b)")


def ends_phrase(text: str, pos: int) -> bool:
    """Whether the noun phrase ending at pos stops there (punctuation, or a clause word follows)."""
    m = _FOLLOWER.match(text, pos, pos + 40)
    return bool(m) and (m.group(1) is None or m.group(1) in _PHRASE_FOLLOWERS)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Shift a (year, month) pair by delta months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (February 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_week(day: dt.date) -> str:
    """ISO week label of a day, e.g. "2024-W18"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def resolve_yearless(ctx: Context, start: int, end: int, month: int, day: int | None) -> int | None:
    """Year of a date written without one: the publication year unless tense says otherwise."""
    pub = ctx.published
    if pub is None:
        return None
    year = pub.year
    tense = ctx.tense(start, end)
    if day is None:
        after = month > pub.month
        gap = (month - pub.month) * 30
    else:
        candidate = safe_date(year, month, day) or dt.date(year, month, 28)
        after = candidate > pub
        gap = (candidate - pub).days
    if after and (tense == "past" or tense is None and gap > 92):
        return year - 1
    if not after and (tense == "future" and gap < -45 or tense is None and gap < -273):
        return year + 1  # "on January 5" in a December article, with nothing saying it is past
    return year


def weekday_date(ctx: Context, start: int, end: int, weekday: int, rel: str) -> dt.date | None:
    """The day a weekday name points to, relative to publication ("last", "next" or tense)."""
    pub = ctx.published
    if pub is None:
        return None
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if rel in ("last", "past", "this past", "previous"):
        return pub - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming", "following"):
        return pub + dt.timedelta(days=ahead or 7)
    if ctx.tense(start, end) == "future":
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


def relative_value(ctx: Context, start: int, end: int, iso: str | None, **extra: Any) -> dict:
    """A date value; without a publication date a relative one keeps its words instead."""
    if iso is None:
        return {"date": None, "relative": ctx.text[start:end], **extra}
    return {"date": iso, **extra}


_CHUNK = 256


def chunks(text: str) -> Iterator[tuple[int, int, str]]:
    """Runs of whole lines of about _CHUNK characters: (start, end, lowercased text)."""
    pos, size = 0, len(text)
    while pos < size:
        end = text.find("\n", min(pos + _CHUNK, size))
        end = size if end < 0 else end
        yield pos, end, text[pos:end].lower()
        pos = end + 1


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, what to make of its matches, and words without which it cannot match."""

    pattern: re.Pattern[str]
    handler: Callable[[re.Match[str], Context], Candidate | None]
    gates: tuple[str, ...]


def run_rules(ctx: Context, rules: tuple[Rule, ...]) -> Iterator[Candidate]:
    """Candidates of every rule, each run only on the chunks that hold one of its gate words."""
    text = ctx.text
    for start, end, lower in chunks(text):
        for rule in rules:
            if any(gate in lower for gate in rule.gates):
                for m in rule.pattern.finditer(text, start, end):
                    found = rule.handler(m, ctx)
                    if found is not None:
                        yield found
