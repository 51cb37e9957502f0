"""JSON API under /api/v1: parse input, call one service, answer JSON (errors in one shape)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context, url_for
from flask_login import current_user

from .. import exporters, services
from ..errors import Forbidden, Invalid, NotFound, WorkbenchError
from ..exporters.annotated import FORMAT as ANNOTATED_FORMAT
from ..models import Article, Claim, ClaimStatus
from ..sanitize import render_markdown
from ..services import queries
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
    """The claim as the API answers it: its annotated-JSON object and its article_id, read
    afresh in three queries (the claim may have just changed)."""
    return queries.claim_document(claim.id)


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
    services.discard_changes()  # a refused change leaves nothing pending; `current` reloads
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
    """Articles, newest first, paginated with ?limit= (<= 200) and ?offset= or ?page=."""
    limit, offset = _page_window()
    total, rows = queries.article_page(limit, offset)
    return jsonify({"items": [_article_summary(a) for a in rows], **_paging(total, limit, offset)})


def _page_window() -> tuple[int, int]:
    """(limit, offset) of a list request: ?limit= (default 50, at most 200) and either
    ?offset= or ?page= (from 1; page n starts at offset (n - 1) * limit)."""
    limit = _int_arg("limit", queries.PAGE_SIZE, 1, MAX_PAGE)
    if request.args.get("page") is not None:
        if request.args.get("offset") is not None:
            raise Invalid("give ?page= or ?offset=, not both", fields={"page": "conflict"})
        return limit, (_int_arg("page", 1, 1, 10**7) - 1) * limit
    return limit, _int_arg("offset", 0, 0, 10**9)


def _paging(total: int, limit: int, offset: int) -> dict[str, Any]:
    """The paging fields of a list answer: the window, the page number and the URLs of the
    previous and next pages (null at either end), other query parameters kept."""

    def at(start: int) -> str:
        args = {k: v for k, v in request.args.items() if k not in ("page", "offset")}
        return url_for(request.endpoint, **{**args, "limit": limit, "offset": start})

    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "page": offset // limit + 1,
        "prev": at(max(0, offset - limit)) if offset > 0 else None,
        "next": at(offset + limit) if offset + limit < total else None,
    }


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
    return jsonify(queries.claim_document(claim_id))


PATCH_CLAIM_FIELDS = frozenset({"version", "start", "end", "assignee"})


@bp.get("/claims")
def list_claims():
    """Claims filtered by ?assignee= (a user name or "me"), ?status=, ?article=, ?mentioned=me
    (unresolved threads that mention the caller); paginated like the article list."""
    args = {name: request.args.getlist(name) for name in request.args}
    polluted = sorted(name for name, values in args.items() if len(values) > 1)
    if polluted:
        raise WorkbenchError(f"give each parameter once: {', '.join(polluted)}")
    search = queries.ClaimSearch(me=current_user, assignee=request.args.get("assignee"))
    mentioned = request.args.get("mentioned")
    if mentioned is not None:  # the discussion queue: unresolved threads that mention me
        if mentioned != "me":
            raise Invalid('mentioned is "me"', fields={"mentioned": "unknown"})
        search.mentioned = True
    status = request.args.get("status")
    if status is not None:
        try:
            search.status = ClaimStatus(status)
        except ValueError:
            raise Invalid(
                f"status is one of {', '.join(s.value for s in ClaimStatus)}",
                fields={"status": "unknown"},
            ) from None
    if request.args.get("article") is not None:
        search.article_id = _int_arg("article", 0, 0, MAX_ID)
    search.sort = request.args.get("sort", "position")
    if search.sort not in queries.CLAIM_SORTS:
        raise WorkbenchError(f"sort is one of {', '.join(queries.CLAIM_SORTS)}")
    search.limit, search.offset = _page_window()
    total, rows = queries.search_claims(search)
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
    return jsonify({"items": items, **_paging(total, search.limit, search.offset)})


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
