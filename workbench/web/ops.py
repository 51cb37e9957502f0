"""Operations: liveness and readiness probes, a request id on every response, JSON logs.

`/healthz` answers while the process can serve at all (no database touched); `/readyz`
answers 200 only when the database and the rate-limit store both answer, else 503 naming
what failed, so a load balancer stops sending traffic to an instance that cannot work."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from flask import Blueprint, Flask, current_app, g, jsonify, request

from ..services.health import database_ready
from .security import limiter

bp = Blueprint("ops", __name__)

#: A caller's request id is kept when it looks like one (a proxy's or a load balancer's).
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
PUBLIC = frozenset({"ops.healthz", "ops.readyz"})


@bp.get("/healthz")
def healthz():
    """Liveness: the process is up and serving requests."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """Readiness: the database and the rate-limit store both answer."""
    db_ok, db_detail = database_ready()
    try:
        store_ok = bool(limiter.storage.check()) if limiter.storage is not None else True
    except Exception:  # noqa: BLE001 - any failure of the store means "not ready"
        store_ok = False
    checks = {"database": db_detail, "rate_limit_store": "ok" if store_ok else "unreachable"}
    ready = db_ok and store_ok
    return jsonify(status="ready" if ready else "not_ready", checks=checks), 200 if ready else 503


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if current_app.config.get("ACCESS_LOG"):
        started = g.get("request_started")
        current_app.logger.info(
            "request",
            extra={
                "event": "request",
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1)
                if started
                else None,
            },
        )
    return response


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id and extra fields."""

    FIELDS = ("event", "method", "path", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": _current_request_id(),
        }
        entry.update({k: getattr(record, k) for k in self.FIELDS if hasattr(record, k)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _current_request_id() -> str | None:
    from flask import has_request_context

    return g.get("request_id") if has_request_context() else None


def init_app(app: Flask) -> None:
    """Register the probes, the request-id hooks and, when asked, JSON logging."""
    app.before_request(_start)
    app.after_request(_finish)
    app.register_blueprint(bp)
    if app.config.get("LOG_JSON"):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        app.logger.handlers[:] = [handler]
        app.logger.setLevel(logging.INFO)
        app.logger.propagate = False
