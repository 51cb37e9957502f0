"""A discussion thread on every claim: comments, @mentions, resolution and unread marks.

Rules (the same reach as rationales):

- Whoever may read a claim may comment on it: every signed-in reviewer, editor and admin.
  A claim in any state may be discussed, approved and dismissed ones too: a comment never
  changes the claim, its verdict or its version (so a comment never makes someone's verdict
  save a 409), and an approved fact-check is exactly what people ask questions about.
- Only a comment's author edits it (not editors, not admins: a comment is signed). The
  body before and after every edit stays in the claim's history.
- Reviewers, editors and admins may resolve a thread and reopen it; a new comment on a
  resolved thread reopens it.
- ``@username`` of an existing, active user mentions them (at most MAX_MENTIONS_PER_COMMENT
  distinct people a comment; other @words stay plain text). A mention puts the claim in the
  person's queue until the thread is resolved, and counts as unread until they open the claim.
- The body is Markdown source, stored as written (cleaned of control characters), and shown
  only through ``sanitize.render_markdown``.

Every change is one Event on the claim: comment, edit-comment, resolve-thread, reopen-thread.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..limits import (
    COMMENT_AUTHOR_NAME_CHARS,
    COMMENT_CHARS,
    MAX_COMMENTS_PER_CLAIM,
    MAX_MENTIONS_PER_COMMENT,
    USERNAME_CHARS,
)
from ..models import (
    Claim,
    ClaimView,
    Comment,
    CommentThread,
    EventAction,
    Mention,
    User,
)
from .common import clean_text, commit, flush, record
from .queries import comments as reads

#: ``@name``: not after a word character or another @ (so e-mail addresses do not mention),
#: letters, digits, '.', '_' and '-' as user names allow; a trailing '.' ends the sentence.
_MENTION = re.compile(rf"(?<![\w@])@([^\W_][\w.\-]{{0,{USERNAME_CHARS - 1}}})")

#: How many @words are looked at in one comment (10,000 @names cost one bounded query).
_CANDIDATES = MAX_MENTIONS_PER_COMMENT * 5


def mention_names(body: str) -> list[str]:
    """The distinct user names @mentioned in a body, in order of first mention, normalized as
    accounts are (NFKC, case-folded). Bounded: at most _CANDIDATES names are returned."""
    names: list[str] = []
    for match in _MENTION.finditer(body):
        name = unicodedata.normalize("NFKC", match.group(1).rstrip(".-")).casefold()
        if name and name not in names:
            names.append(name)
            if len(names) >= _CANDIDATES:
                break
    return names


def _mentioned_users(body: str, author: User) -> list[User]:
    names = mention_names(body)
    if not names:
        return []
    found = {
        u.username: u
        for u in db.session.scalars(
            db.select(User).where(User.username.in_(names), User.active.is_(True))
        )
    }
    people = [found[n] for n in names if n in found and found[n].id != author.id]
    return people[:MAX_MENTIONS_PER_COMMENT]


def _body(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid("body is a string of Markdown", fields={"body": "type"})
    body = clean_text(value)
    if not body.strip():
        raise Invalid("write something to post a comment", fields={"body": "required"})
    if len(body) > COMMENT_CHARS:
        raise Invalid(
            f"a comment has at most {COMMENT_CHARS:,} characters (this one has {len(body):,})",
            fields={"body": "length"},
        )
    return body


def _require_member(actor: User) -> None:
    """Whoever may read a claim: every signed-in account with a role (the wall checks the
    sign-in; this keeps the rule in one place if reading ever narrows)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise Forbidden("sign in to take part in the discussion")


def get_comment(comment_id: int) -> Comment:
    comment = reads.get_comment(comment_id)
    if comment is None:
        raise NotFound(f"no comment {comment_id}")
    return comment


def thread_of(claim: Claim) -> CommentThread | None:
    return reads.thread_of(claim.id)


