"""The annotated-article document (format version 2), built in one place.

Pure: plain values and row-like objects in (ORM objects and Core rows share attribute names),
dicts out; no Flask, no database session. The API, every export, `workbench extract` and the
benchmarks all build their claim and article objects here, so the shape has one writer.
The JSON Schema that describes it is ``schemas/annotated-article.v2.json``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .extraction.types import Extraction

FORMAT = "fact-check-workbench/annotated-article"
VERSION = 2

#: Names a user id (None for nobody, or for someone unknown).
Namer = Callable[[int | None], str | None]


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _nobody(_user_id: int | None) -> None:
    return None


# --- the parts of a claim ----------------------------------------------------------------


def figure_document(category: str, start: int, end: int, text: str, value: Any) -> dict[str, Any]:
    return {"category": str(category), "start": start, "end": end, "text": text, "value": value}


def hint_document(kind: str, ok: bool, message: str) -> dict[str, Any]:
    return {"kind": kind, "ok": ok, "message": message}


def source_document(s: Any) -> dict[str, Any]:
    """A source row (url, title, publisher, published, excerpt, accessed, stance)."""
    return {
        "id": s.id,
        "url": s.url,
        "title": s.title,
        "publisher": s.publisher,
        "published": iso(s.published),
        "excerpt": s.excerpt,
        "accessed": iso(s.accessed),
        "stance": str(s.stance),
    }


def verdict_document(v: Any, name: Namer, scale: Mapping[str, Any]) -> dict[str, Any]:
    """A verdict row, its rating labelled from the rating scale and its people named."""
    return {
        "rating": v.rating,
        "label": scale[v.rating].label if v.rating in scale else v.rating,
        "rationale": v.rationale,
        "author": name(v.author_id),
        "submitted_at": iso(v.submitted_at),
        "approved_by": name(v.approved_by_id),
        "approved_at": iso(v.approved_at),
    }


def discussion_document(thread: Any, comments: Iterable[Any], name: Namer) -> dict[str, Any]:
    """A claim's discussion thread: ``thread`` a thread-state row (resolved, resolved_by_id,
    resolved_at) or None for a thread never resolved, ``comments`` comment rows (id,
    author_id, imported_author, reply_to_id, body, created_at, edited_at) in order. Authors
    are named; an imported comment keeps the name its file gave."""
    resolved = bool(thread is not None and thread.resolved)
    return {
        "resolved": resolved,
        "resolved_by": name(thread.resolved_by_id) if resolved else None,
        "resolved_at": iso(thread.resolved_at) if resolved else None,
        "comments": [
            {
                "id": m.id,
                "author": name(m.author_id) if m.author_id is not None else m.imported_author,
                "reply_to": m.reply_to_id,
                "body": m.body,
                "created_at": iso(m.created_at),
                "edited_at": iso(m.edited_at),
            }
            for m in comments
        ],
    }


# --- a claim -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposedClaim:
    """A claim as the engine proposes it before any database: open, version 1, extracted."""

    id: int
    start_offset: int
    end_offset: int
    kinds: tuple[str, ...] = ()
    records: tuple[dict[str, Any], ...] = ()
    status: str = "open"
    version: int = 1
    origin: str = "extracted"
    assignee_id: int | None = None
    dismiss_reason: str | None = None


def claim_document(
    c: Any,
    text: str | None,
    *,
    quote: str | None = None,
    figures: Iterable[dict[str, Any]] = (),
    hints: Iterable[dict[str, Any]] = (),
    sources: Iterable[dict[str, Any]] = (),
    verdict: dict[str, Any] | None = None,
    history: list[dict[str, Any]] | None = None,
    name: Namer = _nobody,
    discussion: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One claim's object: ``c`` gives the claim's own columns (a row, an ORM object or a
    :class:`ProposedClaim`), ``text`` the article text its quote is cut from (or None, with
    the ``quote`` already cut, as the one-claim read does in SQL), and the parts come already
    built. ``discussion`` (see :func:`discussion_document`) is only in the annotated-JSON
    export: the key is left out when None (the API's claim, ``workbench extract``)."""
    start, end = c.start_offset, c.end_offset
    if quote is None:
        quote = text[start:end] if text is not None else ""
    doc: dict[str, Any] = {
        "id": c.id,
        "start": start,
        "end": end,
        "quote": quote,
        "status": str(c.status),
        "version": c.version,
        "origin": str(c.origin),
        "kinds": list(c.kinds or []),
        "assignee": name(c.assignee_id),
        "dismiss_reason": c.dismiss_reason,
        "figures": list(figures),
        "hints": list(hints),
        "records": [dict(r) for r in getattr(c, "records", None) or []],
        "sources": list(sources),
        "verdict": verdict,
        "history": history if history is not None else [],
    }
    if discussion is not None:
        doc["discussion"] = discussion
    return doc


