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

from workbench.extraction.budget import checkpoint
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
    _chunks: Chunks | None = None

    def chunks(self) -> Chunks:
        """The text cut into gate-searchable chunks (built once per text)."""
        if self._chunks is None:
            self._chunks = Chunks(self.text)
        return self._chunks

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


_LOWER_BLOCK = 1 << 16


def lower_text(text: str) -> str | None:
    """``text.lower()`` with the same offsets, or None when lowercasing changes the length.

    Lowercased block by block: ``str.lower`` of a non-ASCII string works in a buffer
    several times the string's size, which would dominate the engine's peak memory.
    """
    if len(text) <= _LOWER_BLOCK:
        lower = text.lower()
    else:
        step = _LOWER_BLOCK
        lower = "".join([text[i : i + step].lower() for i in range(0, len(text), step)])
    return lower if len(lower) == len(text) else None


#: What a rule needs somewhere in a line before its pattern can match there: words (any
#: of them, as lowercase substrings) or a compiled pattern searched in the lowercase text.
Gates = tuple[str, ...] | re.Pattern[str]

_GATE_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _gate_pattern(gates: Gates) -> re.Pattern[str]:
    if isinstance(gates, re.Pattern):
        return gates
    pattern = _GATE_PATTERNS.get(gates)
    if pattern is None:
        pattern = re.compile(literal_trie(gates))
        _GATE_PATTERNS[gates] = pattern
    return pattern


class Chunks:
    """A text cut into lines once, with one lowercase copy to look gate words up in.

    ``holding(gates)`` returns the stretches of text worth running a rule on: the lines
    holding a gate, found with one regex pass over the whole lowercase text (jumping to
    the next line after each hit), and neighbouring hit lines joined into one stretch so
    that a rule costs one ``finditer`` per stretch, not one per line. Patterns never
    match across a line break, so a stretch of whole lines reads like each of its lines.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # lower() changes the length of a few rare characters ("İ"): then look up line by line
        self.lower = lower_text(text)
        self._cache: dict[object, list[tuple[int, int]]] = {}

    def holding(self, gates: Gates) -> list[tuple[int, int]]:
        """(start, end) stretches of whole lines that hold a gate, in text order."""
        key = gates.pattern if isinstance(gates, re.Pattern) else gates
        found = self._cache.get(key)
        if found is None:
            found = self._scan(gates)
            self._cache[key] = found
        return found

    def _scan(self, gates: Gates) -> list[tuple[int, int]]:
        text, lower = self.text, self.lower
        search = _gate_pattern(gates).search
        size = len(text)
        runs: list[tuple[int, int]] = []
        if lower is None:
            pos = 0
            while pos <= size:
                end = text.find("\n", pos)
                end = size if end < 0 else end
                if search(text[pos:end].lower()):
                    _add_line(runs, text, pos, end)
                pos = end + 1
            return runs
        pos = 0
        while True:
            m = search(lower, pos)
            if m is None:
                break
            hit = m.start()
            start = text.rfind("\n", 0, hit) + 1
            end = text.find("\n", m.end() if m.end() > hit else hit + 1)
            end = size if end < 0 else end
            _add_line(runs, text, start, end)
            pos = end + 1
        return runs


def _add_line(runs: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append a line to the stretches, joining it to the last one across blank lines."""
    if runs and not text[runs[-1][1] : start].strip("\n"):
        runs[-1] = (runs[-1][0], end)
    else:
        runs.append((start, end))


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, what to make of its matches, and words without which it cannot match."""

    pattern: re.Pattern[str]
    handler: Callable[[re.Match[str], Context], Candidate | None]
    gates: Gates


def run_rules(ctx: Context, rules: tuple[Rule, ...]) -> Iterator[Candidate]:
    """Candidates of every rule, each run only on the lines that hold one of its gates.

    Candidates come rule by rule, each rule's in text order.
    """
    text = ctx.text
    chunked = ctx.chunks()
    for rule in rules:
        handler = rule.handler
        finditer = rule.pattern.finditer
        for start, end in chunked.holding(rule.gates):
            for m in finditer(text, start, end):
                checkpoint()
                found = handler(m, ctx)
                if found is not None:
                    yield found


def literal_trie(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex matching any of ``words`` (literals), factored by common prefixes.

    A flat alternation makes the regex engine try every word at every candidate position;
    the factored form tries one branch per distinct first character. Longer words win
    over their own prefixes, as in a longest-first alternation.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)