def add_comment(actor: User, claim: Claim, body: Any, reply_to: Any = None) -> Comment:
    """Post a comment on the claim's thread (reopening it if it was resolved)."""
    _require_member(actor)
    body = _body(body)
    parent = None
    if reply_to is not None:
        if not isinstance(reply_to, int) or isinstance(reply_to, bool) or reply_to <= 0:
            raise Invalid("reply_to is the id of a comment", fields={"reply_to": "type"})
        parent = db.session.get(Comment, reply_to)
        if parent is None or parent.claim_id != claim.id:
            raise Invalid(
                f"comment {reply_to} is not in this claim's thread", fields={"reply_to": "unknown"}
            )
    count = db.session.scalar(db.select(func.count(Comment.id)).where(Comment.claim_id == claim.id))
    if count >= MAX_COMMENTS_PER_CLAIM:
        raise Conflict(f"this thread holds its maximum of {MAX_COMMENTS_PER_CLAIM} comments")
    people = _mentioned_users(body, actor)
    comment = Comment(
        claim_id=claim.id, author_id=actor.id, body=body, reply_to_id=parent.id if parent else None
    )
    db.session.add(comment)
    flush()
    for user in people:
        db.session.add(Mention(comment_id=comment.id, user_id=user.id))
    thread = thread_of(claim)
    reopened = thread is not None and thread.resolved
    if reopened:
        thread.resolved, thread.resolved_by_id, thread.resolved_at = False, None, None
    detail: dict[str, Any] = {
        "comment": comment.id,
        "before": None,
        "after": {"body": body},
        "mentions": [u.username for u in people],
    }
    if parent is not None:
        detail["reply_to"] = parent.id
    if reopened:
        detail["reopened_thread"] = True
    record(actor, claim.article, claim, EventAction.comment, detail)
    _mark_seen(actor.id, claim.id, comment.id)  # one's own comment is not unread
    commit()
    return comment


def edit_comment(actor: User, comment: Comment, body: Any) -> Comment:
    """Change one's own comment; the history keeps the old body and the new one."""
    _require_member(actor)
    if comment.author_id is None or comment.author_id != actor.id:
        raise Forbidden("only the author of a comment may edit it")
    body = _body(body)
    before = comment.body
    if body == before:
        return comment  # nothing changes: no history row
    claim = db.session.get(Claim, comment.claim_id)
    old = {
        m.user_id
        for m in db.session.scalars(db.select(Mention).where(Mention.comment_id == comment.id))
    }
    people = _mentioned_users(body, actor)
    for user in people:
        if user.id not in old:
            db.session.add(Mention(comment_id=comment.id, user_id=user.id))
    comment.body, comment.edited_at = body, utcnow()
    record(
        actor,
        claim.article,
        claim,
        EventAction.edit_comment,
        {
            "comment": comment.id,
            "before": {"body": before},
            "after": {"body": body},
            "mentions": [u.username for u in people if u.id not in old],
        },
    )
    commit()
    return comment


def set_resolved(actor: User, claim: Claim, resolved: Any) -> CommentThread:
    """Resolve the claim's thread (True) or reopen it (False)."""
    _require_member(actor)
    if not isinstance(resolved, bool):
        raise Invalid("resolved is true or false", fields={"resolved": "type"})
    thread = thread_of(claim)
    if thread is None:
        if not db.session.scalar(
            db.select(Comment.id).where(Comment.claim_id == claim.id).limit(1)
        ):
            raise Conflict("this claim has no discussion to resolve yet")
        thread = CommentThread(claim_id=claim.id, resolved=False)
        db.session.add(thread)
    if bool(thread.resolved) == resolved:
        return thread  # already so: no history row
    if resolved:
        thread.resolved, thread.resolved_by_id, thread.resolved_at = True, actor.id, utcnow()
    else:
        thread.resolved, thread.resolved_by_id, thread.resolved_at = False, None, None
    record(
        actor,
        claim.article,
        claim,
        EventAction.resolve_thread if resolved else EventAction.reopen_thread,
        {"before": {"resolved": not resolved}, "after": {"resolved": resolved}},
    )
    commit()
    return thread


# --- the reader's mark (the reads are services.queries.comments) -----------------------


