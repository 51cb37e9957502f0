"""Operations: liveness and readiness probes, request ids, JSON logs."""

from __future__ import annotations

import json

import pytest

from workbench import create_app
from workbench.db import db


def _own_app(tmp_path, **config):
    """An app of its own on a fresh SQLite file (its settings differ from the fixtures')."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'ops.sqlite'}",
            "SECRET_KEY": "test-" + "k" * 40,
            **config,
        }
    )
    with app.app_context():
        db.create_all()
    return app


def test_probes_answer_anonymous_callers(anonymous):
    assert anonymous.get("/healthz").get_json() == {"status": "ok"}
    ready = anonymous.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {
        "status": "ready",
        "checks": {"database": "ok", "rate_limit_store": "ok"},
    }


def test_readyz_is_503_when_the_database_is_unreachable(tmp_path):
    """Threat S6.4."""
    app = create_app(
        {
            "TESTING": True,
            # a database file inside a folder that does not exist cannot be opened
            "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'db.sqlite'}",
            "SECRET_KEY": "test-" + "k" * 40,
        }
    )
    client = app.test_client()
    assert client.get("/healthz").status_code == 200  # alive, though not ready
    ready = client.get("/readyz")
    assert ready.status_code == 503
    body = ready.get_json()
    assert body["status"] == "not_ready"
    assert body["checks"]["database"] == "OperationalError"
    assert body["checks"]["rate_limit_store"] == "ok"


def test_readyz_is_503_when_the_rate_limit_store_is_down(tmp_path):
    """Threat S6.4, S1.14."""
    app = _own_app(
        tmp_path,
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",  # nothing listens on port 1
    )
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["checks"] == {"database": "ok", "rate_limit_store": "unreachable"}


@pytest.mark.parametrize("path", ["/healthz", "/login", "/", "/api/v1/articles", "/nowhere"])
def test_every_response_carries_a_request_id(anonymous, path):
    first = anonymous.get(path).headers["X-Request-ID"]
    second = anonymous.get(path).headers["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_well_formed_request_id_from_a_proxy_is_kept(anonymous):
    """Threat S7.5."""
    given = "lb-7f3a.9c:01"
    assert anonymous.get("/healthz", headers={"X-Request-ID": given}).headers[
        "X-Request-ID"
    ] == given


@pytest.mark.parametrize("given", ["a" * 65, "bad id", "x\u00e9", "<script>", ""])
def test_a_malformed_request_id_is_replaced(anonymous, given):
    """Threat S7.5."""
    answered = anonymous.get("/healthz", headers={"X-Request-ID": given}).headers["X-Request-ID"]
    assert answered != given and len(answered) == 32


def test_json_logs_carry_the_request_id(tmp_path, capfd):
    app = _own_app(tmp_path, LOG_JSON=True, ACCESS_LOG=True)
    response = app.test_client().get("/healthz", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 200
    lines = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line.strip()]
    (entry,) = [e for e in lines if e.get("event") == "request"]
    assert entry["request_id"] == "req-42"
    assert entry["method"] == "GET" and entry["path"] == "/healthz" and entry["status"] == 200
    assert entry["level"] == "info" and isinstance(entry["duration_ms"], float)


def test_production_logs_json_by_default(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "PRODUCTION": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}",
            "SECRET_KEY": "p" * 40,
        }
    )
    assert app.config["LOG_JSON"] is True and app.config["ACCESS_LOG"] is True
    development = _own_app(tmp_path)
    assert development.config["LOG_JSON"] is False
