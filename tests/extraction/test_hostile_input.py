"""Extraction stays linear on hostile input (issue 10 #2), shown by counting work, not by
timing it (bench/hostile_patterns.py times it).

Two counters, both deterministic:

* ``work``: every Python function call the engine makes (``sys.setprofile``) plus the
  characters each regex call of the engine's modules scans (from its start position to
  where it stopped: the end of its last match, or of its region when it found nothing).
  A search of the whole sentence once per figure, or a list lookup per hint, shows up as
  work that grows with the square of the text.
* ``long_attempts``: a regex that fails from every position of a run after reading to the
  end of the run does quadratic work inside one call, which no call counter sees. For every
  long-region search the engine runs, this replays the positions the search would try and
  counts those from which a failing attempt can read ``REACH`` characters or more (shown by
  appending a completion at that distance and seeing the pattern match through it).
"""

# Threat model (docs/threat-model.md): S8.1.

from __future__ import annotations

import datetime as dt
import re
import sys
import types

import pytest

from workbench import extraction as package
from workbench.extraction import extract

PUBLISHED = dt.date(2024, 5, 1)
#: Patterns the field and the hostile review saw, and their neighbours.
HOSTILE = [
    "Ab ", ".", "$1 ", "USD ", "Mr. ", "May ", "Jan. ", "May 1 ", "1 May ", "May 1-2 ",
    "1 ", "- 1\n", "€1m ", "Ab said ", "U.S. ", "!", "…", "1,000 ", "10% ", "“ab” ", '"',
    "(1) ", "of which $1 ", "$1 and $1 of which ",
]
REACH = 300
#: Worst work per character of a hostile pattern, as a multiple of news text's. Before the
#: fixes "$1 " did about 40 times the work; the engine's number readers (~13 small regex
#: calls per number) keep number-dense text above the issue's 3x (see bench/).
WORK_PER_CHAR_LIMIT = 6
COMPLETIONS = (" ", " said", ".", " 1", " May 1")


class _Counting:
    """A compiled pattern that counts what its calls scan (and records long searches)."""

    def __init__(self, pattern: re.Pattern, meter: _Meter) -> None:
        self._p = pattern
        self._m = meter

    def __getattr__(self, name):
        return getattr(self._p, name)

    def _region(self, string, pos=0, endpos=None):
        n = len(string)
        endpos = n if endpos is None else min(endpos, n)
        return max(0, pos), max(0, endpos)

    def search(self, string, pos=0, endpos=sys.maxsize):
        lo, hi = self._region(string, pos, endpos)
        m = self._p.search(string, lo, hi)
        self._m.scanned += (m.end() if m else hi) - lo
        self._m.record(self._p, string, lo, hi)
        return m

    def match(self, string, pos=0, endpos=sys.maxsize):
        lo, hi = self._region(string, pos, endpos)
        m = self._p.match(string, lo, hi)
        self._m.scanned += (m.end() - lo) if m else 1
        return m

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        lo, hi = self._region(string, pos, endpos)
        self._m.scanned += hi - lo
        return self._p.fullmatch(string, lo, hi)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        lo, hi = self._region(string, pos, endpos)
        self._m.record(self._p, string, lo, hi)
        self._m.scanned += hi - lo
        return self._p.finditer(string, lo, hi)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        lo, hi = self._region(string, pos, endpos)
        self._m.record(self._p, string, lo, hi)
        self._m.scanned += hi - lo
        return self._p.findall(string, lo, hi)

    def sub(self, repl, string, count=0):
        self._m.scanned += len(string)
        return self._p.sub(repl, string, count)

    def split(self, string, maxsplit=0):
        self._m.scanned += len(string)
        return self._p.split(string, maxsplit)


class _Meter:
    def __init__(self) -> None:
        self.calls = 0
        self.scanned = 0
        self.long: dict[tuple[int, int, int], tuple[re.Pattern, str, int, int]] = {}

    def record(self, pattern, string, lo, hi) -> None:
        if hi - lo >= 2 * REACH:
            self.long.setdefault((id(pattern), lo, hi), (pattern, string, lo, hi))

    @property
    def work(self) -> int:
        return self.calls + self.scanned


