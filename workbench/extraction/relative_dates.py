"""Dates read against the publication date: "last November", "on Tuesday", "next week", "Q3"."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from workbench.extraction.tense import word_set
from workbench.extraction.timebase import (
    DASH,
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
    ends_phrase,
    iso_week,
    previous_word,
    relative_value,
    resolve_yearless,
    safe_date,
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
    rf"\b(?:{MOD}the|the{S1}(?P<whole>entire|full|whole))"
    rf"{S1}(?:(?P<fiscal>fiscal|financial|calendar){S1})?year\b(?!{S0}{DASH}|{S1}(?:of{S1})?\d)",
    re.IGNORECASE,
)
_SAME_PERIOD = re.compile(
    rf"\bthe{S1}same{S1}(?P<unit>period|month|quarter|week|time|season){S1}(?:(?:of|in|as){S1})?"
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

_YEAR_BEFORE = re.compile(
    rf"\bthe{S1}year{S1}(?:before|previous|prior|earlier)\b(?P<last>{S1}last\b)?", re.IGNORECASE
)
_DAY_AROUND = re.compile(
    rf"\bthe{S1}(?:(?P<rel>next|following|previous|prior){S1}day|day{S1}(?P<ba>before|after))\b"
    rf"(?!{S1}(?:yesterday|tomorrow)\b)",
    re.IGNORECASE,
)
_HOLIDAY = re.compile(
    rf"\b(?:(?i:(?:the{S1})?{_REL}){S1})?(?P<name>Christmas(?:{S1}(?:Day|Eve))?|"
    rf"New{S1}Year['\u2019]s(?:{S1}(?:Day|Eve))?|Boxing{S1}Day|Halloween|"
    rf"Valentine['\u2019]s{S1}Day|St\.?{S1}Patrick['\u2019]s{S1}Day)"
    rf"(?:,?{S1}{year_group('year')})?\b"
)
_WEEKEND = re.compile(
    rf"\b(?:over|during|at|on|through|throughout|until|till|since|by){S1}"
    rf"(?P<span>the{S1}weekend)\b(?![-\u2010\u2011])",
    re.IGNORECASE,
)
_WEEKEND_OF = re.compile(rf"{S1}(?:of|before|after|prior|following|when)\b", re.IGNORECASE)

_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's": (1, 1),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "st patrick's day": (3, 17),
}
_BARE_HOLIDAYS = frozenset({"christmas", "new year's", "halloween"})
_HOLIDAY_PREPS = word_set(
    "on at by before after until till since over around for through during from to"
)
_OTHER_NEW_YEARS = word_set(
    "lunar chinese jewish persian islamic hindu vietnamese korean tibetan iranian hijri"
)
#: Words before "the next day" that make it a stretch of time rather than a date.
_DURATION_PREPS = word_set("over within in during for throughout through")
_ANCHORED_UNITS = frozenset({"year", "month", "week"})

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
    value = relative_value(ctx, *m.span(), iso, **extra)
    anchor = None
    if m.group("the") and rel in ("previous", "following") and unit in _ANCHORED_UNITS:
        anchor = (unit, _SHIFT[rel])  # "in 2005 ... the following year": 2006, not publication + 1
    return Candidate(m.start(), m.end(), "date", value, anchor=anchor)


def _the_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not m.group("mod") and not m.group("whole"):
        return None
    iso = f"{ctx.published.year:04d}" if ctx.published else None
    fiscal = (m.group("fiscal") or "").lower() in ("fiscal", "financial")
    extra = {"fiscal": True} if fiscal else {}
    value = relative_value(ctx, *m.span(), iso, **extra)
    # "the end of the year", "the entire year": the year last named in the sentence, if any
    return Candidate(m.start(), m.end(), "date", value, anchor=("year", 0))


def _same_period(m: re.Match[str], ctx: Context) -> Candidate | None:
    iso = f"{ctx.published.year - 1:04d}" if ctx.published else None
    unit = m.group("unit").lower()
    # "sales rose in February from the same period last year": February of the year before
    return Candidate(
        m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso), anchor=("same", unit)
    )


def _year_before(m: re.Match[str], ctx: Context) -> Candidate | None:
    if m.group("last"):  # "the year before last": two years before publication
        iso = f"{ctx.published.year - 2:04d}" if ctx.published else None
        return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), iso))
    if not ends_phrase(ctx.text, m.end()):
        return None  # "the year before the election": read against an event, not a date
    iso = f"{ctx.published.year - 1:04d}" if ctx.published else None
    value = relative_value(ctx, *m.span(), iso)
    return Candidate(m.start(), m.end(), "date", value, anchor=("year", -1))


def _day_around(m: re.Match[str], ctx: Context) -> Candidate | None:
    word = (m.group("rel") or m.group("ba")).lower()
    if m.group("ba") and not ends_phrase(ctx.text, m.end()):
        return None  # "the day after the vote": read against an event, not a date
    if previous_word(ctx.text, m.start()) in _DURATION_PREPS:
        return None  # "within the next day": a duration
    shift = -1 if word in ("previous", "prior", "before") else 1
    # only a date written nearby tells which day: without one nothing is emitted
    return Candidate(m.start(), m.end(), "date", {"date": None}, anchor=("day", shift))


def _holiday(m: re.Match[str], ctx: Context) -> Candidate | None:
    name = " ".join(m.group("name").replace("\u2019", "'").split())
    key = name.lower().replace("st. ", "st ")
    month, day = _HOLIDAYS[key]
    rel, year_text = _rel(m), m.group("year")
    before = previous_word(ctx.text, m.start())
    if before in _OTHER_NEW_YEARS and key.startswith("new year"):
        return None  # "Lunar New Year's Day" moves with the moon
    # "at Christmas", "since Halloween"; not "Christmas sales", "a Christmas tree"
    bare = key in _BARE_HOLIDAYS and not (rel or year_text)
    if bare and (before not in _HOLIDAY_PREPS or not ends_phrase(ctx.text, m.end("name"))):
        return None
    if rel == "current":
        return None
    pub, iso = ctx.published, None
    if year_text:
        iso = safe_date(int(year_text), month, day)
    elif pub is not None and rel:
        shift = _SHIFT[rel]
        this = safe_date(pub.year, month, day)
        if shift < 0:
            iso = this if this < pub else safe_date(pub.year - 1, month, day)
        elif shift > 0:
            iso = this if this > pub else safe_date(pub.year + 1, month, day)
        else:
            iso = this
    elif pub is not None:
        iso = safe_date(resolve_yearless(ctx, m.start(), m.end(), month, day), month, day)
    text = iso.isoformat() if iso else None
    return Candidate(m.start(), m.end(), "date", relative_value(ctx, *m.span(), text))


def _weekend(m: re.Match[str], ctx: Context) -> Candidate | None:
    if _WEEKEND_OF.match(ctx.text, m.end(), m.end() + 12):
        return None  # "the weekend of May 4", "the weekend before the vote"
    start, end, pub, iso = m.start("span"), m.end(), ctx.published, None
    if pub is not None:
        saturday = pub + dt.timedelta(days=5 - pub.weekday())  # this week's Saturday
        if pub.weekday() < 5 and ctx.tense(start, end) != "future":
            saturday -= dt.timedelta(weeks=1)  # "over the weekend", written on a weekday
        iso = iso_week(saturday) + "-WE"
    return Candidate(start, end, "date", relative_value(ctx, start, end, iso))


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


_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*[ \u00a0]+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n")
_ABBREVIATED = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Inc|Corp|Co|Ltd|No|vs|Gen|Gov|"
    r"Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$"
)
_LOOK_BACK = 8  # dates looked at for an anchor, so a crowded sentence stays cheap
_PERIOD_LABEL = re.compile(r"^(\d{4})(-(?:\d\d|Q[1-4]|H[12]|SP|SU|FA|WI))$")


def _sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of text (a light split that skips "U.S." and "Jan.")."""
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        if m.group(0) != "\n" and _ABBREVIATED.search(text, max(0, m.start() - 5), m.start() + 1):
            continue
        starts.append(m.end())
    return starts


