"""Who may see what: sign-in loading, API tokens, the anonymous wall, CSRF for cookie
sessions, sign-in rate limits and security headers."""

from __future__ import annotations

from flask import Flask, g, jsonify, redirect, request, session, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf import CSRFProtect

from ..models import User
from ..services.accounts import user_for_session, user_for_token

# The cookie's key of its login_session row (see services.accounts.start_session).
SESSION_KEY = "sid"

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

# Endpoints an anonymous visitor may reach: nothing but the sign-in page and its assets.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "ops.healthz", "ops.readyz"})

#: Rate limits (sign-in); storage from RATELIMIT_STORAGE_URI (memory:// by default, which
#: counts per process: use redis:// or memcached:// behind several gunicorn workers).
limiter = Limiter(key_func=get_remote_address)
login_manager = LoginManager()
csrf = CSRFProtect()


@login_manager.user_loader
def _load_user(identity: str) -> User | None:
    """The user of a cookie session: its identity, its session version and its live
    login_session row (the key the cookie carries) must all still hold."""
    user_id, _, version = identity.partition(":")
    if not user_id.isdigit() or not version.isdigit() or len(user_id) > 10:
        return None
    key = session.get(SESSION_KEY)
    if not isinstance(key, str) or not 0 < len(key) <= 100:
        return None  # a cookie from before per-browser sessions, or not ours
    return user_for_session(int(user_id), version, key)


def _bearer():
    """Authenticate an API request by its `Authorization: Bearer` token instead of a cookie."""
    header = request.headers.get("Authorization")
    if header is None or not request.path.startswith("/api/"):
        return None  # pages always use the cookie session
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return _unauthorized("send the API token as 'Authorization: Bearer TOKEN'")
    user = user_for_token(secret.strip())
    if user is None:
        return _unauthorized("the API token is unknown or revoked")
    # The token alone decides who this is: the session cookie is not consulted.
    g._login_user = user
    g.token_auth = True
    return None


def _unauthorized(message: str):
    response = jsonify(error="unauthorized", message=message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="workbench"'
    return response, 401


def _wall():
    """Send anonymous visitors to the sign-in page (401 JSON for the API)."""
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    if request.path.startswith("/api/"):
        return _unauthorized("sign in or send an API token")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _csrf():
    """CSRF protects cookie sessions; a request authenticated by an API token needs none."""
    if g.get("token_auth"):
        return None
    csrf.protect(apply_exemptions=True)
    return None


def _headers(response):
    """Security headers on every response."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Install token sign-in, the anonymous wall, CSRF, rate limits and the header hook."""
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    # Flask-WTF's own hook would run before we know whether a token authenticated the request.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    if str(app.config.get("RATELIMIT_STORAGE_URI", "")).startswith(("redis://", "rediss://")):
        # Without timeouts a store that drops packets would hang each sign-in for minutes
        # (past gunicorn's worker timeout) instead of failing over to the in-memory limits.
        options = app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {})
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    app.before_request(_bearer)
    app.before_request(_wall)
    app.before_request(_csrf)
    app.after_request(_headers)
