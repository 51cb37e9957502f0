"""Review: sources, verdicts and the guarded state moves between open and approved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..limits import EXCERPT_CHARS, NOTE_CHARS, PUBLISHER_CHARS, RATIONALE_CHARS, SOURCE_TITLE_CHARS
from ..models import (
    Claim,
    ClaimStatus,
    EventAction,
    Source,
    Stance,
    User,
    Verdict,
    VerdictContributor,
)
from ..ratings import scale_by_slug
from ..urls import BadURL, validate_source_url
from .common import (
    EDITABLE,
    clean_text,
    commit,
    expect_version,
    flush,
    four_eyes,
    lock,
    plain,
    record,
    require_editable,
)

MAX_RATIONALE_CHARS = RATIONALE_CHARS
MAX_NOTE_CHARS = NOTE_CHARS

S = ClaimStatus


@dataclass(frozen=True)
class Move:
    """One guarded transition: from which states, to which, who may, what it needs."""

    sources: frozenset[ClaimStatus]
    target: ClaimStatus
    editor_only: bool = False
    needs: str | None = None  # "note" or "reason"
    label: str = ""  # the button
    done: str = ""  # what the page says once the move is made

    def allowed(self, claim: Claim, user: User) -> bool:
        """Whether `user` may make this move on `claim` as it is now (the four-eyes rule and
        the version are checked when the move is made)."""
        return claim.status in self.sources and (user.is_editor or not self.editor_only)


MOVES: dict[str, Move] = {
    "submit": Move(
        frozenset({S.open, S.returned}),
        S.submitted,
        label="Submit verdict",
        done="Verdict submitted.",
    ),
    "approve": Move(
        frozenset({S.submitted}),
        S.approved,
        editor_only=True,
        label="Approve",
        done="Claim approved.",
    ),
    "return": Move(
        frozenset({S.submitted}),
        S.returned,
        editor_only=True,
        needs="note",
        label="Return",
        done="Claim returned.",
    ),
    "dismiss": Move(
        frozenset({S.open, S.returned}),
        S.dismissed,
        needs="reason",
        label="Dismiss",
        done="Claim dismissed.",
    ),
    "restore": Move(frozenset({S.dismissed}), S.open, label="Restore", done="Claim restored."),
    "reopen": Move(
        frozenset({S.approved}),
        S.open,
        editor_only=True,
        needs="reason",
        label="Reopen",
        done="Claim reopened.",
    ),
}


@dataclass(frozen=True)
class Permitted:
    """What one user may do with one claim right now: the one answer the claim panel, its
    script and the keyboard shortcuts all follow (the services still check every change)."""

    editable: bool  # sources and verdict can change
    span_editable: bool  # the span can grow, shrink, split and merge
    assign: bool  # the user may give the claim to someone
    moves: dict[str, Move]  # the state moves the user may make, by action

    def can(self, action: str) -> bool:
        return action in self.moves

    def can_merge_with(self, next_status: ClaimStatus) -> bool:
        """Whether the span may be merged with a following claim that is `next_status`."""
        return self.span_editable and next_status in EDITABLE

    def as_json(self) -> dict[str, Any]:
        """For the page script (a data attribute): the same answer, as plain values."""
        return {
            "editable": self.editable,
            "span_editable": self.span_editable,
            "assign": self.assign,
            "moves": {
                action: {
                    "label": m.label,
                    "target": m.target.value,
                    "needs": m.needs,
                    "done": m.done,
                }
                for action, m in self.moves.items()
            },
        }


def permitted(claim: Claim, user: User) -> Permitted:
    """The moves `user` may make on `claim` and what of it they may edit."""
    moves = {action: m for action, m in MOVES.items() if m.allowed(claim, user)}
    if "approve" in moves and shaped_verdict(claim, user) and four_eyes():
        del moves["approve"]  # the four-eyes rule: someone else approves it
    return Permitted(
        editable=claim.status in EDITABLE,
        span_editable=claim.status in EDITABLE,
        assign=user.is_editor and claim.status is not S.approved,
        moves=moves,
    )


def shaped_verdict(claim: Claim, user: User) -> bool:
    """Whether four-eyes counts `user` as an author of the claim's verdict: they wrote it,
    submitted it or changed its span or sources (the check `move("approve")` makes). Only
    asked for a submitted claim an editor could approve, so other panels load nothing more."""
    return claim.verdict is not None and claim.verdict.counts_as_author(user.id)


def add_source(actor: User, claim: Claim, version: Any, data: dict[str, Any]) -> Source:
    """Attach a source to a claim that is still being worked on."""
    lock(claim)
    expect_version(claim, version)
    require_editable(claim)
    fields = _source_fields(data)
    source = Source(claim=claim, created_by_id=actor.id, **fields)
    claim.updated_at = utcnow()  # bumps the claim's version
    db.session.add(source)
    author = count_as_author(actor, claim, "sources")
    flush()
    record(
        actor,
        claim.article,
        claim,
        EventAction.add_source,
        author_detail({"source": source.id, "before": None, "after": plain(fields)}, author),
    )
    commit()
    return source


def _source_fields(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    for name in ("url", "title", "publisher", "published", "accessed", "excerpt", "stance"):
        value = data.get(name)
        if value is not None and not isinstance(value, str | date):
            errors[name] = "must be a string"
    if errors:
        raise Invalid("; ".join(f"{k}: {v}" for k, v in errors.items()), fields=errors)
    try:
        url = validate_source_url(str(data.get("url") or ""))
    except BadURL as exc:
        errors["url"] = str(exc)
        url = ""
    title = clean_text(data.get("title")).strip()
    if not title:
        errors["title"] = "a source needs a title"
    try:
        stance = Stance(str(data.get("stance") or ""))
    except ValueError:
        errors["stance"] = "stance is one of supports, refutes, context"
        stance = None
    published = _date_field(data.get("published"), "published", errors)
    accessed = _date_field(data.get("accessed"), "accessed", errors) or date.today()
    if errors:
        raise Invalid("; ".join(f"{k}: {v}" for k, v in errors.items()), fields=errors)
    return {
        "url": url,
        "title": title[:SOURCE_TITLE_CHARS],
        "publisher": clean_text(data.get("publisher")).strip()[:PUBLISHER_CHARS],
        "published": published,
        "excerpt": clean_text(data.get("excerpt"))[:EXCERPT_CHARS],
        "accessed": accessed,
        "stance": stance,
    }


def _date_field(value: Any, name: str, errors: dict[str, str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors[name] = "dates are written YYYY-MM-DD"
        return None


def save_verdict(actor: User, claim: Claim, version: Any, rating: str, rationale: str) -> Verdict:
    """Draft or replace the claim's verdict; the replaced one stays in the history."""
    lock(claim)
    expect_version(claim, version)
    require_editable(claim)
    scale = scale_by_slug()
    if not rating:
        raise Invalid("choose a rating to save the verdict", fields={"rating": "required"})
    if rating not in scale:
        raise Invalid(f"rating is one of {', '.join(scale)}", fields={"rating": "unknown"})
    rationale = clean_text(rationale)
    if len(rationale) > MAX_RATIONALE_CHARS:
        raise Invalid(f"the rationale is longer than {MAX_RATIONALE_CHARS} characters")
    verdict = claim.verdict
    before = _plain_verdict(verdict)
    if verdict is None:
        verdict = Verdict(claim=claim, rating=rating, rationale=rationale, author_id=actor.id)
        db.session.add(verdict)
    else:
        verdict.rating, verdict.rationale, verdict.author_id = rating, rationale, actor.id
        verdict.submitted_at = verdict.approved_at = verdict.approved_by_id = None
    count_as_author(actor, claim, "verdict")  # an earlier author stays one
    claim.updated_at = utcnow()
    flush()
    record(
        actor,
        claim.article,
        claim,
        EventAction.verdict,
        {"before": before, "after": {"rating": rating, "rationale": rationale}},
    )
    commit()
    return verdict


