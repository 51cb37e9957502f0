"""Accounts: create users, change passwords, signed-in sessions, personal API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from datetime import datetime, timedelta

from sqlalchemy.exc import OperationalError
from werkzeug.security import check_password_hash, generate_password_hash

from ..config import setting
from ..confusables import scripts_of, skeleton
from ..db import db, utcnow
from ..errors import Conflict, Invalid, NotFound
from ..limits import DISPLAY_NAME_CHARS, TOKEN_NAME_CHARS, USERNAME_CHARS
from ..models import ApiToken, LoginSession, Role, User
from .common import commit

TOKEN_PREFIX = "wbt_"
MAX_TOKENS_PER_USER = 20
MAX_SESSIONS_PER_USER = 50  # beyond it, a new sign-in ends the oldest session
MAX_PASSWORD_BYTES = 1024
MIN_PASSWORD_CHARS = 10

_DUMMY_HASH: str | None = None


def hash_password(password: str) -> str:
    """Hash a password with the configured method (default scrypt N=2^15, r=8, p=3: ASVS 5.0)."""
    check_password_length(password)
    return generate_password_hash(password, method=setting("PASSWORD_HASH_METHOD"))


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


def create_user(username: str, password: str, role: Role, display_name: str | None = None) -> User:
    """Create an account; usernames are unique after trimming, NFKC and case-folding."""
    name = normalize_username(username)
    skeleton = username_skeleton(name)
    for other in db.session.scalars(db.select(User.username)):
        if other == name:
            raise Conflict(f"the user {name!r} already exists")
        if username_skeleton(other) == skeleton:
            raise Conflict(f"the user name {name!r} looks like the existing {other!r}")
    try:
        digest = hash_password(password)
    except ValueError as exc:
        raise Invalid(str(exc), fields={"password": str(exc)}) from None
    display = (display_name or name).strip()[:DISPLAY_NAME_CHARS] or name
    user = User(username=name, display_name=display, password_hash=digest, role=role)
    db.session.add(user)
    commit()
    return user


def set_password(user: User, password: str) -> None:
    """Change a password and end every session of the account."""
    try:
        user.password_hash = hash_password(password)
    except ValueError as exc:
        raise Invalid(str(exc), fields={"password": str(exc)}) from None
    _end_all_sessions(user)
    commit()


def change_password(user: User, current: str, new: str) -> None:
    """A user changes their own password, proving they know the current one."""
    if not verify_password(user, current):
        raise Invalid("the current password is wrong", fields={"current": "wrong"})
    set_password(user, new)


def sign_out_everywhere(user: User) -> None:
    """End every session of the account: cookies issued before now stop working."""
    _end_all_sessions(user)
    commit()


def _end_all_sessions(user: User) -> None:
    user.session_version += 1
    db.session.execute(
        db.update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


# --- signed-in browsers ---------------------------------------------------------------------


def session_digest(key: str) -> str:
    """The stored form of a session key: sha256 of the random key the cookie carries."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def start_session(user: User, user_agent: str = "") -> str:
    """Record a newly signed-in browser; return the key for its cookie (only a hash is kept).

    The account's ended sessions are deleted, and past MAX_SESSIONS_PER_USER live ones the
    oldest are ended, so that scripted sign-ins cannot grow the table without bound.
    """
    db.session.execute(
        db.delete(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.ended_at.is_not(None)
        )
    )
    # One UPDATE each (not loaded rows), so that a concurrent sign-in deleting or ending the
    # same rows cannot turn this sign-in into a stale-data conflict.
    beyond_cap = (
        db.select(LoginSession.id)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .order_by(LoginSession.created_at.desc(), LoginSession.id.desc())
        .offset(MAX_SESSIONS_PER_USER - 1)
    )
    oldest = list(db.session.scalars(beyond_cap))
    if oldest:
        db.session.execute(
            db.update(LoginSession)
            .where(LoginSession.id.in_(oldest), LoginSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )
    key = secrets.token_urlsafe(32)
    agent = "".join(ch for ch in user_agent if ch.isprintable())[:300]
    now = utcnow()
    db.session.add(
        LoginSession(
            user_id=user.id,
            key_hash=session_digest(key),
            user_agent=agent,
            created_at=now,
            last_seen_at=now,
        )
    )
    commit()
    return key


#: last_seen_at is written at most this often per session (not on every request).
TOUCH_EVERY = timedelta(seconds=60)


def session_limits() -> tuple[timedelta, timedelta]:
    """(idle timeout, absolute lifetime) of a signed-in browser's session, as configured."""
    return (
        timedelta(minutes=float(setting("SESSION_IDLE_MINUTES", 120))),
        timedelta(hours=float(setting("SESSION_MAX_HOURS", 12))),
    )


def session_expired(row: LoginSession, now: datetime) -> bool:
    """Whether a session has been idle too long or lived too long."""
    idle, lifetime = session_limits()
    return now - (row.last_seen_at or row.created_at) > idle or now - row.created_at > lifetime


def user_for_session(user_id: int, version: str, key: str) -> User | None:
    """The active user of a live session with this key and session version, or None.

    A session idle past SESSION_IDLE_MINUTES or older than SESSION_MAX_HOURS is ended here
    (on the server: a kept copy of the cookie stops working too); a live one has its
    last_seen_at moved on, at most once a minute."""
    row = db.session.execute(
        db.select(User, LoginSession)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(User.id == user_id, LoginSession.key_hash == session_digest(key))
    ).first()
    if row is None:
        return None
    user, login = row
    if login.ended_at is not None or not user.active:
        return None
    if not hmac.compare_digest(str(user.session_version), version):
        return None  # signed out everywhere or password changed since this cookie was issued
    now = utcnow()
    if session_expired(login, now):
        _stamp(login.id, ended_at=now)
        return None
    if now - (login.last_seen_at or login.created_at) >= TOUCH_EVERY:
        _stamp(login.id, last_seen_at=now)
        user = db.session.get(User, user_id)  # reloaded: the commit expired it
    return user


def _stamp(session_id: int, **values: datetime) -> None:
    """Write one session's timestamps in a transaction of their own.

    The read so far is committed first: on SQLite a write inside a read transaction fails
    at once when another writer holds the lock, while a fresh one waits busy_timeout. A
    write that still fails (database busy or read-only) is skipped: the session's times
    are bookkeeping, and the request goes on."""
    db.session.commit()
    try:
        db.session.execute(
            db.update(LoginSession)
            .where(LoginSession.id == session_id, LoginSession.ended_at.is_(None))
            .values(**values),
            execution_options={"synchronize_session": False},
        )
        db.session.commit()
    except OperationalError:
        db.session.rollback()


def end_session(key: object) -> None:
    """Sign one browser out: the session with this key ends (nothing when there is none)."""
    if not isinstance(key, str) or not key:
        return
    db.session.execute(
        db.update(LoginSession)
        .where(LoginSession.key_hash == session_digest(key), LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    commit()


def end_other_session(owner: User, session_id: int) -> LoginSession:
    """End one of the owner's sessions from the settings page; someone else's is NotFound."""
    row = db.session.get(LoginSession, session_id)
    if row is None or row.user_id != owner.id:
        raise NotFound(f"no session {session_id}")
    db.session.execute(
        db.update(LoginSession)
        .where(LoginSession.id == session_id, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    commit()
    return row


def list_sessions(owner: User) -> list[LoginSession]:
    """The owner's live sessions, newest first (expired ones are not listed)."""
    now = utcnow()
    idle, lifetime = session_limits()
    return list(
        db.session.scalars(
            db.select(LoginSession)
            .where(
                LoginSession.user_id == owner.id,
                LoginSession.ended_at.is_(None),
                LoginSession.created_at > now - lifetime,
                db.func.coalesce(LoginSession.last_seen_at, LoginSession.created_at)
                > now - idle,
            )
            .order_by(LoginSession.created_at.desc(), LoginSession.id.desc())
        )
    )


def normalize_username(raw: str) -> str:
    """Trim, NFKC and case-fold a user name; refuse empty, non-printable or mixed-script ones."""
    name = unicodedata.normalize("NFKC", raw).strip().casefold()
    if not name or len(name) > USERNAME_CHARS:
        raise Invalid(
            f"user names have 1 to {USERNAME_CHARS} characters", fields={"username": "length"}
        )
    if any(not (ch.isalnum() or ch in "._-") for ch in name):
        raise Invalid(
            "user names use letters, digits, '.', '_' and '-' only", fields={"username": "chars"}
        )
    if len(scripts_of(name)) > 1:
        raise Invalid(
            "user names use letters of one script only (no look-alike letters)",
            fields={"username": "mixed-script"},
        )
    return name


def username_skeleton(name: str) -> str:
    """What a name looks like: look-alike Cyrillic/Greek letters mapped to Latin ones."""
    return skeleton(name)


# --- personal API tokens --------------------------------------------------------------------


def token_digest(secret: str) -> str:
    """The stored form of a token: sha256 of its (high-entropy) secret."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(owner: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for its owner; the secret is returned once and never stored."""
    name = (name or "").strip()
    if not name or len(name) > TOKEN_NAME_CHARS:
        raise Invalid(
            f"a token needs a name of 1 to {TOKEN_NAME_CHARS} characters", fields={"name": "length"}
        )
    live = db.session.scalar(
        db.select(db.func.count(ApiToken.id)).where(
            ApiToken.user_id == owner.id, ApiToken.revoked_at.is_(None)
        )
    )
    if live >= MAX_TOKENS_PER_USER:
        raise Invalid(f"revoke a token first: at most {MAX_TOKENS_PER_USER} are active")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=owner.id, name=name, token_hash=token_digest(secret), hint=secret[:10])
    db.session.add(token)
    commit()
    return token, secret


def revoke_token(owner: User, token_id: int) -> ApiToken:
    """Revoke one of the owner's tokens; someone else's token is NotFound (no oracle)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != owner.id:
        raise NotFound(f"no token {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        commit()
    return token


def list_tokens(owner: User) -> list[ApiToken]:
    """The owner's tokens, newest first, revoked ones included."""
    return list(
        db.session.scalars(
            db.select(ApiToken)
            .where(ApiToken.user_id == owner.id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def user_for_token(secret: str) -> User | None:
    """The active owner of a live token, or None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    digest = token_digest(secret)
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.token_hash == digest))
    if token is None or token.revoked_at is not None:
        return None
    if not hmac.compare_digest(token.token_hash, digest):
        return None
    user = db.session.get(User, token.user_id)
    return user if user is not None and user.active else None
