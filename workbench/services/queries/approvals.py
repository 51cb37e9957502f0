"""The editor's approval queue: submitted verdicts that this editor may approve."""

from __future__ import annotations

from ...db import db
from ...models import Claim, ClaimStatus, Event, EventAction, User, Verdict, VerdictContributor
from ..common import four_eyes
from .claims import QueueLine, queue_query


def _awaiting(user: User):
    """Submitted claims whose verdict `user` may approve (under four-eyes: not one they
    wrote, submitted or whose span or sources they changed), in one query."""
    query = (
        db.select(Claim)
        .join(Verdict, Verdict.claim_id == Claim.id)
        .where(Claim.status == ClaimStatus.submitted)
    )
    if four_eyes():
        shaped = db.select(VerdictContributor.verdict_id).where(
            VerdictContributor.verdict_id == Verdict.id, VerdictContributor.user_id == user.id
        )
        query = query.where(Verdict.author_id != user.id, ~shaped.exists())
    return query


def awaiting_approval(user: User, limit: int = 200) -> list[QueueLine]:
    """An editor's "Awaiting my approval" queue, oldest submission first; empty for reviewers.
    One query, whatever the number of claims and articles."""
    if not user.is_editor:
        return []
    where = [Claim.status == ClaimStatus.submitted, Verdict.id.is_not(None)]
    if four_eyes():
        shaped = db.select(VerdictContributor.verdict_id).where(
            VerdictContributor.verdict_id == Verdict.id, VerdictContributor.user_id == user.id
        )
        where += [Verdict.author_id != user.id, ~shaped.exists()]
    return queue_query(*where, order=(Verdict.submitted_at, Claim.id), limit=limit)


#: The dashboard counts waiting verdicts up to this many, then says "more than": counting
#: every one of 100,000 submitted claims costs 300 ms and tells an editor nothing more.
COUNT_CAP = 1000


def awaiting_approval_count(user: User, cap: int = COUNT_CAP) -> int:
    """How many verdicts wait for this editor's approval (0 for reviewers), counted up to
    ``cap + 1``: a result above ``cap`` means "more than cap"."""
    if not user.is_editor:
        return 0
    inner = _awaiting(user).with_only_columns(Claim.id).limit(cap + 1).subquery()
    return int(db.session.scalar(db.select(db.func.count()).select_from(inner)) or 0)


def return_notes(claim_ids: list[int]) -> dict[int, str]:
    """The editor's note of the latest return of each claim (for the reviewer's queue); one
    query whatever the number of claims."""
    if not claim_ids:
        return {}
    rows = db.session.execute(
        db.select(Event.claim_id, Event.detail)
        .where(Event.claim_id.in_(claim_ids), Event.action == EventAction.return_)
        .order_by(Event.at, Event.id)
    )
    notes: dict[int, str] = {}
    for claim_id, detail in rows:
        note = (detail or {}).get("note")
        if note:
            notes[claim_id] = note  # the later return wins
    return notes
