"""Measure the claim engine's throughput beside dateparser and quantulum3 on the same text.

usage: python bench/extraction_speed.py [--shared DIR] [--mb 1] [--peer-chars 100000]
                                        [--scale 10] [--repeat 3]

Builds a text of at least --mb megabytes from the MEANTIME sentences and the reference
article, then prints characters per second for our ``extract``, for
``dateparser.search.search_dates`` and ``quantulum3.parser.parse`` (run on a slice of
--peer-chars characters and extrapolated per character, since they are much slower),
a one-pass ``re.finditer(r"\\d", text)`` floor, the whole ``workbench extract --jsonl`` CLI
path (start-up, JSON in and out) on the same text, our ratios to the faster peer (the
issue's target is at least 10x), and how our throughput and peak memory grow from 1x to 10x the
text. It measures; it never asserts a timing.
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


def _rate(chars: int, secs: float) -> float:
    return chars / secs if secs else float("inf")


def cli_seconds(text: str, workdir: Path) -> float:
    """Wall time of ``workbench extract --jsonl`` (start-up, reading, JSON out) on ``text``.

    The text goes in as one JSONL line, the same text the in-process run and the peers get;
    the document written is discarded."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", dir=workdir, delete=False) as fh:
        fh.write(json.dumps({"text": text, "published": "2024-05-01"}) + "\n")
        path = fh.name
    exe = Path(sys.executable).with_name("workbench")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "workbench.cli"]
    try:
        t0 = time.perf_counter()
        subprocess.run([*cmd, "extract", "--jsonl", path], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t0
    finally:
        Path(path).unlink()


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--peer-chars", type=int, default=100_000)
    ap.add_argument("--scale", type=int, default=10, help="the bigger text is this many times --mb")
    ap.add_argument("--repeat", type=int, default=3, help="runs of ours per size (best kept)")
    args = ap.parse_args(argv)
    if not (args.shared / "corpus/blinken-china-2024.txt").is_file():
        print(f"no shared corpus at {args.shared}: nothing to measure")
        return 0
    size = int(args.mb * 1_000_000)
    text = corpus(args.shared, size)
    print(f"text: {len(text):,} characters ({len(text.encode()) / 1e6:.2f} MB UTF-8)")

    floor = min(timed(lambda: sum(1 for _ in re.finditer(r"\d", text))) for _ in range(3))
    extract(text[:20_000])  # warm-up: compiled patterns are cached on first use
    ours = min(timed(lambda: extract(text)) for _ in range(max(1, args.repeat)))
    our_rate = _rate(len(text), ours)
    peer_slice = text[: args.peer_chars]
    peers: list[tuple[str, int, float]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, fn in _peers().items():
            fn(peer_slice[:2000])  # warm-up: model and language data load lazily
            peers.append((name, len(peer_slice), timed(lambda f=fn: f(peer_slice))))

    print(
        f"\nthroughput (ours on the full text; peers on its first {len(peer_slice):,} characters,"
        " their rate taken per character)"
    )
    print(f"{'what':34} {'chars':>12} {'seconds':>9} {'chars/s':>14} {'ours/this':>10}")
    rows = [("re.finditer(r'\\d') floor", len(text), floor), ("ours: extract", len(text), ours)]
    cli = min(cli_seconds(text, ROOT / "bench") for _ in range(max(1, min(2, args.repeat))))
    rows.append(("ours: workbench extract --jsonl", len(text), cli))
    for name, chars, secs in rows + peers:
        rate = _rate(chars, secs)
        ratio = f"{our_rate / rate:10.2f}" if not name.startswith("ours") else f"{'':>10}"
        print(f"{name:34} {chars:12,} {secs:9.3f} {rate:14,.0f} {ratio}")
    if peers:
        name, chars, secs = max(peers, key=lambda p: _rate(p[1], p[2]))
        ratio = our_rate / _rate(chars, secs)
        print(
            f"ours vs the faster peer ({name}): {ratio:.1f}x"
            f" (target: at least 10x) -> {'met' if ratio >= 10 else 'NOT met'}"
        )
        cli_ratio = _rate(len(text), cli) / _rate(chars, secs)
        print(
            f"workbench extract --jsonl vs the faster peer ({name}): {cli_ratio:.1f}x"
            f" (target: at least 10x) -> {'met' if cli_ratio >= 10 else 'NOT met'}"
        )
    print("(ours/this > 1: ours is faster; the floor is one trivial regex pass over the text)")

    print(
        f"\nscaling of ours (best of {max(1, args.repeat)} timed runs at 1x,"
        f" of {min(2, max(1, args.repeat))} at {args.scale}x; peak by tracemalloc)"
    )
    print(
        f"{'size':>5} {'chars':>12} {'seconds':>9} {'chars/s':>14} {'peak MB':>9} {'peak/text':>10}"
    )
    rates = {}
    peaks = {}
    for factor in (1, args.scale):
        big = text * factor
        repeat = max(1, args.repeat if factor == 1 else min(2, args.repeat))
        secs = min(timed(lambda b=big: extract(b)) for _ in range(repeat))
        peak = peak_memory(lambda b=big: extract(b))
        utf8 = len(big.encode())
        rates[factor], peaks[factor] = _rate(len(big), secs), peak / utf8
        print(
            f"{factor:>4}x {len(big):12,} {secs:9.3f} {rates[factor]:14,.0f} {peak / 1e6:9.1f}"
            f" {peaks[factor]:9.1f}x"
        )
    print(
        f"throughput {args.scale}x / 1x: {rates[args.scale] / rates[1]:.2f} (1.0 = linear);"
        f" peak memory at {args.scale}x: {peaks[args.scale]:.1f}x the text's UTF-8 size"
        " (target: under 20x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
