"""Shared pieces of the workflow verbs: loading, version checks, history rows, commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..config import setting
from ..db import db
from ..errors import Conflict, Invalid, NotFound
from ..extraction import ExtractionBudgetExceeded, extract
from ..extraction.types import Extraction
from ..models import Article, Claim, ClaimStatus, Event, EventAction, User

S = ClaimStatus
#: The states in which a claim's span, sources and verdict may still change.
EDITABLE = frozenset({S.open, S.returned})


def four_eyes() -> bool:
    """Whether the four-eyes rule holds: nobody approves a verdict they wrote (FOUR_EYES)."""
    return bool(setting("FOUR_EYES", True))


def expect_version(claim: Claim, version: Any) -> None:
    """Refuse a change made against another version of the claim than the current one."""
    if not isinstance(version, int) or isinstance(version, bool):
        raise Invalid("send the claim's version with every change", fields={"version": "required"})
    if version != claim.version:
        raise Conflict(
            f"the claim changed since you loaded it (your version {version}, "
            f"current {claim.version})",
            current=claim,
        )


_CONTROLS = {c: None for c in range(32) if chr(c) not in "\t\n"} | {0x7F: None, 0x0D: None}


def clean_text(value: Any) -> str:
    """User-written text as stored: a string without NUL and other C0 controls (tab and
    newline kept; PostgreSQL refuses NUL, and controls hide what a text says)."""
    return str(value if value is not None else "").translate(_CONTROLS)


def lock(claim: Claim) -> None:
    """Re-read the claim under a row lock, so checks on its status and version hold until commit.

    PostgreSQL takes SELECT ... FOR UPDATE; SQLite ignores it (writers already hold the
    database lock from BEGIN IMMEDIATE).
    """
    if claim in db.session and claim not in db.session.new:
        db.session.refresh(claim, with_for_update=True)


def require_editable(claim: Claim) -> None:
    if claim.status not in EDITABLE:
        raise Conflict(
            f"the claim is {claim.status}: sources and verdict are locked"
            + (" until an editor reopens it" if claim.status is S.approved else ""),
            current=claim,
        )


def record(
    actor: User | None,
    article: Article,
    claim: Claim | None,
    action: EventAction | str,
    detail: dict,
) -> None:
    db.session.add(
        Event(
            actor_id=actor.id if actor else None,
            article_id=article.id,
            claim_id=claim.id if claim else None,
            action=EventAction(action),  # a plain string must name an action too
            detail=plain(detail),
        )
    )


def plain(detail: dict[str, Any]) -> dict[str, Any]:
    """Make event details JSON-safe (dates as ISO strings, enums as values)."""
    out: dict[str, Any] = {}
    for key, value in detail.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        elif hasattr(value, "value") and isinstance(value.value, str):
            value = value.value
        out[key] = value
    return out


def flush() -> None:
    """Flush pending rows, turning a constraint clash (e.g. a duplicate span) into a 409."""
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise Conflict(
            f"the change conflicts with stored data ({exc.orig.__class__.__name__})"
        ) from None


def discard_changes() -> None:
    """Drop whatever a refused change left pending in the session (views call this when they
    answer an error, so nothing half-made is flushed by a later query)."""
    db.session.rollback()


def commit() -> None:
    """Commit, turning a lost optimistic-locking race into a 409."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict("someone else changed this claim at the same time; reload it") from None
    except IntegrityError as exc:
        db.session.rollback()
        raise Conflict(
            f"the change conflicts with stored data ({exc.orig.__class__.__name__})"
        ) from None


def get_claim(claim_id: int) -> Claim:
    """Load a claim or raise NotFound."""
    claim = db.session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    return claim


def get_article(article_id: int) -> Article:
    """Load an article or raise NotFound."""
    article = db.session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article {article_id}")
    return article


def run_extraction(text: str, published: date | None) -> Extraction:
    """The engine's reading of ``text`` within the configured time budget.

    Past EXTRACTION_BUDGET_SECONDS the change is refused (422) before anything is written.
    """
    seconds = float(setting("EXTRACTION_BUDGET_SECONDS", 10) or 0)
    try:
        return extract(text, published, budget=seconds if seconds > 0 else None)
    except ExtractionBudgetExceeded as exc:
        raise Invalid(
            f"finding the claims in this text took longer than the limit of {exc.seconds:g} "
            "seconds; nothing was saved. Shorten the text or remove repeated filler.",
            fields={"text": "too_slow"},
        ) from None
