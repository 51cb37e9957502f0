"""Score the claim engine on the fact-sheet benchmark (bench/factsheets/).

usage: python bench/factsheet_quality.py [--shared DIR] [--json] [--misses]

Each ``bench/factsheets/NAME.txt`` is extracted with its gold publication date, shaped as an
annotated-article document (``workbench.document.extraction_document``) and scored:

- figures with the shared scorer (``shared/benchmarks/score.py``, read from there, never
  copied): figure F1, value accuracy, ranking F1;
- check-worthy lines: recall (a claim covers the gold sentence) and precision (of the claims
  on labelled sentences, the share that is not on a ``not_checkworthy`` sentence);
- supply and aid records: field accuracy (each gold field, matched to the predicted record of
  the same type whose amount or measure is the same figure text);
- speakers (name and role on the quote figure), list lead-ins (``context`` on the figures of a
  list item) and corrections (``corrects`` on the correcting figure) as hit rates.

Targets from issue 12: figure F1 >= .92, value accuracy >= .92, ranking F1 >= .85,
check-worthy recall >= .95 with precision >= .85, record field accuracy >= .85.
It measures; it never asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.document import extraction_document  # noqa: E402
from workbench.extraction import extract  # noqa: E402

HERE = ROOT / "bench" / "factsheets"
TARGETS = {
    "figure_f1": 0.92,
    "value_accuracy": 0.92,
    "ranking_f1": 0.85,
    "checkworthy_recall": 0.95,
    "checkworthy_precision": 0.85,
    "record_field_accuracy": 0.85,
}
SUPPLY_FIELDS = ("supplier", "recipient", "goods", "measure", "period")
AID_FIELDS = ("donor", "recipient", "purpose", "goods", "amount", "period", "part_of")


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location(
        "shared_score", shared / "benchmarks" / "score.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents():
    for gold_path in sorted(HERE.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (HERE / gold["article"]).read_text(encoding="utf-8")
        yield gold_path.name.removesuffix(".gold.json"), text, gold


def predict(text: str, published: dt.date | None) -> dict:
    return extraction_document(text, extract(text, published), published=published)


def _overlap(a, b) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _covering(claims, span):
    return [c for c in claims if c["start"] <= span["start"] and c["end"] >= span["end"]]


def _norm(v):
    if v is None or v == [] or v == "":
        return None
    if isinstance(v, list):
        return sorted(_norm(x) for x in v)
    s = str(v).strip().lower()
    return s.removeprefix("the ").strip(" .,;")


def _period_ok(gold, got) -> bool:
    if _norm(gold) == _norm(got):
        return True
    # an open interval "since X" may be written with or without its end
    return (
        gold is not None and got is not None and str(gold).split("/")[0] == str(got).split("/")[0]
    )


def record_counts(gold: dict, pred: dict, misses: list[str]) -> Counter:
    c = Counter()
    records = [r for cl in pred.get("claims", []) for r in cl.get("records") or []]
    for g in gold.get("records", []):
        fields = SUPPLY_FIELDS if g["type"] == "supply" else AID_FIELDS
        fields = [f for f in fields if f in g]
        key = "measure" if g["type"] == "supply" else "amount"
        match = next(
            (
                r
                for r in records
                if r.get("type") == g["type"] and _norm(r.get(key)) == _norm(g.get(key))
            ),
            None,
        )
        for f in fields:
            c["fields"] += 1
            got = None if match is None else match.get(f)
            ok = _period_ok(g[f], got) if f == "period" else _norm(g[f]) == _norm(got)
            c["ok"] += ok
            if not ok:
                misses.append(
                    f"record {g['type']} {g.get(key)!r}.{f}: want {g[f]!r}, got {got!r}"
                    + ("" if match else " (no record)")
                )
    return c


def line_counts(gold: dict, pred: dict, misses: list[str]) -> Counter:
    c = Counter()
    claims = pred.get("claims", [])
    for cl in claims:
        bad = any(_overlap(cl, s) for s in gold.get("not_checkworthy", []))
        good = any(_overlap(cl, s) for s in gold.get("checkworthy", []))
        if bad:
            c["false"] += 1
            misses.append(f"claim on a not-check-worthy line: {cl['quote'][:90]!r}")
        elif good:
            c["true"] += 1
    for s in gold.get("checkworthy", []):
        c["gold"] += 1
        if _covering(claims, s):
            c["found"] += 1
        else:
            misses.append(f"missed claim: {s['contains'][:90]!r}")
    figures = [f for cl in claims for f in cl.get("figures", [])]
    for sp in gold.get("speakers", []):
        c["speakers"] += 1
        quotes = [f for f in figures if f["category"] == "quote" and _overlap(f, sp["line"])]
        roles = [(f["value"].get("speaker"), f["value"].get("role")) for f in quotes]
        ok = any(
            name == sp["speaker"] and (role or "").lower() == sp["role"].lower()
            for name, role in roles
        )
        c["speakers_ok"] += ok
        if not ok:
            misses.append(f"speaker {sp['speaker']!r} ({sp['role']}): got {roles}")
    for li in gold.get("lead_ins", []):
        c["lead_ins"] += 1
        got = [f["value"].get("context") for f in figures if _overlap(f, li["line"])]
        ok = bool(got) and all(g == li["lead_in"]["contains"] for g in got)
        c["lead_ins_ok"] += ok
        if not ok:
            misses.append(f"lead-in of {li['line']['contains'][:40]!r}: got {got}")
    for co in gold.get("corrections", []):
        c["corrections"] += 1
        got = [f["value"].get("corrects") for f in figures if _overlap(f, co["claim"])]
        ok = any(isinstance(g, dict) and _overlap(g, co["corrects"]) for g in got)
        c["corrections_ok"] += ok
        if not ok:
            misses.append(f"correction {co['claim']['contains']!r}: got {got}")
    return c


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    score = scorer(args.shared)
    figure_counts, lines, records, misses = defaultdict(Counter), Counter(), Counter(), []
    for name, text, gold in documents():
        published = dt.date.fromisoformat(gold["metadata"]["published"])
        pred = predict(text, published)
        c, m = score.count(gold, pred)
        for cat, k in c.items():
            if cat != "checkworthy":
                figure_counts[cat].update(k)
        # check-worthy lines are scored below, with precision as well
        doc_misses = [x for x in m if not x.startswith(("missed claim", "claim on page"))]
        lines.update(line_counts(gold, pred, doc_misses))
        records.update(record_counts(gold, pred, doc_misses))
        misses += [f"{name}: {x}" for x in doc_misses]
    rows = score.summarize(figure_counts)
    ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    result = {
        "figure_f1": rows["all"]["f1"],
        "value_accuracy": rows["all"]["value_accuracy"],
        "ranking_f1": rows.get("ranking", {}).get("f1"),
        "checkworthy_recall": ratio(lines["found"], lines["gold"]),
        "checkworthy_precision": ratio(lines["true"], lines["true"] + lines["false"]),
        "record_field_accuracy": ratio(records["ok"], records["fields"]),
        "speaker_accuracy": ratio(lines["speakers_ok"], lines["speakers"]),
        "lead_in_accuracy": ratio(lines["lead_ins_ok"], lines["lead_ins"]),
        "correction_links": ratio(lines["corrections_ok"], lines["corrections"]),
        "by_category": rows,
    }
    if args.json:
        print(json.dumps({"scores": result, "misses": misses}, indent=1, ensure_ascii=False))
        return result
    for key, target in TARGETS.items():
        got = result[key]
        mark = "ok " if got is not None and got >= target else "BELOW"
        print(f"{key:24} {got!s:>6}  target {target}  {mark}")
    for key in ("speaker_accuracy", "lead_in_accuracy", "correction_links"):
        print(f"{key:24} {result[key]!s:>6}")
    for cat, r in rows.items():
        print(f"  {cat:11} " + "  ".join(f"{k}={v}" for k, v in r.items()))
    for line in misses if args.misses else misses[:40]:
        print("  ", line)
    return result


if __name__ == "__main__":
    main()
