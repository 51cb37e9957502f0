"""Score the claim engine on the reference article and on the MEANTIME news sentences.

usage: python bench/extraction_quality.py [--shared DIR] [--published YYYY-MM-DD] [--out DIR]

Writes annotated-article JSON (reference) and JSONL (MEANTIME, one line per gold
sentence) to bench/out/, then runs the shared scorer on them and prints its tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.document import extraction_document  # noqa: E402
from workbench.extraction import extract  # noqa: E402
from workbench.extraction.types import Extraction  # noqa: E402

_PUBLISHED = re.compile(
    r"^(?:Published|Posted|Updated)(?: on)?:?\s+([A-Z][a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", re.M
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def published_in(text: str) -> dt.date | None:
    """Find a "Published: May 1, 2024" line (the real importer lives elsewhere)."""
    m = _PUBLISHED.search(text)
    if not m or m.group(1)[:3].lower() not in _MONTHS:
        return None
    return dt.date(int(m.group(3)), _MONTHS[m.group(1)[:3].lower()], int(m.group(2)))


def annotated(text: str, published: dt.date | None, result: Extraction) -> dict:
    """Shape one extraction as an annotated-article document (the one builder `extract` uses)."""
    return extraction_document(text, result, published=published)


def run_reference(shared: Path, out: Path, published: dt.date | None) -> Path:
    """Extract the reference article and write its annotated JSON."""
    text = (shared / "corpus/blinken-china-2024.txt").read_text(encoding="utf-8")
    published = published or published_in(text)
    doc = annotated(text, published, extract(text, published))
    path = out / "blinken-china-2024.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    hints = [h for c in doc["claims"] for h in c["hints"]]
    print(f"reference: published {published}, {len(doc['claims'])} claims, hints:")
    for h in hints:
        print(f"   {h['kind']:18} ok={h['ok']!s:5} {h['message']}")
    return path


def run_meantime(shared: Path, out: Path) -> Path:
    """Extract every MEANTIME sentence with its article date and write JSONL."""
    path = out / "meantime-dev.jsonl"
    with (
        open(shared / "benchmarks/meantime/dev.jsonl", encoding="utf-8") as src,
        open(path, "w", encoding="utf-8") as dst,
    ):
        for line in src:
            unit = json.loads(line)
            published = dt.date.fromisoformat(unit["published"]) if unit.get("published") else None
            doc = annotated(unit["text"], published, extract(unit["text"], published))
            dst.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def score(shared: Path, *args: str) -> None:
    """Run the shared scorer and pass its tables through."""
    cmd = [sys.executable, str(shared / "benchmarks/score.py"), *args]
    print("$", " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, check=True)


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks and print the scorer's tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--published", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/out")
    args = parser.parse_args(argv)
    if not (args.shared / "benchmarks/score.py").is_file():
        print(f"no shared benchmarks at {args.shared}: nothing to score")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    reference = run_reference(args.shared, args.out, args.published)
    score(args.shared, str(args.shared / "corpus/blinken-china-2024.gold.json"), str(reference))
    meantime = run_meantime(args.shared, args.out)
    score(args.shared, "--units", str(args.shared / "benchmarks/meantime/dev.jsonl"), str(meantime))
    return 0


if __name__ == "__main__":
    sys.exit(main())
