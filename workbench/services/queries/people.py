"""Who is who: users by name, by id, and those a claim can be given to."""

from __future__ import annotations

from collections.abc import Iterable

from ...db import db
from ...models import Role, User


def user_named(username: str | None) -> User | None:
    """The user with this (already normalised) user name, if any."""
    if not username:
        return None
    return db.session.scalar(db.select(User).where(User.username == username))


def people(ids: Iterable[int | None]) -> dict[int, User]:
    """The users with these ids (None ignored), by id, in one query."""
    wanted = {i for i in ids if i is not None}
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(wanted)))}


def everyone() -> dict[int, User]:
    """Every user, by id (the article page and the exports name people from it)."""
    return {u.id: u for u in db.session.scalars(db.select(User))}


def assignable_users(current: User | None = None) -> list[User]:
    """Active reviewers and editors, by name; plus whoever has the claim now, if not among them."""
    found = list(
        db.session.scalars(
            db.select(User)
            .where(User.active.is_(True), User.role.in_([Role.reviewer, Role.editor]))
            .order_by(User.display_name, User.username)
        )
    )
    if current is not None and all(u.id != current.id for u in found):
        found.append(current)
    return found
