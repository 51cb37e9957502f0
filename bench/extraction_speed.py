"""Measure the claim engine's throughput beside dateparser and quantulum3 on the same text.

usage: python bench/extraction_speed.py [--shared DIR] [--mb 1] [--peer-chars 100000]

Builds a text of at least --mb megabytes from the MEANTIME sentences and the reference
article, then prints characters per second for our ``extract``, for
``dateparser.search.search_dates`` and ``quantulum3.parser.parse`` (run on a slice of
--peer-chars characters and extrapolated per character, since they are much slower),
a one-pass ``re.finditer(r"\\d", text)`` floor, and how our time and peak memory grow
from 1x to 10x the text. It measures; it never asserts a timing.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.extraction import extract  # noqa: E402


def corpus(shared: Path, size: int) -> str:
    """Paragraphs from MEANTIME and the reference article, repeated to ``size`` characters."""
    parts = [(shared / "corpus/blinken-china-2024.txt").read_text(encoding="utf-8")]
    meantime = shared / "benchmarks/meantime/dev.jsonl"
    if meantime.is_file():
        with open(meantime, encoding="utf-8") as f:
            parts.append("\n\n".join(json.loads(line)["text"] for line in f))
    block = "\n\n".join(parts) + "\n\n"
    return (block * (size // len(block) + 1))[:size]


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes."""
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak bytes traced while ``fn`` runs."""
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _peers() -> dict[str, Callable[[str], object]]:
    peers: dict[str, Callable[[str], object]] = {}
    try:
        from dateparser.search import search_dates

        peers["dateparser.search_dates"] = lambda t: search_dates(t, languages=["en"])
    except ImportError:
        print("dateparser not installed (pip install -e .[bench]): skipped")
    try:
        from quantulum3 import parser as qparser

        peers["quantulum3.parse"] = qparser.parse
    except ImportError:
        print("quantulum3 not installed (pip install -e .[bench]): skipped")
    return peers


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--peer-chars", type=int, default=100_000)
    args = ap.parse_args(argv)
    if not (args.shared / "corpus/blinken-china-2024.txt").is_file():
        print(f"no shared corpus at {args.shared}: nothing to measure")
        return 0
    size = int(args.mb * 1_000_000)
    text = corpus(args.shared, size)
    print(f"text: {len(text):,} characters ({len(text.encode()) / 1e6:.2f} MB UTF-8)")

    floor = timed(lambda: sum(1 for _ in re.finditer(r"\d", text)))
    ours = timed(lambda: extract(text))
    rows = [("re.finditer(r'\\d') floor", len(text), floor), ("ours: extract", len(text), ours)]
    peer_slice = text[: args.peer_chars]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, fn in _peers().items():
            fn(peer_slice[:2000])  # warm-up: model and language data load lazily
            secs = timed(lambda f=fn: f(peer_slice))
            rows.append((f"{name} (slice, extrapolated)", len(peer_slice), secs))

    our_rate = len(text) / ours
    print(f"\n{'what':44} {'chars':>12} {'seconds':>9} {'chars/s':>14} {'ours/peer':>10}")
    for name, chars, secs in rows:
        rate = chars / secs if secs else float("inf")
        ratio = f"{our_rate / rate:10.1f}" if not name.startswith("ours") else f"{'':>10}"
        print(f"{name:44} {chars:12,} {secs:9.3f} {rate:14,.0f} {ratio}")
    print("(ours/peer > 1 means ours is faster; the floor row shows the cost of one regex pass)")

    print(f"\n{'scaling of ours':16} {'chars':>12} {'seconds':>9} {'chars/s':>14} {'peak MB':>9}")
    for factor in (1, 10):
        big = text * factor
        secs = timed(lambda b=big: extract(b))
        peak = peak_memory(lambda b=big: extract(b))
        print(
            f"{factor:>3}x {'':12} {len(big):12,} {secs:9.3f} {len(big) / secs:14,.0f} "
            f"{peak / 1e6:9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
