"""The annotated-article JSON document (format version 1) and its JSON Schema."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ..extraction.types import Extraction
from ..models import Article, Claim, Event, User
from ..ratings import scale_by_slug

FORMAT = "fact-check-workbench/annotated-article"
VERSION = 1
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "annotated-article.v1.json"


@cache
def schema() -> dict[str, Any]:
    """The committed JSON Schema of the document."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _name(user: User | None) -> str | None:
    return user.username if user is not None else None


def article_document(
    article: Article, events: Iterable[Event], users: dict[int, User]
) -> dict[str, Any]:
    """The whole annotated article, from loaded rows (no queries are made here)."""
    history: dict[int | None, list[dict[str, Any]]] = {}
    for ev in events:
        history.setdefault(ev.claim_id, []).append(
            {
                "at": _iso(ev.at),
                "actor": _name(users.get(ev.actor_id)) if ev.actor_id else None,
                "action": ev.action,
                "detail": ev.detail,
            }
        )
    claims = [claim_document(c, history.get(c.id, []), users) for c in article.claims]
    final = bool(claims) and all(c["status"] in ("approved", "dismissed") for c in claims)
    return {
        "format": FORMAT,
        "version": VERSION,
        "status": "final" if final else "draft",
        "article": {
            "id": article.id,
            "title": article.title,
            "byline": article.byline,
            "published": _iso(article.published),
            "source_url": article.source_url,
            "text": article.text,
            "text_sha256": article.text_sha256,
        },
        "claims": claims,
        "history": history.get(None, []),
    }


def claim_document(
    claim: Claim, history: list[dict[str, Any]], users: dict[int, User]
) -> dict[str, Any]:
    """One claim with its figures, hints, sources, verdict and history."""
    text = claim.article.text
    verdict = claim.verdict
    scale = scale_by_slug()
    return {
        "id": claim.id,
        "start": claim.start_offset,
        "end": claim.end_offset,
        "quote": text[claim.start_offset : claim.end_offset],
        "status": claim.status.value,
        "version": claim.version,
        "origin": claim.origin.value,
        "kinds": list(claim.kinds or []),
        "assignee": _name(users.get(claim.assignee_id)) if claim.assignee_id else None,
        "dismiss_reason": claim.dismiss_reason,
        "figures": [
            {
                "category": f.category.value,
                "start": f.start_offset,
                "end": f.end_offset,
                "text": f.text,
                "value": f.value,
            }
            for f in claim.figures
        ],
        "hints": [{"kind": h.kind, "ok": h.ok, "message": h.message} for h in claim.hints],
        "sources": [
            {
                "id": s.id,
                "url": s.url,
                "title": s.title,
                "publisher": s.publisher,
                "published": _iso(s.published),
                "excerpt": s.excerpt,
                "accessed": _iso(s.accessed),
                "stance": s.stance.value,
            }
            for s in claim.sources
        ],
        "verdict": None
        if verdict is None
        else {
            "rating": verdict.rating,
            "label": scale[verdict.rating].label if verdict.rating in scale else verdict.rating,
            "rationale": verdict.rationale,
            "author": _name(users.get(verdict.author_id)),
            "submitted_at": _iso(verdict.submitted_at),
            "approved_by": _name(users.get(verdict.approved_by_id))
            if verdict.approved_by_id
            else None,
            "approved_at": _iso(verdict.approved_at),
        },
        "history": history,
    }


def extraction_document(
    text: str,
    extraction: Extraction,
    *,
    published: date | None = None,
    title: str | None = None,
    byline: str | None = None,
    source_url: str | None = None,
) -> dict[str, Any]:
    """The same document for an extraction that never touched a database (workbench extract)."""
    claims = []
    for n, c in enumerate(extraction.claims, start=1):
        claims.append(
            {
                "id": n,
                "start": c.start,
                "end": c.end,
                "quote": text[c.start : c.end],
                "status": "open",
                "version": 1,
                "origin": "extracted",
                "kinds": list(c.kinds),
                "assignee": None,
                "dismiss_reason": None,
                "figures": [
                    {
                        "category": f.category,
                        "start": f.start,
                        "end": f.end,
                        "text": f.text,
                        "value": f.value,
                    }
                    for f in c.figures
                ],
                "hints": [{"kind": h.kind, "ok": h.ok, "message": h.message} for h in c.hints],
                "sources": [],
                "verdict": None,
                "history": [],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "status": "draft",
        "article": {
            "id": None,
            "title": title,
            "byline": byline,
            "published": _iso(published),
            "source_url": source_url,
            "text": text,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
        "claims": claims,
        "history": [],
    }
