"""Sources after they are attached: edit, remove, and flag the same URL twice on a claim."""

from __future__ import annotations

from typing import Any

from ..db import db, utcnow
from ..errors import NotFound
from ..models import Claim, EventAction, Source, User
from ..urls import BadURL, deceptive_host, validate_source_url
from .common import commit, expect_version, lock, plain, record, require_editable
from .review import _source_fields, author_detail, count_as_author

FIELDS = ("url", "title", "publisher", "published", "excerpt", "accessed", "stance")


def get_source(source_id: int) -> Source:
    """Load a source or raise NotFound."""
    source = db.session.get(Source, source_id)
    if source is None:
        raise NotFound(f"no source {source_id}")
    return source


def update_source(actor: User, source: Source, version: Any, data: dict[str, Any]) -> Source:
    """Change some of a source's fields, against the version of the claim it belongs to."""
    claim = source.claim
    lock(claim)
    expect_version(claim, version)
    require_editable(claim)
    before = _plain_source(source)
    merged = {**before, **{k: v for k, v in data.items() if k in FIELDS}}
    fields = _source_fields(merged)
    for name, value in fields.items():
        setattr(source, name, value)
    claim.updated_at = utcnow()  # bumps the claim's version
    after = _plain_source(source)
    author = after != before and count_as_author(actor, claim, "sources")
    record(
        actor,
        claim.article,
        claim,
        EventAction.edit_source,
        author_detail({"source": source.id, "before": before, "after": after}, author),
    )
    commit()
    return source


def delete_source(actor: User, source: Source, version: Any) -> Claim:
    """Remove a source from its claim; the history keeps what it said."""
    claim = source.claim
    lock(claim)
    expect_version(claim, version)
    require_editable(claim)
    before = _plain_source(source)
    source_id = source.id
    claim.sources.remove(source)  # delete-orphan
    claim.updated_at = utcnow()
    author = count_as_author(actor, claim, "sources")
    detail = author_detail({"source": source_id, "before": before}, author)
    record(actor, claim.article, claim, EventAction.remove_source, detail)
    commit()
    return claim


def url_key(url: str) -> str:
    """What two URLs share when they are "the same URL" for the duplicate warning."""
    return url.strip().rstrip("/").lower()


def duplicate_urls(claim: Claim) -> set[str]:
    """URLs attached to the claim more than once (a warning for reviewers, not an error)."""
    seen: set[str] = set()
    twice: set[str] = set()
    for s in claim.sources:
        key = url_key(s.url)
        (twice if key in seen else seen).add(key)
    return {s.url for s in claim.sources if url_key(s.url) in twice}


def check_source_url(claim: Claim, url: str, besides: int | None = None) -> dict[str, Any]:
    """What saving `url` as a source of `claim` would give, without saving: the URL as it
    would be stored (or the reason it would be refused) and the warnings it would raise.
    `besides` is a source being edited, not compared with itself."""
    try:
        cleaned = validate_source_url(url)
    except BadURL as exc:
        return {"url": None, "error": str(exc), "duplicate": False, "warnings": []}
    duplicate = any(s.id != besides and url_key(s.url) == url_key(cleaned) for s in claim.sources)
    warnings = [f"the URL {cleaned} is already attached to this claim"] if duplicate else []
    if host := deceptive_host(cleaned):
        warnings.append(
            f"the host of {cleaned} mixes alphabets or imitates Latin letters; it is really {host}"
        )
    return {"url": cleaned, "error": None, "duplicate": duplicate, "warnings": warnings}


def source_warnings(claim: Claim) -> list[str]:
    """Messages about the claim's sources that a reviewer should see."""
    twice = sorted(duplicate_urls(claim))
    warnings = [f"the URL {url} is attached more than once" for url in twice]
    for url in sorted({s.url for s in claim.sources}):
        if host := deceptive_host(url):
            warnings.append(
                f"the host of {url} mixes alphabets or imitates Latin letters; it is really {host}"
            )
    return warnings


def _plain_source(s: Source) -> dict[str, Any]:
    return plain({name: getattr(s, name) for name in FIELDS})
