"""THREATS.md cases not covered elsewhere: each a clear 4xx, nothing half written, never a 500.

Numbers refer to THREATS.md. Already covered in other files: #1/#2/#6/#7 (test_ingest,
test_sanitize), #5/#61-#63 (test_api malformed bodies), #14 (test_api offsets), #54
(test_auth next), #55 (test_auth secret), #87 (test_api 413).
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from workbench import create_app
from workbench.db import db
from workbench.errors import Conflict, Invalid
from workbench.models import Claim, Event, LoginSession, Role, Source, User
from workbench.services import accounts

from .conftest import SAMPLE_TEXT, TEST_PASSWORD, Client


def _claim(client, article_id):
    return client.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]


def _unchanged(app, claim_id, version):
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        events = db.session.scalar(
            db.select(db.func.count(Event.id)).where(Event.claim_id == claim_id)
        )
        return claim.version == version and events == 0


# --- B3 source URLs and fields ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "javascript\u200b:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://exa\u200bmple.org/",
        "https://example.org/\u202egnp.exe",
        "https://example.org/a\x00b",
        "http://user:pw@example.org/",
        "http://127.0.0.1\\@1.1.1.1/",
        "https://example.org/" + "a" * 3000,
    ],
)
def test_hostile_source_urls_are_422_and_nothing_is_stored(app, reviewer, article_id, url):
    claim = _claim(reviewer, article_id)
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/sources",
        json={"url": url, "title": "T", "stance": "supports", "version": claim["version"]},
    )
    assert r.status_code == 422
    assert r.get_json()["fields"]["url"]
    assert _unchanged(app, claim["id"], claim["version"])


def test_nul_and_controls_in_source_fields_and_rationale_are_removed(app, reviewer, article_id):
    claim = _claim(reviewer, article_id)
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/sources",
        json={
            "url": "https://example.org/a",
            "title": "Min\x00utes\x07",
            "publisher": "City\x1b",
            "excerpt": "line\x00one\nline two",
            "stance": "supports",
            "version": claim["version"],
        },
    )
    assert r.status_code == 201, r.get_data(as_text=True)
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "true", "rationale": "ok\x00 then", "version": r.json["version"]},
    )
    assert r.status_code == 200
    with app.app_context():
        source = db.session.scalar(db.select(Source))
        assert (source.title, source.publisher) == ("Minutes", "City")
        assert source.excerpt == "lineone\nline two"
        assert db.session.get(Claim, claim["id"]).verdict.rationale == "ok then"


# --- B4 rationale Markdown, rendered on the claim page -----------------------------------------


def test_hostile_rationale_renders_inert_on_the_claim_page(app, reviewer, article_id):
    claim = _claim(reviewer, article_id)
    rationale = (
        "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x)\n\n"
        "<a href='javascript:alert(1)'>d</a> <img src=x onerror=alert(1)> "
        "<details open ontoggle=alert(1)>\n\n[e][1]\n\n[1]: javascript:alert(1)\n\n"
        "<javascript:alert(1)> ![i](https://tracker.example/p.gif) <script>alert(1)</script>"
    )
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "false", "rationale": rationale, "version": claim["version"]},
    )
    assert r.status_code == 200
    page = reviewer.get(f"/claims/{claim['id']}").get_data(as_text=True).lower()
    assert not re.search(r"<a\b[^>]*href\s*=\s*[\"']?\s*(javascript|data):", page)
    assert not re.search(r"<img\b[^>]*(onerror|tracker)", page)
    assert not re.search(r"<(details|script)\b[^>]*(ontoggle|>alert)", page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, not deleted (#43)


def test_oversized_rationale_is_refused(app, reviewer, article_id):
    claim = _claim(reviewer, article_id)
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "false", "rationale": ">" * 100_000, "version": claim["version"]},
    )
    assert r.status_code == 422
    assert _unchanged(app, claim["id"], claim["version"])


# --- B5 auth, sessions, roles ------------------------------------------------------------------


def test_mass_assignment_on_a_claim_is_refused(app, reviewer, article_id):
    """#49: status, ids and authors are not PATCHable fields."""
    claim = _claim(reviewer, article_id)
    r = reviewer.api(
        "PATCH",
        f"/api/v1/claims/{claim['id']}",
        json={
            "status": "approved",
            "approved_by": 1,
            "article_id": 7,
            "id": 99,
            "version": claim["version"],
        },
    )
    assert r.status_code == 422
    assert set(r.get_json()["fields"]) == {"status", "approved_by", "article_id", "id"}
    assert _unchanged(app, claim["id"], claim["version"])


