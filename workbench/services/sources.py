"""Sources after they are attached: edit, remove, and flag the same URL twice on a claim."""

from __future__ import annotations

from typing import Any

from ..db import db, utcnow
from ..errors import NotFound
from ..models import Claim, Source, User
from ..urls import deceptive_host
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
        "edit-source",
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
    record(actor, claim.article, claim, "remove-source", detail)
    commit()
    return claim


def duplicate_urls(claim: Claim) -> set[str]:
    """URLs attached to the claim more than once (a warning for reviewers, not an error)."""
    seen: set[str] = set()
    twice: set[str] = set()
    for s in claim.sources:
        key = s.url.strip().rstrip("/").lower()
        (twice if key in seen else seen).add(key)
    return {s.url for s in claim.sources if s.url.strip().rstrip("/").lower() in twice}


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
