"""Claim spans: reviewers add, adjust, split and merge claims over code-point offsets."""

from __future__ import annotations

import unicodedata
from typing import Any

from .. import limits
from ..db import db, utcnow
from ..errors import Conflict, Invalid
from ..extraction.types import Extraction
from ..models import Article, Claim, ClaimOrigin, ClaimStatus, EventAction, Hint, User
from .articles import MAX_CLAIMS_PER_ARTICLE, figure_row
from .common import EDITABLE, commit, expect_version, flush, record, run_extraction
from .review import author_detail, count_as_author

MAX_CLAIM_CHARS = limits.MAX_CLAIM_CHARS

S = ClaimStatus

ZWJ = "\u200d"
_RI_FIRST, _RI_LAST = 0x1F1E6, 0x1F1FF


def create_claim(actor: User, article: Article, start: int, end: int) -> Claim:
    """Add a reviewer's claim over [start, end) of the article's canonical text."""
    _check_span(article, start, end)
    count = db.session.scalar(
        db.select(db.func.count(Claim.id)).where(Claim.article_id == article.id)
    )
    if count >= MAX_CLAIMS_PER_ARTICLE:
        raise Invalid(f"an article holds at most {MAX_CLAIMS_PER_ARTICLE} claims")
    _refuse_duplicate(article, start, end)
    claim = Claim(article=article, start_offset=start, end_offset=end, origin=ClaimOrigin.reviewer)
    _derive(claim, _extraction(article))
    db.session.add(claim)
    flush()
    record(actor, article, claim, EventAction.create_claim, {"start": start, "end": end})
    commit()
    return claim


def adjust_span(actor: User, claim: Claim, version: Any, start: Any, end: Any) -> Claim:
    """Move a claim's boundaries (grow or shrink it); figures are read again inside the span."""
    expect_version(claim, version)
    _require_span_editable(claim)
    article = claim.article
    _check_span(article, start, end)
    if (start, end) == (claim.start_offset, claim.end_offset):
        return claim
    _refuse_duplicate(article, start, end, besides=claim)
    _refuse_growing_into(claim, start, end)
    before = _span(claim)
    claim.start_offset, claim.end_offset = start, end
    _derive(claim, _extraction(article))
    claim.updated_at = utcnow()
    author = count_as_author(actor, claim, "span")
    detail = author_detail({"before": before, "after": _span(claim)}, author)
    record(actor, article, claim, EventAction.adjust_span, detail)
    commit()
    return claim


def split(actor: User, claim: Claim, version: Any, at: Any) -> tuple[Claim, Claim]:
    """Cut a claim in two at a code-point offset; the second part becomes a new claim."""
    expect_version(claim, version)
    _require_span_editable(claim)
    article = claim.article
    if not isinstance(at, int) or isinstance(at, bool):
        raise Invalid("the split point is a whole number of code points", fields={"at": "type"})
    if not claim.start_offset < at < claim.end_offset:
        raise Invalid(
            f"split inside the claim: {claim.start_offset} < at < {claim.end_offset}",
            fields={"at": str(at)},
        )
    _check_boundary(article.text, at, "at")
    text = article.text
    first_end = claim.start_offset + len(text[claim.start_offset : at].rstrip())
    second_start = at + (
        len(text[at : claim.end_offset]) - len(text[at : claim.end_offset].lstrip())
    )
    if first_end <= claim.start_offset or second_start >= claim.end_offset:
        raise Invalid("both parts of a split need some text", fields={"at": str(at)})
    before = _span(claim)
    second = Claim(
        article=article,
        start_offset=second_start,
        end_offset=claim.end_offset,
        origin=ClaimOrigin.reviewer,
        assignee_id=claim.assignee_id,
    )
    db.session.add(second)
    claim.end_offset = first_end
    found = _extraction(article)
    _derive(claim, found)
    _derive(second, found)
    claim.updated_at = utcnow()
    author = count_as_author(actor, claim, "span")
    flush()
    record(
        actor,
        article,
        claim,
        EventAction.split,
        author_detail(
            {"before": before, "after": _span(claim), "new_claim": second.id, "new": _span(second)},
            author,
        ),
    )
    record(
        actor,
        article,
        second,
        EventAction.create_claim,
        {"start": second.start_offset, "end": second.end_offset, "split_from": claim.id},
    )
    commit()
    return claim, second


