"""The annotated-article document for an extraction that never touched a database.

Pure (no Flask, no SQLAlchemy), so that ``workbench extract`` starts fast; the exporter of
stored articles (``workbench.exporters.annotated``) shares its format name and version.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from .types import Extraction

FORMAT = "fact-check-workbench/annotated-article"
VERSION = 2


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


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
                "records": [dict(r) for r in c.records],
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
