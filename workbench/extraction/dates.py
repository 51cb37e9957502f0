"""Calendar dates written with month names, numbers or years: "May 1, 2024", "in 2008", "FY2023"."""

from __future__ import annotations

import re

from workbench.extraction.tense import word_set
from workbench.extraction.timebase import (
    DASH,
    MOD,
    MONTH_FULL,
    MONTH_NUMBER,
    S0,
    S1,
    SP,
    WEEKDAY_NUMBER,
    WEEKDAYS,
    Candidate,
    Context,
    Rule,
    day_group,
    month_group,
    next_word,
    previous_word,
    relative_value,
    resolve_yearless,
    safe_date,
    weekday_group,
    year_group,
)

# Gates (searched in the lowercase text): what each rule's pattern cannot match without.
_MONTH_GATE = re.compile(month_group("gate"))  # a month name or abbreviation as a word
_FULL_MONTH_GATE = re.compile(rf"\b(?:{MONTH_FULL})\b")
_YEAR_GATE = re.compile(r"(?<!\d)(?:1\d{3}|2[01]\d\d)(?!\d)")  # a four-digit year
_ISO_GATE = re.compile(r"\d-\d")
_SLASH_GATE = re.compile(r"\d[/.]\d")

_RANGE_SEP = rf"(?:{S0}{DASH}{S0}|{S1}(?:to|through|thru|until|till){S1})"
_TRAIL_WEEKDAY = rf"(?:{S0}\({S0}{weekday_group('wd2')}{S0}\))?"

# "Wednesday, April 24, 2024", "Jan. 31, 2024", "April 24-26", "June 1st", "april 26 2024"
_MONTH_DAY = re.compile(
    rf"(?:{weekday_group('wd1')},?{S1}(?:the{S1})?)?{month_group('mon')}{S1}"
    rf"{day_group('day')}(?:(?:{S0}{DASH}{S0}{month_group('mon2')}{S1}|{_RANGE_SEP})"
    rf"{day_group('day2')})?(?:,?{S1}{year_group('year')})?{_TRAIL_WEEKDAY}",
    re.IGNORECASE,
)
# "11 December", "1 May 2024", "the 24th of April", "24-26 April 2024"
_DAY_MONTH = re.compile(
    rf"(?<![\w$.,])(?:{weekday_group('wd1')},?{S1})?(?:the{S1})?{day_group('day')}"
    rf"(?:{S0}{DASH}{S0}{day_group('day2')})?{S1}(?:of{S1})?{month_group('mon')}"
    rf"(?:,?{S1}{year_group('year')})?{_TRAIL_WEEKDAY}",
    re.IGNORECASE,
)
# "May 2024", "early November 2006", "October of 2007"
_MONTH_YEAR = re.compile(
    rf"\b{MOD}?{month_group('mon')},?{S1}(?:of{S1})?{year_group('year')}(?!{S0}{DASH}?{S0}\d)",
    re.IGNORECASE,
)
# "in October", "early June", "the end of May"
_MONTH = re.compile(rf"\b{MOD}?(?P<mon>{MONTH_FULL})\b", re.IGNORECASE)
# "2024-05-01", "05/01/2024", "7/8/07", "24.04.2024"
_ISO = re.compile(
    r"(?<![\w./-])(?P<y>1\d{3}|2[01]\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:T\d\d:\d\d(?::\d\d)?)?(?![\w/-]|\.\d)"
)
_SLASH = re.compile(
    r"(?<![\w./-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?![\w/]|\.\d)"
)
# "in 2008", "mid-2011", "2009-10", "fiscal year 2023", "FY2023", "the 2023 fiscal year"
_YEAR = re.compile(
    rf"(?<![\w$\u20ac\u00a3\u00a5#@/.,:'\u2019-]){MOD}?"
    rf"(?P<fy>(?:the{S1})?fiscal{S1}(?:year{S1})?|FY{S0})?(?P<year>1\d{{3}}|2[01]\d\d)"
    rf"(?:{S0}(?P<dash>{DASH}|/){S0}(?P<year2>(?:1\d|2[01])\d\d|\d\d))?"
    rf"(?P<fy2>{S1}fiscal{S1}year)?(?![\w%]|[.,:]\d|{SP}?per(?:cent|{SP}cent)\b|{S1}(?:GMT|UTC)\b)",
    re.IGNORECASE,
)
_FY_SHORT = re.compile(rf"\bFY{S0}(?P<yy>\d\d)(?![\w%]|[.,]\d)")
# "the 1990s", "the '70s", "the early 2000s", "70s and 80s"
_DECADE = re.compile(
    rf"(?<![\w$])(?P<the>the{S1}(?:(?:early|late|mid){DASH}?{S0})?)?"
    r"(?:(?P<full>1\d\d0|20\d0)|['\u2019](?P<short>\d0)|(?P<bare>\d0))s\b",
    re.IGNORECASE,
)

