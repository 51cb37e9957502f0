"""Nobody unsigned sees anything; sign-in is safe; roles and CSRF are enforced."""

from __future__ import annotations

import pytest

from workbench.web.auth_pages import is_safe_next

from .conftest import Client


@pytest.mark.parametrize(
    "path", ["/", "/articles/new", "/articles/1", "/claims/1", "/articles/1/export"]
)
def test_anonymous_pages_redirect_to_sign_in(anonymous, path):
    """Threat S4.1."""
    response = anonymous.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("path", ["/api/v1/articles", "/api/v1/articles/1", "/api/v1/openapi.json"])
def test_anonymous_api_gets_401_json(anonymous, path):
    """Threat S4.1."""
    response = anonymous.get(path)
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized"


def test_sign_in_page_is_public(anonymous):
    response = anonymous.get("/login")
    assert response.status_code == 200
    assert "Sign in" in response.get_data(as_text=True)


def test_wrong_password_and_unknown_user_get_the_same_answer(app, make_user):
    """Threat S1.2."""
    make_user("ana", "reviewer")
    client = Client(app)
    wrong = client.login("ana", "not the password at all")
    unknown = client.login("nobody", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert "Unknown user name or wrong password." in wrong.get_data(as_text=True)
    assert "Unknown user name or wrong password." in unknown.get_data(as_text=True)


def test_sign_in_then_out(app, make_user):
    make_user("ana", "reviewer")
    client = Client(app)
    assert client.login("ana").status_code == 302
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_user_names_are_case_folded_at_sign_in(app, make_user):
    """Threat S1.10."""
    make_user("ana", "reviewer")
    assert Client(app).login("  ANA ").status_code == 302


def test_post_without_csrf_token_is_refused(app, make_user):
    """Threat S1.7."""
    make_user("ana", "reviewer")
    client = Client(app)
    response = client.http.post("/login", data={"username": "ana", "password": "x" * 12})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_api_post_without_csrf_header_is_refused(reviewer):
    """Threat S1.7."""
    response = reviewer.http.post("/api/v1/articles", json={"text": "Some text."})
    assert response.status_code == 400
    assert response.get_json()["error"] == "csrf"


def test_session_cookie_changes_at_sign_in(app, make_user):
    """Threat S1.4."""
    make_user("ana", "reviewer")
    client = Client(app)
    client.csrf()
    before = client.http.get_cookie("session").value
    client.login("ana")
    after = client.http.get_cookie("session").value
    assert before != after


def test_password_change_invalidates_old_sessions(app, make_user):
    """Threat S1.3."""
    from workbench import services
    from workbench.db import db
    from workbench.models import User

    uid = make_user("ana", "reviewer")
    client = Client(app)
    client.login("ana")
    assert client.get("/").status_code == 200
    with app.app_context():
        services.set_password(db.session.get(User, uid), "a brand new passphrase")
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/articles/1", True),
        ("//evil.com", False),
        ("\\/evil.com", False),
        ("http://evil.com", False),
        ("http:\\\\evil.com", False),
        ("/\\evil.com", False),
        ("java\nscript:alert(1)", False),
        ("", False),
    ],
)
def test_next_parameter_allows_only_local_paths(target, safe):
    """Threat S1.8."""
    assert is_safe_next(target) is safe


def test_login_ignores_an_offsite_next(app, make_user):
    """Threat S1.8."""
    make_user("ana", "reviewer")
    client = Client(app)
    token = client.csrf()
    response = client.http.post(
        "/login",
        data={
            "username": "ana",
            "password": "correct horse battery staple",
            "csrf_token": token,
            "next": "//evil.com/",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_full_cost_password_hash_by_default(app):
    """Threat S1.11."""
    from workbench.config import DEFAULTS

    assert DEFAULTS["PASSWORD_HASH_METHOD"] == "scrypt:32768:8:3"
    app.config["PASSWORD_HASH_METHOD"] = DEFAULTS["PASSWORD_HASH_METHOD"]
    from workbench import services
    from workbench.models import Role

    with app.app_context():
        user = services.create_user("strong", "a long enough passphrase", Role.reviewer)
        assert user.password_hash.startswith("scrypt:32768:8:3$")


def test_too_long_password_is_refused(app):
    """Threat S1.11."""
    from workbench import services
    from workbench.errors import Invalid
    from workbench.models import Role

    with app.app_context(), pytest.raises(Invalid):
        services.create_user("big", "x" * 2000, Role.reviewer)


def test_security_headers_on_every_response(anonymous):
    """Threat S5.3."""
    response = anonymous.get("/login")
    csp = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_production_refuses_default_secret(tmp_path):
    """Threat S7.2."""
    from workbench import create_app

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(
            {"PRODUCTION": True, "SECRET_KEY": "", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
        )
