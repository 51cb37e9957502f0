"""The annotated-article JSON document (format version 2: version 1 plus each claim's
discussion thread) and its JSON Schema (one file, reading both versions)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ..extraction.types import Extraction
from ..models import Claim, User
from ..ratings import scale_by_slug
from .source import ExportArticle, ExportClaim, figure_doc, hint_doc, source_doc, verdict_doc

FORMAT = "fact-check-workbench/annotated-article"
VERSION = 2
#: Versions an import reads (1: written before claims had discussion threads).
READABLE_VERSIONS = (1, 2)
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "annotated-article.v1.json"


@cache
def schema() -> dict[str, Any]:
    """The committed JSON Schema of the document."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _name(user: User | None) -> str | None:
    return user.username if user is not None else None


def head(article: ExportArticle) -> dict[str, Any]:
    """Everything of the document but its claims.

    "status" is "final" only for an export an editor signed ("final": who and when),
    "complete" when every claim is approved or dismissed but nobody signed, else "draft"."""
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "status": article.status}
    if article.final:
        doc["final"] = article.signature()
    doc["article"] = article.document()
    doc["history"] = article.history
    return doc


def stream(article: ExportArticle, claims: Iterable[ExportClaim]) -> Iterator[str]:
    """The annotated-JSON document as text chunks, one claim at a time (UTF-8, not ASCII)."""
    top = json.dumps(head(article), ensure_ascii=False)
    yield top[:-1] + ', "claims": ['
    for n, claim in enumerate(claims):
        yield ("\n" if n == 0 else ",\n") + json.dumps(claim.doc, ensure_ascii=False)
    yield "\n]}\n"


def claim_document(
    claim: Claim, history: list[dict[str, Any]], users: dict[int, User]
) -> dict[str, Any]:
    """One claim (an ORM row) with its figures, hints, sources, verdict and history."""
    text = claim.article.text
    verdict = claim.verdict

    def name(user_id: int | None) -> str | None:
        return _name(users.get(user_id)) if user_id is not None else None

    return {
        "id": claim.id,
        "start": claim.start_offset,
        "end": claim.end_offset,
        "quote": text[claim.start_offset : claim.end_offset],
        "status": claim.status.value,
        "version": claim.version,
        "origin": claim.origin.value,
        "kinds": list(claim.kinds or []),
        "assignee": name(claim.assignee_id),
        "dismiss_reason": claim.dismiss_reason,
        "figures": [figure_doc(f) for f in claim.figures],
        "hints": [hint_doc(h) for h in claim.hints],
        "sources": [source_doc(s) for s in claim.sources],
        "verdict": None if verdict is None else verdict_doc(verdict, name, scale_by_slug()),
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
