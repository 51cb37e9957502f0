"""A newsroom's years of work on PostgreSQL, and what the read routes cost on it.

    .venv/bin/python bench/seed_scale.py [--articles 10000] [--per-article 100]
        [--compare 100] [--requests 15] [--keep]

Builds two fresh databases with `workbench db upgrade`: a small one (`--compare` articles)
and a large one (`--articles`, default 10,000 articles x 100 claims = 1,000,000 claims, with
verdicts, approvals, sources, history and the search index), filled server-side with
INSERT ... SELECT over generate_series (no row crosses the wire). Then each read route is
called through the app (signed in, as the browser or a script would) and measured: SQL
queries per request and p50/p95 wall time, small vs large. The target (issue 13): the same
query count on both and p95 within 2x of the small database.

`--keep` leaves both databases in place and prints their URLs; `--use SMALL_URL LARGE_URL`
measures them again without seeding (to compare a change to the read routes).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "scale bench password, not a secret"
LINE = 80  # every line of a generated article is 79 characters and a newline


def _stress():
    spec = importlib.util.spec_from_file_location(
        "bench_stress_scale", ROOT / "bench" / "stress.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _kept_database(admin_url: str) -> str:
    """A new database that outlives the run (its URL is printed)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"wb_scale_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _amount(article: str, item: str) -> str:
    """The SQL for the dollar figure (in millions) of line `item` of article `article`."""
    return f"((({article})::bigint * 7 + ({item}) * 13) % 5000 + 1)"


def _users(url: str) -> dict[str, int]:
    from workbench import create_app, services
    from workbench.db import db
    from workbench.models import Role

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "s" * 40})
    ids = {}
    with app.app_context():
        for name, role in [
            ("rev1", Role.reviewer),
            ("rev2", Role.reviewer),
            ("rev3", Role.reviewer),
            ("ed1", Role.editor),
            ("ed2", Role.editor),
        ]:
            ids[name] = services.create_user(name, PASSWORD, role).id
        db.session.remove()
        db.engine.dispose()
    return ids


