"""Personal API tokens: made and revoked by their owner, stored hashed, acting with the owner's
role, and free of CSRF only when the token (not a cookie) authenticates the request."""

from __future__ import annotations

import hashlib
import re

import pytest

from workbench.db import db
from workbench.models import ApiToken, User
from workbench.services import accounts

from .conftest import SAMPLE_TEXT


def _token(app, username: str, name: str = "script") -> str:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        _token, secret = accounts.create_token(user, name)
        return secret


def _bearer(app, secret: str):
    """A client with no cookie session, sending the token."""
    http = app.test_client(use_cookies=False)

    def call(method: str, url: str, json=None, headers=None):
        return http.open(
            url,
            method=method,
            json=json,
            headers={"Authorization": f"Bearer {secret}", **(headers or {})},
        )

    return call


def test_token_is_stored_as_sha256_only(app, make_user):
    """Threat S1.12."""
    make_user("ana", "reviewer")
    secret = _token(app, "ana")
    with app.app_context():
        row = db.session.scalar(db.select(ApiToken))
        assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in (row.token_hash, row.hint, row.name)
        assert secret.startswith(row.hint)
    assert len(secret) >= 40


def test_token_authenticates_the_api_without_csrf(app, make_user):
    """Threat S1.7, S1.12."""
    make_user("ana", "reviewer")
    call = _bearer(app, _token(app, "ana"))
    assert call("GET", "/api/v1/articles").status_code == 200
    r = call("POST", "/api/v1/articles", json={"text": SAMPLE_TEXT, "title": "Budget"})
    assert r.status_code == 201, r.get_data(as_text=True)
    assert "Set-Cookie" not in r.headers


def test_token_carries_the_owner_role(app, make_user):
    """Threat S1.12."""
    make_user("ana", "reviewer")
    make_user("ed", "editor")
    reviewer = _bearer(app, _token(app, "ana"))
    editor = _bearer(app, _token(app, "ed"))
    doc = reviewer("POST", "/api/v1/articles", json={"text": SAMPLE_TEXT}).get_json()
    claim = doc["claims"][0]
    r = reviewer(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "true", "rationale": "ok", "version": claim["version"]},
    )
    r = reviewer(
        "POST", f"/api/v1/claims/{claim['id']}/submit", json={"version": r.json["version"]}
    )
    version = r.get_json()["version"]
    denied = reviewer("POST", f"/api/v1/claims/{claim['id']}/approve", json={"version": version})
    assert denied.status_code == 403
    r = editor("POST", f"/api/v1/claims/{claim['id']}/approve", json={"version": version})
    assert r.status_code == 200 and r.get_json()["verdict"]["approved_by"] == "ed"


@pytest.mark.parametrize(
    "header",
    ["Bearer wbt_not-a-real-token", "Bearer ", "Basic YW5hOnB3", "Bearer " + "x" * 5000, "wbt_"],
)
def test_bad_or_unknown_tokens_are_401(app, header):
    """Threat S1.12."""
    http = app.test_client(use_cookies=False)
    r = http.get("/api/v1/articles", headers={"Authorization": header})
    assert r.status_code == 401
    assert r.get_json()["error"] == "unauthorized"
    assert "Bearer" in r.headers["WWW-Authenticate"]


def test_revoked_token_stops_working(app, make_user):
    """Threat S1.12."""
    make_user("ana", "reviewer")
    secret = _token(app, "ana")
    call = _bearer(app, secret)
    assert call("GET", "/api/v1/articles").status_code == 200
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "ana"))
        accounts.revoke_token(user, db.session.scalar(db.select(ApiToken.id)))
    assert call("GET", "/api/v1/articles").status_code == 401


def test_token_of_a_deactivated_user_stops_working(app, make_user):
    """Threat S1.12."""
    make_user("ana", "reviewer")
    call = _bearer(app, _token(app, "ana"))
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "ana"))
        user.active = False
        db.session.commit()
    assert call("GET", "/api/v1/articles").status_code == 401


