"""Issue 10 #10: sessions expire on the server, after idling and after an absolute lifetime.

SESSION_IDLE_MINUTES (120) after the last request, or SESSION_MAX_HOURS (12) after sign-in,
the session's cookie stops working (a kept copy too), and the session list no longer shows it.
"""

# Threat model (docs/threat-model.md): S1.17.

from __future__ import annotations

from datetime import timedelta

from workbench.db import db, utcnow
from workbench.models import LoginSession

from .conftest import Client


def _signed_in(app, make_user, name: str = "ana") -> Client:
    make_user(name, "reviewer")
    client = Client(app)
    assert client.login(name).status_code == 302
    return client


def _age(app, *, idle: timedelta | None = None, lived: timedelta | None = None) -> None:
    """Make every live session look idle or old by moving its timestamps back."""
    with app.app_context():
        now = utcnow()
        for row in db.session.scalars(db.select(LoginSession)):
            if lived is not None:
                row.created_at = now - lived
            if idle is not None:
                row.last_seen_at = now - idle
        db.session.commit()


def _rows(app) -> list[LoginSession]:
    with app.app_context():
        rows = list(db.session.scalars(db.select(LoginSession).order_by(LoginSession.id)))
        db.session.expunge_all()
        return rows


def test_an_idle_session_ends_on_the_server(app, make_user):
    client = _signed_in(app, make_user)
    copy = app.test_client()  # a copy of the cookie, as someone who kept it would have
    copy.set_cookie("session", client.http.get_cookie("session").value)
    assert copy.get("/").status_code == 200
    _age(app, idle=timedelta(minutes=121))
    r = client.get("/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert copy.get("/").status_code == 302
    assert _rows(app)[0].ended_at is not None  # ended on the server, not only ignored


def test_activity_keeps_a_session_alive_and_is_recorded(app, make_user):
    client = _signed_in(app, make_user)
    _age(app, idle=timedelta(minutes=100))
    assert client.get("/").status_code == 200
    seen = _rows(app)[0].last_seen_at
    assert utcnow() - seen < timedelta(minutes=1)
    _age(app, idle=timedelta(minutes=100))  # another 100 minutes: 200 since sign-in, fine
    assert client.get("/").status_code == 200


def test_a_session_ends_after_its_absolute_lifetime_however_active(app, make_user):
    client = _signed_in(app, make_user)
    _age(app, lived=timedelta(hours=12, minutes=1), idle=timedelta(seconds=5))
    r = client.get("/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_lifetimes_are_configurable(app, make_user):
    app.config["SESSION_IDLE_MINUTES"] = 5
    app.config["SESSION_MAX_HOURS"] = 1
    client = _signed_in(app, make_user)
    _age(app, idle=timedelta(minutes=4))
    assert client.get("/").status_code == 200
    _age(app, idle=timedelta(minutes=6))
    assert client.get("/").status_code == 302
    other = _signed_in(app, make_user, "bob")
    _age(app, lived=timedelta(minutes=61), idle=timedelta(seconds=1))
    assert other.get("/").status_code == 302


def test_expired_sessions_are_not_listed(app, make_user):
    client = _signed_in(app, make_user)
    old = Client(app)
    assert old.login("ana").status_code == 302
    with app.app_context():
        first = db.session.scalars(db.select(LoginSession).order_by(LoginSession.id)).first()
        first.last_seen_at = utcnow() - timedelta(hours=3)
        db.session.commit()
    page = old.get("/settings/tokens").get_data(as_text=True)
    assert page.count("/settings/sessions/") == 1  # "sign out everywhere" only: no End button
    assert "this browser" in page
    assert client.get("/").status_code == 302
