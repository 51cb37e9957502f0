"""Error pages and JSON errors shared by every blueprint, and template helpers."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from .errors import WorkbenchError
from .ratings import scale_by_slug


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
    return _answer(exc.code, exc.message, exc.status)


def _db_busy(exc: OperationalError):
    text = str(exc.orig).lower() if exc.orig else ""
    if "locked" in text or "busy" in text:
        return _answer(
            "busy", "The database is busy; try again in a moment.", 503, {"Retry-After": "2"}
        )
    raise exc


def init_app(app: Flask) -> None:
    """Register the error handlers and template globals."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(WorkbenchError, _workbench_error)
    app.register_error_handler(OperationalError, _db_busy)
    app.jinja_env.globals["rating_scale"] = scale_by_slug
