"""Production settings: the app refuses to start unsafe, sets secure cookies, and never lets a
forged Host header into exported links."""

from __future__ import annotations

import pytest

from workbench import create_app
from workbench.db import db
from workbench.models import User
from workbench.services import accounts


def test_production_refuses_debug_mode(tmp_path, monkeypatch):
    """S7.1"""
    base = {"PRODUCTION": True, "SECRET_KEY": "p" * 40, "DATABASE_URL": f"sqlite:///{tmp_path}/d"}
    with pytest.raises(RuntimeError, match="debug"):
        create_app({**base, "DEBUG": True})
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="debug"):
        create_app(base)


def test_production_refuses_a_short_secret(tmp_path):
    """Threat S7.2, S1.5."""
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(
            {"PRODUCTION": True, "SECRET_KEY": "short", "DATABASE_URL": f"sqlite:///{tmp_path}/s"}
        )


def test_production_cookies_are_secure(tmp_path):
    """Threat S7.3, S1.6."""
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


def test_a_forged_host_header_never_reaches_exported_links(app, reviewer, article_id):
    """S7.4: exported links follow PUBLIC_URL when it is set, whatever the Host header says;
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
