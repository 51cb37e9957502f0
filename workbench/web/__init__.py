"""Everything HTTP: blueprints (pages and the JSON API), forms, error pages, security hooks.

Views parse input, call one service (writes) or one query (reads) and render or answer JSON;
no module outside this package imports Flask's request objects."""

from __future__ import annotations

from flask import Flask, has_request_context, request

from ..db import set_request_writes

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _request_writes() -> bool | None:
    """SQLite takes its write lock up front (BEGIN IMMEDIATE) for requests that may write."""
    return request.method not in SAFE_METHODS if has_request_context() else None


def init_app(app: Flask) -> None:
    """Install converters, hooks, error handlers and every blueprint."""
    from . import (
        api,
        article_pages,
        auth_pages,
        claim_pages,
        error_pages,
        ops,
        page_data,
        search_pages,
        security,
        settings_pages,
        threads,  # noqa: F401 - adds the thread routes to the api and review blueprints
    )

    app.url_map.converters["int"] = error_pages.IdConverter  # before any route is added
    set_request_writes(_request_writes)
    ops.init_app(app)  # first: every response, refusals included, carries the request id
    security.init_app(app)
    for blueprint in (
        auth_pages.bp,
        settings_pages.bp,
        article_pages.bp,
        claim_pages.bp,
        search_pages.bp,
        api.bp,
    ):
        app.register_blueprint(blueprint)
    error_pages.init_app(app)
    page_data.init_app(app)
