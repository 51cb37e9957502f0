"""The discussion thread of a claim: JSON API routes (on the api blueprint, so its JSON error
shape applies) and the two no-script forms of the claim page (post, resolve/reopen).

Routes are added to the existing blueprints; this module is imported before they are
registered (web.init_app)."""

from __future__ import annotations

from typing import Any

from flask import flash, g, jsonify, redirect, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from .. import limits as L
from ..errors import Invalid, WorkbenchError
from ..models import Comment, User
from ..sanitize import render_markdown
from ..services import comments as threads
from ..services.common import discard_changes, get_claim
from ..services.queries import comments as thread_reads
from .api import _body
from .api import bp as api_bp
from .claim_pages import bp as review_bp


class CommentForm(FlaskForm):
    body = TextAreaField("Comment", validators=[DataRequired(), Length(max=L.COMMENT_CHARS)])


class ResolveForm(FlaskForm):
    resolved = HiddenField(default="1")


def comment_json(c: Comment, users: dict[int, User], mentions: list[int]) -> dict[str, Any]:
    """One comment for the API and the page script: the Markdown source and its sanitized
    HTML (rendered by sanitize.render_markdown, nowhere else)."""
    author = users.get(c.author_id) if c.author_id is not None else None
    return {
        "id": c.id,
        "claim_id": c.claim_id,
        "author": author.username if author else None,
        "author_name": author.display_name if author else c.imported_author,
        "imported": c.author_id is None,
        "reply_to": c.reply_to_id,
        "body": c.body,
        "html": render_markdown(c.body),  # Markup: the template prints it as is
        "created_at": c.created_at.isoformat(),
        "edited_at": c.edited_at.isoformat() if c.edited_at else None,
        "mentions": sorted(users[u].username for u in mentions if u in users),
        "url": url_for("api.patch_comment", comment_id=c.id),
    }


def thread_view(claim_id: int, state: thread_reads.ThreadState | None = None) -> dict[str, Any]:
    """The whole thread of a claim: its comments (with authors and mentions) and its state.
    A thread without comments costs the one state query (none when the state is given)."""
    thread = thread_reads.claim_thread(current_user.id, claim_id, state)
    state, users = thread.state, thread.users
    by = users.get(state.resolved_by_id) if state.resolved and state.resolved_by_id else None
    return {
        "claim_id": claim_id,
        "resolved": state.resolved,
        "resolved_by": by.username if by else None,
        "resolved_at": (
            state.resolved_at.isoformat() if state.resolved and state.resolved_at else None
        ),
        "comments": [
            comment_json(c, users, thread.mentions.get(c.id, [])) for c in thread.comments
        ],
        "last_seen": state.seen_before,
    }


@api_bp.get("/claims/<int:claim_id>/comments")
def list_comments(claim_id: int):
    """The claim's discussion thread; reading it marks its comments as seen by the caller
    ("last_seen": the newest comment id they had seen before)."""
    get_claim(claim_id)
    return jsonify(thread_view(claim_id, threads.mark_seen(current_user, claim_id)))


@api_bp.post("/claims/<int:claim_id>/comments")
def post_comment(claim_id: int):
    """Post a comment {"body": Markdown, "reply_to": comment id (optional)}."""
    data = _body()
    unknown = sorted(set(data) - {"body", "reply_to"})
    if unknown:
        raise Invalid(
            f"unknown fields: {', '.join(unknown)}", fields=dict.fromkeys(unknown, "unknown")
        )
    claim = get_claim(claim_id)
    comment = threads.add_comment(current_user, claim, data.get("body"), data.get("reply_to"))
    return jsonify(_one(comment)), 201


@api_bp.patch("/comments/<int:comment_id>")
def patch_comment(comment_id: int):
    """Edit one's own comment {"body"}; the history keeps the old and the new body."""
    data = _body()
    unknown = sorted(set(data) - {"body"})
    if unknown:
        raise Invalid(
            f"only the body of a comment can change: {', '.join(unknown)}",
            fields=dict.fromkeys(unknown, "not allowed"),
        )
    comment = threads.get_comment(comment_id)
    threads.edit_comment(current_user, comment, data.get("body"))
    return jsonify(_one(comment))


