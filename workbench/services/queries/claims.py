"""Reads about claims: history with people, the claim panel, my queue and the claim search."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import aliased, joinedload

from ... import document
from ...db import JSONValue, db
from ...errors import NotFound
from ...models import (
    CLAIM_DOCUMENT_COLUMNS,
    VERDICT_DOCUMENT_COLUMNS,
    Article,
    Claim,
    ClaimStatus,
    Comment,
    CommentThread,
    Event,
    EventAction,
    Figure,
    Hint,
    Mention,
    Source,
    User,
    Verdict,
)
from ...ratings import scale_by_slug
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


#: A queue item quotes this many characters of its claim at most: one more than Jinja's
#: truncate(120) keeps whole (120 + its leeway of 5), so truncating the cut gives the same.
QUEUE_QUOTE_CHARS = 126


@dataclass(slots=True)
class QueueLine:
    """A claim as a work queue lists it: read from one row, its quote cut by the database."""

    id: int
    article_id: int
    status: ClaimStatus
    assignee_id: int | None
    quote: str
    article_title: str
    author_name: str | None  # the verdict's author, by display name


def queue_query(*where: Any, order: tuple, limit: int) -> list[QueueLine]:
    """Queue lines for the claims matching ``where``, in one query (the claim, the start of
    its quote, its article's title and its verdict author's name)."""
    author = aliased(User)
    span = Claim.end_offset - Claim.start_offset
    length = db.case((span > QUEUE_QUOTE_CHARS, QUEUE_QUOTE_CHARS), else_=span)
    rows = db.session.execute(
        db.select(
            Claim.id,
            Claim.article_id,
            Claim.status,
            Claim.assignee_id,
            db.func.substr(Article.text, Claim.start_offset + 1, length),
            Article.title,
            author.display_name,
        )
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Verdict, Verdict.claim_id == Claim.id)
        .outerjoin(author, author.id == Verdict.author_id)
        .where(*where)
        .order_by(*order)
        .limit(limit)
    )
    return [QueueLine(*row) for row in rows]


def my_queue(user: User, limit: int = 200) -> list[QueueLine]:
    """Claims assigned to the user and still open, or returned on a verdict they wrote: one
    query, whatever the number of claims and articles."""
    # Two indexed lookups joined by UNION: an OR across the claim and its verdict made the
    # database read every returned claim and hash every verdict (300 ms at 1,000,000 claims).
    # Each side is ordered and cut to `limit` before the union, so a reviewer with 200,000
    # assigned claims costs a walk of the first `limit` of them, not a sort of all.
    order = (Claim.article_id, Claim.start_offset, Claim.id)
    assigned = (
        db.select(Claim.id)
        .where(Claim.assignee_id == user.id, Claim.status.not_in(DONE))
        .order_by(*order)
        .limit(limit)
    )
    returned = (
        db.select(Claim.id)
        .join(Verdict, Verdict.claim_id == Claim.id)
        .where(Verdict.author_id == user.id, Claim.status == ClaimStatus.returned)
        .order_by(*order)
        .limit(limit)
    )
    mine = db.union(assigned.subquery().select(), returned.subquery().select())
    return queue_query(Claim.id.in_(mine), order=order, limit=limit)


def mentioned_claim_ids(user_id: int) -> Any:
    """A select of the claims whose unresolved discussion thread mentions the user."""
    return (
        db.select(Comment.claim_id)
        .join(Mention, Mention.comment_id == Comment.id)
        .outerjoin(CommentThread, CommentThread.claim_id == Comment.claim_id)
        .where(
            Mention.user_id == user_id,
            db.or_(CommentThread.resolved.is_(None), CommentThread.resolved.is_(False)),
        )
    )


@dataclass
class ClaimSearch:
    """The claim search's filters, already checked by the caller."""

    me: User
    assignee: str | None = None  # a user name, "me" or "none"
    status: ClaimStatus | None = None
    article_id: int | None = None
    mentioned: bool = False  # only claims whose unresolved thread mentions ``me``
    sort: str = "position"
    limit: int = 50
    offset: int = 0


