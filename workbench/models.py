"""Typed models: who works (User), on what (Article, Claim, Figure, Hint), with what (Source,
Verdict), and the append-only history of it all (Event)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    DDL,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    literal_column,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from .db import JSONValue, UTCDateTime, db, utcnow
from .errors import Invalid
from .limits import (
    ARTICLE_TITLE_CHARS,
    BYLINE_CHARS,
    COMMENT_AUTHOR_NAME_CHARS,
    DISPLAY_NAME_CHARS,
    EVENT_ACTION_CHARS,
    HINT_KIND_CHARS,
    PUBLISHER_CHARS,
    RATING_CHARS,
    SOURCE_TITLE_CHARS,
    TOKEN_NAME_CHARS,
    URL_CHARS,
    USER_AGENT_CHARS,
    USERNAME_CHARS,
)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint, values equal to member names."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=max(len(m.value) for m in cls),
        values_callable=lambda c: [m.value for m in c],
    )


class Role(enum.StrEnum):
    reviewer = "reviewer"
    editor = "editor"
    admin = "admin"


class ClaimStatus(enum.StrEnum):
    open = "open"
    submitted = "submitted"
    returned = "returned"
    approved = "approved"
    dismissed = "dismissed"


class ClaimOrigin(enum.StrEnum):
    extracted = "extracted"
    reviewer = "reviewer"
    imported = "imported"


class FigureCategory(enum.StrEnum):
    money = "money"
    percentage = "percentage"
    quantity = "quantity"
    date = "date"
    duration = "duration"
    ranking = "ranking"
    quote = "quote"


class EventAction(enum.StrEnum):
    """What a history row records. Stored as its plain string in the same VARCHAR(40) column
    (no CHECK constraint, no migration); the state moves share their names with MOVES."""

    import_ = "import"
    edit_article = "edit-article"
    create_claim = "create-claim"
    adjust_span = "adjust-span"
    split = "split"
    merge = "merge"
    merged_into = "merged-into"
    add_source = "add-source"
    edit_source = "edit-source"
    remove_source = "remove-source"
    verdict = "verdict"
    assign = "assign"
    submit = "submit"
    approve = "approve"
    return_ = "return"
    dismiss = "dismiss"
    restore = "restore"
    reopen = "reopen"
    # discussion threads (services/comments.py): never change the claim or its version
    comment = "comment"
    edit_comment = "edit-comment"
    resolve_thread = "resolve-thread"
    reopen_thread = "reopen-thread"


class Stance(enum.StrEnum):
    supports = "supports"
    refutes = "refutes"
    context = "context"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_CHARS), unique=True)
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_CHARS))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped on sign-out everywhere and password change: every older session cookie stops
    # working, even one whose login_session row were somehow missed.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("length(username) > 0", name="username_not_empty"),)

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.active

    def get_id(self) -> str:
        """The session identity: id plus session version, so bumping the version signs out."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_editor(self) -> bool:
        """Editors and admins may approve, return and reopen."""
        return self.role in (Role.editor, Role.admin)


class Article(db.Model):
    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(ARTICLE_TITLE_CHARS))
    byline: Mapped[str | None] = mapped_column(String(BYLINE_CHARS))
    published: Mapped[date | None] = mapped_column(Date)
    source_url: Mapped[str | None] = mapped_column(String(URL_CHARS))
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64), index=True)
    import_notes: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by: Mapped[User] = relationship()
    claims: Mapped[list[Claim]] = relationship(
        back_populates="article", order_by="(Claim.start_offset, Claim.end_offset, Claim.id)"
    )

    __table_args__ = (
        CheckConstraint("length(text) > 0", name="text_not_empty"),
        CheckConstraint("length(text_sha256) = 64", name="sha256_length"),
        Index("ix_article_created_at", "created_at"),  # the dashboard's newest-first pages
    )


