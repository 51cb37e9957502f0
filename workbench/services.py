"""Workflow verbs: import, claim work, sources, verdicts and state moves. The only place that
commits; every change writes an Event in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from .db import db, utcnow
from .errors import Conflict, Forbidden, Invalid, NotFound
from .ingest import Ingested
from .models import (
    Article,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    Event,
    Figure,
    FigureCategory,
    Hint,
    Role,
    Source,
    Stance,
    User,
    Verdict,
)
from .ratings import scale_by_slug
from .security import hash_password
from .urls import BadURL, validate_source_url

MAX_CLAIM_CHARS = 5000
MAX_CLAIMS_PER_ARTICLE = 5000
MAX_RATIONALE_CHARS = 20_000
MAX_NOTE_CHARS = 4000

S = ClaimStatus


@dataclass(frozen=True)
class Move:
    """One guarded transition: from which states, to which, who may, what it needs."""

    sources: frozenset[ClaimStatus]
    target: ClaimStatus
    editor_only: bool = False
    needs: str | None = None  # "note" or "reason"


MOVES: dict[str, Move] = {
    "submit": Move(frozenset({S.open, S.returned}), S.submitted),
    "approve": Move(frozenset({S.submitted}), S.approved, editor_only=True),
    "return": Move(frozenset({S.submitted}), S.returned, editor_only=True, needs="note"),
    "dismiss": Move(frozenset({S.open, S.returned}), S.dismissed, needs="reason"),
    "restore": Move(frozenset({S.dismissed}), S.open),
    "reopen": Move(frozenset({S.approved}), S.open, editor_only=True, needs="reason"),
}

EDITABLE = frozenset({S.open, S.returned})


class DuplicateArticle(Conflict):
    """The same canonical text was imported before."""

    def __init__(self, existing: Article) -> None:
        super().__init__(f"this text was already imported as article {existing.id}")
        self.existing = existing


# --- accounts -----------------------------------------------------------------------------


def create_user(username: str, password: str, role: Role, display_name: str | None = None) -> User:
    """Create an account; usernames are unique after trimming and case-folding."""
    name = normalize_username(username)
    if db.session.scalar(db.select(User).where(User.username == name)):
        raise Conflict(f"the user {name!r} already exists")
    try:
        digest = hash_password(password)
    except ValueError as exc:
        raise Invalid(str(exc), fields={"password": str(exc)}) from None
    user = User(username=name, display_name=display_name or name, password_hash=digest, role=role)
    db.session.add(user)
    _commit()
    return user


def set_password(user: User, password: str) -> None:
    """Change a password and sign the account out everywhere."""
    try:
        user.password_hash = hash_password(password)
    except ValueError as exc:
        raise Invalid(str(exc), fields={"password": str(exc)}) from None
    user.session_version += 1
    _commit()


def normalize_username(raw: str) -> str:
    """Trim and case-fold a user name; refuse empty or non-printable ones."""
    import unicodedata

    name = unicodedata.normalize("NFKC", raw).strip().casefold()
    if not name or len(name) > 64:
        raise Invalid("user names have 1 to 64 characters", fields={"username": "length"})
    if any(not (ch.isalnum() or ch in "._-") for ch in name):
        raise Invalid(
            "user names use letters, digits, '.', '_' and '-' only", fields={"username": "chars"}
        )
    return name


# --- import -------------------------------------------------------------------------------


def import_article(actor: User, doc: Ingested, *, allow_duplicate: bool = False) -> Article:
    """Store an ingested article and the claims the engine proposes for it."""
    from .extraction import extract

    if not allow_duplicate:
        existing = db.session.scalar(
            db.select(Article).where(Article.text_sha256 == doc.sha256).limit(1)
        )
        if existing is not None:
            raise DuplicateArticle(existing)
    article = Article(
        title=(doc.title or "Untitled article")[:500],
        byline=(doc.byline or None) and doc.byline[:300],
        published=doc.published,
        source_url=doc.source_url,
        text=doc.text,
        text_sha256=doc.sha256,
        import_notes=list(doc.notes),
        created_by=actor,
    )
    db.session.add(article)
    result = extract(doc.text, doc.published)
    for proposed in result.claims[:MAX_CLAIMS_PER_ARTICLE]:
        claim = Claim(
            article=article,
            start_offset=proposed.start,
            end_offset=proposed.end,
            origin=ClaimOrigin.extracted,
            kinds=list(proposed.kinds),
        )
        claim.figures = [_figure(f) for f in proposed.figures]
        claim.hints = [Hint(kind=h.kind, ok=h.ok, message=h.message) for h in proposed.hints]
        db.session.add(claim)
    db.session.flush()
    _record(actor, article, None, "import", {"claims": len(article.claims), "notes": doc.notes})
    _commit()
    return article


def _figure(f) -> Figure:
    return Figure(
        category=FigureCategory(f.category),
        start_offset=f.start,
        end_offset=f.end,
        text=f.text,
        value=dict(f.value),
    )


def update_article(
    actor: User,
    article: Article,
    *,
    title: str,
    byline: str | None,
    published: date | None,
    source_url: str | None,
) -> Article:
    """Edit an article's metadata (never its text: offsets depend on it)."""
    title = title.strip()
    if not title:
        raise Invalid("the title cannot be empty", fields={"title": "required"})
    if source_url:
        try:
            source_url = validate_source_url(source_url)
        except BadURL as exc:
            raise Invalid(str(exc), fields={"source_url": str(exc)}) from None
    before = _article_meta(article)
    article.title, article.byline = title[:500], (byline or "").strip()[:300] or None
    article.published, article.source_url = published, source_url or None
    _record(
        actor, article, None, "edit-article", {"before": before, "after": _article_meta(article)}
    )
    _commit()
    return article