def seed(url: str, articles: int, per: int) -> dict[str, float]:
    """Fill the database; returns seconds per step."""
    import psycopg

    users = _users(url)
    reviewers = [users["rev1"], users["rev2"], users["rev3"]]
    ed1, ed2 = users["ed1"], users["ed2"]
    rev_case = f"(ARRAY[{','.join(map(str, reviewers))}])[(c.id % 3) + 1]"
    line = (
        "rpad(format('Item %s: the ministry pledged $%s million in aid to region %s on %s.', "
        f"i, {_amount('a', 'i')}, a % 97, "
        "to_char(date '2020-01-01' + ((a + i) % 1500), 'FMMonth FMDD, YYYY')), 79)"
    )
    status = (
        "(CASE (c.article_id + c.start_offset / 80) % 10 WHEN 6 THEN 'submitted' "
        "WHEN 7 THEN 'approved' WHEN 8 THEN 'returned' WHEN 9 THEN 'dismissed' ELSE 'open' END)"
    )
    steps = {
        "articles": f"""
            INSERT INTO article (id, title, text, text_sha256, import_notes, created_by_id,
                                 created_at, published)
            SELECT a, 'Aid report ' || a,
                   (SELECT string_agg({line}, E'\\n' ORDER BY i)
                    FROM generate_series(0, {per} - 1) i),
                   md5('a' || a) || md5('b' || a), '[]'::jsonb, {ed1},
                   now() - a * interval '1 hour', date '2020-01-01' + (a % 1500)
            FROM generate_series(1, {articles}) a""",
        "claims": f"""
            INSERT INTO claim (article_id, start_offset, end_offset, status, origin, kinds,
                               version, created_at, updated_at)
            SELECT a, i * {LINE}, i * {LINE} + 79, 'open', 'extracted',
                   '["aid amount", "date or event"]'::jsonb, 1, now(), now()
            FROM generate_series(1, {articles}) a, generate_series(0, {per} - 1) i""",
        "statuses": f"""
            UPDATE claim c SET status = {status}, assignee_id = {rev_case},
                   dismiss_reason = CASE WHEN {status} = 'dismissed' THEN 'not check-worthy' END""",
        "figures": f"""
            INSERT INTO figure (claim_id, category, start_offset, end_offset, text, value)
            SELECT c.id, 'money', c.start_offset + 30, c.start_offset + 44, 'money figure',
                   jsonb_build_object('amount', {_amount("c.article_id", "c.start_offset / 80")}
                                      * 1000000, 'currency', 'USD', 'qualifier', null)
            FROM claim c""",
        "verdicts": f"""
            INSERT INTO verdict (claim_id, rating, rationale, author_id, created_at, updated_at,
                                 submitted_at, approved_by_id, approved_at)
            SELECT c.id, (ARRAY['true','mostly-true','mixed','misleading','false'])[c.id % 5 + 1],
                   'The budget office ledger for region ' || (c.article_id % 97) || ' shows '
                   || CASE WHEN c.id % 2 = 0 THEN 'the same amount.' ELSE 'a lower amount.' END,
                   c.assignee_id, now(), now(),
                   CASE WHEN c.status IN ('submitted', 'approved', 'returned') THEN now() END,
                   CASE WHEN c.status = 'approved' THEN {ed2} END,
                   CASE WHEN c.status = 'approved' THEN now() END
            FROM claim c WHERE c.status IN ('submitted', 'approved', 'returned')""",
        "sources": """
            INSERT INTO source (claim_id, url, title, publisher, excerpt, accessed, stance,
                                created_by_id, created_at)
            SELECT c.id,
                   'https://budget.example.org/region/' || (c.article_id % 97) || '/' || c.id,
                   'Budget office ledger, region ' || (c.article_id % 97), 'Budget office', '',
                   date '2024-01-01', 'supports', c.assignee_id, now()
            FROM claim c WHERE c.id % 5 = 0""",
        "history": """
            INSERT INTO event (at, actor_id, article_id, claim_id, action, detail)
            SELECT now(), v.author_id, c.article_id, c.id, 'verdict',
                   jsonb_build_object(
                       'before', null,
                       'after', jsonb_build_object('rating', v.rating, 'rationale', v.rationale))
            FROM verdict v JOIN claim c ON c.id = v.claim_id
            UNION ALL
            SELECT now(), v.author_id, c.article_id, c.id, 'submit',
                   '{"from": "open", "to": "submitted", "before": {"status": "open"},
                     "after": {"status": "submitted"}}'::jsonb
            FROM verdict v JOIN claim c ON c.id = v.claim_id WHERE v.submitted_at IS NOT NULL
            UNION ALL
            SELECT now(), v.approved_by_id, c.article_id, c.id, 'approve',
                   '{"from": "submitted", "to": "approved", "before": {"status": "submitted"},
                     "after": {"status": "approved"}}'::jsonb
            FROM verdict v JOIN claim c ON c.id = v.claim_id WHERE v.approved_by_id IS NOT NULL""",
        "search index": """
            INSERT INTO claim_search (claim_id, article_id, body, tsv)
            SELECT s.id, s.article_id, s.body, to_tsvector('english', s.body)
            FROM (SELECT c.id, c.article_id,
                         concat_ws(E'\\n', substr(a.text, c.start_offset + 1,
                                                 c.end_offset - c.start_offset),
                                   c.dismiss_reason, v.rationale,
                                   (SELECT string_agg(concat_ws(E'\\n', title, publisher, url),
                                                      E'\\n')
                                    FROM source WHERE source.claim_id = c.id)) AS body
                  FROM claim c JOIN article a ON a.id = c.article_id
                  LEFT JOIN verdict v ON v.claim_id = c.id) s""",
        "figure keys": """
            INSERT INTO figure_key (claim_id, category, low, high, unit)
            SELECT claim_id, 'money', (value->>'amount')::float, (value->>'amount')::float,
                   value->>'currency'
            FROM figure""",
        "sequences": """
            SELECT setval(pg_get_serial_sequence('article', 'id'),
                          (SELECT max(id) FROM article))""",
    }
    timings = {}
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        for name, sql in steps.items():
            started = time.perf_counter()
            conn.execute(sql)
            timings[name] = time.perf_counter() - started
        started = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        timings["analyze"] = time.perf_counter() - started
    return timings