@pytest.mark.parametrize(
    "query", ["sort=password_hash", "sort=author__password", "sort=id;drop table users"]
)
def test_sort_is_an_allow_list(reviewer, query):
    """#50"""
    r = reviewer.api("GET", f"/api/v1/claims?{query}")
    assert r.status_code == 400
    assert "sort is one of" in r.get_json()["message"]


def test_unknown_status_filter_is_422(reviewer):
    r = reviewer.api("GET", "/api/v1/claims?status=published")
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("admin ", Conflict),
        ("ADMIN", Conflict),
        ("Ａｄｍｉｎ", Conflict),  # fullwidth, NFKC
        ("admin\u200b", Invalid),
        ("\u0430dmin", Invalid),  # Cyrillic а + Latin: mixed scripts
        ("\u0455\u0441\u043e\u0440\u0435", Conflict),  # Cyrillic look-alike of "scope"
        ("ad\u202emin", Invalid),
    ],
)
def test_confusable_user_names_are_refused(app, name, error):
    """#53"""
    with app.app_context():
        accounts.create_user("admin", TEST_PASSWORD, Role.admin)
        accounts.create_user("scope", TEST_PASSWORD, Role.reviewer)
        with pytest.raises(error):
            accounts.create_user(name, TEST_PASSWORD, Role.reviewer)


