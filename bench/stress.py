"""Concurrent edits against a real gunicorn server, on SQLite and on PostgreSQL.

    .venv/bin/python bench/stress.py [--backend sqlite|postgresql|both] [--clients 20]
        [--edits 50] [--claims 5] [--workers 4] [--servers 1]

Each client (a thread with its own API token) makes its edits to the same few claims: read the
claim, then save a verdict (or add a source) against the version it read. Every write must
either commit (version + 1 and exactly one Event) or answer 409; afterwards the final versions
and Event counts must match the accepted writes exactly, with no 500 and no "database is
locked". Prints accepted writes, 409s, 503s, 500s and write latency p50/p95/p99 per database.
tests/test_concurrency.py runs a smaller version and asserts the same invariants.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "WORKBENCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ARTICLE = (
    "Published: March 3, 2025\n"
    "The council approved a $12-million budget on March 1, its largest in history.\n"
    "The city hired 40 new teachers last year, the mayor said.\n"
    "Rents rose 7 percent in 2024, according to the housing office.\n"
    "Over 2,000 residents attended the three-day festival in May.\n"
    "The bridge repair will cost $3 billion over five years, officials said.\n"
    "Unemployment fell to 4.1 percent in January, the lowest since 2019.\n"
)
RATINGS = ["true", "mostly-true", "mixed", "misleading", "mostly-false", "false"]


@dataclass
class Result:
    """What one run measured."""

    backend: str
    statuses: Counter = field(default_factory=Counter)
    accepted: Counter = field(default_factory=Counter)  # claim id -> accepted writes
    latencies: list[float] = field(default_factory=list)  # seconds, writes only
    bodies_500: list[str] = field(default_factory=list)
    locked: int = 0  # answers mentioning "database is locked"
    errors: list[str] = field(default_factory=list)  # transport failures
    mismatches: list[str] = field(default_factory=list)  # invariant violations

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    @property
    def other(self) -> int:
        """Answers that are neither success, 409, 503 nor 500."""
        return sum(n for s, n in self.statuses.items() if s not in (200, 201, 409, 503, 500))

    def summary(self) -> str:
        return (
            f"{self.backend}: writes {sum(self.statuses.values())}, "
            f"accepted {sum(self.accepted.values())}, 409 {self.statuses[409]}, "
            f"503 {self.statuses[503]}, 500 {self.statuses[500]}, locked {self.locked}, "
            f"other {self.other}, "
            f"transport errors {len(self.errors)}; latency ms "
            f"p50 {self.percentile(50) * 1000:.1f} p95 {self.percentile(95) * 1000:.1f} "
            f"p99 {self.percentile(99) * 1000:.1f}; invariants "
            + ("OK" if not self.mismatches else "BROKEN: " + "; ".join(self.mismatches))
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def database(backend: str, workdir: Path) -> Iterator[str]:
    """A fresh, empty database: a new SQLite file or a uniquely named PostgreSQL database."""
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'stress.sqlite'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"wb_stress_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _env(url: str, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        WORKBENCH_DATABASE_URL=url,
        WORKBENCH_SECRET_KEY=secrets.token_hex(32),
        WORKBENCH_INSTANCE_PATH=str(workdir / "instance"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("FLASK_DEBUG", None)
    return env


def _workbench(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [_cli(), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"workbench {' '.join(args)} failed: {done.stderr or done.stdout}")
    return done.stdout


def _cli() -> str:
    candidate = Path(sys.executable).with_name("workbench")
    return str(candidate) if candidate.exists() else "workbench"


def prepare(env: dict[str, str], clients: int, claims: int) -> tuple[list[str], list[int], dict]:
    """Schema by `workbench db upgrade`; users, tokens and an article made in-process."""
    _workbench(env, "db", "upgrade")
    from workbench import create_app, services
    from workbench.db import db
    from workbench.ingest import ingest_text
    from workbench.models import Role

    app = create_app(
        {
            "DATABASE_URL": env["WORKBENCH_DATABASE_URL"],
            "SECRET_KEY": env["WORKBENCH_SECRET_KEY"],
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",  # setup speed only; nobody signs in
        }
    )
    tokens: list[str] = []
    with app.app_context():
        editor = services.create_user("stress-editor", secrets.token_urlsafe(16), Role.editor)
        article = services.import_article(editor, ingest_text(ARTICLE, title="Stress"))
        ids = [c.id for c in article.claims[:claims]]
        if len(ids) < claims:
            raise RuntimeError(f"the article gave {len(ids)} claims, {claims} wanted")
        for n in range(clients):
            user = services.create_user(f"stress-{n}", secrets.token_urlsafe(16), Role.reviewer)
            tokens.append(services.accounts.create_token(user, "stress")[1])
        before = _counts(ids)
        db.session.remove()
        db.engine.dispose()
    return tokens, ids, before


def _counts(claim_ids: list[int]) -> dict[int, dict[str, int]]:
    """Each claim's version and Event count (inside an app context)."""
    from workbench.db import db
    from workbench.models import Claim, Event

    return {
        cid: {
            "version": db.session.get(Claim, cid).version,
            "events": db.session.scalar(
                db.select(db.func.count(Event.id)).where(Event.claim_id == cid)
            ),
        }
        for cid in claim_ids
    }


