"""Dates read against the publication date: "last November", "on Tuesday", "next week", "Q3"."""

from __future__ import annotations

import datetime as dt
import re

from workbench.extraction.timebase import (
    MOD,
    MONTH_FULL,
    MONTH_NUMBER,
    MONTHS,
    S0,
    S1,
    WEEKDAY_NUMBER,
    Candidate,
    Context,
    Rule,
    add_months,
    iso_week,
    previous_word,
    relative_value,
    resolve_yearless,
    weekday_date,
    year_group,
)

_REL_WORDS = (
    rf"last|next|this{S1}past|this{S1}coming|this|coming|past|previous|following"
    rf"|current"
)
_REL = rf"(?P<rel>{_REL_WORDS})"
_PART = rf"(?:{S1}(?P<part>morning|afternoon|evening|night))?"

_REL_MONTH = re.compile(rf"\b(?:the{S1})?{_REL}{S1}(?P<mon>{MONTH_FULL})\b", re.IGNORECASE)
_WEEKDAY = re.compile(
    rf"\b{MOD}?(?:{_REL}{S1})?"
    rf"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b{_PART}",
    re.IGNORECASE,
)
_DEICTIC = re.compile(
    rf"\b(?:(?P<mod>earlier|later|early|late){S1})?"
    rf"(?P<word>today|yesterday|tomorrow|tonight|last{S1}night|this{S1}(?:morning|afternoon|"
    rf"evening)|the{S1}day{S1}(?:before{S1}yesterday|after{S1}tomorrow))\b{_PART}",
    re.IGNORECASE,
)
_REL_UNIT = re.compile(
    rf"\b{MOD}?(?P<the>the{S1})?(?:(?P<early>earlier|later){S1}(?:in{S1})?)?{_REL}{S1}"
    rf"(?P<fiscal>fiscal{S1})?(?P<unit>week|weekend|month|year|quarter|decade|century)\b",
    re.IGNORECASE,
)
_THE_YEAR = re.compile(
    rf"\b{MOD}the{S1}(?:(?P<fiscal>fiscal|financial|calendar){S1})?year\b", re.IGNORECASE)
_SAME_PERIOD = re.compile(
    rf"\bthe{S1}same{S1}(?:period|month|quarter|week|time|season){S1}(?:(?:of|in|as){S1})?"
    rf"(?:last{S1}year|the{S1}previous{S1}year|a{S1}year{S1}(?:ago|earlier|before))",
    re.IGNORECASE,
)
_ORD = r"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
_QUARTER = re.compile(
    rf"\b(?:(?P<the>the){S1})?(?:(?P<fq>fiscal){S1})?{_ORD}(?:{S1}|-)(?P<qh>quarter|half)"
    rf"(?:{S1}(?:of{S1}|in{S1})?(?:(?:the{S1})?(?:fiscal{S1})?(?:year{S1})?{year_group('year')}"
    rf"|(?P<yrel>this|last|next|the{S1}current|the{S1}previous){S1}(?:fiscal{S1})?year"
    rf"|the{S1}(?:fiscal{S1})?year))?\b",
    re.IGNORECASE,
)
_Q_SHORT = re.compile(
    rf"\b(?P<qh>[QH])(?P<n>[1-4])(?:{S0}(?:of{S1})?{year_group('year')})?\b|"
    rf"\b{year_group('year2')}{S0}(?P<qh2>[QH])(?P<n2>[1-4])\b"
)
_SEASON = re.compile(
    rf"\b(?:(?P<lead>{_REL_WORDS}|early|late|mid|the){S1}|mid-)?"
    rf"(?P<season>spring|summer|autumn|fall|winter)"
    rf"(?:{S1}(?:of{S1})?{year_group('year')})?\b",
    re.IGNORECASE,
)

_SEASON_CODE = {
    "spring": ("SP", 3),
    "summer": ("SU", 6),
    "autumn": ("FA", 9),
    "fall": ("FA", 9),
    "winter": ("WI", 12),
}
_ORD_NUMBER = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}
_SHIFT = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this past": -1,
    "next": 1,
    "coming": 1,
    "this coming": 1,
    "following": 1,
    "this": 0,
    "current": 0,
}


