"""The annotated-article JSON document (format version 2) and its JSON Schema.

Version 2 adds ``claims[].records`` (supply and aid records); version 1 documents, which
have none, are still imported and validated against their own schema."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ..extraction.document import FORMAT, VERSION, extraction_document  # noqa: F401 (re-exported)
from ..models import Claim, User
from ..ratings import scale_by_slug
from .source import ExportArticle, ExportClaim, figure_doc, hint_doc, source_doc, verdict_doc

#: Versions an import accepts, each described by its own committed schema.
VERSIONS = (1, 2)
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_PATH = SCHEMA_DIR / f"annotated-article.v{VERSION}.json"


@cache
def schema(version: int = VERSION) -> dict[str, Any]:
    """The committed JSON Schema of the document (of an earlier format version when asked)."""
    if version not in VERSIONS:
        version = VERSION
    path = SCHEMA_DIR / f"annotated-article.v{version}.json"
    return json.loads(path.read_text(encoding="utf-8"))


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
        "records": [dict(r) for r in claim.records or []],
        "sources": [source_doc(s) for s in claim.sources],
        "verdict": None if verdict is None else verdict_doc(verdict, name, scale_by_slug()),
        "history": history,
    }