def test_old_cookie_is_rejected_after_sign_out_and_other_browsers_stay(app, make_user):
    """#56: replaying a copied session cookie after sign-out does not work; signing out of
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
    """A browser signed in as ana signs in as bob (another tab's form), then signs out: a copy
    of ana's cookie from that browser must not outlive it."""
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
    """A cookie from before per-browser sessions (identity but no key), or with a key that
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
    make_user("ana", "reviewer")
    with app.app_context():
        ana = db.session.scalar(db.select(User).filter_by(username="ana"))
        accounts.start_session(ana, "evil\x00agent\r\n" + "x" * 500)
        (row,) = accounts.list_sessions(ana)
        assert row.user_agent.startswith("evilagent") and len(row.user_agent) == 300


def test_password_change_keeps_this_browser_and_ends_the_others(app, make_user):
    """#56: the settings password form."""
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
    make_user("ana", "reviewer")
    a, b = Client(app), Client(app)
    a.login("ana")
    b.login("ana")
    assert a.post("/settings/sessions/end", {}).status_code == 302
    assert a.get("/").status_code == 302 and b.get("/").status_code == 302
    assert Client(app).login("ana").status_code == 302  # the password still works


def test_session_cookie_flags(app, make_user):
    make_user("ana", "reviewer")
    client = Client(app)
    client.csrf()
    token = client.token
    r = client.http.post(
        "/login", data={"username": "ana", "password": TEST_PASSWORD, "csrf_token": token}
    )
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_production_cookies_are_secure(tmp_path):
    app = create_app(
        {
            "PRODUCTION": True,
            "SECRET_KEY": "p" * 40,
            "DATABASE_URL": f"sqlite:///{tmp_path}/p.db",
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def _failed_login(client: Client, name: str, address: str = "127.0.0.1"):
    token = client.token or client.csrf()
    return client.http.post(
        "/login",
        data={"username": name, "password": "wrong password here", "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_sign_in_is_rate_limited_per_address(app, make_user):
    """#52: five failures a minute from one address, then 429 with a clear message."""
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
    make_user("ana", "reviewer")
    client = Client(app)
    # LOGIN_ACCOUNT_RATE_LIMIT (10/minute) for browsers that never signed in to the account
    for n in range(10):
        assert _failed_login(client, "ana", f"10.0.0.{n}").status_code == 401
    assert _failed_login(client, " ANA ", "10.0.0.99").status_code == 429
    assert _failed_login(client, "bob", "10.0.0.98").status_code == 401


def test_successful_sign_ins_do_not_count(app, make_user):
    make_user("ana", "reviewer")
    for _ in range(8):
        assert Client(app).login("ana").status_code == 302


def test_frame_ancestors_and_headers_on_every_kind_of_response(app, reviewer, article_id):
    """#60 and the header set, on pages, JSON, errors and the sign-in page."""
    responses = [
        reviewer.get("/"),
        reviewer.get(f"/articles/{article_id}"),
        reviewer.get("/settings/tokens"),
        reviewer.api("GET", "/api/v1/articles"),
        reviewer.api("GET", "/api/v1/claims/987654"),
        reviewer.get("/no-such-page"),
        Client(app).get("/login"),
    ]
    for r in responses:
        csp = r.headers["Content-Security-Policy"]
        for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"):
            assert directive in csp, (r.request.path, csp)
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("limit=1000000000", 200),
        ("limit=0", 200),
        ("offset=-1", 422),
        ("limit=abc", 422),
        ("limit=" + "9" * 400, 422),
        ("status=open&status=approved", 400),
        ("assignee=me&assignee=bob", 400),
    ],
)
def test_claim_list_pagination_and_parameter_pollution(reviewer, article_id, query, status):
    """#69, #70"""
    r = reviewer.api("GET", f"/api/v1/claims?{query}")
    assert r.status_code == status, r.get_data(as_text=True)
    if status == 200:
        assert 1 <= r.get_json()["limit"] <= 200


def test_reviewer_cannot_approve_and_editor_cannot_approve_own(app, make_user, article_id):
    """#48 through the API (the page forms are in test_workflow)."""
    make_user("ed", "editor")
    ed = Client(app)
    ed.login("ed")
    claim = _claim(ed, article_id)
    base = f"/api/v1/claims/{claim['id']}"
    v = ed.api("PUT", f"{base}/verdict", json={"rating": "true", "version": claim["version"]})
    v = ed.api("POST", f"{base}/submit", json={"version": v.json["version"]}).json["version"]
    r = ed.api("POST", f"{base}/approve", json={"version": v})
    assert r.status_code == 403 and "four-eyes" in r.get_json()["message"]
    app.config["FOUR_EYES"] = False
    assert ed.api("POST", f"{base}/approve", json={"version": v}).status_code == 200


# --- B6 JSON -------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1", None, 1.5, True, "NaN", [1], {"v": 1}])
def test_versions_must_be_whole_numbers(app, reviewer, article_id, version):
    claim = _claim(reviewer, article_id)
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "true", "version": version},
    )
    assert r.status_code == 422
    assert _unchanged(app, claim["id"], claim["version"])


def test_prototype_pollution_keys_are_refused_on_patch(app, reviewer, article_id):
    """#64"""
    claim = _claim(reviewer, article_id)
    r = reviewer.api(
        "PATCH",
        f"/api/v1/claims/{claim['id']}",
        json={"__proto__": {"admin": True}, "constructor": 1, "version": claim["version"]},
    )
    assert r.status_code == 422


def test_page_form_body_over_the_limit_is_413(app, reviewer):
    app.config["MAX_CONTENT_LENGTH"] = 2000
    r = reviewer.post("/articles/new", {"text": "x" * 5000})
    assert r.status_code == 413


def test_max_content_length_is_set_by_default(app):
    assert 0 < app.config["MAX_CONTENT_LENGTH"] <= 16 * 1024 * 1024


# --- B7 SQLite busy ------------------------------------------------------------------------------


@pytest.mark.slow
def test_sqlite_writer_waiting_too_long_gets_503_not_500(tmp_path):
    """#76/#77: another process holds the write lock past busy_timeout: a clean 503."""
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


# --- B8 faults -----------------------------------------------------------------------------------


def test_production_refuses_debug_mode(tmp_path, monkeypatch):
    """#86"""
    base = {"PRODUCTION": True, "SECRET_KEY": "p" * 40, "DATABASE_URL": f"sqlite:///{tmp_path}/d"}
    with pytest.raises(RuntimeError, match="debug"):
        create_app({**base, "DEBUG": True})
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="debug"):
        create_app(base)