def _day_of(iso: str | None, late: bool) -> dt.date | None:
    """The day of a day-precision date value (an interval's first or, when late, last day)."""
    if not isinstance(iso, str):
        return None
    part = iso.split("/")[-1 if late else 0][:10]
    try:
        return dt.date.fromisoformat(part) if len(part) == 10 else None
    except ValueError:
        return None


def _year_of(iso: str | None, late: bool) -> int | None:
    if not isinstance(iso, str) or not iso[:4].isdigit():
        return None
    part = iso.split("/")[-1 if late else 0]
    return int(part[:4]) if part[:4].isdigit() else None


def _from_anchor(kind: str, arg, iso: str | None) -> str | None:
    """The value an anchored phrase takes from the date iso it is read against, or None."""
    if kind in ("day", "time"):
        shift = arg if kind == "day" else 0
        day = _day_of(iso, shift > 0)
        if day is None:
            return None
        day += dt.timedelta(days=shift)
        return day.isoformat() if kind == "day" else f"{day.isoformat()}T{arg}"
    if kind == "year":
        if arg == 0 and "/" in (iso or ""):
            return None
        year = _year_of(iso, arg > 0)
        return None if year is None else f"{year + arg:04d}"
    if kind == "month":
        if not (isinstance(iso, str) and len(iso) >= 7 and iso[4] == "-" and iso[5:7].isdigit()):
            return None
        part = iso.split("/")[-1 if arg > 0 else 0]
        year, month = add_months(int(part[:4]), int(part[5:7]), arg)
        return f"{year:04d}-{month:02d}"
    if kind == "week":
        day = _day_of(iso, arg > 0)
        return None if day is None else iso_week(day + dt.timedelta(weeks=arg))
    if kind == "same":  # "the same period last year": the period named before, a year earlier
        label = _PERIOD_LABEL.match(iso or "")
        if not label or (arg == "month" and not label.group(2)[1:].isdigit()):
            return None
        if arg == "quarter" and not label.group(2).startswith("-Q"):
            return None
        return f"{int(label.group(1)) - 1:04d}{label.group(2)}"
    return None