def _require_complete(verdict: Verdict | None) -> None:
    """A verdict goes to the editor only with a rating and a rationale (a draft may lack them)."""
    if verdict is None or not verdict.rating:
        raise Invalid(
            "choose a rating and write a rationale before submitting",
            fields={"rating": "required"},
        )
    if not clean_text(verdict.rationale).strip():
        raise Invalid(
            "write a rationale before submitting: the editor needs to see why",
            fields={"rationale": "required"},
        )


def count_as_author(actor: User, claim: Claim, reason: str) -> bool:
    """Record that four-eyes counts the actor as an author of the claim's verdict (so they
    cannot approve it): they wrote it, or changed its span or sources, or submitted it, once
    it existed. True when this made them one (the history then says so)."""
    verdict = claim.verdict
    if verdict is None or any(c.user_id == actor.id for c in verdict.contributors):
        return False
    verdict.contributors.append(VerdictContributor(user_id=actor.id, reason=reason))
    return actor.id != verdict.author_id


def author_detail(detail: dict[str, Any], author: bool) -> dict[str, Any]:
    """An event's detail, saying when the change made its actor an author for four-eyes."""
    return {**detail, "counts_as_author": True} if author else detail


def _plain_verdict(v: Verdict | None) -> dict[str, Any] | None:
    return None if v is None else {"rating": v.rating, "rationale": v.rationale}


