"""The editor's approval queue: submitted verdicts that this editor may approve."""

from __future__ import annotations

from ...db import db
from ...models import Claim, ClaimStatus, User, Verdict
from ..common import four_eyes
from .claims import QueueLine, queue_query


def _awaiting(user: User):
    """Submitted claims whose verdict `user` may approve (under four-eyes: not their own)."""
    query = (
        db.select(Claim)
        .join(Verdict, Verdict.claim_id == Claim.id)
        .where(Claim.status == ClaimStatus.submitted)
    )
    if four_eyes():
        query = query.where(Verdict.author_id != user.id)
    return query


def awaiting_approval(user: User, limit: int = 200) -> list[QueueLine]:
    """An editor's "Awaiting my approval" queue, oldest submission first; empty for reviewers.
    One query, whatever the number of claims and articles."""
    if not user.is_editor:
        return []
    where = [Claim.status == ClaimStatus.submitted, Verdict.id.is_not(None)]
    if four_eyes():
        where.append(Verdict.author_id != user.id)
    return queue_query(*where, order=(Verdict.submitted_at, Claim.id), limit=limit)


def awaiting_approval_count(user: User) -> int:
    """How many verdicts wait for this editor's approval (0 for reviewers)."""
    if not user.is_editor:
        return 0
    inner = _awaiting(user).with_only_columns(Claim.id).subquery()
    return int(db.session.scalar(db.select(db.func.count()).select_from(inner)) or 0)