def merge(actor: User, claim: Claim, version: Any, next_claim: Claim, next_version: Any) -> Claim:
    """Join a claim with a later one of the same article; the later one is dismissed as merged."""
    expect_version(claim, version)
    expect_version(next_claim, next_version)
    if next_claim.id == claim.id or next_claim.article_id != claim.article_id:
        raise Invalid("merge with another claim of the same article", fields={"next": "claim"})
    if (next_claim.start_offset, next_claim.end_offset) < (claim.start_offset, claim.end_offset):
        raise Invalid(
            "the claim to merge with must come later in the text", fields={"next": "order"}
        )
    _require_span_editable(claim)
    _require_span_editable(next_claim)
    article = claim.article
    start = claim.start_offset
    end = max(claim.end_offset, next_claim.end_offset)
    _check_span(article, start, end)
    _refuse_duplicate(article, start, end, besides=claim, also=next_claim)
    before, next_before = _span(claim), _span(next_claim)
    moved_sources = [s.id for s in next_claim.sources]
    for source in list(next_claim.sources):
        source.claim = claim
    dropped_verdict = None
    if next_claim.verdict is not None:
        if claim.verdict is None:
            next_claim.verdict.claim = claim
        else:
            v = next_claim.verdict
            dropped_verdict = {"rating": v.rating, "rationale": v.rationale}
            db.session.delete(v)
    claim.end_offset = end
    _derive(claim, _extraction(article))
    now = utcnow()
    claim.updated_at = next_claim.updated_at = now
    next_status = next_claim.status
    next_claim.status = S.dismissed
    next_claim.dismiss_reason = f"merged into claim {claim.id}"
    author = count_as_author(actor, claim, "span")
    record(
        actor,
        article,
        claim,
        EventAction.merge,
        author_detail(
            {
                "before": before,
                "after": _span(claim),
                "merged": next_claim.id,
                "merged_span": next_before,
                "sources_moved": moved_sources,
                "dropped_verdict": dropped_verdict,
            },
            author,
        ),
    )
    record(
        actor,
        article,
        next_claim,
        EventAction.merged_into,
        {"into": claim.id, "from": next_status.value, "to": S.dismissed.value},
    )
    commit()
    return claim


def overlapping(claim: Claim, start: int | None = None, end: int | None = None) -> list[Claim]:
    """The article's live (not dismissed) claims, other than this one, that share text with
    [start, end) (by default the claim's own span), in text order. One query."""
    start = claim.start_offset if start is None else start
    end = claim.end_offset if end is None else end
    return list(
        db.session.scalars(
            db.select(Claim)
            .where(
                Claim.article_id == claim.article_id,
                Claim.id != claim.id,
                Claim.status != S.dismissed,
                Claim.start_offset < end,
                Claim.end_offset > start,
            )
            .order_by(Claim.start_offset, Claim.end_offset, Claim.id)
        )
    )


def _refuse_growing_into(claim: Claim, start: int, end: int) -> None:
    """Span tools move an edge by a word: they may not carry it into another live claim (the
    two would overlap; Merge joins them). Overlaps the claim already had are left alone."""
    before = {c.id for c in overlapping(claim)}
    new = [c for c in overlapping(claim, start, end) if c.id not in before]
    if new:
        other = new[0]
        raise Invalid(
            f"the span would run into claim {other.id} "
            f"(characters {other.start_offset}–{other.end_offset}); merge the two instead",
            fields={"span": "overlap", "claim": str(other.id)},
        )