def stored_claim_document(
    c: Any,
    text: str | None,
    *,
    quote: str | None = None,
    figures: Iterable[Any],
    hints: Iterable[Any],
    sources: Iterable[Any],
    verdict: Any,
    history: list[dict[str, Any]],
    name: Namer,
    scale: Mapping[str, Any],
    discussion: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A stored claim's object from its rows: figures, hints, sources and the verdict (or
    None) as read from their tables, ``history`` already built (see :func:`event_document`),
    ``discussion`` too (see :func:`discussion_document`; None leaves it out)."""
    return claim_document(
        c,
        text,
        quote=quote,
        figures=(
            figure_document(f.category, f.start_offset, f.end_offset, f.text, f.value)
            for f in figures
        ),
        hints=(hint_document(h.kind, h.ok, h.message) for h in hints),
        sources=(source_document(s) for s in sources),
        verdict=None if verdict is None else verdict_document(verdict, name, scale),
        history=history,
        name=name,
        discussion=discussion,
    )


def event_document(ev: Any, name: Namer) -> dict[str, Any]:
    """One history row (at, actor_id, action, detail)."""
    at, actor, action = iso(ev.at), name(ev.actor_id), str(ev.action)
    return {"at": at, "actor": actor, "action": action, "detail": ev.detail}


# --- the article and the whole document --------------------------------------------------


@dataclass
class ProposedArticle:
    """An article that never touched a database (id None), its hash computed from its text."""

    text: str
    title: str | None = None
    byline: str | None = None
    published: date | None = None
    source_url: str | None = None
    id: int | None = None
    text_sha256: str = field(default="")

    def __post_init__(self) -> None:
        if not self.text_sha256:
            self.text_sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def article_document(a: Any) -> dict[str, Any]:
    """The "article" object: an article row, an export's article or a ProposedArticle."""
    return {
        "id": a.id,
        "title": a.title,
        "byline": a.byline,
        "published": iso(a.published),
        "source_url": a.source_url,
        "text": a.text,
        "text_sha256": a.text_sha256,
    }


def head(
    article: Any,
    *,
    history: list[dict[str, Any]],
    status: str = "draft",
    signature: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything of the document but its claims: ``status`` is "draft", "complete" or
    "final"; ``signature`` (who signed the final export, and when) only for a final one."""
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "status": status}
    if signature is not None:
        doc["final"] = signature
    doc["article"] = article_document(article)
    doc["history"] = history
    return doc


def extraction_document(
    text: str,
    extraction: Extraction,
    *,
    published: date | None = None,
    title: str | None = None,
    byline: str | None = None,
    source_url: str | None = None,
) -> dict[str, Any]:
    """The document for an extraction that never touched a database (workbench extract, the
    benchmarks): every claim open and proposed, numbered from 1, the article without an id."""
    article = ProposedArticle(text, title, byline, published, source_url)
    claims = [
        claim_document(
            ProposedClaim(n, c.start, c.end, tuple(c.kinds), tuple(c.records)),
            text,
            figures=(
                figure_document(f.category, f.start, f.end, f.text, f.value) for f in c.figures
            ),
            hints=(hint_document(h.kind, h.ok, h.message) for h in c.hints),
        )
        for n, c in enumerate(extraction.claims, start=1)
    ]
    doc = head(article, history=[])
    history = doc.pop("history")  # claims, then history: the order `extract` always wrote
    doc["claims"] = claims
    doc["history"] = history
    return doc
