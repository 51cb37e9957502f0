"""Streamed reading of one article for export: a fixed number of queries, bounded memory.

Every exporter reads the same model through :func:`open_article` (the article, counts and
article-level history, loaded up front) and :func:`iter_claims` (the claims in text order).
``iter_claims`` runs one query per table (claims, figures, hints, sources, verdicts, claim
events; comments and thread states for the annotated JSON), each ordered by the claim order
``(start, end, id)`` and read in batches through a streaming cursor (a server-side cursor on
PostgreSQL), and merges them like a sorted merge join. So the number of queries does not
depend on the number of claims, and only one batch per table plus the claim being written is
in memory at any time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func

from ..db import db, utcnow
from ..document import (
    article_document,
    discussion_document,
    event_document,
    iso,
    stored_claim_document,
)
from ..errors import Conflict, NotFound
from ..models import (
    CLAIM_DOCUMENT_COLUMNS,
    VERDICT_DOCUMENT_COLUMNS,
    Article,
    Claim,
    ClaimStatus,
    Comment,
    CommentThread,
    Event,
    Figure,
    Hint,
    Source,
    User,
    Verdict,
)
from ..ratings import scale_by_slug

#: Rows fetched per round trip from each streamed query.
BATCH = 1000
#: How many claims a refused final export lists by id.
MAX_LISTED_PENDING = 1000

DONE = (ClaimStatus.approved, ClaimStatus.dismissed)
CLAIM_ORDER = (Claim.start_offset, Claim.end_offset, Claim.id)


@dataclass
class ExportArticle:
    """The article part of every export, and what the whole export needs to know up front."""

    id: int
    title: str
    byline: str | None
    published: date | None
    source_url: str | None
    text: str
    text_sha256: str
    created_at: datetime
    created_by: str | None
    total: int
    done: int
    history: list[dict[str, Any]]
    users: dict[int, User] = field(repr=False)
    _by_name: dict[str, User] | None = field(default=None, repr=False)
    #: Who signed a final export and when (an editor who asked for it); None otherwise.
    signed_by: str | None = None
    signed_at: datetime | None = None

    @property
    def complete(self) -> bool:
        """Every claim approved or dismissed (an article without claims stays a draft)."""
        return self.total > 0 and self.done == self.total

    @property
    def final(self) -> bool:
        """A final export: complete, and signed by the editor who exported it."""
        return self.complete and self.signed_by is not None

    @property
    def status(self) -> str:
        """ "final" (editor-signed), "complete" (every claim done, unsigned) or "draft"."""
        return "final" if self.final else "complete" if self.complete else "draft"

    def signature(self) -> dict[str, Any] | None:
        """The "final" object of a final export: who signed it and when."""
        if not self.final:
            return None
        return {"signed_by": self.signed_by, "signed_at": iso(self.signed_at)}

    def name(self, user_id: int | None) -> str | None:
        user = self.users.get(user_id) if user_id is not None else None
        return user.username if user is not None else None

    def users_by_name(self) -> dict[str, User]:
        if self._by_name is None:
            self._by_name = {u.username: u for u in self.users.values()}
        return self._by_name

    def document(self) -> dict[str, Any]:
        """The "article" object of the annotated-JSON document."""
        return article_document(self)


@dataclass
class ExportClaim:
    """One claim: ``doc`` is exactly its annotated-JSON object; the rest only other views use."""

    doc: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    creator: str | None  # who added the claim (None: the extraction engine or an import)
    verdict_author: Any = None  # the User who wrote the verdict, when known


class FinalRefused(Conflict):
    """A final export was asked for while some claims still need approval or dismissal."""

    def __init__(self, pending: list[dict[str, Any]], total_pending: int) -> None:
        if total_pending:
            ids = ", ".join(str(p["id"]) for p in pending[:20])
            more = "…" if total_pending > 20 else ""
            message = (
                "a final export needs every claim approved or dismissed; "
                f"{total_pending} claim(s) are not (claims {ids}{more})"
            )
        else:
            message = "a final export needs at least one claim, approved or dismissed"
        super().__init__(message)
        self.extra = {"pending": pending, "pending_total": total_pending}


class UnsignedFinal(ValueError):
    """A final export was asked for with nobody to sign it (a caller's mistake, not input)."""


def _snapshot() -> None:
    """Read the whole export from one snapshot, so a claim reopened meanwhile cannot slip into
    a final export. SQLite's read transaction is already one; PostgreSQL needs REPEATABLE READ,
    chosen before the transaction's first statement."""
    if db.session.get_bind().dialect.name != "postgresql" or db.session.new or db.session.dirty:
        return
    db.session.rollback()  # only reads happened in this request so far
    db.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def open_article(
    article_id: int, *, final: bool = False, signed_by: str | None = None
) -> ExportArticle:
    """Load the article, its claim counts, its article-level history and the people.

    A final export is signed: ``signed_by`` names the editor who asked for it (checked by
    the caller), and the export says who and when."""
    _snapshot()
    row = db.session.execute(
        db.select(
            Article.id,
            Article.title,
            Article.byline,
            Article.published,
            Article.source_url,
            Article.text,
            Article.text_sha256,
            Article.created_at,
            Article.created_by_id,
        ).where(Article.id == article_id)
    ).one_or_none()
    if row is None:
        raise NotFound(f"no article {article_id}")
    total, done = db.session.execute(
        db.select(
            func.count(Claim.id),
            func.coalesce(func.sum(case((Claim.status.in_(DONE), 1), else_=0)), 0),
        ).where(Claim.article_id == article_id)
    ).one()
    if final and (total == 0 or done != total):
        pending = [
            {"id": cid, "status": status.value, "start": start, "end": end}
            for cid, status, start, end in db.session.execute(
                db.select(Claim.id, Claim.status, Claim.start_offset, Claim.end_offset)
                .where(Claim.article_id == article_id, Claim.status.not_in(DONE))
                .order_by(*CLAIM_ORDER)
                .limit(MAX_LISTED_PENDING)
            )
        ]
        raise FinalRefused(pending, total - done)
    if final and not signed_by:
        raise UnsignedFinal("a final export is signed by the editor who makes it")
    users = {u.id: u for u in db.session.scalars(db.select(User))}
    article = ExportArticle(
        id=row.id,
        title=row.title,
        byline=row.byline,
        published=row.published,
        source_url=row.source_url,
        text=row.text,
        text_sha256=row.text_sha256,
        created_at=row.created_at,
        created_by=None,
        total=int(total),
        done=int(done),
        history=[],
        users=users,
        signed_by=signed_by if final else None,
        signed_at=utcnow() if final else None,
    )
    article.created_by = article.name(row.created_by_id)
    article.history = [
        _event(article, ev)
        for ev in db.session.execute(
            db.select(Event.at, Event.actor_id, Event.action, Event.detail)
            .where(Event.article_id == article_id, Event.claim_id.is_(None))
            .order_by(Event.at, Event.id)
        )
    ]
    return article


def _event(article: ExportArticle, ev: Any) -> dict[str, Any]:
    return event_document(ev, article.name)


def _stream(statement) -> Iterator[Any]:
    """Rows of a query read in batches (server-side cursor where the driver has one)."""
    result = db.session.execute(statement.execution_options(yield_per=BATCH))
    try:
        yield from result
    finally:
        result.close()


def _children(article_id: int, *columns, order=()):
    """A query over one child table, ordered by the claim order, then by ``order``."""
    first = columns[0]
    table = first.class_
    return (
        db.select(*columns)
        .join(Claim, Claim.id == table.claim_id)
        .where(Claim.article_id == article_id)
        .order_by(*CLAIM_ORDER, *order)
    )


class _Cursor:
    """One ordered child stream; ``take(claim_id)`` returns the rows of that claim."""

    def __init__(self, rows: Iterator[Any]) -> None:
        self.rows = rows
        self.head = next(rows, None)

    def take(self, claim_id: int) -> list[Any]:
        out = []
        while self.head is not None and self.head.claim_id == claim_id:
            out.append(self.head)
            self.head = next(self.rows, None)
        return out


@dataclass
class _ChildStreams:
    """The claim-ordered streams of an article's child rows, one cursor per table."""

    figures: _Cursor
    hints: _Cursor
    sources: _Cursor
    verdicts: _Cursor
    events: _Cursor
    comments: _Cursor | None  # the discussion: only for the annotated JSON
    threads: _Cursor | None


def _claim_rows(article_id: int) -> Iterator[Any]:
    """The article's claims in text order, their own columns only."""
    return _stream(
        db.select(*CLAIM_DOCUMENT_COLUMNS, Claim.created_at, Claim.updated_at)
        .where(Claim.article_id == article_id)
        .order_by(*CLAIM_ORDER)
    )


def _child_streams(aid: int, discussion: bool) -> _ChildStreams:
    """One streamed query per child table, each in claim order, opened together."""
    return _ChildStreams(
        figures=_cursor(
            aid,
            (Figure.claim_id, Figure.category, Figure.start_offset, Figure.end_offset),
            (Figure.text, Figure.value),
            order=(Figure.start_offset, Figure.id),
        ),
        hints=_cursor(aid, (Hint.claim_id, Hint.kind, Hint.ok, Hint.message), order=(Hint.id,)),
        sources=_cursor(
            aid,
            (Source.claim_id, Source.id, Source.url, Source.title, Source.publisher),
            (Source.published, Source.excerpt, Source.accessed, Source.stance),
            order=(Source.id,),
        ),
        verdicts=_cursor(aid, (Verdict.claim_id, *VERDICT_DOCUMENT_COLUMNS)),
        events=_Cursor(
            _stream(
                db.select(Event.claim_id, Event.at, Event.actor_id, Event.action, Event.detail)
                .join(Claim, Claim.id == Event.claim_id)
                .where(Claim.article_id == aid)
                .order_by(*CLAIM_ORDER, Event.at, Event.id)
            )
        ),
        comments=_comments(aid) if discussion else None,
        threads=_threads(aid) if discussion else None,
    )


def _comments(aid: int) -> _Cursor:
    return _cursor(
        aid,
        (Comment.claim_id, Comment.id, Comment.author_id, Comment.imported_author),
        (Comment.reply_to_id, Comment.body, Comment.created_at, Comment.edited_at),
        order=(Comment.id,),
    )


def _threads(aid: int) -> _Cursor:
    return _cursor(
        aid,
        (CommentThread.claim_id, CommentThread.resolved),
        (CommentThread.resolved_by_id, CommentThread.resolved_at),
    )


def _cursor(article_id: int, *column_groups: tuple, order=()) -> _Cursor:
    """A cursor over one child table's columns (given in groups, the claim id first)."""
    columns = [column for group in column_groups for column in group]
    return _Cursor(_stream(_children(article_id, *columns, order=order)))


def _export_claim(article: ExportArticle, c: Any, streams: _ChildStreams, scale) -> ExportClaim:
    """One claim row and its children's rows taken from the streams, as an ExportClaim."""
    history = [_event(article, ev) for ev in streams.events.take(c.id)]
    verdict_rows = streams.verdicts.take(c.id)
    v = verdict_rows[0] if verdict_rows else None
    discussion = None
    if streams.threads is not None and streams.comments is not None:
        thread_rows = streams.threads.take(c.id)
        discussion = discussion_document(
            thread_rows[0] if thread_rows else None, streams.comments.take(c.id), article.name
        )
    doc = stored_claim_document(
        c,
        article.text,
        figures=streams.figures.take(c.id),
        hints=streams.hints.take(c.id),
        sources=streams.sources.take(c.id),
        verdict=v,
        history=history,
        name=article.name,
        scale=scale,
        discussion=discussion,
    )
    return ExportClaim(
        doc=doc,
        created_at=c.created_at,
        updated_at=c.updated_at,
        creator=next((h["actor"] for h in history if h["action"] == "create-claim"), None),
        verdict_author=article.users.get(v.author_id) if v is not None else None,
    )


def iter_claims(article: ExportArticle, *, discussion: bool = False) -> Iterator[ExportClaim]:
    """Every claim of the article in text order, as its annotated-JSON object and extras:
    the claims' stream merged with one stream per child table (see the module's docstring).
    ``discussion`` adds each claim's thread (two streams more): only the annotated JSON
    carries threads, so the public formats never read them."""
    claims = _claim_rows(article.id)
    streams = _child_streams(article.id, discussion)
    scale = scale_by_slug()
    for c in claims:
        yield _export_claim(article, c, streams, scale)


def iter_spans(article: ExportArticle) -> Iterator[tuple[int, int, int, str]]:
    """(id, start, end, status) of every claim in text order, one light streamed query."""
    for row in _stream(
        db.select(Claim.id, Claim.start_offset, Claim.end_offset, Claim.status)
        .where(Claim.article_id == article.id)
        .order_by(*CLAIM_ORDER)
    ):
        yield row.id, row.start_offset, row.end_offset, row.status.value