#: Words that make a four-digit number a count rather than a year ("2000 jobs").
_COUNT_NOUNS = word_set(
    "people jobs employees workers staff units vehicles cars trucks planes aircraft jets "
    "shares points miles kilometers kilometres km meters metres feet tons tonnes barrels "
    "troops soldiers residents homes houses households members students cases deaths copies "
    "stores dealers dealerships plants users customers votes seats pounds dollars euros yuan "
    "yen rupees acres hectares square sq calories words pages times children patients "
    "passengers flights orders items companies firms dealers participants rounds"
)
#: Words after which a bare number is read as a year even outside 1900-2099.
_YEAR_PREPS = word_set(
    "in since by from until till through during before after of circa around year "
    "early late mid between and or to the"
)
#: Left context that lets a capitalized month name stand alone.
_MONTH_LEFT = word_set(
    "in on since by until till through during before after from to of for between and or as "
    "last next this early late mid each every the their its his her our that since"
)
#: Left context strong enough for a month name followed by a capitalized word ("in May Apple").
_MONTH_LEFT_STRONG = word_set(
    "in on since by until till through during before after from of last next this early late mid"
)
_NAME_LIKE_MONTHS = frozenset({"may", "march", "june", "april", "august"})
#: Labels whose number is an identifier, not a year ("Room 1999", "Flight 2008").
_NUMBERED_LABELS = word_set(
    "room flight no number page route highway interstate suite apartment building gate "
    "platform article section chapter rule form model windows exhibit table figure item bill "
    "resolution amendment lot unit box code size version patch release"
)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    d = safe_date(year, month, day)
    return d.isoformat() if d else None


def _month_of(token: str) -> int:
    return MONTH_NUMBER[token.lower().rstrip(".")]


def _weekday_extra(m: re.Match[str], iso: str | None) -> dict:
    """The stated weekday of a full date and whether the calendar agrees with it."""
    name = m.group("wd1") or m.group("wd2")
    if not name:
        return {}
    number = WEEKDAY_NUMBER[name.lower().rstrip(".")]
    extra: dict = {"weekday": WEEKDAYS[number].capitalize()}
    if iso and len(iso) == 10:
        extra["weekday_consistent"] = safe_date(*map(int, iso.split("-"))).weekday() == number
    return extra


def _full_date(
    m: re.Match[str], ctx: Context, month: int, day: int, day2: int | None, month2: int | None
) -> Candidate | None:
    """Value of a month-and-day date, with optional range end and stated weekday."""
    start, end = m.span()
    if m.group("year"):
        year: int | None = int(m.group("year"))
    else:
        year = resolve_yearless(ctx, start, end, month, day)
    if day2 is not None:
        month2 = month2 or month
        if (month2, day2) <= (month, day):
            return None
    if year is None:
        return Candidate(start, end, "date", relative_value(ctx, start, end, None))
    iso = _iso(year, month, day)
    if iso is None:
        return None
    if day2 is not None:
        year2 = year + 1 if month2 < month else year
        iso2 = _iso(year2, month2, day2)
        if iso2 is None:
            return None
        iso = f"{iso}/{iso2}"
    return Candidate(start, end, "date", {"date": iso, **_weekday_extra(m, iso)})