def snapshot(env: dict[str, str], claim_ids: list[int]) -> dict[int, dict[str, int]]:
    """Versions and Event counts now, to compare with `check` after a run."""
    from workbench import create_app
    from workbench.db import db

    app = create_app(
        {"DATABASE_URL": env["WORKBENCH_DATABASE_URL"], "SECRET_KEY": env["WORKBENCH_SECRET_KEY"]}
    )
    with app.app_context():
        counts = _counts(claim_ids)
        db.session.remove()
        db.engine.dispose()
    return counts


def check(env: dict[str, str], result: Result, before: dict) -> None:
    """Final versions and Event counts must match the accepted writes exactly."""
    from workbench import create_app
    from workbench.db import db
    from workbench.models import Claim, Event

    app = create_app(
        {"DATABASE_URL": env["WORKBENCH_DATABASE_URL"], "SECRET_KEY": env["WORKBENCH_SECRET_KEY"]}
    )
    with app.app_context():
        for cid, start in before.items():
            version = db.session.get(Claim, cid).version
            events = db.session.scalar(
                db.select(db.func.count(Event.id)).where(Event.claim_id == cid)
            )
            want = result.accepted[cid]
            if version - start["version"] != want:
                result.mismatches.append(
                    f"claim {cid}: version moved {version - start['version']}, accepted {want}"
                )
            if events - start["events"] != want:
                result.mismatches.append(
                    f"claim {cid}: {events - start['events']} new events, accepted {want}"
                )
        db.session.remove()
        db.engine.dispose()


@contextmanager
def server(
    env: dict[str, str], workers: int, app: str = "workbench:create_app()", probe: str = "/login"
) -> Iterator[int]:
    """gunicorn serving `app` (the workbench by default) on a free loopback port."""
    port = _free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            app,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError("gunicorn exited: " + log.read().decode(errors="replace"))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                conn.request("GET", probe)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conn.close()
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer within 60 s")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _client(port, token, n, claim_ids, edits, barrier, result: Result, lock) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        conn.request(
            method, path, body=json.dumps(body) if body is not None else None, headers=auth
        )
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")

    barrier.wait()
    for k in range(edits):
        cid = claim_ids[(n + k) % len(claim_ids)]
        try:
            status, text = call("GET", f"/api/v1/claims/{cid}")
            version = json.loads(text)["version"] if status == 200 else 0
            if k % 5 == 4:
                body = {
                    "url": f"https://example.org/{n}/{k}",
                    "title": f"Source {n}.{k}",
                    "stance": "context",
                    "version": version,
                }
                path, method = f"/api/v1/claims/{cid}/sources", "POST"
            else:
                body = {
                    "rating": RATINGS[(n + k) % len(RATINGS)],
                    "rationale": f"client {n}, edit {k}",
                    "version": version,
                }
                path, method = f"/api/v1/claims/{cid}/verdict", "PUT"
            started = time.perf_counter()
            status, text = call(method, path, body)
            elapsed = time.perf_counter() - started
        except (OSError, http.client.HTTPException, ValueError) as exc:
            with lock:
                result.errors.append(f"client {n} edit {k}: {exc!r}")
            conn.close()
            continue
        with lock:
            result.statuses[status] += 1
            result.latencies.append(elapsed)
            if status in (200, 201):
                result.accepted[cid] += 1
            if status >= 500 and status != 503:
                result.bodies_500.append(text[:500])
            if "database is locked" in text:
                result.locked += 1
    conn.close()


def run(
    backend: str,
    clients: int = 20,
    edits: int = 50,
    claims: int = 5,
    workers: int = 4,
    servers: int = 1,
) -> Result:
    """One full run on one backend; returns what was measured (invariants checked).

    With servers > 1, that many gunicorn instances share the database (as app servers behind
    one address would) and the clients take turns among them."""
    result = Result(backend)
    with tempfile.TemporaryDirectory(prefix="wb-stress-") as tmp:
        workdir = Path(tmp)
        with database(backend, workdir) as url:
            env = _env(url, workdir)
            tokens, claim_ids, before = prepare(env, clients, claims)
            with ExitStack() as stack:
                ports = [stack.enter_context(server(env, workers)) for _ in range(servers)]
                barrier = threading.Barrier(clients)
                lock = threading.Lock()
                threads = [
                    threading.Thread(
                        target=_client,
                        args=(
                            ports[n % servers],
                            tokens[n],
                            n,
                            claim_ids,
                            edits,
                            barrier,
                            result,
                            lock,
                        ),
                    )
                    for n in range(clients)
                ]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
            check(env, result, before)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--claims", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--servers", type=int, default=1, help="gunicorn instances, one database")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    failed = False
    for backend in backends:
        result = run(backend, args.clients, args.edits, args.claims, args.workers, args.servers)
        print(result.summary(), flush=True)
        for body in result.bodies_500[:3]:
            print("  500:", body)
        for error in result.errors[:3]:
            print("  transport:", error)
        failed |= bool(result.mismatches or result.statuses[500] or result.locked)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