def _anchored(
    ctx: Context, dates: list[Candidate], out: list[Candidate], starts: list[int], i: int
) -> str | None:
    """The value dates[i] takes from the date it is read against (resolved ones are in out)."""
    c = dates[i]
    kind, arg = c.anchor
    n = bisect_right(starts, c.start) - 1
    back_one = kind in ("day", "year", "month", "week") and arg != 0 and n > 0
    reach = starts[n - 1] if back_one else starts[n]
    for prior in reversed(out[-_LOOK_BACK:]):
        if prior.start < reach:
            break
        found = _from_anchor(kind, arg, prior.value.get("date"))
        if found:
            return found
    if kind != "time":
        return None
    stop = starts[n + 1] if n + 1 < len(starts) else len(ctx.text)
    for later in dates[i + 1 : i + 1 + _LOOK_BACK]:
        if later.start >= stop:
            break
        found = None if later.anchor else _from_anchor(kind, arg, later.value.get("date"))
        if found:
            return found
    # the event's day named in the two sentences before ("struck the plant on March 11. The
    # strike began at 1:30 A.M."), nearest first
    reach = starts[max(0, n - _TIME_REACH)]
    for prior in reversed(out[-_LOOK_BACK:]):
        if prior.start < reach:
            break
        found = _from_anchor(kind, arg, prior.value.get("date"))
        if found:
            return found
    return _FromPublication(f"{ctx.published.isoformat()}T{arg}") if ctx.published else None


class _FromPublication(str):
    """A time of day placed on the publication day for want of a day in the text."""


#: How many sentences before its own a time of day looks for the day it happened.
_TIME_REACH = 2


def resolve_anchors(ctx: Context, dates: list[Candidate]) -> list[Candidate]:
    """Values of anchored phrases from the date they are read against; unanchored days dropped.

    A time of day takes the day named in its sentence (before it, else after it), else the
    nearest day named in the two sentences before, else the publication day (marked
    ``"anchored_to": "publication"``); "the next day" and "the following year" take the
    nearest date before them in their sentence or the one before; "the end of the year" and
    "the same period last year" the nearest date before them in their sentence.
    """
    if not any(c.anchor for c in dates):
        return dates
    starts = _sentence_starts(ctx.text)
    out: list[Candidate] = []
    for i, c in enumerate(dates):
        if c.anchor is None:
            out.append(c)
            continue
        kind, arg = c.anchor
        try:
            found = _anchored(ctx, dates, out, starts, i)
        except (OverflowError, ValueError):  # a day shifted past the calendar's end
            found = None
        if found is None and kind == "day":
            continue  # "the next day" with no day written before it: which day is unknown
        value = dict(c.value)
        if found is not None:
            value["date"] = str(found)
            value.pop("relative", None)
            if isinstance(found, _FromPublication):
                value["anchored_to"] = "publication"  # no day in the text: said so
        elif value.get("date") is None:
            value.update(relative_value(ctx, c.start, c.end, None))
        out.append(c._replace(value=value, anchor=None))
    return out


RULES: tuple[Rule, ...] = (
    Rule(_REL_MONTH, _rel_month, MONTHS),
    Rule(_WEEKDAY, _weekday, ("day",)),
    Rule(
        _DEICTIC,
        _deictic,
        ("today", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"),
    ),
    Rule(_REL_UNIT, _rel_unit, ("week", "month", "year", "quarter", "decade", "century")),
    Rule(_THE_YEAR, _the_year, ("year",)),
    Rule(_SAME_PERIOD, _same_period, ("same",)),
    Rule(_QUARTER, _quarter, ("quarter", "half")),
    Rule(_Q_SHORT, _q_short, ("q1", "q2", "q3", "q4", "h1", "h2")),
    Rule(_SEASON, _season, ("spring", "summer", "autumn", "fall", "winter")),
    Rule(_YEAR_BEFORE, _year_before, ("year",)),
    Rule(_DAY_AROUND, _day_around, ("day",)),
    Rule(
        _HOLIDAY, _holiday, ("christmas", "new year", "boxing", "halloween", "valentine", "patrick")
    ),
    Rule(_WEEKEND, _weekend, ("weekend",)),
)