def search_claims(search: ClaimSearch) -> tuple[int, list[Claim]]:
    """The total of matching claims and one page of them, in the chosen order, each with its
    assignee: two queries whatever the number of claims."""
    query = db.select(Claim)
    assignee = search.assignee
    if assignee == "me":
        query = query.where(Claim.assignee_id == search.me.id)
    elif assignee == "none":
        query = query.where(Claim.assignee_id.is_(None))
    elif assignee is not None:
        named = db.select(User.id).where(User.username == assignee.casefold())
        query = query.where(Claim.assignee_id.in_(named))
    if search.status is not None:
        query = query.where(Claim.status == search.status)
    if search.article_id is not None:
        query = query.where(Claim.article_id == search.article_id)
    if search.mentioned:
        query = query.where(Claim.id.in_(mentioned_claim_ids(search.me.id)))
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))
    page = (
        query.options(joinedload(Claim.assignee))
        .order_by(*CLAIM_SORTS[search.sort])
        .limit(search.limit)
        .offset(search.offset)
    )
    return total, list(db.session.scalars(page))


# --- one claim's document, in three queries ---------------------------------------------


def _quote_column():
    """The claim's quote cut by the database (SQL substr counts code points on SQLite and
    PostgreSQL, as Python's offsets do), so the article's text never comes into Python."""
    length = Claim.end_offset - Claim.start_offset
    return db.func.substr(Article.text, Claim.start_offset + 1, length).label("quote")


@cache
def _claim_row_statement() -> Any:
    """The statement of query 1, built once per process (building a select with its aliases
    and labels costs more than running it): the claim id is a bound parameter."""
    assignee, author, approver = aliased(User), aliased(User), aliased(User)
    return (
        db.select(
            *CLAIM_DOCUMENT_COLUMNS,
            Claim.article_id,
            _quote_column(),
            Verdict.id.label("verdict_id"),
            *VERDICT_DOCUMENT_COLUMNS,
            assignee.username.label("assignee_name"),
            author.username.label("author_name"),
            approver.username.label("approver_name"),
        )
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Verdict, Verdict.claim_id == Claim.id)
        .outerjoin(assignee, assignee.id == Claim.assignee_id)
        .outerjoin(author, author.id == Verdict.author_id)
        .outerjoin(approver, approver.id == Verdict.approved_by_id)
        .where(Claim.id == _CLAIM)
    )


def _claim_row(claim_id: int) -> Any:
    """Query 1: the claim's own columns, its quote, its verdict and the names of its assignee,
    verdict author and approver (outer joins: any of them may be missing)."""
    return db.session.execute(_claim_row_statement(), {"claim_id": claim_id}).first()


@cache
def _claim_events_statement() -> Any:
    return (
        db.select(Event.at, Event.actor_id, Event.action, Event.detail, User.username)
        .outerjoin(User, User.id == Event.actor_id)
        .where(Event.claim_id == _CLAIM)
        .order_by(Event.at, Event.id)
    )


def _claim_events(claim_id: int) -> list[Any]:
    """Query 2: the claim's history, oldest first, each row with its actor's user name."""
    return list(db.session.execute(_claim_events_statement(), {"claim_id": claim_id}))


#: The shared row shape of the claim's children: (slot, type) in column order.
_SLOTS = (
    ("o1", Integer()),
    ("o2", Integer()),
    ("i1", Integer()),
    ("t1", String()),
    ("t2", String()),
    ("t3", String()),
    ("t4", String()),
    ("t5", String()),
    ("b1", Boolean()),
    ("d1", Date()),
    ("d2", Date()),
    ("j1", JSONValue),
)