class Claim(db.Model):
    __tablename__ = "claim"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    start_offset: Mapped[int]
    end_offset: Mapped[int]
    status: Mapped[ClaimStatus] = mapped_column(
        _enum(ClaimStatus, "claim_status"), default=ClaimStatus.open
    )
    origin: Mapped[ClaimOrigin] = mapped_column(_enum(ClaimOrigin, "claim_origin"))
    kinds: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    #: supply and aid records the engine read in the claim (see extraction.records)
    records: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONValue, default=list, server_default="[]"
    )
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    dismiss_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    article: Mapped[Article] = relationship(back_populates="claims")
    assignee: Mapped[User | None] = relationship()
    figures: Mapped[list[Figure]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="Figure.start_offset"
    )
    hints: Mapped[list[Hint]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="Hint.id"
    )
    sources: Mapped[list[Source]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="Source.id"
    )
    verdict: Mapped[Verdict | None] = relationship(
        back_populates="claim", cascade="all, delete-orphan", uselist=False
    )

    # Optimistic locking: every UPDATE says WHERE version = ?, a lost race raises StaleDataError.
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("start_offset >= 0", name="start_not_negative"),
        CheckConstraint("end_offset > start_offset", name="span_not_empty"),
        # One claim per span and article: a double-clicked "create" cannot make two.
        UniqueConstraint("article_id", "start_offset", "end_offset"),
        # Work queues at a newsroom's scale: "mine, open" and "everything submitted".
        Index("ix_claim_assignee_status", "assignee_id", "status"),
        Index("ix_claim_status_updated", "status", "updated_at"),
    )


class Figure(db.Model):
    __tablename__ = "figure"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    category: Mapped[FigureCategory] = mapped_column(_enum(FigureCategory, "figure_category"))
    start_offset: Mapped[int]
    end_offset: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)

    claim: Mapped[Claim] = relationship(back_populates="figures")

    __table_args__ = (
        CheckConstraint("start_offset >= 0", name="start_not_negative"),
        CheckConstraint("end_offset > start_offset", name="span_not_empty"),
    )


class Hint(db.Model):
    __tablename__ = "hint"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(HINT_KIND_CHARS))
    ok: Mapped[bool]
    message: Mapped[str] = mapped_column(Text)

    claim: Mapped[Claim] = relationship(back_populates="hints")