# --- state moves --------------------------------------------------------------------------


def move(actor: User, claim: Claim, action: str, version: Any, text: str | None = None) -> Claim:
    """The one guarded transition every status change goes through.

    The status guard holds under concurrency: the claim row is re-read under a row lock
    (PostgreSQL; SQLite writers are serialized by BEGIN IMMEDIATE) before the status and
    version are checked, and the UPDATE still says WHERE version = ? (every status change
    bumps the version), so two editors approving at once give one approval and one Event.
    """
    rule = MOVES.get(action)
    if rule is None:
        raise NotFound(f"no such action: {action}")
    if rule.editor_only and not actor.is_editor:
        raise Forbidden(f"only editors may {action} a claim")
    lock(claim)
    expect_version(claim, version)
    if claim.status not in rule.sources:
        raise Conflict(f"a claim that is {claim.status} cannot be {action}ed", current=claim)
    text = clean_text(text).strip()
    if rule.needs and not text:
        raise Invalid(f"a {rule.needs} is required to {action}", fields={rule.needs: "required"})
    if len(text) > MAX_NOTE_CHARS:
        raise Invalid(f"the {rule.needs or 'note'} is longer than {MAX_NOTE_CHARS} characters")
    verdict = claim.verdict
    now = utcnow()
    author = False
    if action == "submit":
        _require_complete(verdict)
        verdict.submitted_at = now
        author = count_as_author(actor, claim, "submit")
    elif action == "approve":
        if four_eyes() and verdict.counts_as_author(actor.id):
            raise Forbidden(
                "the four-eyes rule: you cannot approve a verdict you wrote, submitted or "
                "whose span or sources you changed; another editor approves it"
            )
        verdict.approved_by_id, verdict.approved_at = actor.id, now
    elif action == "reopen" and verdict is not None:
        verdict.approved_by_id = verdict.approved_at = None
    claim.dismiss_reason = text if action == "dismiss" else None
    before = claim.status
    claim.status = rule.target
    claim.updated_at = now
    detail: dict[str, Any] = {
        "from": before.value,
        "to": rule.target.value,
        "before": {"status": before.value},
        "after": {"status": rule.target.value},
    }
    if rule.needs:
        detail[rule.needs] = text
        detail["after"][rule.needs] = text
    record(actor, claim.article, claim, EventAction(action), author_detail(detail, author))
    commit()
    return claim


# --- assignment ---------------------------------------------------------------------------


def assign(actor: User, claim: Claim, version: Any, assignee: str | None) -> Claim:
    """An editor gives the claim to a reviewer (a user name) or takes it back (None)."""
    if not actor.is_editor:
        raise Forbidden("only editors may assign claims")
    if assignee is not None and not isinstance(assignee, str):
        raise Invalid("assignee is a user name or null", fields={"assignee": "type"})
    lock(claim)
    expect_version(claim, version)
    if claim.status is S.approved:
        raise Conflict("the claim is approved: an editor must reopen it first", current=claim)
    user = None
    if assignee is not None:
        name = assignee.strip().casefold()
        # PostgreSQL cannot even compare a string holding NUL: no such user can exist.
        user = (
            None
            if "\x00" in name
            else db.session.scalar(db.select(User).where(User.username == name))
        )
        if user is None or not user.active:
            raise Invalid(f"no active user {assignee!r}", fields={"assignee": "unknown"})
    before = claim.assignee.username if claim.assignee else None
    after = user.username if user else None
    if before == after:
        return claim  # nothing changes: no new version, no history row
    claim.assignee = user
    claim.updated_at = utcnow()
    record(
        actor,
        claim.article,
        claim,
        EventAction.assign,
        {"before": {"assignee": before}, "after": {"assignee": after}},
    )
    commit()
    return claim