def _article_meta(a: Article) -> dict[str, Any]:
    return {
        "title": a.title,
        "byline": a.byline,
        "published": a.published.isoformat() if a.published else None,
        "source_url": a.source_url,
    }


# --- claims -------------------------------------------------------------------------------


def create_claim(actor: User, article: Article, start: int, end: int) -> Claim:
    """Add a reviewer's claim over [start, end) of the article's canonical text."""
    from .extraction import extract

    _check_span(article, start, end)
    count = db.session.scalar(
        db.select(db.func.count(Claim.id)).where(Claim.article_id == article.id)
    )
    if count >= MAX_CLAIMS_PER_ARTICLE:
        raise Invalid(f"an article holds at most {MAX_CLAIMS_PER_ARTICLE} claims")
    duplicate = db.session.scalar(
        db.select(Claim).where(
            Claim.article_id == article.id, Claim.start_offset == start, Claim.end_offset == end
        )
    )
    if duplicate is not None:
        raise Conflict(f"claim {duplicate.id} already covers exactly this span", current=duplicate)
    claim = Claim(article=article, start_offset=start, end_offset=end, origin=ClaimOrigin.reviewer)
    # Figures inside the new span, as the engine reads them in the context of the whole text.
    found = extract(article.text, article.published)
    claim.figures = [
        _figure(f)
        for proposed in found.claims
        for f in proposed.figures
        if f.start >= start and f.end <= end
    ]
    claim.kinds = sorted({k for p in found.claims if p.start <= start < p.end for k in p.kinds})
    db.session.add(claim)
    db.session.flush()
    _record(actor, article, claim, "create-claim", {"start": start, "end": end})
    _commit()
    return claim


def _check_span(article: Article, start: Any, end: Any) -> None:
    fields = {}
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            fields[name] = "must be a whole number"
    if fields:
        raise Invalid("offsets must be whole numbers of code points", fields=fields)
    if start < 0 or end > len(article.text) or start >= end:
        raise Invalid(
            f"the span must satisfy 0 <= start < end <= {len(article.text)}",
            fields={"start": str(start), "end": str(end)},
        )
    if end - start > MAX_CLAIM_CHARS:
        raise Invalid(f"a claim spans at most {MAX_CLAIM_CHARS} characters")
    if not article.text[start:end].strip():
        raise Invalid("a claim cannot be only white space")


# --- sources and verdicts -----------------------------------------------------------------


def add_source(actor: User, claim: Claim, version: Any, data: dict[str, Any]) -> Source:
    """Attach a source to a claim that is still being worked on."""
    _expect(claim, version)
    _require_editable(claim)
    fields = _source_fields(data)
    source = Source(claim=claim, created_by_id=actor.id, **fields)
    claim.updated_at = utcnow()  # bumps the claim's version
    db.session.add(source)
    db.session.flush()
    _record(actor, claim.article, claim, "add-source", {"source": source.id, **_plain(fields)})
    _commit()
    return source


