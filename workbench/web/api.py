"""JSON API under /api/v1: parse input, call one service, answer JSON (errors in one shape)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context, url_for
from flask_login import current_user

from .. import exporters, services
from ..db import db
from ..errors import Forbidden, Invalid, NotFound, WorkbenchError
from ..exporters.annotated import FORMAT as ANNOTATED_FORMAT
from ..exporters.annotated import claim_document
from ..models import Article, Claim, ClaimStatus, Event, User
from ..sanitize import render_markdown
from ..services.comments import mentioned_claim_ids
from ..services.imports import import_file, import_text
from ..services.interchange import import_document
from .downloads import download
from .jsonbody import parse
from .openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_PAGE = 200
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL


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
    db.session.rollback()  # a refused change leaves nothing pending; `current` is reloaded
    body: dict[str, Any] = {"error": exc.code, "message": exc.message}
    if exc.fields:
        body["fields"] = exc.fields
    current = getattr(exc, "current", None)
    if isinstance(current, Claim):
        body["current"] = _claim_json(current)
    existing = getattr(exc, "existing", None)
    if isinstance(existing, Article):
        body["existing"] = _article_summary(existing)
    body.update(getattr(exc, "extra", None) or {})  # e.g. import errors, pending claims
    return jsonify(body), exc.status


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document describing this API."""
    return jsonify(openapi_document())


@bp.post("/articles")
def create_article():
    """Import an article from {"text" or "html", "title", "byline", "published", "source_url"},
    an annotated-JSON document ("format": "fact-check-workbench/annotated-article"), or a
    multipart/form-data upload whose `file` is read as the upload page reads it."""
    allow = request.args.get("allow_duplicate", "") in ("1", "true", "yes")
    if request.mimetype == "multipart/form-data":
        return _document(_import_upload(allow).id, 201)
    data = _body()
    if data.get("format") == ANNOTATED_FORMAT:
        article = import_document(current_user, data, allow_duplicate=allow)
        return _document(article.id, 201)
    text, html = data.get("text"), data.get("html")
    if (text is None) == (html is None) or not isinstance(text or html, str):
        raise Invalid('send exactly one of "text" or "html" as a string')
    meta = _metadata(data)
    article = import_text(
        current_user, text if text is not None else html, is_html=html is not None, **meta
    )
    return _document(article.id, 201)


def _metadata(data) -> dict[str, Any]:
    """title, byline, published and source_url of an import request (JSON body or form)."""
    published = data.get("published")
    try:
        published = date.fromisoformat(published) if published else None
    except (TypeError, ValueError):
        raise Invalid("published is a date YYYY-MM-DD", fields={"published": "format"}) from None
    for name in ("title", "byline", "source_url"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise Invalid(f"{name} must be a string", fields={name: "type"})
    meta = {name: data.get(name) or None for name in ("title", "byline", "source_url")}
    return {**meta, "published": published}


def _import_upload(allow_duplicate: bool) -> Article:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Invalid('send the file as the multipart field "file"', fields={"file": "required"})
    return import_file(
        current_user,
        upload.read(),
        upload.filename,
        upload.mimetype,
        allow_duplicate=allow_duplicate,
        **_metadata(request.form),
    )


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
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        raise Invalid(f"{name} must be a whole number", fields={name: "type"})
    return max(low, min(high, int(raw)))


@bp.get("/articles/<int:article_id>")
def get_article(article_id: int):
    """One article with its claims, as the annotated-JSON document."""
    return _document(article_id)


def _document(article_id: int, status: int = 200) -> Response:
    """The annotated-JSON document, streamed by the same exporter as the export download."""
    export = exporters.prepare(article_id, "annotated-json")
    response = Response(stream_with_context(export.chunks), status, mimetype="application/json")
    if status == 201:
        response.headers["Location"] = url_for("api.get_article", article_id=article_id)
    return response


@bp.get("/articles/<int:article_id>/export")
def export(article_id: int):
    """Export the article, streamed: ?format=annotated-json (default), claimreview,
    webannotation, csv or html; ?final=1 refuses (409) while claims are pending."""
    fmt = request.args.get("format", "annotated-json")
    final = request.args.get("final", "") in ("1", "true", "yes")
    if final and not current_user.is_editor:
        raise Forbidden("only editors export final versions; export a draft instead")
    try:
        result = exporters.prepare(
            article_id,
            fmt,
            final=final,
            signed_by=current_user.username if final else None,
            config=current_app.config,
            base_url=request.url_root,
        )
    except exporters.UnknownFormat as exc:
        raise Invalid(str(exc), fields={"format": fmt}) from None
    return download(result)


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


PATCH_CLAIM_FIELDS = frozenset({"version", "start", "end", "assignee"})
CLAIM_SORTS = {
    "id": (Claim.id,),
    "position": (Claim.article_id, Claim.start_offset, Claim.id),
    "updated": (Claim.updated_at.desc(), Claim.id.desc()),
}


@bp.get("/claims")
def list_claims():
    """Claims filtered by ?assignee= (a user name or "me"), ?status=, ?article=, ?mentioned=me
    (unresolved threads that mention the caller); paginated."""
    query = db.select(Claim)
    args = {name: request.args.getlist(name) for name in request.args}
    polluted = sorted(name for name, values in args.items() if len(values) > 1)
    if polluted:
        raise WorkbenchError(f"give each parameter once: {', '.join(polluted)}")
    assignee = request.args.get("assignee")
    if assignee is not None:
        if assignee == "me":
            query = query.where(Claim.assignee_id == current_user.id)
        elif assignee == "none":
            query = query.where(Claim.assignee_id.is_(None))
        else:
            user = db.session.scalar(db.select(User).where(User.username == assignee.casefold()))
            query = query.where(Claim.assignee_id == (user.id if user else -1))
    mentioned = request.args.get("mentioned")
    if mentioned is not None:  # the discussion queue: unresolved threads that mention me
        if mentioned != "me":
            raise Invalid('mentioned is "me"', fields={"mentioned": "unknown"})
        query = query.where(Claim.id.in_(mentioned_claim_ids(current_user.id)))
    status = request.args.get("status")
    if status is not None:
        try:
            query = query.where(Claim.status == ClaimStatus(status))
        except ValueError:
            raise Invalid(
                f"status is one of {', '.join(s.value for s in ClaimStatus)}",
                fields={"status": "unknown"},
            ) from None
    if request.args.get("article") is not None:
        query = query.where(Claim.article_id == _int_arg("article", 0, 0, MAX_ID))
    sort = request.args.get("sort", "position")
    if sort not in CLAIM_SORTS:
        raise WorkbenchError(f"sort is one of {', '.join(CLAIM_SORTS)}")
    limit = _int_arg("limit", 50, 1, MAX_PAGE)
    offset = _int_arg("offset", 0, 0, 10**9)
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(*CLAIM_SORTS[sort]).limit(limit).offset(offset))
    items = [
        {
            "id": c.id,
            "article_id": c.article_id,
            "start": c.start_offset,
            "end": c.end_offset,
            "status": c.status.value,
            "version": c.version,
            "assignee": c.assignee.username if c.assignee else None,
            "url": url_for("api.get_claim", claim_id=c.id),
        }
        for c in rows
    ]
    return jsonify({"items": items, "total": total, "limit": limit, "offset": offset})