def _mark_seen(user_id: int, claim_id: int, newest: int) -> None:
    """Upsert the user's mark for the claim, never moving it back (one statement, so two
    tabs opening the claim at once cannot clash on the primary key)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = ClaimView.__table__
    stmt = insert(table).values(
        user_id=user_id, claim_id=claim_id, last_comment_id=newest, at=utcnow()
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.user_id, table.c.claim_id],
        set_={"last_comment_id": stmt.excluded.last_comment_id, "at": stmt.excluded.at},
        where=table.c.last_comment_id < stmt.excluded.last_comment_id,
    )
    db.session.execute(stmt)


def mark_seen(user: User, claim_id: int) -> reads.ThreadState:
    """The user opened the claim: its comments so far are read. One read, and a write only
    when something new was there. Answers the state with what they had seen before."""
    state = reads.thread_state(user.id, claim_id)
    if not state.newest or state.newest <= state.seen_before:
        return state
    # End the read first: on SQLite a read transaction that then writes fails at once when
    # another writer holds the lock, while a transaction that starts by writing waits.
    db.session.commit()
    try:
        _mark_seen(user.id, claim_id, int(state.newest))
        db.session.commit()
    except OperationalError:  # busy past the timeout: the mark is written on the next visit
        db.session.rollback()
    return state


# --- annotated JSON (version 2): a claim's thread in and out ------------------------------
#
# An imported thread keeps its words and times; its people are provenance, never accounts:
# each comment's author is the name the file gave (Comment.imported_author, so nobody here
# can edit it), the resolver's name goes to the claim's import event, and no @mention is
# recorded (a file does not put claims in anyone's queue).


def _when(value: Any, where: str, errors: list[str]):
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        errors.append(f"{where}: {value!r} is not an ISO 8601 date-time")
        return None
    if parsed.tzinfo is None:
        errors.append(f"{where}: {value!r} has no time zone")
        return None
    return parsed


def check_discussion(where: str, d: dict[str, Any] | None) -> list[str]:
    """What the JSON Schema cannot say of a thread: the limits a thread made here keeps,
    replies to earlier comments only, dates, and a resolution that is complete."""
    if d is None:
        return []
    errors: list[str] = []
    comments = d["comments"]
    if len(comments) > MAX_COMMENTS_PER_CLAIM:
        return [f"{where}.comments: a thread holds at most {MAX_COMMENTS_PER_CLAIM} comments"]
    seen: set[int] = set()
    for j, c in enumerate(comments):
        at = f"{where}.comments[{j}]"
        if c["id"] in seen:
            errors.append(f"{at}.id: {c['id']} appears twice in this thread")
        if c["reply_to"] is not None and c["reply_to"] not in seen:
            errors.append(f"{at}.reply_to: {c['reply_to']} is not an earlier comment here")
        seen.add(c["id"])
        if not c["body"].strip():
            errors.append(f"{at}.body: a comment says something")
        if len(c["body"]) > COMMENT_CHARS:
            errors.append(f"{at}.body: at most {COMMENT_CHARS} characters")
        author = c["author"] or ""
        if len(author) > COMMENT_AUTHOR_NAME_CHARS:
            errors.append(f"{at}.author: at most {COMMENT_AUTHOR_NAME_CHARS} characters")
        _when(c["created_at"], f"{at}.created_at", errors)
        _when(c["edited_at"], f"{at}.edited_at", errors)
    _when(d["resolved_at"], f"{where}.resolved_at", errors)
    if d["resolved"] != (d["resolved_at"] is not None):
        errors.append(f"{where}: resolved and resolved_at go together")
    if d["resolved"] and not comments:
        errors.append(f"{where}: a thread without comments cannot be resolved")
    return errors


#: The author name of an imported comment whose file named nobody.
UNNAMED = "(unnamed in the imported file)"


def import_discussion(claim: Claim, d: dict[str, Any] | None) -> dict[str, Any] | None:
    """Add a checked thread to a claim being imported; answers the provenance for its import
    event (the file's ids and names), or None when the file has no thread."""
    if d is None or (not d["comments"] and not d["resolved"]):
        return None
    rows: list[tuple[Comment, Any]] = []
    for c in d["comments"]:
        comment = Comment(
            claim=claim,
            author_id=None,
            imported_author=(c["author"] or UNNAMED)[:COMMENT_AUTHOR_NAME_CHARS],
            body=c["body"],
            created_at=_when(c["created_at"], "", []),
            edited_at=_when(c["edited_at"], "", []),
        )
        db.session.add(comment)
        rows.append((comment, c))
    if d["resolved"]:
        db.session.add(
            CommentThread(claim=claim, resolved=True, resolved_at=_when(d["resolved_at"], "", []))
        )
    authors = sorted({c["author"] for c in d["comments"] if c["author"]})
    return {
        "comments": len(rows),
        "authors": authors,
        "resolved_by": d["resolved_by"] if d["resolved"] else None,
        "_rows": rows,
    }


def link_replies(provenance: dict[str, Any] | None) -> dict[str, Any] | None:
    """After the flush that gave imported comments their ids: point replies at the new ids.
    Answers the provenance as the import event keeps it."""
    if provenance is None:
        return None
    rows = provenance.pop("_rows")
    new_id = {c["id"]: comment.id for comment, c in rows}
    for comment, c in rows:
        if c["reply_to"] is not None:
            comment.reply_to_id = new_id[c["reply_to"]]
    provenance["ids"] = {str(c["id"]): comment.id for comment, c in rows}
    return {k: v for k, v in provenance.items() if v is not None}