def _month_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    mon = m.group("mon")
    if (
        mon[0].islower()
        and not m.group("year")
        and not mon.lower().startswith(
            ("jan", "feb", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
        )
    ):
        return None  # "may 2", "march 3": a verb far more often than a date
    day2 = int(m.group("day2")) if m.group("day2") else None
    month2 = _month_of(m.group("mon2")) if m.group("mon2") else None
    return _full_date(m, ctx, _month_of(mon), int(m.group("day")), day2, month2)


def _day_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not m.group("mon")[0].isupper():
        return None
    day2 = int(m.group("day2")) if m.group("day2") else None
    return _full_date(m, ctx, _month_of(m.group("mon")), int(m.group("day")), day2, None)


def _month_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    if m.group("mon")[0].islower() and m.group("mon").lower() in ("may", "march"):
        return None
    iso = _iso(int(m.group("year")), _month_of(m.group("mon")))
    return Candidate(m.start(), m.end(), "date", {"date": iso})


_OF_YEAR = re.compile(
    rf"{S1}of{S1}(?:(?P<year>1\d{{3}}|2[01]\d\d)\b|(?P<rel>next|last|this|the{S1}following|"
    rf"the{S1}previous){S1}year\b)",
    re.IGNORECASE,
)


def _month(m: re.Match[str], ctx: Context) -> Candidate | None:
    mon = m.group("mon")
    if not mon[0].isupper() or (mon.isupper() and len(mon) > 3):
        return None
    before = previous_word(ctx.text, m.start())
    if before in ("last", "next", "this", "coming", "past", "previous", "following"):
        return None  # the relative-month rule owns it
    following = next_word(ctx.text, m.end())
    named = following[:1].isupper() and following.lower() not in _MONTH_LEFT
    if named and not m.group("mod") and before not in _MONTH_LEFT_STRONG:
        return None
    if mon.lower() in _NAME_LIKE_MONTHS and not m.group("mod") and before not in _MONTH_LEFT:
        return None
    month, start, end = _month_of(mon), m.start(), m.end()
    of = _OF_YEAR.match(ctx.text, end, end + 40)
    if of and of.group("year"):
        return None  # "October of 2007" belongs to the month-year rule
    if of and ctx.published is not None:
        shift = {"next": 1, "last": -1, "this": 0}.get(of.group("rel").split()[-1].lower(), 0)
        if of.group("rel").lower().endswith("following"):
            shift = 1
        elif of.group("rel").lower().endswith("previous"):
            shift = -1
        year: int | None = ctx.published.year + shift
    else:
        year = resolve_yearless(ctx, start, end, month, None)
    iso = None if year is None else _iso(year, month)
    return Candidate(start, end, "date", relative_value(ctx, start, end, iso))


def _iso_date(m: re.Match[str], ctx: Context) -> Candidate | None:
    iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return Candidate(m.start(), m.end(), "date", {"date": iso}) if iso else None


def _slash_date(m: re.Match[str], ctx: Context) -> Candidate | None:
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
    if m.group("sep") == "." and len(y) == 2:
        return None  # "1.5.24" is more often a version number than a date
    month, day = (a, b) if m.group("sep") == "/" and a <= 12 else (b, a)
    if len(y) == 2:
        pivot = (ctx.published.year if ctx.published else 2030) % 100 + 10
        year = 2000 + int(y) if int(y) <= pivot else 1900 + int(y)
    else:
        year = int(y)
    iso = _iso(year, month, day) if 1 <= month <= 12 else None
    return Candidate(m.start(), m.end(), "date", {"date": iso}) if iso else None


def _year(m: re.Match[str], ctx: Context) -> Candidate | None:
    year = int(m.group("year"))
    fiscal = bool(m.group("fy") or m.group("fy2"))
    text, start = ctx.text, m.start("year")
    before = previous_word(text, start)
    after = next_word(text, m.end())
    if after.lower() in _COUNT_NOUNS or (before in _NUMBERED_LABELS and not fiscal):
        return None
    if not (fiscal or m.group("mod") or 1900 <= year <= 2099 or before in _YEAR_PREPS):
        return None
    if text[m.end() : m.end() + 1] in ("'", "\u2019") and text[m.end() + 1 : m.end() + 2] != "s":
        return None
    value: dict = {"date": f"{year:04d}"}
    if m.group("year2"):
        y2 = m.group("year2")
        year2 = int(y2) if len(y2) == 4 else year // 100 * 100 + int(y2)
        if m.group("dash") == "/" and not fiscal and year2 != year + 1:
            return None
        if year2 <= year:
            return None
        value["date"] = f"{year:04d}/{year2:04d}"
    if fiscal:
        value["fiscal"] = True
    return Candidate(m.start(), m.end(), "date", value)


def _fy_short(m: re.Match[str], ctx: Context) -> Candidate | None:
    return Candidate(m.start(), m.end(), "date", {"date": f"20{m.group('yy')}", "fiscal": True})


_AFTER_DECADE = re.compile(r"0s,?\s(?:and|or|to|through)\s$|0s\s?[-\u2013]\s?$")


def _decade(m: re.Match[str], ctx: Context) -> Candidate | None:
    if m.group("full"):
        first = int(m.group("full"))
    else:
        two = int(m.group("short") or m.group("bare"))
        # "the 70s and 80s": a bare decade only right after another decade
        if (
            m.group("bare")
            and not m.group("the")
            and not _AFTER_DECADE.search(ctx.text, max(0, m.start() - 16), m.start())
        ):
            return None
        first = (2000 if m.group("short") and two <= 10 else 1900) + two
    value = {"date": f"{first}/{first + 9}", "precision": "decade"}
    return Candidate(m.start(), m.end(), "date", value)


RULES: tuple[Rule, ...] = (
    Rule(_MONTH_DAY, _month_day, _MONTH_GATE),
    Rule(_DAY_MONTH, _day_month, _MONTH_GATE),
    Rule(_MONTH_YEAR, _month_year, _MONTH_GATE),
    Rule(_MONTH, _month, _FULL_MONTH_GATE),
    Rule(_ISO, _iso_date, _ISO_GATE),
    Rule(_SLASH, _slash_date, _SLASH_GATE),
    Rule(_YEAR, _year, _YEAR_GATE),
    Rule(_FY_SHORT, _fy_short, ("fy",)),
    Rule(_DECADE, _decade, ("0s",)),
)