ROUTES = [
    ("dashboard", "ed1", "/"),
    ("article list (API)", "rev1", "/api/v1/articles"),
    ("my queue (API)", "rev1", "/api/v1/claims?assignee=me&status=open"),
    ("awaiting approval (API)", "ed1", "/api/v1/claims?status=submitted"),
    ("claim read (API)", "rev1", "/api/v1/claims/{claim}"),
    ("article page", "rev1", "/articles/{article}"),
    ("search words", "rev1", "/api/v1/search?q=ledger+region+42"),
    ("search common word", "rev1", "/api/v1/search?q=pledged"),
    ("search figure", "rev1", "/api/v1/search?figure=money&min=4990000000&max=5000000000"),
    ("export JSON", "rev1", "/api/v1/articles/{article}/export?format=annotated-json"),
]


def measure(url: str, requests: int) -> dict[str, tuple[int, float, float]]:
    """Per route: (queries per request, p50 ms, p95 ms), through the app's test client."""
    from sqlalchemy import event

    sys.path.insert(0, str(ROOT))
    from tests.conftest import Client  # signs in through the form, as a browser does
    from workbench import create_app
    from workbench.db import db

    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "s" * 40, "LOGIN_RATE_LIMIT": "1000/minute"}
    )
    clients = {}
    for name in ("rev1", "ed1"):
        clients[name] = Client(app)
        response = clients[name].login(name, PASSWORD)
        assert response.status_code == 302, response.status_code
    with app.app_context():
        article = db.session.execute(db.text("SELECT max(id) FROM article")).scalar()
        claim = db.session.execute(
            db.text("SELECT max(id) FROM claim WHERE status = 'approved'")
        ).scalar()
        engine = db.engine
    count = [0]

    def on_execute(*_args, **_kwargs):
        count[0] += 1

    event.listen(engine, "before_cursor_execute", on_execute)
    out = {}
    try:
        for label, who, path in ROUTES:
            path = path.format(article=article, claim=claim)
            times, queries = [], set()
            for n in range(requests + 1):
                count[0] = 0
                started = time.perf_counter()
                response = clients[who].get(path)
                body = response.get_data()
                elapsed = time.perf_counter() - started
                assert response.status_code == 200, (path, response.status_code, body[:300])
                if n:  # the first request warms caches
                    times.append(elapsed)
                    queries.add(count[0])
            times.sort()
            out[label] = (
                max(queries),
                times[len(times) // 2] * 1000,
                times[min(len(times) - 1, int(len(times) * 0.95))] * 1000,
            )
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-article", type=int, default=100)
    parser.add_argument("--compare", type=int, default=100)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep both databases, print URLs")
    parser.add_argument(
        "--use",
        nargs=2,
        metavar=("SMALL_URL", "LARGE_URL"),
        help="measure two databases kept by an earlier --keep run, without seeding",
    )
    args = parser.parse_args()
    stress = _stress()
    results = {}
    with tempfile.TemporaryDirectory(prefix="wb-scale-") as tmp, ExitStack() as stack:
        for index, size in enumerate((args.compare, args.articles)):
            if args.use:
                results[size] = measure(args.use[index], args.requests)
                continue
            workdir = Path(tmp) / str(size)
            workdir.mkdir()
            if args.keep:
                url = _kept_database(stress.POSTGRES_URL)
            else:
                url = stack.enter_context(stress.database("postgresql", workdir))
            env = stress._env(url, workdir)
            stress._workbench(env, "db", "upgrade")
            started = time.perf_counter()
            timings = seed(url, size, args.per_article)
            total = time.perf_counter() - started
            claims = size * args.per_article
            print(
                f"seeded {size:,} articles, {claims:,} claims in {total:.1f} s "
                f"({', '.join(f'{k} {v:.1f}' for k, v in timings.items())})",
                flush=True,
            )
            results[size] = measure(url, args.requests)
            if args.keep:
                print(f"kept: {url}")
    small, large = results[args.compare], results[args.articles]
    print(f"\n{'route':<26}{'queries':>10}{'p50 ms':>16}{'p95 ms':>16}{'p95 ratio':>11}")
    print(f"{'':<26}{'small/large':>10}{'small/large':>16}{'small/large':>16}")
    for label, *_ in ROUTES:
        qs, p50s, p95s = small[label]
        ql, p50l, p95l = large[label]
        print(
            f"{label:<26}{f'{qs}/{ql}':>10}{f'{p50s:.0f}/{p50l:.0f}':>16}"
            f"{f'{p95s:.0f}/{p95l:.0f}':>16}{p95l / p95s:>10.1f}x"
        )


if __name__ == "__main__":
    main()
