"""Accounts: create users, change passwords, normalize user names."""

from __future__ import annotations

import unicodedata

from ..db import db
from ..errors import Conflict, Invalid
from ..models import Role, User
from ..security import hash_password
from .common import commit


def create_user(username: str, password: str, role: Role, display_name: str | None = None) -> User:
    """Create an account; usernames are unique after trimming and case-folding."""
    name = normalize_username(username)
    if db.session.scalar(db.select(User).where(User.username == name)):
        raise Conflict(f"the user {name!r} already exists")
    try:
        digest = hash_password(password)
    except ValueError as exc:
        raise Invalid(str(exc), fields={"password": str(exc)}) from None
    user = User(username=name, display_name=display_name or name, password_hash=digest, role=role)
    db.session.add(user)
    commit()
    return user


def set_password(user: User, password: str) -> None:
    """Change a password and sign the account out everywhere."""
    try:
        user.password_hash = hash_password(password)
    except ValueError as exc:
        raise Invalid(str(exc), fields={"password": str(exc)}) from None
    user.session_version += 1
    commit()


def normalize_username(raw: str) -> str:
    """Trim and case-fold a user name; refuse empty or non-printable ones."""
    name = unicodedata.normalize("NFKC", raw).strip().casefold()
    if not name or len(name) > 64:
        raise Invalid("user names have 1 to 64 characters", fields={"username": "length"})
    if any(not (ch.isalnum() or ch in "._-") for ch in name):
        raise Invalid(
            "user names use letters, digits, '.', '_' and '-' only", fields={"username": "chars"}
        )
    return name
