"""Error pages and JSON errors shared by every blueprint, and template helpers."""

from __future__ import annotations

from flask import Flask, abort, current_app, g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, DBAPIError, InternalError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from ..errors import WorkbenchError
from ..ratings import scale_by_slug
from ..services.common import discard_changes
from ..urls import deceptive_host
from .security import login_manager


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
    discard_changes()  # a refused change leaves nothing pending
    return _answer(exc.code, exc.message, exc.status)


# The database cannot take writes for now: out of disk, read-only (a replica, a full volume
# remounted read-only), or shutting down. PostgreSQL says so by SQLSTATE, SQLite in words.
_UNAVAILABLE_STATES = {"53100", "53200", "53300", "25006", "57P01", "57P02", "57P03"}
_UNAVAILABLE_WORDS = ("readonly database", "disk is full", "disk i/o error")


def _db_unavailable(exc: DBAPIError):
    discard_changes()  # nothing of the failed change stays pending
    # The answer must not touch the database again (a page would load the signed-in user,
    # which on SQLite begins another write transaction): render it as to a visitor.
    g._login_user = login_manager.anonymous_user()
    text = str(exc.orig).lower() if exc.orig else ""
    if "locked" in text or "busy" in text:
        return _answer(
            "busy", "The database is busy; try again in a moment.", 503, {"Retry-After": "2"}
        )
    state = getattr(exc.orig, "sqlstate", None)
    if state in _UNAVAILABLE_STATES or any(words in text for words in _UNAVAILABLE_WORDS):
        current_app.logger.error("database unavailable for writes: %s", text or exc)
        return _answer(
            "unavailable",
            "The database cannot save changes right now (out of space or read-only); "
            "nothing was saved. Try again later.",
            503,
            {"Retry-After": "30"},
        )
    raise exc


def _bad_value(exc: DataError):
    """A value the database cannot store (too long for its column, a number out of range, an
    invalid date): the request was bad, so a 422 with nothing saved, never a 500. The
    services check every limit first (workbench.limits); this is the net under them."""
    discard_changes()
    current_app.logger.warning("database refused a value: %s", str(exc.orig or exc)[:500])
    return _answer(
        "invalid",
        "A value does not fit its field (too long, or a number out of range); nothing was saved.",
        422,
    )


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
    app.register_error_handler(OperationalError, _db_unavailable)
    app.register_error_handler(InternalError, _db_unavailable)
    app.register_error_handler(DataError, _bad_value)
    app.jinja_env.globals["rating_scale"] = scale_by_slug
    app.jinja_env.filters["deceptive_host"] = deceptive_host
