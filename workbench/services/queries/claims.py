"""Reads about claims: history with people, the claim panel, my queue and the claim search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import joinedload

from ...db import db
from ...models import Claim, ClaimStatus, Event, EventAction, User, Verdict
from ..claims import overlapping
from ..sources import duplicate_urls
from .people import people

DONE = (ClaimStatus.approved, ClaimStatus.dismissed)

#: The orders the claim search offers, by name.
CLAIM_SORTS = {
    "id": (Claim.id,),
    "position": (Claim.article_id, Claim.start_offset, Claim.id),
    "updated": (Claim.updated_at.desc(), Claim.id.desc()),
}


def find_claim(claim_id: int) -> Claim | None:
    """The claim with this id, or None."""
    return db.session.get(Claim, claim_id)


def claim_history(claim: Claim) -> list[Event]:
    """The claim's history rows, oldest first."""
    return list(
        db.session.scalars(
            db.select(Event).where(Event.claim_id == claim.id).order_by(Event.at, Event.id)
        )
    )


def people_of(claim: Claim, history: list[Event]) -> dict[int, User]:
    """Everyone the claim names: history actors, assignee, verdict author and approver."""
    ids = {e.actor_id for e in history} | {claim.assignee_id}
    verdict = claim.verdict
    if verdict is not None:
        ids |= {verdict.author_id, verdict.approved_by_id}
    return people(ids)


def history_with_people(claim: Claim) -> tuple[list[Event], dict[int, User]]:
    """The claim's history and the people it (and the claim) names: two queries."""
    history = claim_history(claim)
    return history, people_of(claim, history)


def next_claim(claim: Claim) -> Any:
    """(id, version, status) of the next claim in text order that is not dismissed, or None."""
    return db.session.execute(
        db.select(Claim.id, Claim.version, Claim.status)
        .where(
            Claim.article_id == claim.article_id,
            db.tuple_(Claim.start_offset, Claim.end_offset, Claim.id)
            > (claim.start_offset, claim.end_offset, claim.id),
            Claim.status != ClaimStatus.dismissed,
        )
        .order_by(Claim.start_offset, Claim.end_offset, Claim.id)
        .limit(1)
    ).first()


@dataclass
class ClaimPanel:
    """What the claim panel shows besides its forms, in a fixed number of queries."""

    claim: Claim
    history: list[Event]
    users: dict[int, User]
    returned_note: str | None
    duplicate_urls: set[str]
    next_claim: Any
    overlaps: list[Claim]

    @property
    def quote(self) -> str:
        return self.claim.article.text[self.claim.start_offset : self.claim.end_offset]


def claim_panel(claim: Claim, users: dict[int, User] | None = None) -> ClaimPanel:
    """The claim's history, the people it names (unless ``users`` already holds everyone), the
    note of its last return, its duplicated source URLs, the next claim to review and the live
    claims that share text with it."""
    history = claim_history(claim)
    if users is None:
        users = people_of(claim, history)
    return ClaimPanel(
        claim=claim,
        history=history,
        users=users,
        returned_note=returned_note(history),
        duplicate_urls=duplicate_urls(claim),
        next_claim=next_claim(claim),
        overlaps=overlapping(claim),
    )


def returned_note(history: list[Event]) -> str | None:
    """The note of the latest return, if the claim was ever returned."""
    return next(
        (e.detail.get("note") for e in reversed(history) if e.action is EventAction.return_), None
    )


def my_queue(user: User, limit: int = 200) -> list[Claim]:
    """Claims assigned to the user and still open, or returned on a verdict they wrote."""
    return list(
        db.session.scalars(
            db.select(Claim)
            .outerjoin(Verdict, Verdict.claim_id == Claim.id)
            .where(
                db.or_(
                    db.and_(Claim.assignee_id == user.id, Claim.status.not_in(DONE)),
                    db.and_(Claim.status == ClaimStatus.returned, Verdict.author_id == user.id),
                )
            )
            .options(joinedload(Claim.article))
            .order_by(Claim.article_id, Claim.start_offset, Claim.id)
            .limit(limit)
        ).unique()
    )


@dataclass
class ClaimSearch:
    """The claim search's filters, already checked by the caller."""

    me: User
    assignee: str | None = None  # a user name, "me" or "none"
    status: ClaimStatus | None = None
    article_id: int | None = None
    sort: str = "position"
    limit: int = 50
    offset: int = 0


def search_claims(search: ClaimSearch) -> tuple[int, list[Claim]]:
    """The total of matching claims and one page of them, in the chosen order."""
    query = db.select(Claim)
    assignee = search.assignee
    if assignee == "me":
        query = query.where(Claim.assignee_id == search.me.id)
    elif assignee == "none":
        query = query.where(Claim.assignee_id.is_(None))
    elif assignee is not None:
        user = db.session.scalar(db.select(User).where(User.username == assignee.casefold()))
        query = query.where(Claim.assignee_id == (user.id if user else -1))
    if search.status is not None:
        query = query.where(Claim.status == search.status)
    if search.article_id is not None:
        query = query.where(Claim.article_id == search.article_id)
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))
    page = query.order_by(*CLAIM_SORTS[search.sort]).limit(search.limit).offset(search.offset)
    return total, list(db.session.scalars(page))