def _modules() -> list[types.ModuleType]:
    prefix = package.__name__ + "."
    return [m for name, m in sys.modules.items() if name.startswith(prefix) and m is not None]


def measure(text: str) -> _Meter:
    """Run the engine on ``text`` with every module-level pattern counted."""
    meter = _Meter()
    swapped = []
    # the engine's isinstance(x, re.Pattern) checks must accept the counting stand-ins
    shim = types.SimpleNamespace(**{k: getattr(re, k) for k in dir(re) if not k.startswith("__")})
    shim.Pattern = (re.Pattern, _Counting)
    for module in _modules():
        if getattr(module, "re", None) is re:
            swapped.append((module, "re", re))
            module.re = shim
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                swapped.append((module, name, value))
                setattr(module, name, _Counting(value, meter))

    def profile(frame, event, arg):
        if event in ("call", "c_call"):
            meter.calls += 1

    sys.setprofile(profile)
    try:
        extract(text, PUBLISHED)
    finally:
        sys.setprofile(None)
        for module, name, value in swapped:
            setattr(module, name, value)
    return meter


def long_attempts(pattern: re.Pattern, text: str, lo: int, hi: int, sample: int = 400) -> int:
    """How many of the first ``sample`` positions a search of ``text[lo:hi]`` would try can
    fail only after reading ``REACH`` characters or more."""
    count = 0
    pos = lo
    stop = min(hi - REACH, lo + sample)
    while pos < stop:
        m = pattern.match(text, pos, hi)
        if m is not None:
            pos = max(m.end(), pos + 1)  # a search resumes after its match
            continue
        left = max(lo, pos - 50)  # context for look-behinds
        for tail in COMPLETIONS:
            probe = text[left : pos + REACH] + tail
            found = pattern.match(probe, pos - left)
            if found is not None and found.end() >= pos - left + REACH:
                count += 1
                break
        pos += 1
    return count


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.fixture(scope="module", autouse=True)
def _warm():
    extract("Warm up the caches on May 1, 2024: $1 million.", PUBLISHED)


@pytest.mark.parametrize("unit", HOSTILE)
def test_work_grows_linearly_with_the_text(unit):
    small = measure(repeated(unit, 3000)).work
    large = measure(repeated(unit, 6000)).work
    assert large <= 2.3 * small, f"{unit!r}: work {small} -> {large} when the text doubles"


@pytest.mark.parametrize("unit", HOSTILE)
def test_no_search_rereads_a_run_from_each_position(unit):
    meter = measure(repeated(unit, 4000))
    worst = [
        (p.pattern[:60], n)
        for p, text, lo, hi in meter.long.values()
        if (n := long_attempts(p, text, lo, hi)) > 4
    ]
    assert not worst, f"{unit!r}: searches whose failing attempts re-read the run: {worst}"


def test_news_text_is_the_yardstick_for_work_per_character():
    """Hostile text costs at most a few times more work per character than news text."""
    news = (
        "Secretary of State Antony Blinken said on Wednesday, April 24, that the United States "
        "had approved $61 billion in aid. “We will keep supporting our partners,” he added. "
        "Exports rose 12% in the first quarter of 2024, the ministry said.\n"
    )
    per_char_news = measure(repeated(news, 6000)).work / 6000
    costs = {u: measure(repeated(u, 6000)).work / 6000 / per_char_news for u in HOSTILE}
    top = sorted(costs.items(), key=lambda kv: -kv[1])[:5]
    assert top[0][1] <= WORK_PER_CHAR_LIMIT, f"work per character vs news: {top}"


def test_a_parts_whole_message_names_a_bounded_number_of_parts():
    text = "The $100 billion package includes " + ", ".join(["$1 billion"] * 400) + "."
    result = extract(text, PUBLISHED)
    messages = [h.message for c in result.claims for h in c.hints if h.kind == "parts-whole"]
    assert messages, "the parts-whole check still runs"
    assert all(len(m) < 600 for m in messages)
    assert "400 parts in all" in messages[0]