@bp.patch("/claims/<int:claim_id>")
def patch_claim(claim_id: int):
    """Change a claim's span {"start", "end", "version"} (code points) or its
    {"assignee": username|null, "version"} (editors)."""
    data = _body()
    unknown = sorted(set(data) - PATCH_CLAIM_FIELDS)
    if unknown:  # no mass assignment: status, ids, authors... change through their own verbs
        raise Invalid(
            f"these fields cannot be changed here: {', '.join(unknown)}",
            fields={name: "not allowed" for name in unknown},
        )
    claim = services.get_claim(claim_id)
    if "assignee" in data:
        if "start" in data or "end" in data:
            raise Invalid("change the span or the assignee, one at a time")
        services.assign(current_user, claim, data.get("version"), data["assignee"])
    elif "start" in data or "end" in data:
        start = data.get("start", claim.start_offset)
        end = data.get("end", claim.end_offset)
        services.adjust_span(current_user, claim, data.get("version"), start, end)
    return jsonify(_claim_json(claim))


@bp.post("/claims/<int:claim_id>/split")
def split_claim(claim_id: int):
    """Cut a claim in two at {"at", "version"}; answers both parts."""
    data = _body()
    claim = services.get_claim(claim_id)
    first, second = services.split(current_user, claim, data.get("version"), data.get("at"))
    return jsonify({"claims": [_claim_json(first), _claim_json(second)]}), 201


@bp.post("/claims/<int:claim_id>/merge")
def merge_claim(claim_id: int):
    """Join the claim with a later one {"next", "version", "next_version"}."""
    data = _body()
    claim = services.get_claim(claim_id)
    next_id = data.get("next")
    if not isinstance(next_id, int) or isinstance(next_id, bool) or not 0 < next_id <= MAX_ID:
        raise Invalid("next is the id of the claim to merge with", fields={"next": "type"})
    next_claim = services.get_claim(next_id)
    services.merge(current_user, claim, data.get("version"), next_claim, data.get("next_version"))
    return jsonify(_claim_json(claim))


@bp.post("/claims/<int:claim_id>/sources")
def add_source(claim_id: int):
    """Attach a source {"url", "title", "stance", "version"} (+ publisher, published, excerpt)."""
    data = _body()
    claim = services.get_claim(claim_id)
    services.add_source(current_user, claim, data.get("version"), data)
    return jsonify({**_claim_json(claim), "warnings": services.source_warnings(claim)}), 201


@bp.get("/claims/<int:claim_id>/sources/check")
def check_source(claim_id: int):
    """What saving ?url= as a source would give (?source= the one being edited): the URL as
    stored or why it is refused, whether the claim has it already, and warnings. Saves nothing."""
    claim = services.get_claim(claim_id)
    url = request.args.get("url", "")
    besides = request.args.get("source")
    if besides is not None:
        besides = _int_arg("source", 0, 0, MAX_ID)
    return jsonify(services.check_source_url(claim, url, besides))


@bp.patch("/sources/<int:source_id>")
def patch_source(source_id: int):
    """Edit a source's fields, with the claim's "version"."""
    data = _body()
    source = services.get_source(source_id)
    services.update_source(current_user, source, data.get("version"), data)
    claim = source.claim
    return jsonify({**_claim_json(claim), "warnings": services.source_warnings(claim)})


@bp.delete("/sources/<int:source_id>")
def delete_source(source_id: int):
    """Remove a source, with the claim's "version"."""
    data = _body()
    source = services.get_source(source_id)
    claim = services.delete_source(current_user, source, data.get("version"))
    return jsonify(_claim_json(claim))


@bp.post("/preview")
def preview():
    """Render rationale Markdown {"markdown"} to sanitized HTML {"html"}."""
    markdown = _body().get("markdown")
    if not isinstance(markdown, str):
        raise Invalid("markdown is a string", fields={"markdown": "type"})
    try:
        html = render_markdown(markdown)
    except ValueError as exc:
        raise Invalid(str(exc), fields={"markdown": "length"}) from None
    return jsonify({"html": str(html)})


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