def _branch(tag: str, claim_column: Any, **slots: Any) -> Any:
    """One table's SELECT in the shared row shape: the named slots filled, the others typed
    NULLs (PostgreSQL wants each UNION column to have one type)."""
    columns = [
        slots[name] if name in slots else db.cast(db.null(), type_) for name, type_ in _SLOTS
    ]
    labelled = [c.label(name) for c, (name, _type) in zip(columns, _SLOTS, strict=True)]
    return db.select(db.literal(tag).label("tag"), *labelled).where(claim_column == _CLAIM)


_CLAIM = db.bindparam("claim_id")


def _figure(r: Any) -> SimpleNamespace:
    return SimpleNamespace(category=r.t1, start_offset=r.o1, end_offset=r.i1, text=r.t2, value=r.j1)


def _hint(r: Any) -> SimpleNamespace:
    return SimpleNamespace(kind=r.t1, ok=bool(r.b1), message=r.t2)


def _source(r: Any) -> SimpleNamespace:
    return SimpleNamespace(
        id=r.o1,
        url=r.t2,
        title=r.t3,
        publisher=r.t4,
        excerpt=r.t5,
        published=r.d1,
        accessed=r.d2,
        stance=r.t1,
    )


@cache
def _claim_children_statement() -> Any:
    """The statement of query 3, built once per process."""
    text = String()
    union = db.union_all(
        _branch(
            "f",
            Figure.claim_id,
            o1=Figure.start_offset,
            o2=Figure.id,
            i1=Figure.end_offset,
            t1=db.cast(Figure.category, text),
            t2=Figure.text,
            j1=Figure.value,
        ),
        _branch(
            "h", Hint.claim_id, o1=Hint.id, t1=db.cast(Hint.kind, text), t2=Hint.message, b1=Hint.ok
        ),
        _branch(
            "s",
            Source.claim_id,
            o1=Source.id,
            t1=db.cast(Source.stance, text),
            t2=Source.url,
            t3=Source.title,
            t4=Source.publisher,
            t5=Source.excerpt,
            d1=Source.published,
            d2=Source.accessed,
        ),
    ).subquery()
    return db.select(union).order_by(union.c.tag, union.c.o1, union.c.o2)


def _claim_children(claim_id: int) -> tuple[list[Any], list[Any], list[Any]]:
    """Query 3: the claim's figures, hints and sources as one UNION ALL in a shared row shape,
    each table in its export order (figures by position, hints and sources by id)."""
    rows = db.session.execute(_claim_children_statement(), {"claim_id": claim_id})
    found: dict[str, list[Any]] = {"f": [], "h": [], "s": []}
    build = {"f": _figure, "h": _hint, "s": _source}
    for r in rows:
        found[r.tag].append(build[r.tag](r))
    return found["f"], found["h"], found["s"]


def claim_document(claim_id: int) -> dict[str, Any]:
    """The claim's annotated-JSON object (as the exports write it) plus its article_id, in
    three queries whatever the size of its article: the claim with its quote and verdict, its
    history, its figures, hints and sources. Raises NotFound for an unknown id."""
    row = _claim_row(claim_id)
    if row is None:
        raise NotFound(f"no claim {claim_id}")
    events = _claim_events(claim_id)
    figures, hints, sources = _claim_children(claim_id)
    names = {
        row.assignee_id: row.assignee_name,
        row.author_id: row.author_name,
        row.approved_by_id: row.approver_name,
    }
    names.update((e.actor_id, e.username) for e in events)

    def name(user_id: int | None) -> str | None:
        return names.get(user_id) if user_id is not None else None

    verdict = None
    if row.verdict_id is not None:
        verdict = row  # the verdict's columns share their names with the document's
    doc = document.stored_claim_document(
        row,
        None,
        quote=row.quote,
        figures=figures,
        hints=hints,
        sources=sources,
        verdict=verdict,
        history=[document.event_document(e, name) for e in events],
        name=name,
        scale=scale_by_slug(),
    )
    return {"article_id": row.article_id, **doc}
