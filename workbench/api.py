"""JSON API under /api/v1: parse input, call one service, answer JSON (errors in one shape)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for
from flask_login import current_user

from . import services
from .db import db
from .errors import Invalid, NotFound, WorkbenchError, ingest_failure
from .exporters.annotated import article_document, claim_document
from .ingest import IngestError, ingest_text
from .jsonbody import parse
from .models import Article, Claim, Event, User
from .openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_PAGE = 200


def _body() -> dict[str, Any]:
    value = parse(request.get_data(cache=False), request.content_type)
    if not isinstance(value, dict):
        raise Invalid("the body must be a JSON object")
    return value


def _claim_json(claim: Claim) -> dict[str, Any]:
    events = db.session.scalars(
        db.select(Event).where(Event.claim_id == claim.id).order_by(Event.at, Event.id)
    ).all()
    ids = {e.actor_id for e in events} | {claim.assignee_id}
    if claim.verdict:
        ids |= {claim.verdict.author_id, claim.verdict.approved_by_id}
    ids.discard(None)
    users = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(ids)))}
    history = [
        {
            "at": e.at.isoformat(),
            "actor": users[e.actor_id].username if e.actor_id in users else None,
            "action": e.action,
            "detail": e.detail,
        }
        for e in events
    ]
    return {"article_id": claim.article_id, **claim_document(claim, history, users)}


def _article_summary(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "byline": a.byline,
        "published": a.published.isoformat() if a.published else None,
        "source_url": a.source_url,
        "text_sha256": a.text_sha256,
        "created_at": a.created_at.isoformat(),
        "url": url_for("api.get_article", article_id=a.id),
    }


@bp.errorhandler(WorkbenchError)
def _error(exc: WorkbenchError):
    body: dict[str, Any] = {"error": exc.code, "message": exc.message}
    if exc.fields:
        body["fields"] = exc.fields
    current = getattr(exc, "current", None)
    if isinstance(current, Claim):
        body["current"] = _claim_json(current)
    existing = getattr(exc, "existing", None)
    if isinstance(existing, Article):
        body["existing"] = _article_summary(existing)
    return jsonify(body), exc.status


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document describing this API."""
    return jsonify(openapi_document())


@bp.post("/articles")
def create_article():
    """Import an article from {"text" or "html", "title", "byline", "published", "source_url"}."""
    data = _body()
    text, html = data.get("text"), data.get("html")
    if (text is None) == (html is None) or not isinstance(text or html, str):
        raise Invalid('send exactly one of "text" or "html" as a string')
    published = data.get("published")
    try:
        published = date.fromisoformat(published) if published else None
    except (TypeError, ValueError):
        raise Invalid("published is a date YYYY-MM-DD", fields={"published": "format"}) from None
    for name in ("title", "byline", "source_url"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise Invalid(f"{name} must be a string", fields={name: "type"})
    try:
        doc = ingest_text(
            text if text is not None else html,
            is_html=html is not None,
            title=data.get("title"),
            byline=data.get("byline"),
            published=published,
            source_url=data.get("source_url"),
        )
    except IngestError as exc:
        raise ingest_failure(exc) from None
    article = services.import_article(current_user, doc)
    bundle = services.load_article(article.id)
    body = article_document(bundle.article, bundle.events, bundle.users)
    return jsonify(body), 201, {"Location": url_for("api.get_article", article_id=article.id)}


@bp.get("/articles")
def list_articles():
    """Articles, newest first, paginated with ?limit= (<= 200) and ?offset=."""
    limit = _int_arg("limit", 50, 1, MAX_PAGE)
    offset = _int_arg("offset", 0, 0, 10**9)
    total = db.session.scalar(db.select(db.func.count(Article.id)))
    rows = db.session.scalars(
        db.select(Article).order_by(Article.id.desc()).limit(limit).offset(offset)
    ).all()
    return jsonify(
        {
            "items": [_article_summary(a) for a in rows],
            "total": total,
            "limit": limit,
            "offset": offset,
        }
    )


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or len(raw) > 12:
        raise Invalid(f"{name} must be a whole number", fields={name: "type"})
    return max(low, min(high, int(raw)))


@bp.get("/articles/<int:article_id>")
def get_article(article_id: int):
    """One article with its claims, as the annotated-JSON document."""
    bundle = services.load_article(article_id)
    return jsonify(article_document(bundle.article, bundle.events, bundle.users))


@bp.get("/articles/<int:article_id>/export")
def export(article_id: int):
    """Export the article (?format=annotated-json)."""
    fmt = request.args.get("format", "annotated-json")
    if fmt != "annotated-json":
        raise Invalid(f"unknown format {fmt!r}; available: annotated-json", fields={"format": fmt})
    bundle = services.load_article(article_id)
    doc = article_document(bundle.article, bundle.events, bundle.users)
    return Response(
        json.dumps(doc, ensure_ascii=False),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="article-{article_id}.json"'},
    )


@bp.post("/articles/<int:article_id>/claims")
def create_claim(article_id: int):
    """Add a claim {"start", "end"} in code points."""
    data = _body()
    article = services.get_article(article_id)
    claim = services.create_claim(current_user, article, data.get("start"), data.get("end"))
    return jsonify(_claim_json(claim)), 201


@bp.get("/claims/<int:claim_id>")
def get_claim(claim_id: int):
    """One claim."""
    return jsonify(_claim_json(services.get_claim(claim_id)))


@bp.post("/claims/<int:claim_id>/sources")
def add_source(claim_id: int):
    """Attach a source {"url", "title", "stance", "version"} (+ publisher, published, excerpt)."""
    data = _body()
    claim = services.get_claim(claim_id)
    services.add_source(current_user, claim, data.get("version"), data)
    return jsonify(_claim_json(claim)), 201


@bp.put("/claims/<int:claim_id>/verdict")
def put_verdict(claim_id: int):
    """Draft or replace the verdict {"rating", "rationale", "version"}."""
    data = _body()
    claim = services.get_claim(claim_id)
    rating, rationale = data.get("rating"), data.get("rationale", "")
    if not isinstance(rating, str) or not isinstance(rationale, str):
        raise Invalid("rating and rationale are strings", fields={"rating": "type"})
    services.save_verdict(current_user, claim, data.get("version"), rating, rationale)
    return jsonify(_claim_json(claim))


@bp.post("/claims/<int:claim_id>/<action>")
def move(claim_id: int, action: str):
    """State moves: submit, approve, return (note), dismiss (reason), restore, reopen (reason)."""
    if action not in services.MOVES:
        raise NotFound(f"no such action: {action}")
    data = _body()
    claim = services.get_claim(claim_id)
    text = data.get("note") if action == "return" else data.get("reason")
    if text is not None and not isinstance(text, str):
        raise Invalid("note and reason are strings")
    services.move(current_user, claim, action, data.get("version"), text)
    return jsonify(_claim_json(claim))