def _rel(m: re.Match[str]) -> str:
    return " ".join(m.group("rel").lower().split()) if m.group("rel") else ""


def _rel_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    rel, month = _rel(m), MONTH_NUMBER[m.group("mon").lower()]
    if rel == "current" or not m.group("mon")[0].isupper():
        return None
    pub, iso = ctx.published, None
    if pub is not None:
        year = pub.year
        if _SHIFT[rel] < 0 and month >= pub.month:
            year -= 1
        elif _SHIFT[rel] > 0 and month <= pub.month:
            year += 1
        iso = f"{year:04d}-{month:02d}"
    return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso))


def _weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not m.group("wd")[0].isupper() or _rel(m) == "current":
        return None
    day = weekday_date(ctx, *m.span(), WEEKDAY_NUMBER[m.group("wd").lower()], _rel(m))
    iso = day.isoformat() if day else None
    return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso))


def _deictic(m: re.Match[str], ctx: Context) -> Candidate | None:
    word = " ".join(m.group("word").lower().split())
    offset = {
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }.get(word, 0)
    iso = None
    if ctx.published is not None:
        iso = (ctx.published + dt.timedelta(days=offset)).isoformat()
    return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso))


def _shifted(pub: dt.date, unit: str, shift: int) -> str:
    """ISO label of the calendar unit `shift` steps away from the one holding pub."""
    if unit in ("week", "weekend"):
        label = iso_week(pub + dt.timedelta(weeks=shift))
        return label + "-WE" if unit == "weekend" else label
    if unit == "month":
        year, month = add_months(pub.year, pub.month, shift)
        return f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, month = add_months(pub.year, pub.month, 3 * shift)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        first = (pub.year // 10 + shift) * 10
        return f"{first}/{first + 9}"
    if unit == "century":
        first = (pub.year // 100 + shift) * 100
        return f"{first}/{first + 99}"
    return f"{pub.year + shift:04d}"


def _rel_unit(m: re.Match[str], ctx: Context) -> Candidate | None:
    rel, unit = _rel(m), m.group("unit").lower()
    if m.group("the") and rel in ("next", "past", "coming"):
        return None  # "over the next year", "the past decade": durations
    if rel == "past" or (unit in ("decade", "century") and rel in ("last", "previous")):
        return None
    iso = _shifted(ctx.published, unit, _SHIFT[rel]) if ctx.published else None
    extra = {"fiscal": True} if m.group("fiscal") else {}
    return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso, **extra))


def _the_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    iso = f"{ctx.published.year:04d}" if ctx.published else None
    fiscal = (m.group("fiscal") or "").lower() in ("fiscal", "financial")
    extra = {"fiscal": True} if fiscal else {}
    return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso, **extra))


def _same_period(m: re.Match[str], ctx: Context) -> Candidate | None:
    iso = f"{ctx.published.year - 1:04d}" if ctx.published else None
    return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso))


def _quarter_value(ctx: Context, start: int, end: int, kind: str, n: int, year: int | None) -> dict:
    """ISO-style quarter ("2009-Q1") or half ("2024-H1"); a yearless one takes the usual rule."""
    if year is None and ctx.published is not None:
        first_month = (n - 1) * (3 if kind == "Q" else 6) + 1
        year = resolve_yearless(ctx, start, end, first_month, None)
    iso = None if year is None else f"{year:04d}-{kind}{n}"
    return relative_value(ctx, start, end, iso)


