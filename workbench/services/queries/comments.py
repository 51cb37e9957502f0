"""The discussion threads' reads: a claim's thread, its state for one reader, and the
reader's discussion queue (the dashboard, /api/v1/discussions). ?mentioned=me is a filter of
the claim search (queries.claims). The writes (post, edit, resolve, the read mark) are
services.comments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func

from ...db import db
from ...models import Claim, ClaimView, Comment, CommentThread, Mention, User, Verdict
from .claims import QueueLine, queue_query


def get_comment(comment_id: int) -> Comment | None:
    return db.session.get(Comment, comment_id)


def comments_of(claim_id: int) -> list[Comment]:
    """The claim's comments, oldest first (one query)."""
    return list(
        db.session.scalars(
            db.select(Comment).where(Comment.claim_id == claim_id).order_by(Comment.id)
        )
    )


def mentions_by_comment(comment_ids: list[int]) -> dict[int, list[int]]:
    """The ids of the users each comment mentions (one query; none for no comments)."""
    out: dict[int, list[int]] = {}
    if comment_ids:
        for cid, uid in db.session.execute(
            db.select(Mention.comment_id, Mention.user_id).where(
                Mention.comment_id.in_(comment_ids)
            )
        ):
            out.setdefault(cid, []).append(uid)
    return out


def comment_people(ids: Iterable[int | None]) -> dict[int, User]:
    """The users with these ids, by id: one query, none when there is nobody to name."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(wanted)))}


def thread_of(claim_id: int) -> CommentThread | None:
    return db.session.get(CommentThread, claim_id)


@dataclass(frozen=True)
class ThreadState:
    """A thread as one user opens it: its newest comment, resolution, and the newest comment
    that user had seen before (0: none)."""

    newest: int | None
    resolved: bool
    resolved_by_id: int | None
    resolved_at: Any
    seen_before: int


def thread_state(user_id: int, claim_id: int) -> ThreadState:
    """Everything the thread's header needs, in one query."""

    def one(column, *where):
        return db.select(column).where(*where).limit(1).scalar_subquery()

    here = CommentThread.claim_id == claim_id
    row = db.session.execute(
        db.select(
            one(func.max(Comment.id), Comment.claim_id == claim_id),
            one(CommentThread.resolved, here),
            one(CommentThread.resolved_by_id, here),
            one(CommentThread.resolved_at, here),
            one(
                ClaimView.last_comment_id,
                ClaimView.user_id == user_id,
                ClaimView.claim_id == claim_id,
            ),
        )
    ).one()
    newest, resolved, by, at, seen = row
    return ThreadState(newest, bool(resolved), by, at, int(seen or 0))


@dataclass(frozen=True)
class Thread:
    """A claim's whole thread as one reader sees it: state, comments, who mentions whom, and
    the people to name (authors, the mentioned, whoever resolved it)."""

    claim_id: int
    state: ThreadState
    comments: list[Comment]
    mentions: dict[int, list[int]]
    users: dict[int, User]


def claim_thread(user_id: int, claim_id: int, state: ThreadState | None = None) -> Thread:
    """The thread of a claim for a reader (the state given when the caller has it). A thread
    without comments costs the one state query, or none."""
    if state is None:
        state = thread_state(user_id, claim_id)
    items = comments_of(claim_id) if state.newest else []
    mentions = mentions_by_comment([c.id for c in items])
    ids = {c.author_id for c in items} | {u for m in mentions.values() for u in m}
    if state.resolved and state.resolved_by_id:
        ids.add(state.resolved_by_id)
    return Thread(claim_id, state, items, mentions, comment_people(ids))


@dataclass(frozen=True)
class Unread:
    """One claim in a user's discussion queue."""

    claim: QueueLine  # id, article_id, status, quote (cut by the database), article_title
    unread_comments: int
    unread_mentions: int
    mentioned: bool  # the user is mentioned in this claim's unresolved thread


def _followed(user_id: int):
    """Claims whose discussion concerns the user: assigned to them, their verdict, a thread
    they wrote in or were mentioned in."""
    return db.union(
        db.select(Claim.id.label("cid")).where(Claim.assignee_id == user_id),
        db.select(Verdict.claim_id).where(Verdict.author_id == user_id),
        db.select(Comment.claim_id).where(Comment.author_id == user_id),
        db.select(Comment.claim_id)
        .join(Mention, Mention.comment_id == Comment.id)
        .where(Mention.user_id == user_id),
    ).subquery()


def discussion_queue(user: User, limit: int = 200) -> list[Unread]:
    """Claims with comments the user has not seen (in threads that concern them) or an
    unresolved thread that mentions them; unread mentions first, then newest activity. One
    query (unread comments, and mentions with the reader's mark, as one UNION ALL), and a
    second naming the claims only when there are any."""
    followed = _followed(user.id)
    seen = (
        db.select(ClaimView.last_comment_id)
        .where(ClaimView.user_id == user.id, ClaimView.claim_id == Comment.claim_id)
        .scalar_subquery()
    )
    unread_comments = (
        db.select(
            Comment.claim_id,
            func.count(Comment.id),
            func.max(Comment.id),
            db.literal_column("0").label("kind"),
        )
        .where(
            Comment.claim_id.in_(db.select(followed.c.cid)),
            Comment.id > func.coalesce(seen, 0),
            db.or_(Comment.author_id.is_(None), Comment.author_id != user.id),
        )
        .group_by(Comment.claim_id)
    )
    mentions = (
        db.select(
            Comment.claim_id,
            Comment.id,
            func.coalesce(ClaimView.last_comment_id, 0),
            db.literal_column("1").label("kind"),
        )
        .join(Mention, Mention.comment_id == Comment.id)
        .outerjoin(CommentThread, CommentThread.claim_id == Comment.claim_id)
        .outerjoin(
            ClaimView,
            db.and_(ClaimView.user_id == user.id, ClaimView.claim_id == Comment.claim_id),
        )
        .where(
            Mention.user_id == user.id,
            db.or_(CommentThread.resolved.is_(None), CommentThread.resolved.is_(False)),
        )
    )
    unread: dict[int, tuple[int, int]] = {}  # claim: (unread comments, newest unread)
    mentioned: dict[int, int] = {}  # claim: unread mentions
    for cid, a, b, kind in db.session.execute(db.union_all(unread_comments, mentions)):
        if kind == 0:
            unread[cid] = (a, b)
        else:
            mentioned[cid] = mentioned.get(cid, 0) + (1 if a > b else 0)
    ids = sorted(
        set(unread) | set(mentioned),
        key=lambda cid: (-mentioned.get(cid, 0), -unread.get(cid, (0, 0))[1], -cid),
    )[:limit]
    if not ids:
        return []
    claims = {c.id: c for c in queue_query(Claim.id.in_(ids), order=(Claim.id,), limit=len(ids))}
    return [
        Unread(claims[cid], unread.get(cid, (0, 0))[0], mentioned.get(cid, 0), cid in mentioned)
        for cid in ids
        if cid in claims
    ]


def unread_totals(items: list[Unread]) -> dict[str, int]:
    return {
        "comments": sum(u.unread_comments for u in items),
        "mentions": sum(u.unread_mentions for u in items),
        "claims": len(items),
    }
