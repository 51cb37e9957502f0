"""Time the claim engine on hostile text: one short pattern repeated to a given size.

usage: python bench/hostile_patterns.py [--shared DIR] [--sizes 10000,20000,40000,100000]
                                        [--only SUBSTR] [--top 20] [--budget SECONDS]

For each pattern (words, abbreviations, numbers, currencies, dates, ranges, quotes,
brackets, bullets, unicode, whitespace...) the pattern is repeated to each size and
``extract`` is timed on it. Ordinary news text (the reference article and the MEANTIME
sentences from ../shared) is timed in the same run, so costs are reported per character
relative to news ("cost 3.0x" = three times as slow per character as news text).
"growth" is time(largest) / time(largest / 2): about 2.0 means linear, 4.0 quadratic.
Times are CPU seconds of this process (``time.process_time``), so that other work on a
shared machine does not count. It measures; it never asserts a timing
(tests/extraction/test_hostile_input.py counts work instead).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.extraction import extract  # noqa: E402

#: (name, unit) pairs; the unit is repeated to the requested size.
PATTERNS: list[str] = [
    # words and capitalised runs
    "Ab ", "ab ", "AB ", "A ", "a ", "Ab", "Ab Cd, ", "The ", "the ", "Ab-Cd ", "Ab's ",
    "Ab said ", "said Ab ", "Ab, ", "I ", "X. ", "Ab. ", "Ab.\n", "of which ", "of ",
    "per cent ", "percent ", "than ", "up ", "more than ", "a third of ", "half of ",
    # abbreviations and titles
    "Mr. ", "Mrs. ", "Dr. ", "U.S. ", "a.m. ", "p.m. ", "Jan. ", "No. ", "St. ", "Gen. ",
    "e.g. ", "etc. ", "vs. ", "A. ",
    # punctuation runs
    ".", ". ", "!", "? ", "…", "...", ",", ", ", ";", ":", "-", "- ", "–", "—", "/", "&",
    # numbers with separators
    "1", "1 ", "12 ", "1,", "1, ", "1,000 ", "1.", "1. ", "1.5 ", "1.000,5 ", "1 000 ",
    "10%", "10% ", "1/2 ", "1-2 ", "1 to 2 ", "1st ", "2nd ", "#1 ", "1x ", "1e5 ",
    "- 1\n", "one ", "two hundred ", "a million ", "1 million ", "1m ", "1bn ", "1k ",
    # currencies
    "$", "$1 ", "$1", "$1.5bn ", "$ 1 ", "€1m ", "£1 ", "¥1 ", "USD ", "USD 1 ",
    "1 USD ", "EUR 1 ", "1 euros ", "1 dollars ", "Rs 1 ", "US$1 ", "1 yuan ",
    # dates and times
    "May ", "May 1 ", "May 1, ", "May 1-2 ", "1 May ", "May 2024 ", "2024 ", "1990s ",
    "2024-05-01 ", "1/5/2024 ", "Monday ", "on Monday ", "last year ", "next week ",
    "Q1 ", "5 p.m. ", "18:00 ", "two years ago ", "for three days ", "in 2024 ",
    "from 2020 to 2024 ", "between 1 and 2 ",
    # quotes and brackets
    '"', '" ', '"a" ', "'", "' ", "“", "“ab” ", "”", "‘", "’ ", "«", "» ", "(", ")", "( ",
    "(1) ", "[", "[1] ", "{",
    # bullets and lines
    "- a\n", "* a\n", "• ", "• a\n", "\n", "\n\n", "1.\n", "a\n",
    # unicode and whitespace
    " ", "\t", "\u00a0", "\u2009", "é ", "ß ", "日本 ", "🙂 ", "\u200b", "a\u0301 ",
]

#: The patterns that were worst before the fixes of issue 10 #2 (``--set worst``).
WORST: list[str] = [
    "$1 ", "USD ", "Ab ", ".", "Mr. ", "May ", "Jan. ", "U.S. ", "1 ", "May 1 ", "1 May ",
    "May 1-2 ", "- 1\n", "€1m ", "$1", "12 ", "1. ", "(1) ",
]


def news_text(shared: Path, size: int) -> str:
    """The reference article and MEANTIME sentences, repeated to ``size`` characters."""
    parts = [(shared / "corpus/blinken-china-2024.txt").read_text(encoding="utf-8")]
    meantime = shared / "benchmarks/meantime/dev.jsonl"
    if meantime.is_file():
        with open(meantime, encoding="utf-8") as f:
            parts.append("\n\n".join(json.loads(line)["text"] for line in f))
    block = "\n\n".join(parts) + "\n\n"
    return (block * (size // len(block) + 1))[:size]


def repeated(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def timed(text: str, published: dt.date) -> float:
    """CPU seconds one extraction of ``text`` takes."""
    gc.collect()
    t0 = time.process_time()
    extract(text, published)
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sizes", default="10000,20000,40000,100000")
    parser.add_argument("--only", default="", help="only patterns whose repr holds this")
    parser.add_argument("--set", choices=("all", "worst"), default="all", help="pattern family")
    parser.add_argument("--top", type=int, default=0, help="print only the N worst")
    parser.add_argument("--skip-over", type=float, default=60.0,
                        help="skip a pattern's larger sizes once one run takes this long")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    largest = sizes[-1]
    half = largest // 2
    if half not in sizes:
        sizes = sorted({*sizes, half})
    published = dt.date(2024, 5, 1)

    news = {n: min(timed(news_text(args.shared, n), published) for _ in range(3)) for n in sizes}
    news_per_char = news[largest] / largest
    print(f"news text: {news[largest]:.3f}s for {largest} chars "
          f"({news_per_char * 1e6:.2f} µs/char), growth {news[largest] / news[half]:.2f}")

    rows = []
    for unit in WORST if args.set == "worst" else PATTERNS:
        if args.only and args.only not in repr(unit):
            continue
        times: dict[int, float] = {}
        for n in sizes:
            times[n] = timed(repeated(unit, n), published)
            if times[n] > args.skip_over:
                break
        if largest in times:
            cost = times[largest] / largest / news_per_char
            growth = times[largest] / times[half]
        else:
            n = max(times)
            cost = times[n] / n / (news[n] / n)
            growth = float("inf")
        rows.append((cost, growth, unit, times))
        print(f"  measured {unit!r}: cost {cost:.1f}x, growth {growth:.2f}", flush=True)

    rows.sort(key=lambda r: -r[0])
    if args.top:
        rows = rows[: args.top]
    head = " ".join(f"{n // 1000:>6}k" for n in sizes)
    print(f"{'pattern':<18} {'cost×news':>9} {'growth':>6}  seconds at {head}")
    for cost, growth, unit, times in rows:
        cells = " ".join(f"{times[n]:7.3f}" if n in times else "      -" for n in sizes)
        print(f"{repr(unit):<18} {cost:9.1f} {growth:6.2f}  {'':>10} {cells}")
    worst = max((r[0] for r in rows), default=0.0)
    print(f"patterns: {len(rows)}; worst cost {worst:.1f}x news per char "
          f"(issue target: within 3x); growth ~2.0 is linear")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
