"""The database fails under us: a locked, read-only or restarted database gives a clear 503
(or a fresh connection), nothing half written, and reads go on."""

from __future__ import annotations

import re
import sqlite3

import pytest

from workbench import create_app
from workbench.db import db
from workbench.models import Role
from workbench.services import accounts

from .conftest import SAMPLE_TEXT, TEST_PASSWORD, Client


@pytest.mark.slow
def test_sqlite_writer_waiting_too_long_gets_503_not_500(tmp_path):
    """S6.1: another process holds the write lock past busy_timeout: a clean 503."""
    path = tmp_path / "busy.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{path}",
            "SECRET_KEY": "b" * 40,
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        }
    )
    with app.app_context():
        db.create_all()
        accounts.create_user("ana", TEST_PASSWORD, Role.reviewer)
        db.session.remove()
    client = Client(app)
    assert client.login("ana").status_code == 302
    client.csrf()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = client.api("POST", "/api/v1/articles", json={"text": SAMPLE_TEXT})
        assert client.get("/").status_code == 200  # reads continue under WAL
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.status_code == 503
    assert r.headers["Retry-After"]
    assert r.get_json()["error"] == "busy"
    with app.app_context():
        from workbench.models import Article

        assert db.session.scalar(db.select(db.func.count(Article.id))) == 0
        db.engine.dispose()
    # With the lock released the same request goes through.
    r = client.api("POST", "/api/v1/articles", json={"text": SAMPLE_TEXT})
    assert r.status_code == 201
    with app.app_context():
        db.engine.dispose()


def test_a_database_that_cannot_take_writes_gets_503_not_500(app, reviewer, article_id, backend):
    """S6.2: out of disk or read-only (SQLite says so in words, PostgreSQL by SQLSTATE 25006 or
    53100): a clear 503 with nothing half-written, while reading goes on."""
    from sqlalchemy import event

    def read_only(dbapi_connection, _record):
        if backend == "sqlite":
            dbapi_connection.execute("PRAGMA query_only = ON")
        else:
            autocommit = dbapi_connection.autocommit
            dbapi_connection.autocommit = True
            dbapi_connection.execute("SET default_transaction_read_only = on")
            dbapi_connection.autocommit = autocommit

    before = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    word = re.search(r"[A-Za-z]{6,}", before["article"]["text"])
    with app.app_context():
        engine = db.engine
        event.listen(engine, "connect", read_only)
        engine.dispose()
    try:
        r = reviewer.api(
            "POST",
            f"/api/v1/articles/{article_id}/claims",
            json={"start": word.start(), "end": word.end()},
        )
        assert r.status_code == 503, r.get_data(as_text=True)
        assert r.get_json()["error"] == "unavailable"
        assert "nothing was saved" in r.get_json()["message"]
        assert r.headers["Retry-After"] == "30"
        page = reviewer.post(f"/articles/{article_id}/meta", {"title": "Changed"})
        assert page.status_code == 503
        assert "cannot save changes right now" in page.get_data(as_text=True)
        assert reviewer.get(f"/articles/{article_id}").status_code == 200  # reads go on
    finally:
        with app.app_context():
            event.remove(engine, "connect", read_only)
            engine.dispose()
    after = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    assert after["claims"] == before["claims"]
    assert after["article"]["title"] == before["article"]["title"]


@pytest.mark.backends("postgresql")  # only a database server can drop our connections
def test_connections_cut_by_a_database_restart_are_replaced(app, reviewer, article_id):
    """S6.3: PostgreSQL restarts (every connection of ours is terminated) between two
    requests: the next request still answers, on a fresh connection (pool_pre_ping)."""
    from sqlalchemy import create_engine, text

    assert reviewer.get(f"/articles/{article_id}").status_code == 200  # the pool holds one
    with app.app_context():
        database = db.engine.url.database
        admin = create_engine(db.engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            cut = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = :db AND pid <> pg_backend_pid()"
                ),
                {"db": database},
            ).scalar()
    finally:
        admin.dispose()
    assert cut >= 1
    assert reviewer.get(f"/articles/{article_id}").status_code == 200
    r = reviewer.api("GET", f"/api/v1/articles/{article_id}")
    assert r.status_code == 200 and r.get_json()["article"]["id"] == article_id