def _source_fields(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    try:
        url = validate_source_url(str(data.get("url") or ""))
    except BadURL as exc:
        errors["url"] = str(exc)
        url = ""
    title = str(data.get("title") or "").strip()
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
        "title": title[:500],
        "publisher": str(data.get("publisher") or "").strip()[:300],
        "published": published,
        "excerpt": str(data.get("excerpt") or "")[:20_000],
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
    _expect(claim, version)
    _require_editable(claim)
    scale = scale_by_slug()
    if rating not in scale:
        raise Invalid(f"rating is one of {', '.join(scale)}", fields={"rating": "unknown"})
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
    claim.updated_at = utcnow()
    db.session.flush()
    _record(
        actor,
        claim.article,
        claim,
        "verdict",
        {"before": before, "after": {"rating": rating, "rationale": rationale}},
    )
    _commit()
    return verdict


def _plain_verdict(v: Verdict | None) -> dict[str, Any] | None:
    return None if v is None else {"rating": v.rating, "rationale": v.rationale}


# --- state moves --------------------------------------------------------------------------


def move(actor: User, claim: Claim, action: str, version: Any, text: str | None = None) -> Claim:
    """The one guarded transition every status change goes through."""
    rule = MOVES.get(action)
    if rule is None:
        raise NotFound(f"no such action: {action}")
    if rule.editor_only and not actor.is_editor:
        raise Forbidden(f"only editors may {action} a claim")
    _expect(claim, version)
    if claim.status not in rule.sources:
        raise Conflict(f"a claim that is {claim.status} cannot be {action}ed", current=claim)
    text = (text or "").strip()
    if rule.needs and not text:
        raise Invalid(f"a {rule.needs} is required to {action}", fields={rule.needs: "required"})
    if len(text) > MAX_NOTE_CHARS:
        raise Invalid(f"the {rule.needs or 'note'} is longer than {MAX_NOTE_CHARS} characters")
    verdict = claim.verdict
    now = utcnow()
    if action == "submit":
        if verdict is None:
            raise Invalid("write a verdict before submitting")
        verdict.submitted_at = now
    elif action == "approve":
        if verdict.author_id == actor.id and _four_eyes():
            raise Forbidden("the four-eyes rule: you cannot approve a verdict you wrote")
        verdict.approved_by_id, verdict.approved_at = actor.id, now
    elif action == "reopen" and verdict is not None:
        verdict.approved_by_id = verdict.approved_at = None
    claim.dismiss_reason = text if action == "dismiss" else None
    before = claim.status
    claim.status = rule.target
    claim.updated_at = now
    detail: dict[str, Any] = {"from": before.value, "to": rule.target.value}
    if rule.needs:
        detail[rule.needs] = text
    _record(actor, claim.article, claim, action, detail)
    _commit()
    return claim


def _four_eyes() -> bool:
    from flask import current_app

    return bool(current_app.config.get("FOUR_EYES", True))


# --- helpers ------------------------------------------------------------------------------


def _expect(claim: Claim, version: Any) -> None:
    """Refuse a change made against another version of the claim than the current one."""
    if not isinstance(version, int) or isinstance(version, bool):
        raise Invalid("send the claim's version with every change", fields={"version": "required"})
    if version != claim.version:
        raise Conflict(
            f"the claim changed since you loaded it (your version {version}, "
            f"current {claim.version})",
            current=claim,
        )


def _require_editable(claim: Claim) -> None:
    if claim.status not in EDITABLE:
        raise Conflict(
            f"the claim is {claim.status}: sources and verdict are locked"
            + (" until an editor reopens it" if claim.status is S.approved else ""),
            current=claim,
        )


def _record(
    actor: User | None, article: Article, claim: Claim | None, action: str, detail: dict
) -> None:
    db.session.add(
        Event(
            actor_id=actor.id if actor else None,
            article_id=article.id,
            claim_id=claim.id if claim else None,
            action=action,
            detail=_plain(detail),
        )
    )


def _plain(detail: dict[str, Any]) -> dict[str, Any]:
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


def _commit() -> None:
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


@dataclass
class ArticleBundle:
    """An article with everything its page or export shows, loaded in a fixed number of queries."""

    article: Article
    events: list[Event]
    users: dict[int, User]


def load_article(article_id: int) -> ArticleBundle:
    """Load an article, its claims with figures/hints/sources/verdicts, history and people."""
    from sqlalchemy.orm import selectinload

    article = db.session.scalar(
        db.select(Article)
        .where(Article.id == article_id)
        .options(
            selectinload(Article.claims).options(
                selectinload(Claim.figures),
                selectinload(Claim.hints),
                selectinload(Claim.sources),
                selectinload(Claim.verdict),
            )
        )
    )
    if article is None:
        raise NotFound(f"no article {article_id}")
    events = list(
        db.session.scalars(
            db.select(Event).where(Event.article_id == article_id).order_by(Event.at, Event.id)
        )
    )
    users = {u.id: u for u in db.session.scalars(db.select(User))}
    return ArticleBundle(article, events, users)
