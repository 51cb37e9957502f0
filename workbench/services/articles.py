"""Import: store an ingested article with the claims the engine proposes; edit metadata."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..db import db
from ..errors import Conflict, Invalid
from ..extraction.types import Figure as FoundFigure
from ..ingest import Ingested
from ..limits import (
    ARTICLE_TITLE_CHARS,
    BYLINE_CHARS,
    MAX_CLAIMS_PER_ARTICLE,
    MAX_FIGURES_PER_CLAIM,
)
from ..models import (
    Article,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    EventAction,
    Figure,
    FigureCategory,
    Hint,
    User,
)
from ..urls import BadURL, validate_source_url
from .common import commit, flush, record, run_extraction


class DuplicateArticle(Conflict):
    """The same canonical text was imported before."""

    def __init__(self, existing: Article) -> None:
        super().__init__(f"this text was already imported as article {existing.id}")
        self.existing = existing


def import_article(actor: User, doc: Ingested, *, allow_duplicate: bool = False) -> Article:
    """Store an ingested article and the claims the engine proposes for it."""
    if not allow_duplicate:
        existing = db.session.scalar(
            db.select(Article).where(Article.text_sha256 == doc.sha256).limit(1)
        )
        if existing is not None:
            raise DuplicateArticle(existing)
    result = run_extraction(doc.text, doc.published)  # before anything is added to the session
    article = Article(
        title=(doc.title or "Untitled article")[:ARTICLE_TITLE_CHARS],
        byline=(doc.byline or None) and doc.byline[:BYLINE_CHARS],
        published=doc.published,
        source_url=doc.source_url,
        text=doc.text,
        text_sha256=doc.sha256,
        import_notes=list(doc.notes),
        created_by=actor,
    )
    db.session.add(article)
    for proposed in result.claims[:MAX_CLAIMS_PER_ARTICLE]:
        claim = Claim(
            article=article,
            start_offset=proposed.start,
            end_offset=proposed.end,
            origin=ClaimOrigin.extracted,
            kinds=list(proposed.kinds),
            records=[dict(r) for r in proposed.records],
        )
        claim.figures = [figure_row(f) for f in proposed.figures[:MAX_FIGURES_PER_CLAIM]]
        claim.hints = [Hint(kind=h.kind, ok=h.ok, message=h.message) for h in proposed.hints]
        db.session.add(claim)
    flush()
    record(
        actor,
        article,
        None,
        EventAction.import_,
        {"claims": len(article.claims), "notes": doc.notes},
    )
    commit()
    return article


def figure_row(f: FoundFigure) -> Figure:
    """A Figure row from one the engine found."""
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
    """Edit an article's metadata (never its text: offsets depend on it).

    Refused (409) while any claim of the article is approved: the published ClaimReview
    rates the article as it was approved (its author, link and date), so an editor reopens
    those claims first, as for any change to an approved claim."""
    require_meta_editable(article)
    title = title.strip()
    if not title:
        raise Invalid("the title cannot be empty", fields={"title": "required"})
    if source_url:
        try:
            source_url = validate_source_url(source_url)
        except BadURL as exc:
            raise Invalid(str(exc), fields={"source_url": str(exc)}) from None
    before = _article_meta(article)
    article.title = title[:ARTICLE_TITLE_CHARS]
    article.byline = (byline or "").strip()[:BYLINE_CHARS] or None
    article.published, article.source_url = published, source_url or None
    record(
        actor,
        article,
        None,
        EventAction.edit_article,
        {"before": before, "after": _article_meta(article)},
    )
    commit()
    return article


def require_meta_editable(article: Article) -> None:
    """Refuse a metadata change while claims of the article are approved.

    The article's claims are read under row locks (PostgreSQL; SQLite writers hold the
    database lock), so an approval cannot slip in between this check and the commit."""
    statuses = db.session.scalars(
        db.select(Claim.status)
        .where(Claim.article_id == article.id)
        .order_by(Claim.id)
        .with_for_update()
    )
    approved = sum(1 for status in statuses if status is ClaimStatus.approved)
    if approved:
        raise Conflict(
            f"{approved} claim(s) of this article are approved: its details (title, byline, "
            "date, link) are locked until an editor reopens them"
        )


def _article_meta(a: Article) -> dict[str, Any]:
    return {
        "title": a.title,
        "byline": a.byline,
        "published": a.published.isoformat() if a.published else None,
        "source_url": a.source_url,
    }
