"""Search across articles: the page (/search) and the API (/api/v1/search), one service."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request, url_for

from ..errors import Invalid
from ..models import ClaimStatus
from ..services import search as search_service

bp = Blueprint("search", __name__)


@bp.get("/search")
def page():
    """The search page: filters in the URL (a reload or a shared link keeps them)."""
    error = None
    result = None
    try:
        query = search_service.parse_query(request.args)
    except Invalid as exc:
        query, error = search_service.Query(), exc
    if error is None and not query.empty:
        result = search_service.search(query)
    status = 422 if error is not None else 200
    return (
        render_template(
            "search.html",
            args=request.args,
            result=result,
            error=error,
            statuses=[s.value for s in ClaimStatus],
            categories=search_service.CATEGORIES,
            more_url=_page_url(query.page + 1) if result and result.has_more else None,
            less_url=_page_url(query.page - 1) if result and query.page > 1 else None,
        ),
        status,
    )


def _page_url(page: int) -> str:
    args = request.args.to_dict()
    args["page"] = str(page)
    return url_for("search.page", **args)


@bp.get("/api/v1/search")
def api():
    """Claims matching words and filters, across every article, best first."""
    query = search_service.parse_query(request.args)
    if query.empty:
        raise Invalid("give words (q) or at least one filter")
    result = search_service.search(query)
    return jsonify(
        {
            "items": [
                {
                    **hit.as_data(),
                    "url": url_for("api.get_claim", claim_id=hit.claim_id),
                    "page": url_for(
                        "articles.show", article_id=hit.article_id, claim_id=hit.claim_id
                    ),
                }
                for hit in result.hits
            ],
            "page": query.page,
            "per_page": query.per_page,
            "has_more": result.has_more,
        }
    )
