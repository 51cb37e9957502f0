"""Requests per second of the main routes, as a share of a bare Flask endpoint in the same run.

    .venv/bin/python bench/load.py [--backend sqlite|postgresql|both] [--seconds 5]
        [--connections 16] [--workers 2] [--reviewers 50]

Both servers are gunicorn with the same worker count on loopback; the load comes from client
processes of our own (threads opening one connection per request, as gunicorn's sync workers
close them). For each route: requests/s, its ratio to the bare endpoint, p50/p95 latency and
errors. Then a mixed run of `--reviewers` simulated reviewers (reads, list, page, verdict
writes) gives the p95 a newsroom would feel. The client shares the machine with the servers,
so absolute numbers are lower than with wrk on another host; the ratios are what to compare.

Targets (issue 13): claim read >= 40 % of bare, claim list >= 25 %, verdict write >= 20 %,
0 errors.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import multiprocessing
import os
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PASSWORD = "load test password, not a secret"


def _stress():
    spec = importlib.util.spec_from_file_location("bench_stress_load", ROOT / "bench" / "stress.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _article_text() -> str:
    reference = SHARED / "corpus" / "blinken-china-2024.txt"
    if reference.exists():
        return reference.read_text(encoding="utf-8")
    return (ROOT / "workbench" / "demo" / "sample-article.txt").read_text(encoding="utf-8")


def prepare(env: dict[str, str], writers: int, approvals: int) -> dict:
    """Users, tokens, the reference article, a claim per writer, submitted claims to approve."""
    from workbench import create_app, services
    from workbench.db import db
    from workbench.ingest import ingest_text
    from workbench.models import Role

    app = create_app(
        {
            "DATABASE_URL": env["WORKBENCH_DATABASE_URL"],
            "SECRET_KEY": env["WORKBENCH_SECRET_KEY"],
        }
    )
    with app.app_context():
        reviewer = services.create_user("load-reviewer", PASSWORD, Role.reviewer)
        editor = services.create_user("load-editor", PASSWORD, Role.editor)
        reviewer_token = services.accounts.create_token(reviewer, "load")[1]
        editor_token = services.accounts.create_token(editor, "load")[1]
        article = services.import_article(editor, ingest_text(_article_text(), title="Load"))
        article_id = article.id
        claims = [(c.id, c.version) for c in article.claims]
        pool: list[tuple[int, int]] = []
        n = 0
        while len(pool) < approvals:
            n += 1
            extra = services.import_article(
                editor,
                ingest_text(
                    f"Batch {n}.\nThe council approved a ${n}-million budget on March 1, 2025.\n"
                    f"The city hired {n + 40} new teachers last year, the mayor said.\n",
                    title=f"Batch {n}",
                ),
            )
            for claim in extra.claims:
                services.review.save_verdict(reviewer, claim, claim.version, "true", "Checked.")
                services.review.move(reviewer, claim, "submit", claim.version)
                pool.append((claim.id, claim.version))
        db.session.remove()
        db.engine.dispose()
    if len(claims) < writers:
        claims = (claims * (writers // len(claims) + 1))[:writers]
    return {
        "article": article_id,
        "claims": claims,
        "approvals": pool[:approvals],
        "reviewer": reviewer_token,
        "editor": editor_token,
    }


# --- the client -----------------------------------------------------------------------------


def _request(port, method, path, token=None, body=None, cookie=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read(), response
    finally:
        conn.close()


def _sign_in(port: int) -> str:
    """A browser session cookie for the page route."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    form = urlencode({"username": "load-reviewer", "password": PASSWORD, "csrf_token": token})
    conn.request(
        "POST",
        "/login",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    # Every cookie the sign-in sets (the session and the known-browser mark), not the first.
    cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    if response.status != 302 or not cookies:
        raise RuntimeError(f"sign-in failed: {response.status}")
    return "; ".join(cookies)


class Work:
    """What one thread does, request after request, until the deadline."""

    def __init__(self, scenario: str, setup: dict, slot: int, cookie: str | None):
        self.scenario, self.setup, self.slot, self.cookie = scenario, setup, slot, cookie
        self.claim, self.version = setup["claims"][slot % len(setup["claims"])]
        self.queue = list(setup.get("mine", []))
        self.turn = 0

    def step(self, port: int) -> int:
        s, setup = self.scenario, self.setup
        self.turn += 1
        if s == "mixed":  # a reviewer's rhythm: read, read, list, page, write
            s = ["claim read", "claim read", "claim list", "article page", "verdict write"][
                self.turn % 5
            ]
        if s == "bare":
            return _request(port, "GET", "/bare")[0]
        if s == "claim read":
            return _request(port, "GET", f"/api/v1/claims/{self.claim}", setup["reviewer"])[0]
        if s == "claim list":
            path = f"/api/v1/claims?article={setup['article']}"
            return _request(port, "GET", path, setup["reviewer"])[0]
        if s == "article page":
            return _request(port, "GET", f"/articles/{setup['article']}", cookie=self.cookie)[0]
        if s == "verdict write":
            status, body, _ = _request(
                port,
                "PUT",
                f"/api/v1/claims/{self.claim}/verdict",
                setup["reviewer"],
                {"rating": "false", "rationale": f"turn {self.turn}", "version": self.version},
            )
            if status == 200:
                self.version = json.loads(body)["version"]
            return status
        if s == "approve":
            if not self.queue:
                return 0  # out of work: not counted
            claim, version = self.queue.pop()
            path = f"/api/v1/claims/{claim}/approve"
            return _request(port, "POST", path, setup["editor"], {"version": version})[0]
        raise ValueError(s)


def _client_process(args) -> tuple[Counter, list[float]]:
    port, scenario, setup, first_slot, threads, seconds, cookie = args
    statuses: Counter = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def loop(slot: int) -> None:
        work = Work(scenario, {**setup, "mine": setup["mine"][slot]}, slot, cookie)
        mine_s: Counter = Counter()
        mine_l: list[float] = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status = work.step(port)
            except (OSError, http.client.HTTPException) as exc:
                status = f"transport {exc.__class__.__name__}"
            if status == 0:
                break
            mine_l.append(time.perf_counter() - started)
            mine_s[status] += 1
        with lock:
            statuses.update(mine_s)
            latencies.extend(mine_l)

    pool = [threading.Thread(target=loop, args=(first_slot + i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return statuses, latencies


def drive(port, scenario, setup, connections, seconds, cookie=None, processes=2) -> dict:
    """`connections` threads over `processes` client processes for `seconds`."""
    per = [
        connections // processes + (1 if i < connections % processes else 0)
        for i in range(processes)
    ]
    mine = [setup["approvals"][i::connections] for i in range(connections)]
    shared = {k: v for k, v in setup.items() if k != "approvals"} | {"mine": mine}
    jobs, first = [], 0
    for n in per:
        jobs.append((port, scenario, shared, first, n, seconds, cookie))
        first += n
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        parts = pool.map(_client_process, jobs)
    elapsed = time.perf_counter() - started
    statuses: Counter = Counter()
    latencies: list[float] = []
    for s, lat in parts:
        statuses.update(s)
        latencies.extend(lat)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    ok = sum(n for s, n in statuses.items() if s in (200, 201))
    return {
        "rps": ok / min(elapsed, seconds + 1),
        "p50": pct(50) if latencies else float("nan"),
        "p95": pct(95) if latencies else float("nan"),
        "errors": sum(n for s, n in statuses.items() if s not in (200, 201)),
        "statuses": dict(statuses),
    }


TARGETS = {"claim read": 0.40, "claim list": 0.25, "verdict write": 0.20}


def run(backend: str, seconds: float, connections: int, workers: int, reviewers: int) -> None:
    stress = _stress()
    with tempfile.TemporaryDirectory(prefix="wb-load-") as tmp:
        workdir = Path(tmp)
        with stress.database(backend, workdir) as url:
            env = stress._env(url, workdir)
            env["WORKBENCH_LOG_JSON"] = "false"
            env["WORKBENCH_ACCESS_LOG"] = "false"
            stress._workbench(env, "db", "upgrade")
            approvals = int(seconds * 400)  # more than the editors can approve in the time
            setup = prepare(env, max(connections, reviewers), approvals)
            rows = []
            with stress.server(env, workers, "bench.bare_app:app", "/bare") as bare_port:
                bare = drive(bare_port, "bare", setup, connections, seconds)
            with stress.server(env, workers) as port:
                cookie = _sign_in(port)
                for scenario in [
                    "claim read",
                    "claim list",
                    "article page",
                    "verdict write",
                    "approve",
                ]:
                    rows.append(
                        (scenario, drive(port, scenario, setup, connections, seconds, cookie))
                    )
                mixed = drive(port, "mixed", setup, reviewers, seconds, cookie)
    print(
        f"\n{backend}: gunicorn {workers} sync workers, {connections} connections, "
        f"{seconds:g} s per route, {os.cpu_count()} CPUs"
    )
    print(
        f"{'route':<16}{'req/s':>9}{'of bare':>9}{'target':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'errors':>8}"
    )
    print(
        f"{'bare Flask':<16}{bare['rps']:>9.0f}{'100%':>9}{'':>8}{bare['p50']:>9.1f}"
        f"{bare['p95']:>9.1f}{bare['errors']:>8}"
    )
    for name, r in rows:
        target = f"{TARGETS[name]:.0%}" if name in TARGETS else ""
        print(
            f"{name:<16}{r['rps']:>9.0f}{r['rps'] / bare['rps']:>9.0%}{target:>8}"
            f"{r['p50']:>9.1f}{r['p95']:>9.1f}{r['errors']:>8}"
        )
        if r["errors"]:
            print("   statuses:", r["statuses"])
    print(
        f"{reviewers} reviewers mixed: {mixed['rps']:.0f} req/s, p50 {mixed['p50']:.1f} ms, "
        f"p95 {mixed['p95']:.1f} ms, errors {mixed['errors']} {mixed['statuses']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reviewers", type=int, default=50)
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        run(backend, args.seconds, args.connections, args.workers, args.reviewers)


if __name__ == "__main__":
    main()