# --- helpers ------------------------------------------------------------------------------


def _span(claim: Claim) -> dict[str, int]:
    return {"start": claim.start_offset, "end": claim.end_offset}


def _require_span_editable(claim: Claim) -> None:
    if claim.status in (S.submitted, S.approved):
        raise Conflict(f"claim {claim.id} is {claim.status}: its span is locked", current=claim)
    if claim.status not in EDITABLE:
        raise Conflict(f"claim {claim.id} is {claim.status}: restore it first", current=claim)


def _refuse_duplicate(
    article: Article, start: int, end: int, besides: Claim | None = None, also: Claim | None = None
) -> None:
    query = db.select(Claim).where(
        Claim.article_id == article.id, Claim.start_offset == start, Claim.end_offset == end
    )
    for skip in (besides, also):
        if skip is not None and skip.id is not None:
            query = query.where(Claim.id != skip.id)
    duplicate = db.session.scalar(query.limit(1))
    if duplicate is not None:
        raise Conflict(f"claim {duplicate.id} already covers exactly this span", current=duplicate)


_CACHE: dict[tuple[str, object], Extraction] = {}


def _extraction(article: Article) -> Extraction:
    """The engine's reading of the whole text (cached per text: it is fixed at import)."""
    key = (article.text_sha256, article.published)
    found = _CACHE.get(key)
    if found is None:
        found = run_extraction(article.text, article.published)
        if len(_CACHE) >= 8:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = found
    return found


def _derive(claim: Claim, found: Extraction) -> None:
    """Figures inside the span, kinds and hints, as the engine reads them in the whole text."""
    start, end = claim.start_offset, claim.end_offset
    claim.figures = [
        figure_row(f)
        for proposed in found.claims
        for f in proposed.figures
        if f.start >= start and f.end <= end
    ][: limits.MAX_FIGURES_PER_CLAIM]
    claim.kinds = sorted(
        {k for p in found.claims if p.start < end and start < p.end for k in p.kinds}
    )
    hints: dict[tuple[str, str], Hint] = {}
    records: list[dict[str, Any]] = []
    for p in found.claims:
        overlap = min(end, p.end) - max(start, p.start)
        if overlap * 2 >= p.end - p.start:  # the span holds most of the engine's claim
            for h in p.hints:
                hints.setdefault((h.kind, h.message), Hint(kind=h.kind, ok=h.ok, message=h.message))
            records += [dict(r) for r in p.records if r not in records]
    claim.hints = list(hints.values())
    claim.records = records


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
    _check_boundary(article.text, start, "start")
    _check_boundary(article.text, end, "end")


def _check_boundary(text: str, at: int, name: str) -> None:
    """Refuse an offset inside a grapheme cluster (before a mark, a joiner, a modifier...)."""
    if splits_cluster(text, at):
        raise Invalid(
            f"the {name} offset {at} falls inside a character (a letter with its accent, "
            "an emoji sequence or a flag); move it to a character boundary",
            fields={name: "inside a grapheme cluster"},
        )


def _extends(ch: str) -> bool:
    cp = ord(ch)
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch == ZWJ
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors
        or 0xE0100 <= cp <= 0xE01EF
        or 0x1F3FB <= cp <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= cp <= 0xE007F  # emoji tag sequences (subdivision flags)
    )


def _regional(ch: str) -> bool:
    return _RI_FIRST <= ord(ch) <= _RI_LAST


def splits_cluster(text: str, at: int) -> bool:
    """Whether a boundary at code point `at` would cut a grapheme cluster (a simple rule set)."""
    if at <= 0 or at >= len(text):
        return False
    after, before = text[at], text[at - 1]
    if _extends(after) or before == ZWJ:
        return True
    if _regional(after) and _regional(before):
        run = 0
        i = at - 1
        while i >= 0 and _regional(text[i]):
            run += 1
            i -= 1
        return run % 2 == 1  # flags pair up from the left: an odd run means mid-flag
    return False
