"""Who may see what: sign-in loading, API tokens, the anonymous wall, CSRF for cookie
sessions, sign-in rate limits and security headers."""

from __future__ import annotations

import hashlib

from flask import Flask, current_app, g, jsonify, redirect, request, session, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf import CSRFProtect
from itsdangerous import BadData, URLSafeTimedSerializer

from ..errors import Invalid
from ..models import User
from ..services.accounts import normalize_username, user_for_session, user_for_token

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

# --- password guessing: sign-in and password change share these limits -----------------------
#
# Failed attempts count (successes do not), in three buckets:
#   per address                      LOGIN_RATE_LIMIT          one client guessing many accounts
#   per account and address          LOGIN_RATE_LIMIT          one client guessing one account
#   per account, from browsers not   LOGIN_ACCOUNT_RATE_LIMIT  many addresses guessing one account
#   known to have signed in to it
# A browser that signed in to an account carries a signed `wb_known` cookie naming it, and is
# exempt from that account's per-account bucket: someone failing on purpose from elsewhere to
# lock the owner out fills the buckets of their own addresses and of unknown browsers, never
# the owner's.

KNOWN_COOKIE = "wb_known"
KNOWN_MAX_ACCOUNTS = 8
KNOWN_DAYS = 365
TOO_MANY_PASSWORDS = (
    "Too many failed password attempts for this account or from this address. "
    "Wait a minute and try again."
)


def _known_serializer() -> URLSafeTimedSerializer:
    fallbacks = current_app.config.get("SECRET_KEY_FALLBACKS") or []
    keys = [*fallbacks, current_app.config["SECRET_KEY"]]
    return URLSafeTimedSerializer(keys, salt="wb-known-browser")


def _account_mark(username: str) -> str:
    """How the cookie names an account: a digest, so that it does not list user names."""
    return hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def known_accounts() -> list[str]:
    """Marks of the accounts this browser signed in to (from its signed cookie; a forged or
    expired cookie names none)."""
    raw = request.cookies.get(KNOWN_COOKIE)
    if not raw or len(raw) > 4000:
        return []
    try:
        names = _known_serializer().loads(raw, max_age=KNOWN_DAYS * 86400)
    except BadData:
        return []
    if not isinstance(names, list):
        return []
    return [n for n in names if isinstance(n, str)][:KNOWN_MAX_ACCOUNTS]


def remember_browser(response, username: str):
    """Mark this browser as one that signed in to the account (newest first, a few kept)."""
    mark = _account_mark(username)
    names = [mark] + [n for n in known_accounts() if n != mark]
    response.set_cookie(
        KNOWN_COOKIE,
        _known_serializer().dumps(names[:KNOWN_MAX_ACCOUNTS]),
        max_age=KNOWN_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
    return response


def attempted_account() -> str:
    """The account a password attempt is about: the signed-in user changing their password,
    else the user name the sign-in form names (normalized as at sign-in)."""
    if request.endpoint != "auth.login" and current_user.is_authenticated:
        return current_user.username
    raw = request.form.get("username", "")[:200]
    try:
        return normalize_username(raw)
    except Invalid:
        return "?" + raw.strip().casefold()


def _account_key() -> str:
    return "account:" + attempted_account()


def _account_address_key() -> str:
    return f"account:{attempted_account()}|address:{get_remote_address()}"


def _known_browser() -> bool:
    return _account_mark(attempted_account()) in known_accounts()


def _address_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def password_limits(deduct_when, error_message: str):
    """The three password-guessing limits as one decorator (POST only, failures only)."""
    common = {"methods": ["POST"], "deduct_when": deduct_when, "error_message": error_message}
    decorators = [
        limiter.shared_limit(
            _address_limit, "password-address", key_func=get_remote_address, **common
        ),
        limiter.shared_limit(
            _address_limit, "password-account-address", key_func=_account_address_key, **common
        ),
        limiter.shared_limit(
            _account_limit,
            "password-account",
            key_func=_account_key,
            exempt_when=_known_browser,
            **common,
        ),
    ]

    def apply(view):
        for decorate in reversed(decorators):
            view = decorate(view)
        return view

    return apply
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