def _quarter(m: re.Match[str], ctx: Context) -> Candidate | None:
    kind = "Q" if m.group("qh").lower() == "quarter" else "H"
    ord_, year_word = m.group("ord").lower(), m.group("yrel")
    has_year = m.group("year") or year_word or m.group(0).lower().rstrip().endswith("year")
    if kind == "H" and not has_year:
        return None  # "the second half" of a match, a book, a speech ...
    if kind == "Q" and not (m.group("the") or has_year or "-" in m.group(0)):
        return None
    pub = ctx.published
    year: int | None = int(m.group("year")) if m.group("year") else None
    if year is None and year_word and pub is not None:
        shift = {"last": -1, "next": 1, "previous": -1}
        year = pub.year + shift.get(year_word.split()[-1].lower(), 0)
    elif year is None and has_year and pub is not None:
        year = pub.year
    if ord_ == "last" and not has_year:
        iso = _shifted(pub, "quarter" if kind == "Q" else "year", -1) if pub else None
        return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso))
    n = _ORD_NUMBER.get(ord_, 4 if kind == "Q" else 2)
    if kind == "H" and n > 2:
        return None
    value = _quarter_value(ctx, m.start(), m.end(), kind, n, year)
    if m.group("fq") or "fiscal" in m.group(0).lower():
        value["fiscal"] = True
    return Candidate(m.start(), m.end(), "date", value)


def _q_short(m: re.Match[str], ctx: Context) -> Candidate | None:
    kind = (m.group("qh") or m.group("qh2")).upper()
    n = int(m.group("n") or m.group("n2"))
    year_text = m.group("year") or m.group("year2")
    if kind == "H" and n > 2:
        return None
    year = int(year_text) if year_text else None
    if kind == "H" and year is None:
        return None  # "H1" alone is as often a heading or a virus as a half-year
    return Candidate(
        m.start(), m.end(), "date", _quarter_value(ctx, m.start(), m.end(), kind, n, year)
    )


def _season(m: re.Match[str], ctx: Context) -> Candidate | None:
    season, lead = m.group("season").lower(), (m.group("lead") or "").lower()
    lead = " ".join(lead.split())
    code, first_month = _SEASON_CODE[season]
    before = ctx.text[max(0, m.start("season") - 2) : m.start("season")].strip()
    if m.group("season")[0].isupper() and not m.group("year") and before not in ("", "."):
        return None  # "Summer Olympics", "Arab Spring": names
    if not (m.group("year") or lead or m.group("season").islower()):
        return None
    if not lead and previous_word(ctx.text, m.start()) in ("a", "an", "hot", "cold", "mineral"):
        return None  # "a spring", "hot spring": not the season
    if season == "fall" and not (m.group("year") or lead in _SHIFT or lead in ("early", "late")):
        return None
    if lead == "the" and not m.group("year"):
        return None
    pub, year = ctx.published, None
    if m.group("year"):
        year = int(m.group("year"))
    elif pub is not None:
        shift = _SHIFT.get(lead)
        # each candidate season as (year label, first day, first day after it)
        spans = [
            (y, dt.date(y, first_month, 1), dt.date(*add_months(y, first_month, 3), 1))
            for y in range(pub.year - 2, pub.year + 2)
        ]
        if shift is None:
            year = resolve_yearless(ctx, m.start(), m.end(), first_month, None)
        elif shift < 0:
            year = max(y for y, _, end in spans if end <= pub)
        elif shift > 0:
            year = min(y for y, begin, _ in spans if begin > pub)
        else:
            year = min(y for y, _, end in spans if end > pub)
    iso = None if year is None else f"{year:04d}-{code}"
    return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso))


RULES: tuple[Rule, ...] = (
    Rule(_REL_MONTH, _rel_month, MONTHS),
    Rule(_WEEKDAY, _weekday, ("day",)),
    Rule(_DEICTIC, _deictic, ("today", "yesterday", "tomorrow", "night", "morning", "afternoon",
                              "evening")),
    Rule(_REL_UNIT, _rel_unit, ("week", "month", "year", "quarter", "decade", "century")),
    Rule(_THE_YEAR, _the_year, ("year",)),
    Rule(_SAME_PERIOD, _same_period, ("same",)),
    Rule(_QUARTER, _quarter, ("quarter", "half")),
    Rule(_Q_SHORT, _q_short, ("q1", "q2", "q3", "q4", "h1", "h2")),
    Rule(_SEASON, _season, ("spring", "summer", "autumn", "fall", "winter")),
)
