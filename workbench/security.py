"""Who may see what: sign-in loading, the anonymous wall, passwords and security headers."""

from __future__ import annotations

import hmac

from flask import Flask, current_app, jsonify, redirect, request, url_for
from flask_login import current_user
from werkzeug.security import check_password_hash, generate_password_hash

from .db import db, login_manager
from .models import User

MAX_PASSWORD_BYTES = 1024
MIN_PASSWORD_CHARS = 10

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
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static"})

_DUMMY_HASH: str | None = None


def hash_password(password: str) -> str:
    """Hash a password with the configured method (default scrypt N=2^15, r=8, p=3: ASVS 5.0)."""
    check_password_length(password)
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def check_password_length(password: str) -> None:
    """Refuse passwords too short to resist guessing or too long to hash cheaply."""
    if len(password.encode("utf-8", "surrogatepass")) > MAX_PASSWORD_BYTES:
        raise ValueError(f"password longer than {MAX_PASSWORD_BYTES} bytes")
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(f"password shorter than {MIN_PASSWORD_CHARS} characters")


def verify_password(user: User | None, password: str) -> bool:
    """Check a password in the same time whether or not the account exists."""
    global _DUMMY_HASH
    if len(password.encode("utf-8", "surrogatepass")) > MAX_PASSWORD_BYTES:
        return False
    if user is None or not user.active:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt:32768:8:3")
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(user.password_hash, password)


@login_manager.user_loader
def _load_user(identity: str) -> User | None:
    user_id, _, version = identity.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(str(user.session_version), version):
        return None  # signed out everywhere or password changed since this cookie was issued
    return user


def _wall():
    """Send anonymous visitors to the sign-in page (401 JSON for the API)."""
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    if request.path.startswith("/api/"):
        return jsonify(error="unauthorized", message="sign in or send an API token"), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


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
    """Install the anonymous wall and the header hook."""
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    app.before_request(_wall)
    app.after_request(_headers)