class Source(db.Model):
    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(URL_CHARS))
    title: Mapped[str] = mapped_column(String(SOURCE_TITLE_CHARS))
    publisher: Mapped[str] = mapped_column(String(PUBLISHER_CHARS), default="")
    published: Mapped[date | None] = mapped_column(Date)
    excerpt: Mapped[str] = mapped_column(Text, default="")
    accessed: Mapped[date] = mapped_column(Date)
    stance: Mapped[Stance] = mapped_column(_enum(Stance, "stance"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="sources")

    __table_args__ = (
        CheckConstraint("url LIKE 'http://%' OR url LIKE 'https://%'", name="url_scheme_http"),
    )


class Verdict(db.Model):
    """The claim's current verdict; earlier ones live on in the claim's Events."""

    __tablename__ = "verdict"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"))
    rating: Mapped[str] = mapped_column(String(RATING_CHARS))
    rationale: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # my queue
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    claim: Mapped[Claim] = relationship(back_populates="verdict")
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    contributors: Mapped[list[VerdictContributor]] = relationship(
        back_populates="verdict", cascade="all, delete-orphan", order_by="VerdictContributor.at"
    )

    def counts_as_author(self, user_id: int) -> bool:
        """Whether four-eyes treats this user as an author: they wrote this verdict (now or
        before), or changed its claim's span or sources, or submitted it."""
        return user_id == self.author_id or any(c.user_id == user_id for c in self.contributors)

    __table_args__ = (
        UniqueConstraint("claim_id"),
        CheckConstraint(
            "(approved_by_id IS NULL) = (approved_at IS NULL)", name="approval_complete"
        ),
        # the approval queue walks verdicts oldest submission first
        Index("ix_verdict_submitted", "submitted_at", "claim_id"),
    )


class VerdictContributor(db.Model):
    """Someone four-eyes counts as an author of a verdict: who wrote it, and who changed what
    it is about (span, sources) or submitted it once it existed. None of them may approve it."""

    __tablename__ = "verdict_contributor"

    verdict_id: Mapped[int] = mapped_column(
        ForeignKey("verdict.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    reason: Mapped[str] = mapped_column(String(40))  # what first made them one
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    verdict: Mapped[Verdict] = relationship(back_populates="contributors")


class Event(db.Model):
    """One append-only history row: who did what to which article or claim, and when."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[EventAction] = mapped_column(
        Enum(
            EventAction,
            native_enum=False,
            create_constraint=False,
            validate_strings=True,
            length=EVENT_ACTION_CHARS,
            values_callable=lambda c: [m.value for m in c],
        )
    )
    detail: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_event_article_at", "article_id", "at"),)


class Comment(db.Model):
    """One comment in a claim's discussion thread (the thread is the claim; replies are flat,
    with an optional reply_to). The body is Markdown source, rendered only through
    sanitize.render_markdown. Earlier bodies live on in the claim's Events."""

    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"))
    # Who wrote it here; None for a comment brought in by an annotated-JSON import, whose
    # author is only a name from the file (provenance, never an account).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    imported_author: Mapped[str | None] = mapped_column(String(COMMENT_AUTHOR_NAME_CHARS))
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    claim: Mapped[Claim] = relationship()

    __table_args__ = (
        CheckConstraint("length(body) > 0", name="body_not_empty"),
        CheckConstraint("(author_id IS NULL) <> (imported_author IS NULL)", name="one_author"),
        Index("ix_comment_claim_id", "claim_id", "id"),  # a thread in order; unread counts
    )


class CommentThread(db.Model):
    """A claim's thread state: resolved or not (no row: open, never resolved)."""

    __tablename__ = "comment_thread"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    resolved_by: Mapped[User | None] = relationship()
    claim: Mapped[Claim] = relationship()

    __table_args__ = (
        CheckConstraint("resolved = (resolved_at IS NOT NULL)", name="resolution_complete"),
    )


class Mention(db.Model):
    """An @username in a comment: puts the claim in that person's queue."""

    __tablename__ = "mention"

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ClaimView(db.Model):
    """The newest comment of a claim a user has seen (opened the claim after it): comments
    and mentions past it are unread for them."""

    __tablename__ = "claim_view"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    last_comment_id: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiToken(db.Model):
    """A personal API token: only the sha256 of its secret is stored; it acts as its owner."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(TOKEN_NAME_CHARS))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))  # the first characters, to recognise it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    __table_args__ = (CheckConstraint("length(token_hash) = 64", name="hash_length"),)


class LoginSession(db.Model):
    """One signed-in browser. Its cookie carries a random key (only the sha256 is stored);
    signing out ends this row alone, and a copy of the cookie stops working with it."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_agent: Mapped[str] = mapped_column(String(USER_AGENT_CHARS), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The last request seen (updated at most once a minute; None: not since created_at).
    # SESSION_IDLE_MINUTES after it, or SESSION_MAX_HOURS after created_at, the session ends.
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    __table_args__ = (CheckConstraint("length(key_hash) = 64", name="key_hash_length"),)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a history row."""


# The database refuses history edits too (the same SQL is in migration 0002).
EVENT_TRIGGERS = {
    "sqlite": [
        "CREATE TRIGGER event_append_only BEFORE UPDATE ON event "
        "BEGIN SELECT RAISE(ABORT, 'event rows are append-only'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'event rows are append-only'; END $$",
        "CREATE TRIGGER event_append_only BEFORE UPDATE ON event "
        "FOR EACH ROW EXECUTE FUNCTION event_append_only()",
    ],
}
for _dialect, _statements in EVENT_TRIGGERS.items():
    for _sql in _statements:
        event.listen(Event.__table__, "after_create", DDL(_sql).execute_if(dialect=_dialect))
event.listen(
    Event.__table__,
    "after_drop",
    DDL("DROP FUNCTION IF EXISTS event_append_only()").execute_if(dialect="postgresql"),
)


@event.listens_for(Event, "before_update")
@event.listens_for(Event, "before_delete")
def _refuse_history_change(_mapper, _connection, target: Event) -> None:
    raise AppendOnlyError(f"event {target.id} is part of the append-only history")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


@event.listens_for(Session, "before_flush")
def _refuse_nul(session: Session, _context, _instances) -> None:
    """PostgreSQL refuses NUL in text and jsonb; refuse it on every backend, as a 422."""
    for obj in (*session.new, *session.dirty):
        for key, value in sa_inspect(obj).dict.items():
            if not key.startswith("_") and _has_nul(value):
                raise Invalid(
                    f"{type(obj).__name__.lower()} {key} contains a NUL character",
                    fields={key: "NUL character"},
                )


# --- the search index: derived rows, rebuilt from the tables above in the same transaction ---


class ClaimSearch(db.Model):
    """One row per claim: the words a search matches (quote, rationale, dismissal reason,
    sources, speakers). Kept current by services.search on every commit; never edited by hand.
    PostgreSQL matches `tsv` (a GIN index); SQLite matches the FTS5 table `claim_fts`."""

    __tablename__ = "claim_search"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    tsv: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))

    __table_args__ = (
        # GIN on PostgreSQL; on SQLite (where tsv stays NULL and FTS5 does the work) a no-op.
        Index("ix_claim_search_tsv", "tsv", postgresql_using="gin"),
    )


class FigureKey(db.Model):
    """A figure flattened for search: a numeric interval with its unit, or a date interval as
    ISO strings (reduced precision widened: "2023-11" is 2023-11-01 .. 2023-11-31)."""

    __tablename__ = "figure_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(100))
    date_low: Mapped[str | None] = mapped_column(String(10))
    date_high: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (
        Index("ix_figure_key_category_low", "category", "low"),
        Index("ix_figure_key_category_date", "category", "date_low"),
    )


# PostgreSQL: "figures between min and max" is a range overlap, answered by a GiST index on
# this expression (ix_figure_key_range, made by migration 0008 only: Alembic cannot compare
# an index on an expression). Search writes the same text, so the planner matches them.
FIGURE_RANGE = literal_column("numrange(figure_key.low::numeric, figure_key.high::numeric, '[]')")


# SQLite: an FTS5 index over claim_search.body kept in step by triggers (same SQL in 0005).
CLAIM_FTS_SQLITE = [
    "CREATE VIRTUAL TABLE claim_fts USING fts5(body, content='claim_search', "
    "content_rowid='claim_id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER claim_search_ai AFTER INSERT ON claim_search BEGIN "
    "INSERT INTO claim_fts(rowid, body) VALUES (new.claim_id, new.body); END",
    "CREATE TRIGGER claim_search_ad AFTER DELETE ON claim_search BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, body) VALUES ('delete', old.claim_id, old.body); "
    "END",
    "CREATE TRIGGER claim_search_au AFTER UPDATE ON claim_search BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, body) VALUES ('delete', old.claim_id, old.body); "
    "INSERT INTO claim_fts(rowid, body) VALUES (new.claim_id, new.body); END",
]
for _sql in CLAIM_FTS_SQLITE:
    event.listen(ClaimSearch.__table__, "after_create", DDL(_sql).execute_if(dialect="sqlite"))
event.listen(
    ClaimSearch.__table__,
    "before_drop",
    DDL("DROP TABLE IF EXISTS claim_fts").execute_if(dialect="sqlite"),
)


def compared_by_autogenerate(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic's include_name: FTS5's own shadow tables are not ours to compare, nor are
    indexes on an expression."""
    if type_ == "table" and name is not None and name.startswith("claim_fts"):
        return False
    return not (type_ == "index" and name in NOT_COMPARED_INDEXES)


# Indexes on an expression live in their migration only (tests/test_migrations.py checks that
# they are made); the comparison of models and migrations leaves them out.
NOT_COMPARED_INDEXES = frozenset({"ix_figure_key_range"})


#: A claim's own columns in the annotated-article document (workbench.document), for the Core
#: selects of the API's claim read and the streamed export alike.
CLAIM_DOCUMENT_COLUMNS = (
    Claim.id,
    Claim.start_offset,
    Claim.end_offset,
    Claim.status,
    Claim.version,
    Claim.origin,
    Claim.kinds,
    Claim.records,
    Claim.assignee_id,
    Claim.dismiss_reason,
)
#: A verdict's columns in the document (its people by id, named by the reader).
VERDICT_DOCUMENT_COLUMNS = (
    Verdict.rating,
    Verdict.rationale,
    Verdict.author_id,
    Verdict.submitted_at,
    Verdict.approved_by_id,
    Verdict.approved_at,
)
