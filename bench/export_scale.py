"""Export at scale: memory and SQL queries per format for articles of 10,000 and 100,000 claims.

    .venv/bin/python bench/export_scale.py                 # 10k and 100k claims, all formats
    .venv/bin/python bench/export_scale.py --sizes 1000 --formats csv html

Creates the articles directly in a fresh SQLite database (bulk inserts: every claim has a
figure, a hint, a source, a verdict, half of them approved, and one history event), then
exports each format in a child process so that each measurement starts clean, and prints:

- peak traced memory (tracemalloc, Python allocations during the export),
- peak RSS growth of the child during the export (ru_maxrss after minus before),
- the number of SQL statements (a ``before_cursor_execute`` listener),
- the output size and the wall time (with tracemalloc on, so slower than in production).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = ["annotated-json", "claimreview", "webannotation", "csv", "html"]
SENTENCE = "The city spent $4 million on 12 bridges in 2023, officials said. "
CHUNK = 20_000


def make_app(db_path: Path):
    from workbench import create_app

    return create_app(
        {
            "DATABASE_URL": f"sqlite:///{db_path}",
            "SECRET_KEY": "bench-" + "k" * 40,
            "PUBLIC_URL": "https://workbench.example/",
            "MAX_ARTICLE_CHARS": 50_000_000,
        }
    )


def populate(db_path: Path, sizes: list[int]) -> dict[int, int]:
    """Create the schema, two users and one article per size; article ids by size."""
    from sqlalchemy import insert

    from workbench.db import db
    from workbench.models import Article, Claim, Event, Figure, Hint, Role, Source, User, Verdict

    app = make_app(db_path)
    now = datetime(2024, 5, 1, 12, tzinfo=UTC)
    out = {}
    with app.app_context():
        db.create_all()
        users = [
            User(username=n, display_name=n.title(), password_hash="x", role=r)
            for n, r in (("rita", Role.reviewer), ("eddie", Role.editor))
        ]
        db.session.add_all(users)
        db.session.flush()
        rita, eddie = users[0].id, users[1].id
        for size in sizes:
            text = (SENTENCE * size).strip()
            article = Article(
                title=f"{size:,} claims",
                text=text,
                text_sha256=hashlib.sha256(text.encode()).hexdigest(),
                source_url="https://news.example/story",
                published=date(2024, 5, 1),
                created_by_id=eddie,
            )
            db.session.add(article)
            db.session.flush()
            step = len(SENTENCE)
            for lo in range(0, size, CHUNK):
                part = range(lo, min(size, lo + CHUNK))
                ids = [
                    r.id
                    for r in db.session.execute(
                        insert(Claim).returning(Claim.id),
                        [
                            {
                                "article_id": article.id,
                                "start_offset": i * step,
                                "end_offset": i * step + step - 1,
                                "status": "approved" if i % 2 else "submitted",
                                "origin": "extracted",
                                "kinds": ["spending"],
                                "version": 4,
                                "created_at": now,
                                "updated_at": now,
                            }
                            for i in part
                        ],
                    )
                ]
                ids.sort()
                pairs = list(zip(part, ids, strict=True))
                db.session.execute(
                    insert(Figure),
                    [
                        {
                            "claim_id": c,
                            "category": "money",
                            "start_offset": i * step + 15,
                            "end_offset": i * step + 25,
                            "text": "$4 million",
                            "value": {"amount": 4e6, "currency": "USD", "qualifier": "exact"},
                        }
                        for i, c in pairs
                    ],
                )
                db.session.execute(
                    insert(Hint),
                    [{"claim_id": c, "kind": "year", "ok": True, "message": "ok"} for c in ids],
                )
                db.session.execute(
                    insert(Source),
                    [
                        {
                            "claim_id": c,
                            "url": f"https://records.example/budget/{c}",
                            "title": "City budget 2023",
                            "publisher": "City of Example",
                            "excerpt": "Bridges: $4,000,000",
                            "accessed": date(2024, 5, 2),
                            "stance": "supports",
                            "created_by_id": rita,
                            "created_at": now,
                        }
                        for c in ids
                    ],
                )
                db.session.execute(
                    insert(Verdict),
                    [
                        {
                            "claim_id": c,
                            "rating": "mostly-true" if i % 3 else "unverifiable",
                            "rationale": f"The *2023 budget* lists bridge repairs (line {i}).",
                            "author_id": rita,
                            "created_at": now,
                            "updated_at": now,
                            "submitted_at": now,
                            "approved_by_id": eddie if i % 2 else None,
                            "approved_at": now if i % 2 else None,
                        }
                        for i, c in pairs
                    ],
                )
                db.session.execute(
                    insert(Event),
                    [
                        {
                            "article_id": article.id,
                            "claim_id": c,
                            "actor_id": rita,
                            "action": "submit",
                            "detail": {"from": "open", "to": "submitted"},
                            "at": now,
                        }
                        for c in ids
                    ],
                )
            db.session.commit()
            out[size] = article.id
    return out


def child(db_path: Path, article_id: int, fmt: str) -> dict:
    """Export one format, measuring memory and queries (runs in its own process)."""
    from sqlalchemy import event

    from workbench import exporters
    from workbench.db import db

    app = make_app(db_path)
    statements = 0

    def count(*_args) -> None:
        nonlocal statements
        statements += 1

    with app.app_context():
        engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        db.session.execute(db.text("select 1"))  # connect before measuring
        statements = 0
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        started = time.perf_counter()
        result = exporters.prepare(article_id, fmt, config=app.config)
        size = 0
        for chunk in result.chunks:
            size += len(chunk.encode("utf-8"))
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "format": fmt,
        "queries": statements,
        "traced_peak_mb": peak / 2**20,
        "rss_growth_mb": (rss_after - rss_before) / 1024,
        "rss_peak_mb": rss_after / 1024,
        "output_mb": size / 2**20,
        "seconds": elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--formats", nargs="+", default=FORMATS, choices=FORMATS)
    parser.add_argument("--db", type=Path, help="SQLite file to create (default: a temp dir)")
    parser.add_argument(
        "--child", nargs=3, metavar=("DB", "ARTICLE", "FORMAT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        db_path, article_id, fmt = args.child
        print(json.dumps(child(Path(db_path), int(article_id), fmt)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "export-scale.sqlite"
        started = time.perf_counter()
        articles = populate(db_path, args.sizes)
        print(
            f"populated {', '.join(f'{s:,}' for s in args.sizes)} claims "
            f"in {time.perf_counter() - started:.1f} s"
        )
        header = (
            f"{'claims':>8} {'format':15} {'queries':>7} {'traced peak':>12} "
            f"{'RSS growth':>11} {'RSS peak':>9} {'output':>9} {'time':>7}"
        )
        print(header)
        print("-" * len(header))
        for size in args.sizes:
            for fmt in args.formats:
                run = subprocess.run(
                    [sys.executable, __file__, "--child", str(db_path), str(articles[size]), fmt],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                r = json.loads(run.stdout.strip().splitlines()[-1])
                print(
                    f"{size:>8,} {fmt:15} {r['queries']:>7} {r['traced_peak_mb']:>9.1f} MB "
                    f"{r['rss_growth_mb']:>8.1f} MB {r['rss_peak_mb']:>6.0f} MB "
                    f"{r['output_mb']:>6.1f} MB {r['seconds']:>6.1f}s",
                    flush=True,
                )


if __name__ == "__main__":
    main()