def test_production_refuses_a_short_secret(tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(
            {"PRODUCTION": True, "SECRET_KEY": "short", "DATABASE_URL": f"sqlite:///{tmp_path}/s"}
        )


def test_a_database_that_cannot_take_writes_gets_503_not_500(app, reviewer, article_id, backend):
    """#82: out of disk or read-only (SQLite says so in words, PostgreSQL by SQLSTATE 25006 or
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


def test_a_forged_host_header_never_reaches_exported_links(app, reviewer, article_id):
    """#57: exported links follow PUBLIC_URL when it is set, whatever the Host header says;
    with TRUSTED_HOSTS an unknown Host is refused outright."""
    with app.app_context():
        rita = db.session.scalar(db.select(User).filter_by(username="rita"))
        _token, secret = accounts.create_token(rita, "script")
    http = app.test_client(use_cookies=False)

    def export(host: str):
        return http.get(
            f"/api/v1/articles/{article_id}/export?format=webannotation",
            headers={"Authorization": f"Bearer {secret}", "Host": host},
        )

    # Without settings the links follow the request's host (what the README warns about).
    assert "http://evil.example/" in export("evil.example").get_data(as_text=True)
    app.config["PUBLIC_URL"] = "https://checks.example/"
    body = export("evil.example").get_data(as_text=True)
    assert "evil.example" not in body and "https://checks.example/" in body
    app.config["TRUSTED_HOSTS"] = ["checks.example", "localhost"]
    refused = export("evil.example")
    assert refused.status_code == 400
    assert refused.get_json()["error"] == "bad_request"
    assert export("checks.example").status_code == 200


def _sqlite_app(tmp_path, **config):
    """An app of its own on a SQLite file in tmp_path (created once, shared by later calls)."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path}/own.sqlite",
            "SECRET_KEY": "p" * 40,
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
            **config,
        }
    )
    with app.app_context():
        db.create_all()
    return app


def _failed_from(client: Client, forwarded_for: str, name: str):
    token = client.token or client.csrf()
    return client.http.post(
        "/login",
        data={"username": name, "password": "wrong password here", "csrf_token": token},
        headers={"X-Forwarded-For": forwarded_for},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )


def test_a_spoofed_forwarded_for_does_not_escape_the_sign_in_limit(tmp_path):
    """#93: with no proxy configured, X-Forwarded-For is ignored: six failures from one
    address with six different forwarded addresses are still six from one address."""
    client = Client(_sqlite_app(tmp_path))
    codes = [_failed_from(client, f"203.0.113.{n}", f"user{n}").status_code for n in range(6)]
    assert codes == [401] * 5 + [429]


def test_behind_a_proxy_the_limit_keys_on_the_forwarded_client(tmp_path):
    """With PROXIES=1 the proxy's X-Forwarded-For names the client: one client is limited,
    another behind the same proxy is not."""
    client = Client(_sqlite_app(tmp_path, PROXIES=1))
    codes = [_failed_from(client, "203.0.113.7", f"user{n}").status_code for n in range(6)]
    assert codes == [401] * 5 + [429]
    assert _failed_from(client, "203.0.113.8", "someone").status_code == 401
    # only the last hop is believed: a client prepending its own address changes nothing
    assert _failed_from(client, "198.51.100.1, 203.0.113.7", "user9").status_code == 429


def test_the_secret_key_rotates_without_signing_everyone_out(tmp_path):
    """#55: a new SECRET_KEY with the old one in SECRET_KEY_FALLBACKS keeps sessions signed
    with the old key working; dropping the fallback ends them."""
    old, new = "o" * 40, "n" * 40
    before = _sqlite_app(tmp_path, SECRET_KEY=old)
    with before.app_context():
        accounts.create_user("ana", TEST_PASSWORD, Role.reviewer)
    client = Client(before)
    assert client.login("ana").status_code == 302
    cookie = client.http.get_cookie("session").value

    def signed_in(app) -> bool:
        browser = app.test_client()
        browser.set_cookie("session", cookie)
        return browser.get("/").status_code == 200

    assert signed_in(_sqlite_app(tmp_path, SECRET_KEY=new, SECRET_KEY_FALLBACKS=[old]))
    assert not signed_in(_sqlite_app(tmp_path, SECRET_KEY=new))


@pytest.mark.backends("postgresql")  # only a database server can drop our connections
def test_connections_cut_by_a_database_restart_are_replaced(app, reviewer, article_id):
    """#80: PostgreSQL restarts (every connection of ours is terminated) between two
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
