"""Error pages and JSON errors shared by every blueprint, and template helpers."""

from __future__ import annotations

from flask import Flask, abort, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from .db import db
from .errors import WorkbenchError
from .ratings import scale_by_slug


class IdConverter(IntegerConverter):
    """`<int:...>` in our routes: ids are 32-bit integers, anything larger is simply not found."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _answer(code: str, message: str, status: int, headers: dict | None = None):
    if _wants_json():
        return jsonify(error=code, message=message), status, headers or {}
    page = render_template("error.html", status=status, message=message)
    return page, status, headers or {}


def _http_error(exc: HTTPException):
    code = (exc.name or "error").lower().replace(" ", "_")
    return _answer(code, exc.description or exc.name, exc.code or 500)


def _csrf_error(exc: CSRFError):
    return _answer("csrf", f"{exc.description} Reload the page and try again.", 400)


def _workbench_error(exc: WorkbenchError):
    db.session.rollback()  # a refused change leaves nothing pending
    return _answer(exc.code, exc.message, exc.status)


def _db_busy(exc: OperationalError):
    text = str(exc.orig).lower() if exc.orig else ""
    if "locked" in text or "busy" in text:
        return _answer(
            "busy", "The database is busy; try again in a moment.", 503, {"Retry-After": "2"}
        )
    raise exc


def _refuse_nul_in_query() -> None:
    """NUL is never meaningful in a URL; PostgreSQL would fail on it in any comparison."""
    if any("\x00" in k or "\x00" in v for k, v in request.args.items(multi=True)):
        abort(400, description="the query string contains a NUL character")


def init_app(app: Flask) -> None:
    """Register the error handlers and template globals."""
    app.before_request(_refuse_nul_in_query)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(WorkbenchError, _workbench_error)
    app.register_error_handler(OperationalError, _db_busy)
    app.jinja_env.globals["rating_scale"] = scale_by_slug