def test_token_does_not_open_pages(app, make_user):
    """Threat S1.7."""
    make_user("ana", "reviewer")
    call = _bearer(app, _token(app, "ana"))
    r = call("GET", "/")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")


def test_cookie_session_still_needs_csrf_when_a_bad_token_is_added(reviewer):
    """Threat S1.7."""
    r = reviewer.http.post(
        "/api/v1/articles",
        json={"text": SAMPLE_TEXT},
        headers={"Authorization": "Bearer wbt_forged"},
    )
    assert r.status_code == 401  # the token decides, and it is not valid
    r = reviewer.http.post("/api/v1/articles", json={"text": SAMPLE_TEXT})
    assert r.status_code == 400 and r.get_json()["error"] == "csrf"


def test_valid_token_with_someone_elses_cookie_acts_as_the_token_owner(app, make_user, reviewer):
    """Threat S1.12."""
    make_user("bob", "editor")
    secret = _token(app, "bob")
    r = reviewer.http.get(
        "/api/v1/claims?assignee=me", headers={"Authorization": f"Bearer {secret}"}
    )
    assert r.status_code == 200
    r = reviewer.http.post(
        "/api/v1/articles",
        json={"text": SAMPLE_TEXT},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 201
    with app.app_context():
        from workbench.models import Article

        article = db.session.scalar(db.select(Article))
        assert article.created_by.username == "bob"


def test_settings_page_creates_shows_once_and_revokes(app, reviewer):
    """Threat S1.12."""
    r = reviewer.post("/settings/tokens", {"name": "my laptop script"})
    assert r.status_code == 201
    secret = re.search(r'id="new-token">([^<]+)<', r.get_data(as_text=True)).group(1)
    page = reviewer.get("/settings/tokens").get_data(as_text=True)
    assert secret not in page and "my laptop script" in page and secret[:10] in page
    assert _bearer(app, secret)("GET", "/api/v1/articles").status_code == 200
    with app.app_context():
        token_id = db.session.scalar(db.select(ApiToken.id))
    assert reviewer.post(f"/settings/tokens/{token_id}/revoke", {}).status_code == 302
    assert _bearer(app, secret)("GET", "/api/v1/articles").status_code == 401
    assert "revoked" in reviewer.get("/settings/tokens").get_data(as_text=True)


def test_settings_token_needs_a_name(reviewer):
    r = reviewer.post("/settings/tokens", {"name": ""})
    assert r.status_code == 422


def test_settings_forms_need_csrf(reviewer):
    """Threat S1.7."""
    r = reviewer.http.post("/settings/tokens", data={"name": "x"})
    assert r.status_code == 400
    r = reviewer.http.post("/settings/sessions/end", data={})
    assert r.status_code == 400


def test_cli_prints_the_token_as_the_last_word(app, make_user):
    make_user("ana", "reviewer")
    result = app.test_cli_runner().invoke(args=["token", "create", "ana", "--name", "ci"])
    assert result.exit_code == 0, result.output
    secret = result.output.split()[-1]
    assert secret.startswith("wbt_")
    assert _bearer(app, secret)("GET", "/api/v1/articles").status_code == 200


def test_cli_refuses_an_unknown_user(app):
    result = app.test_cli_runner().invoke(args=["token", "create", "nobody"])
    assert result.exit_code != 0
    assert "no user" in result.output


def test_openapi_declares_the_bearer_scheme(reviewer):
    doc = reviewer.api("GET", "/api/v1/openapi.json").get_json()
    scheme = doc["components"]["securitySchemes"]["bearer"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}
    assert {"bearer": []} in doc["security"]
    assert "/claims" in doc["paths"]


def test_token_count_is_capped(app, make_user):
    """Threat S1.12."""
    from workbench.errors import Invalid

    make_user("ana", "reviewer")
    for n in range(accounts.MAX_TOKENS_PER_USER):
        _token(app, "ana", f"t{n}")
    with pytest.raises(Invalid):
        _token(app, "ana", "one too many")
