"""Several app servers behind one address behave as one (issue 13, production profile).

Two gunicorn instances on different ports share one PostgreSQL database and one Redis store,
as two machines behind a load balancer would. A browser signs in on one and works on the
other; signing out on one ends the session on both; failed sign-ins count once across both;
and token clients racing writes through both servers lose no update.
"""

from __future__ import annotations

import http.client
import importlib.util
import json
import os
import re
import sys
import tempfile
import threading
import uuid
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from workbench import ROOT

from .conftest import unavailable

REDIS_URL = os.environ.get("WORKBENCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PASSWORD = "two servers, one newsroom"

pytestmark = pytest.mark.slow


def _stress():
    spec = importlib.util.spec_from_file_location("bench_stress_two", ROOT / "bench" / "stress.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class Browser:
    """Cookies and CSRF token by hand, over plain HTTP, against whichever server we name."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.token: str | None = None

    def request(self, port: int, method: str, path: str, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel.value == "" or morsel["expires"].startswith("Thu, 01 Jan 1970"):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def page(self, port: int, path: str) -> tuple[int, str]:
        status, _headers, text = self.request(port, "GET", path)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', text)
        if match:
            self.token = match.group(1)
        return status, text

    def form(self, port: int, path: str, fields: dict[str, str]):
        from urllib.parse import urlencode

        body = urlencode({**fields, "csrf_token": self.token or ""})
        return self.request(
            port, "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def api(self, port: int, method: str, path: str, payload: dict):
        status, _headers, text = self.request(
            port,
            method,
            path,
            json.dumps(payload),
            {"Content-Type": "application/json", "X-CSRFToken": self.token or ""},
        )
        return status, (json.loads(text) if text.startswith("{") else text)

    def sign_in(self, port: int, username: str, password: str) -> int:
        self.page(port, "/login")
        status, _headers, _ = self.form(
            port, "/login", {"username": username, "password": password}
        )
        return status


@pytest.fixture(scope="module")
def cluster():
    """One PostgreSQL database, one Redis prefix, two gunicorn instances."""
    stress = _stress()
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        unavailable(f"Redis is not reachable: {exc.__class__.__name__}")
    from sqlalchemy import create_engine, text

    engine = create_engine(stress.POSTGRES_URL)
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001
        unavailable(f"PostgreSQL is not reachable: {exc.__class__.__name__}")
    finally:
        engine.dispose()

    with tempfile.TemporaryDirectory(prefix="wb-two-") as tmp:
        workdir = Path(tmp)
        with stress.database("postgresql", workdir) as url:
            env = stress._env(url, workdir)
            env.update(
                WORKBENCH_RATELIMIT_STORAGE_URI=REDIS_URL,
                WORKBENCH_RATELIMIT_KEY_PREFIX=f"wb-two-{uuid.uuid4().hex[:8]}",
                WORKBENCH_LOGIN_RATE_LIMIT="5/minute;20/hour",
            )
            tokens, claim_ids, before = stress.prepare(env, clients=6, claims=3)
            _people(env)
            with stress.server(env, 1) as first, stress.server(env, 1) as second:
                yield stress, env, (first, second), tokens, claim_ids, before


def _people(env) -> None:
    """A reviewer who signs in with a password (the stress setup only makes token users)."""
    from workbench import create_app, services
    from workbench.db import db
    from workbench.models import Role

    app = create_app(
        {
            "DATABASE_URL": env["WORKBENCH_DATABASE_URL"],
            "SECRET_KEY": env["WORKBENCH_SECRET_KEY"],
        }
    )
    with app.app_context():
        services.create_user("ana", PASSWORD, Role.reviewer)
        db.session.remove()
        db.engine.dispose()


def test_signed_in_on_one_server_works_on_the_other(cluster):
    """Threat S1.3."""
    _stress, _env, (first, second), _tokens, claim_ids, _before = cluster
    browser = Browser()
    assert browser.sign_in(first, "ana", PASSWORD) == 302
    status, page = browser.page(second, "/")
    assert status == 200 and "ana" in page  # the other server knows this browser
    cid = claim_ids[0]
    _s, _h, text = browser.request(second, "GET", f"/api/v1/claims/{cid}")
    version = json.loads(text)["version"]
    status, body = browser.api(
        second,
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        {"rating": "false", "rationale": "Written through the second server.", "version": version},
    )
    assert status == 200, body
    _s, _h, text = browser.request(first, "GET", f"/api/v1/claims/{cid}")
    assert json.loads(text)["verdict"]["rationale"] == "Written through the second server."

    # Signing out on the second server ends the session on the first one as well.
    browser.page(second, "/")
    status, _h, _ = browser.form(second, "/logout", {})
    assert status == 302
    copy = Browser()
    copy.cookies = dict(browser.cookies)
    status, headers, _ = copy.request(first, "GET", "/")
    assert status == 302 and "/login" in headers["Location"]


def test_failed_sign_ins_count_once_across_servers(cluster):
    """Threat S1.14."""
    _stress, _env, (first, second), *_ = cluster
    codes = []
    for n in range(6):  # the limit is 5 a minute per address, whichever server answers
        browser = Browser()
        port = (first, second)[n % 2]
        browser.page(port, "/login")
        status, _h, _ = browser.form(
            port, "/login", {"username": f"nobody{n}", "password": "wrong password"}
        )
        codes.append(status)
    assert codes[:5] == [401] * 5, codes  # the form again, with an error
    assert codes[5] == 429, codes


def test_racing_writes_across_both_servers_lose_no_update(cluster):
    """Threat S4.6."""
    stress, env, (first, second), tokens, claim_ids, before = cluster
    result = stress.Result("postgresql, two servers")
    barrier = threading.Barrier(len(tokens))
    lock = threading.Lock()
    # Claim 0 was edited by the session test above: count from what is there now.
    start = stress.snapshot(env, claim_ids)
    threads = [
        threading.Thread(
            target=stress._client,
            args=((first, second)[n % 2], token, n, claim_ids, 8, barrier, result, lock),
        )
        for n, token in enumerate(tokens)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stress.check(env, result, start)
    assert result.errors == []
    assert result.statuses[500] == 0, result.bodies_500[:3]
    assert Counter(result.statuses).keys() <= {200, 201, 409}, result.statuses
    assert sum(result.statuses.values()) == len(tokens) * 8
    assert sum(result.accepted.values()) >= len(claim_ids)
    assert result.mismatches == []