@api_bp.post("/claims/<int:claim_id>/comments/resolve")
def resolve_thread(claim_id: int):
    """Resolve the thread ({"resolved": true}, the default) or reopen it ({"resolved": false})."""
    data = _body()
    claim = get_claim(claim_id)
    threads.set_resolved(current_user, claim, data.get("resolved", True))
    return jsonify(thread_view(claim_id))


@api_bp.get("/discussions")
def discussions():
    """The caller's discussion queue: claims with unread comments in threads that concern
    them, or whose unresolved thread mentions them, with the unread counts."""
    items = thread_reads.discussion_queue(current_user)
    return jsonify(
        {
            "totals": thread_reads.unread_totals(items),
            "items": [
                {
                    "claim_id": u.claim.id,
                    "article_id": u.claim.article_id,
                    "status": u.claim.status.value,
                    "unread_comments": u.unread_comments,
                    "unread_mentions": u.unread_mentions,
                    "mentioned": u.mentioned,
                    "url": url_for("api.list_comments", claim_id=u.claim.id),
                }
                for u in items
            ],
        }
    )


def _one(comment: Comment) -> dict[str, Any]:
    mentions = thread_reads.mentions_by_comment([comment.id]).get(comment.id, [])
    users = thread_reads.comment_people([comment.author_id, *mentions])
    return comment_json(comment, users, mentions)


# --- the claim page's forms (without the page script) ----------------------------------


def _back(claim_id: int):
    claim = get_claim(claim_id)
    return redirect(
        url_for("articles.show", article_id=claim.article_id, claim_id=claim_id) + "#discussion"
    )


@review_bp.post("/claims/<int:claim_id>/comments")
def post_comment_form(claim_id: int):
    """Post a comment from the claim page's form."""
    claim = get_claim(claim_id)
    form = CommentForm()
    if not form.validate():
        flash(f"Write a comment of at most {L.COMMENT_CHARS:,} characters.", "error")
        return _back(claim_id)
    try:
        threads.add_comment(current_user, claim, form.body.data)
    except WorkbenchError as exc:
        discard_changes()
        flash(exc.message, "error")
        return _back(claim_id)
    flash("Comment posted.", "success")
    return _back(claim_id)


@review_bp.post("/claims/<int:claim_id>/comments/resolve")
def resolve_form(claim_id: int):
    """Resolve or reopen the thread from the claim page's form."""
    claim = get_claim(claim_id)
    form = ResolveForm()
    if not form.validate():
        flash("The form expired; reload the page.", "error")
        return _back(claim_id)
    resolved = request.form.get("resolved", "1") not in ("0", "false")
    try:
        threads.set_resolved(current_user, claim, resolved)
    except WorkbenchError as exc:
        discard_changes()
        flash(exc.message, "error")
        return _back(claim_id)
    flash("Thread resolved." if resolved else "Thread reopened.", "success")
    return _back(claim_id)


# --- opening a claim reads its thread; the panel template asks for the thread -------------

#: The pages that open one claim (its panel, its page, the article page with it selected).
OPENS_CLAIM = frozenset({"review.panel", "review.claim", "articles.show"})


@review_bp.before_app_request
def _opened_claim() -> None:
    """A signed-in user opening a claim has read its comments so far (g.thread_seen keeps
    the mark from before, so the panel can point at what is new)."""
    if request.method != "GET" or request.endpoint not in OPENS_CLAIM:
        return
    claim_id = (request.view_args or {}).get("claim_id")
    if claim_id and current_user.is_authenticated:  # no such claim: no comments, no write
        g.thread_state = {claim_id: threads.mark_seen(current_user, claim_id)}


@review_bp.app_context_processor
def _thread_helpers() -> dict[str, Any]:
    def claim_thread(claim_id: int) -> dict[str, Any]:
        return thread_view(claim_id, getattr(g, "thread_state", {}).get(claim_id))

    return {
        "claim_thread": claim_thread,
        "comment_form": CommentForm,
        "resolve_form": ResolveForm,
        "comment_limit": L.COMMENT_CHARS,
    }
