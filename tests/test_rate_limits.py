"""Sign-in limits (S1.1, S1.13), across workers and when their shared store is down (S1.14).

Each scenario runs in a Python process of its own: the limiter is one object per process,
and a store it has marked as dead must not leak into other tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import redis

from workbench import ROOT

from .conftest import TEST_PASSWORD, Client, unavailable
from .helpers import own_sqlite_app

REDIS_URL = os.environ.get("WORKBENCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

SCENARIO = r"""
import json, logging, sys
from workbench import create_app
from workbench.db import db
from tests.conftest import Client

logging.basicConfig(level=logging.WARNING)  # as a server's logging would show it
storage, prefix, tmp = sys.argv[1:4]
n_first, n_second = int(sys.argv[4]), int(sys.argv[5])

def worker():
    # A fresh app, as another worker process would be: the limiter gets a new store client.
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{tmp}/limits.db",
        "SECRET_KEY": "t" * 40,
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "RATELIMIT_STORAGE_URI": storage,
        "RATELIMIT_KEY_PREFIX": prefix,
    })
    with app.app_context():
        db.create_all()
    return app

def failed_sign_ins(app, names):
    client = Client(app)
    codes = []
    for name in names:
        token = client.token or client.csrf()
        r = client.http.post(
            "/login", data={"username": name, "password": "wrong password", "csrf_token": token}
        )
        codes.append(r.status_code)
    return codes

first = failed_sign_ins(worker(), [f"a{n}" for n in range(n_first)])
second = failed_sign_ins(worker(), [f"b{n}" for n in range(n_second)])
print(json.dumps({"first": first, "second": second}))
"""


def _run(storage: str, prefix: str, tmp_path, first: int, second: int) -> tuple[dict, str]:
    """Failed sign-ins from one address: `first` on one worker, then `second` on another."""
    done = subprocess.run(
        [sys.executable, "-c", SCENARIO, storage, prefix, str(tmp_path), str(first), str(second)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_with_a_shared_store_every_worker_counts_the_same_failures(tmp_path):
    """S1.14: Five failures a minute per address, counted across workers: the second worker refuses
    the sixth attempt although it saw only three."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        unavailable(f"no Redis at {REDIS_URL}: {exc}")
    prefix = f"workbench-test-{uuid.uuid4().hex}"
    try:
        codes, _ = _run(REDIS_URL, prefix, tmp_path, 3, 3)
        assert codes == {"first": [401, 401, 401], "second": [401, 401, 429]}
        assert client.keys(f"*{prefix}*")  # the counts live in Redis
    finally:
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)


def test_with_memory_storage_each_worker_counts_alone(tmp_path):
    """S1.14: What the README warns about: memory:// starts from zero in every worker."""
    codes, _ = _run("memory://", "x", tmp_path, 3, 3)
    assert codes == {"first": [401, 401, 401], "second": [401, 401, 401]}


def test_when_the_shared_store_is_down_sign_in_stays_limited_per_process(tmp_path):
    """S1.14: no 500 and never unlimited: each worker keeps the limit in memory (five failures,
    then 429), and the switch is logged."""
    codes, log = _run("redis://127.0.0.1:1/0", "x", tmp_path, 3, 6)
    assert codes == {"first": [401, 401, 401], "second": [401, 401, 401, 401, 401, 429]}
    assert "falling back to in-memory storage" in log


def test_a_redis_store_gets_short_timeouts_unless_configured(tmp_path):
    """S1.14: A store that drops packets must fail over in well under a worker's timeout rather than
    hang each sign-in on a TCP connect; an operator's own options are kept."""
    from workbench import create_app

    base = {"DATABASE_URL": f"sqlite:///{tmp_path}/t.db", "SECRET_KEY": "t" * 40}
    app = create_app({**base, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"})
    assert app.config["RATELIMIT_STORAGE_OPTIONS"] == {
        "socket_connect_timeout": 0.5,
        "socket_timeout": 0.5,
    }
    own = create_app(
        {
            **base,
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0",
            "RATELIMIT_STORAGE_OPTIONS": {"socket_timeout": 2},
        }
    )
    assert own.config["RATELIMIT_STORAGE_OPTIONS"] == {
        "socket_connect_timeout": 0.5,
        "socket_timeout": 2,
    }
    assert "RATELIMIT_STORAGE_OPTIONS" not in create_app(base).config


def _failed_login(client: Client, name: str, address: str = "127.0.0.1"):
    token = client.token or client.csrf()
    return client.http.post(
        "/login",
        data={"username": name, "password": "wrong password here", "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_sign_in_is_rate_limited_per_address(app, make_user):
    """S1.1: five failures a minute from one address, then 429 with a clear message."""
    make_user("ana", "reviewer")
    client = Client(app)
    for n in range(5):
        assert _failed_login(client, f"user{n}").status_code == 401
    r = _failed_login(client, "someone-else")
    assert r.status_code == 429
    assert "Too many failed sign-in attempts" in r.get_data(as_text=True)
    assert "Retry-After" in r.headers
    # Even the right password waits: the limit is checked before the password.
    token = client.csrf()
    r = client.http.post(
        "/login", data={"username": "ana", "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert r.status_code == 429


def test_sign_in_is_rate_limited_per_account_across_addresses(app, make_user):
    """S1.1. The same limit is the lockout of S1.15 (open): anyone can block an account."""
    make_user("ana", "reviewer")
    client = Client(app)
    # LOGIN_ACCOUNT_RATE_LIMIT (10/minute) for browsers that never signed in to the account
    for n in range(10):
        assert _failed_login(client, "ana", f"10.0.0.{n}").status_code == 401
    assert _failed_login(client, " ANA ", "10.0.0.99").status_code == 429
    assert _failed_login(client, "bob", "10.0.0.98").status_code == 401


def test_successful_sign_ins_do_not_count(app, make_user):
    """Threat S1.1."""
    make_user("ana", "reviewer")
    for _ in range(8):
        assert Client(app).login("ana").status_code == 302


def _failed_from(client: Client, forwarded_for: str, name: str):
    token = client.token or client.csrf()
    return client.http.post(
        "/login",
        data={"username": name, "password": "wrong password here", "csrf_token": token},
        headers={"X-Forwarded-For": forwarded_for},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )


def test_a_spoofed_forwarded_for_does_not_escape_the_sign_in_limit(tmp_path):
    """S1.13: with no proxy configured, X-Forwarded-For is ignored: six failures from one
    address with six different forwarded addresses are still six from one address."""
    client = Client(own_sqlite_app(tmp_path))
    codes = [_failed_from(client, f"203.0.113.{n}", f"user{n}").status_code for n in range(6)]
    assert codes == [401] * 5 + [429]


def test_behind_a_proxy_the_limit_keys_on_the_forwarded_client(tmp_path):
    """S1.13: With PROXIES=1 the proxy's X-Forwarded-For names the client: one client is limited,
    another behind the same proxy is not."""
    client = Client(own_sqlite_app(tmp_path, PROXIES=1))
    codes = [_failed_from(client, "203.0.113.7", f"user{n}").status_code for n in range(6)]
    assert codes == [401] * 5 + [429]
    assert _failed_from(client, "203.0.113.8", "someone").status_code == 401
    # only the last hop is believed: a client prepending its own address changes nothing
    assert _failed_from(client, "198.51.100.1, 203.0.113.7", "user9").status_code == 429
