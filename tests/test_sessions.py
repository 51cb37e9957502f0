"""Sessions: one server-side row per browser, ended by sign-out, password change or from
Settings; cookie flags; the secret key rotates without signing everyone out."""

from __future__ import annotations

import re

from workbench.db import db
from workbench.models import LoginSession, Role, User
from workbench.services import accounts

from .conftest import TEST_PASSWORD, Client
from .helpers import own_sqlite_app


def test_old_cookie_is_rejected_after_sign_out_and_other_browsers_stay(app, make_user):
    """S1.3: replaying a copied session cookie after sign-out does not work; signing out of
    one browser leaves the account's other browsers signed in."""
    make_user("ana", "reviewer")
    client, laptop = Client(app), Client(app)
    client.login("ana")
    laptop.login("ana")
    stolen = client.http.get_cookie("session").value
    assert client.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    r = thief.get("/")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    assert thief.get("/api/v1/articles").status_code == 401
    assert laptop.get("/").status_code == 200
    assert laptop.get("/api/v1/articles").status_code == 200


def test_signing_in_over_a_live_session_ends_it(app, make_user):
    """S1.3, S1.4: A browser signed in as ana signs in as bob (another tab's form), then signs
    out: a copy of ana's cookie from that browser must not outlive it."""
    make_user("ana", "reviewer")
    make_user("bob", "reviewer")
    client = Client(app)
    client.login("ana")
    stolen = client.http.get_cookie("session").value
    assert client.login("bob").status_code == 302
    assert client.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/").status_code == 302
    with app.app_context():
        ana = db.session.scalar(db.select(User).filter_by(username="ana"))
        assert accounts.list_sessions(ana) == []


def test_a_cookie_without_a_live_session_key_is_signed_out(app, make_user):
    """S1.3: A cookie from before per-browser sessions (identity but no key), or with a key that
    was never issued, signs nobody in."""
    make_user("ana", "reviewer")
    client = Client(app)
    client.login("ana")
    assert client.get("/").status_code == 200
    with client.http.session_transaction() as sess:
        key = sess.pop("sid")
    assert client.get("/").status_code == 302
    with client.http.session_transaction() as sess:
        sess["sid"] = key[::-1]
    assert client.get("/").status_code == 302
    with client.http.session_transaction() as sess:
        sess["sid"] = key
    assert client.get("/").status_code == 200


def test_settings_lists_my_sessions_and_ends_another_one(app, make_user):
    """Threat S1.3, S4.7."""
    make_user("ana", "reviewer")
    make_user("otto", "reviewer")
    here, laptop, otto = Client(app), Client(app), Client(app)
    laptop.http.environ_base["HTTP_USER_AGENT"] = "LaptopBrowser/1.0"
    otto.http.environ_base["HTTP_USER_AGENT"] = "OttosBrowser/2.0"
    here.login("ana")
    laptop.login("ana")
    otto.login("otto")
    page = here.get("/settings/tokens").get_data(as_text=True)
    assert page.count('<tr class="this-session">') == 1
    assert "LaptopBrowser/1.0" in page and "OttosBrowser/2.0" not in page
    laptop_id = int(re.search(r'action="/settings/sessions/(\d+)/end"', page).group(1))
    r = here.post(f"/settings/sessions/{laptop_id}/end", {})
    assert r.status_code == 302
    page = here.get("/settings/tokens").get_data(as_text=True)
    assert "That session has ended." in page and "LaptopBrowser/1.0" not in page
    assert laptop.get("/").status_code == 302
    assert here.get("/").status_code == 200
    # ending it again changes nothing; someone else's session or an unknown id is 404
    assert here.post(f"/settings/sessions/{laptop_id}/end", {}).status_code == 302
    otto_page = otto.get("/settings/tokens").get_data(as_text=True)
    assert not re.search(r'action="/settings/sessions/\d+/end"', otto_page)  # only this one
    with app.app_context():
        otto_user = db.session.scalar(db.select(User).filter_by(username="otto"))
        otto_id = accounts.list_sessions(otto_user)[0].id
    assert here.post(f"/settings/sessions/{otto_id}/end", {}).status_code == 404
    assert otto.get("/").status_code == 200
    assert here.post("/settings/sessions/2147483647/end", {}).status_code == 404


