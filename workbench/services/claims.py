"""Claim spans: reviewers add claims over code-point offsets of the canonical text."""

from __future__ import annotations

from typing import Any

from ..db import db
from ..errors import Conflict, Invalid
from ..extraction import extract
from ..models import Article, Claim, ClaimOrigin, User
from .articles import MAX_CLAIMS_PER_ARTICLE, figure_row
from .common import commit, record

MAX_CLAIM_CHARS = 5000


def create_claim(actor: User, article: Article, start: int, end: int) -> Claim:
    """Add a reviewer's claim over [start, end) of the article's canonical text."""
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
        figure_row(f)
        for proposed in found.claims
        for f in proposed.figures
        if f.start >= start and f.end <= end
    ]
    claim.kinds = sorted({k for p in found.claims if p.start <= start < p.end for k in p.kinds})
    db.session.add(claim)
    db.session.flush()
    record(actor, article, claim, "create-claim", {"start": start, "end": end})
    commit()
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
