"""Configuration defaults; the instance folder and WORKBENCH_* variables layer on top."""

from __future__ import annotations

from typing import Any

from .limits import MAX_ARTICLE_CHARS

DEFAULTS: dict[str, object] = {
    # Empty means "not configured": development generates one per instance, production refuses.
    "SECRET_KEY": "",
    "PRODUCTION": False,
    "DATABASE_URL": "",  # empty: SQLite in the instance folder
    "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
    "MAX_FORM_MEMORY_SIZE": 6 * 1024 * 1024,
    "MAX_ARTICLE_CHARS": MAX_ARTICLE_CHARS,  # pasted, uploaded and JSON-imported text alike
    # Seconds the claim engine may spend on one text; past it the request answers 422 and
    # nothing is saved, so no paste can hold a worker until the server kills it.
    "EXTRACTION_BUDGET_SECONDS": 10,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,  # tokens live as long as the session
    "FOUR_EYES": True,  # an editor cannot approve a verdict they wrote
    "PASSWORD_HASH_METHOD": "scrypt:32768:8:3",
    # A signed-in browser's session ends on the server after this long without a request...
    "SESSION_IDLE_MINUTES": 120,
    # ...and this long after sign-in, however active (both checked on every request).
    "SESSION_MAX_HOURS": 12,
    # Failed password attempts (sign-in and password change count together) allowed per
    # client address and per account from one address (Flask-Limiter syntax)...
    # memory:// counts per process; several workers want a shared store (redis://...).
    "LOGIN_RATE_LIMIT": "5/minute;20/hour",
    # ...and per account from browsers that never signed in to it (a browser that did carries
    # a signed wb_known cookie and is exempt, so nobody can lock the owner out from elsewhere).
    "LOGIN_ACCOUNT_RATE_LIMIT": "10/minute;50/hour",
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto to believe (0: none,
    # so a client cannot pick its own address for the sign-in limits by sending that header).
    "PROXIES": 0,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    # When the shared store is down, keep limiting sign-in per process rather than failing
    # sign-in or not limiting at all (Flask-Limiter logs the switch).
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    # Logs as one JSON object per line (with the request id), and one line per request.
    # Both default to on in production (see _finish_config in workbench/__init__.py).
    "LOG_JSON": None,
    "ACCESS_LOG": None,
}


def setting(name: str, default: Any = None) -> Any:
    """One configured value of the running app (services read settings only through here)."""
    from flask import current_app  # imported here: `workbench extract` runs without Flask

    return current_app.config.get(name, default)
