"""Fixtures: an app per test on SQLite and on PostgreSQL, signed-in clients, and factories."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from workbench import SHARED, create_app
from workbench.db import db

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
POSTGRES_URL = os.environ.get(
    "WORKBENCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = [
    b for b in os.environ.get("WORKBENCH_TEST_BACKENDS", "sqlite,postgresql").split(",") if b
]
TEST_PASSWORD = "correct horse battery staple"
REFERENCE = SHARED / "corpus" / "blinken-china-2024.txt"
REFERENCE_GOLD = SHARED / "corpus" / "blinken-china-2024.gold.json"


def pytest_collection_modifyitems(config, items):
    """@pytest.mark.backends("sqlite") keeps a test to the databases where it means something:
    its runs on the other databases are deselected (reported as such), never skipped."""
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker("backends")
        backend = getattr(item, "callspec", None) and item.callspec.params.get("database_url")
        (drop if marker and backend and backend not in marker.args else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def unavailable(reason: str) -> None:
    """Skip a test whose outside dependency is missing; in CI that is a failure instead."""
    if IN_CI:
        pytest.fail(f"CI must run this test, but {reason}")
    pytest.skip(reason)


def _postgres_database(worker: str) -> Iterator[str]:
    """Create a private database on the PostgreSQL server for this test process."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "not reachable"
        admin.dispose()
        unavailable(f"PostgreSQL is not reachable at {POSTGRES_URL}: {exc.__class__.__name__}")
    name = f"wb_test_{worker}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> Iterator[str]:
    """An empty database with the schema created, one per backend and test process."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "workbench.sqlite"
        gen = iter([f"sqlite:///{path}"])
    else:
        gen = _postgres_database(worker)
    url = next(gen)
    app = create_app(_config(url, tmp_path_factory.mktemp("instance")))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url
    for _ in gen:  # runs the generator's cleanup
        pass


def _config(url: str, _instance: Path) -> dict:
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEY": "test-" + "k" * 40,
        # Full-cost hashing is tested once; the rest of the suite signs in many times.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
    }


@pytest.fixture
def app(database_url, tmp_path):
    """A fresh app on the session's database; every table is emptied afterwards."""
    application = create_app(_config(database_url, tmp_path))
    yield application
    with application.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def backend(app) -> str:
    """Which database this test runs on."""
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()


class Client:
    """A test client that signs in like a browser and sends CSRF tokens like our pages do."""

    def __init__(self, app):
        self.app = app
        self.http = app.test_client()
        self.token: str | None = None

    def csrf(self) -> str:
        """The CSRF token the pages embed for this session."""
        response = self.http.get("/")
        if response.status_code == 302:  # not signed in: the sign-in page carries one too
            response = self.http.get("/login")
        page = response.get_data(as_text=True)
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
            r'name="csrf_token" value="([^"]+)"', page
        )
        assert match, "no CSRF token on the page"
        self.token = match.group(1)
        return self.token

    def login(self, username: str, password: str = TEST_PASSWORD):
        """Sign in through the form."""
        self.token = None
        token = self.csrf()
        response = self.http.post(
            "/login", data={"username": username, "password": password, "csrf_token": token}
        )
        self.token = None
        if response.status_code == 302:
            self.csrf()
        return response

    def get(self, *args, **kwargs):
        return self.http.get(*args, **kwargs)

    def post(self, url: str, data: dict | None = None, **kwargs):
        """POST a form with the session's CSRF token."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.token or self.csrf())
        return self.http.post(url, data=data, **kwargs)

    def api(self, method: str, url: str, json=None, **kwargs):
        """Call the JSON API with the CSRF header a page script would send."""
        headers = kwargs.pop("headers", {})
        if method.upper() not in ("GET", "HEAD"):
            headers.setdefault("X-CSRFToken", self.token or self.csrf())
        return self.http.open(url, method=method, json=json, headers=headers, **kwargs)


@pytest.fixture
def make_user(app):
    """Create users: make_user("ana", "editor")."""
    from workbench import services
    from workbench.models import Role

    def make(name: str, role: str = "reviewer", password: str = TEST_PASSWORD):
        with app.app_context():
            user = services.create_user(name, password, Role(role))
            return user.id

    return make


@pytest.fixture
def reviewer(app, make_user) -> Client:
    make_user("rita", "reviewer")
    client = Client(app)
    assert client.login("rita").status_code == 302
    return client


@pytest.fixture
def editor(app, make_user) -> Client:
    make_user("eddie", "editor")
    client = Client(app)
    assert client.login("eddie").status_code == 302
    return client


@pytest.fixture
def anonymous(app) -> Client:
    return Client(app)


SAMPLE_TEXT = (
    "Published: March 3, 2025\n"
    "The council approved a $12-million budget on March 1 (Saturday), its largest in history.\n"
    "“We will build 40 new homes,” the mayor said.\n"
)


@pytest.fixture
def article_id(app, reviewer) -> int:
    """An article imported through the API by the reviewer."""
    response = reviewer.api(
        "POST", "/api/v1/articles", json={"text": SAMPLE_TEXT, "title": "Budget"}
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["article"]["id"]


def reference_text() -> str:
    """The reference article, or skip (fail in CI) when ../shared is missing."""
    if not REFERENCE.exists():
        unavailable(f"the reference article is missing at {REFERENCE}")
    return REFERENCE.read_text(encoding="utf-8")
