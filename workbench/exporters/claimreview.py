"""schema.org ClaimReview JSON-LD: one ClaimReview per approved claim, in one ``@graph``.

The output is safe to paste inside ``<script type="application/ld+json">``: ``<``, ``>``,
``&``, ``'`` and U+2028/U+2029 never appear literally (they are ``\\u003c`` and so on), so
text such as ``</script>`` or ``<!--`` in a claim cannot end the script element.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ..ratings import DEFAULT_SCALE, best_and_worst, scale_by_slug
from .source import ExportArticle, ExportClaim

CONTEXT = "https://schema.org"
#: Google advises keeping claimReviewed under 75 characters.
BRIEF_CHARS = 75

DEFAULT_PUBLISHER_NAME = "Fact-check Workbench"

_SPACE = re.compile(r"\s+")
_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_UNSAFE_RE = re.compile("[<>&'\u2028\u2029]")


class ExportConfigError(ValueError):
    """The publisher settings cannot produce a valid ClaimReview."""


def safe_json(value: Any) -> str:
    """JSON text that can be embedded in an HTML script element as is."""
    return _UNSAFE_RE.sub(lambda m: _UNSAFE[m.group()], json.dumps(value, ensure_ascii=False))


def _http_url(value: str | None) -> bool:
    if not value or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def brief(quote: str, limit: int = BRIEF_CHARS) -> str:
    """The claim in brief: white space collapsed, cut at a word boundary under ``limit``."""
    text = _SPACE.sub(" ", quote).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


def _datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Settings:
    """Publisher name/URL and the per-claim URL template, from the app config."""

    def __init__(self, config: Any, base_url: str) -> None:
        self.name = str(config.get("PUBLISHER_NAME") or DEFAULT_PUBLISHER_NAME)
        self.url = config.get("PUBLISHER_URL") or None
        self.template = str(
            config.get("CLAIMREVIEW_URL_TEMPLATE")
            or base_url.rstrip("/") + "/articles/{article_id}#claim-{claim_id}"
        )
        if self.url is not None and not _http_url(self.url):
            raise ExportConfigError(f"PUBLISHER_URL {self.url!r} is not an http(s) URL")
        sample = self.claim_url(1, 1)
        if not _http_url(sample):
            raise ExportConfigError(
                f"CLAIMREVIEW_URL_TEMPLATE gives {sample!r}, not an absolute http(s) URL"
            )

    def claim_url(self, article_id: int, claim_id: int) -> str:
        try:
            return self.template.format(article_id=article_id, claim_id=claim_id)
        except (KeyError, IndexError, ValueError) as exc:
            raise ExportConfigError(
                "CLAIMREVIEW_URL_TEMPLATE may use {article_id} and {claim_id} only"
            ) from exc


def claim_review(article: ExportArticle, claim: ExportClaim, settings: Settings) -> dict | None:
    """The ClaimReview of an approved claim (None for any other claim)."""
    doc = claim.doc
    verdict = doc["verdict"]
    if doc["status"] != "approved" or verdict is None:
        return None
    step = scale_by_slug().get(verdict["rating"])
    best, worst = best_and_worst(DEFAULT_SCALE)
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": step.label if step else verdict["label"],
    }
    if step is not None and step.value is not None:
        rating.update(ratingValue=step.value, bestRating=best, worstRating=worst)
    # "unverifiable" has no place on the scale: the textual rating alone, which the
    # ClaimReview checker accepts (the numbers are only recommended).
    if verdict["rationale"].strip():
        rating["ratingExplanation"] = verdict["rationale"]

    item: dict[str, Any] = {"@type": "Claim"}
    if _http_url(article.source_url):
        item["appearance"] = article.source_url
    else:
        item["appearance"] = {"@type": "NewsArticle", "headline": article.title}
    if article.byline:
        item["author"] = {"@type": "Person", "name": article.byline}
    if article.published is not None:
        item["datePublished"] = article.published.isoformat()

    author: dict[str, Any] = {"@type": "Organization", "name": settings.name}
    if settings.url:
        author["url"] = settings.url
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": settings.claim_url(article.id, doc["id"]),
        "claimReviewed": brief(doc["quote"]),
        "itemReviewed": item,
        "reviewRating": rating,
        "author": author,
    }
    published = _datetime(_parse(verdict["approved_at"]))
    if published:
        review["datePublished"] = published
    return review


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def stream(
    article: ExportArticle, claims: Iterable[ExportClaim], settings: Settings
) -> Iterator[str]:
    """``{"@context": "https://schema.org", "@graph": [ClaimReview, ...]}`` as text chunks."""
    yield '{"@context": "https://schema.org", "@graph": ['
    n = 0
    for claim in claims:
        review = claim_review(article, claim, settings)
        if review is None:
            continue
        yield ("\n" if n == 0 else ",\n") + safe_json(review)
        n += 1
    yield "\n]}\n"