def test_sign_ins_cannot_grow_the_session_table_without_bound(app, make_user):
    """Threat S1.9."""
    make_user("ana", "reviewer")
    with app.app_context():
        ana = db.session.scalar(db.select(User).filter_by(username="ana"))
        keys = [accounts.start_session(ana, f"script {i}") for i in range(60)]
        live = accounts.list_sessions(ana)
        assert len(live) == accounts.MAX_SESSIONS_PER_USER
        assert {s.user_agent for s in live} == {f"script {i}" for i in range(10, 60)}
        assert accounts.user_for_session(ana.id, str(ana.session_version), keys[-1]) is ana
        assert accounts.user_for_session(ana.id, str(ana.session_version), keys[0]) is None
        # ended rows go at the next sign-in
        accounts.start_session(ana, "one more")
        total = db.session.scalar(
            db.select(db.func.count()).select_from(LoginSession).filter_by(user_id=ana.id)
        )
        assert total == accounts.MAX_SESSIONS_PER_USER + 1  # and the one this sign-in ended


def test_control_characters_in_the_user_agent_do_not_break_sign_in(app, make_user):
    """Threat S1.9."""
    make_user("ana", "reviewer")
    with app.app_context():
        ana = db.session.scalar(db.select(User).filter_by(username="ana"))
        accounts.start_session(ana, "evil\x00agent\r\n" + "x" * 500)
        (row,) = accounts.list_sessions(ana)
        assert row.user_agent.startswith("evilagent") and len(row.user_agent) == 300


def test_password_change_keeps_this_browser_and_ends_the_others(app, make_user):
    """S1.3: the settings password form."""
    make_user("ana", "reviewer")
    here, there = Client(app), Client(app)
    here.login("ana")
    there.login("ana")
    r = here.post("/settings/password", {"current": TEST_PASSWORD, "new": "a new long passphrase"})
    assert r.status_code == 302
    assert here.get("/").status_code == 200
    assert there.get("/").status_code == 302
    here.token = None  # the new session has a new CSRF token
    wrong = here.post("/settings/password", {"current": "not it at all", "new": "x" * 12})
    assert wrong.status_code == 422 and "current password is wrong" in wrong.get_data(as_text=True)


def test_sign_out_everywhere_ends_every_session(app, make_user):
    """Threat S1.3."""
    make_user("ana", "reviewer")
    a, b = Client(app), Client(app)
    a.login("ana")
    b.login("ana")
    assert a.post("/settings/sessions/end", {}).status_code == 302
    assert a.get("/").status_code == 302 and b.get("/").status_code == 302
    assert Client(app).login("ana").status_code == 302  # the password still works


def test_session_cookie_flags(app, make_user):
    """Threat S1.6."""
    make_user("ana", "reviewer")
    client = Client(app)
    client.csrf()
    token = client.token
    r = client.http.post(
        "/login", data={"username": "ana", "password": TEST_PASSWORD, "csrf_token": token}
    )
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_the_secret_key_rotates_without_signing_everyone_out(tmp_path):
    """S1.5: a new SECRET_KEY with the old one in SECRET_KEY_FALLBACKS keeps sessions signed
    with the old key working; dropping the fallback ends them."""
    old, new = "o" * 40, "n" * 40
    before = own_sqlite_app(tmp_path, SECRET_KEY=old)
    with before.app_context():
        accounts.create_user("ana", TEST_PASSWORD, Role.reviewer)
    client = Client(before)
    assert client.login("ana").status_code == 302
    cookie = client.http.get_cookie("session").value

    def signed_in(app) -> bool:
        browser = app.test_client()
        browser.set_cookie("session", cookie)
        return browser.get("/").status_code == 200

    assert signed_in(own_sqlite_app(tmp_path, SECRET_KEY=new, SECRET_KEY_FALLBACKS=[old]))
    assert not signed_in(own_sqlite_app(tmp_path, SECRET_KEY=new))
