"""gunicorn settings for production:

    gunicorn -c python:workbench.gunicorn_conf 'workbench:create_app()'

- **sync workers.** Requests are short and CPU-bound (extraction, rendering) or wait on the
  database; threads or an event loop add nothing, and a sync worker is one gunicorn can kill
  cleanly when a request runs past `timeout`.
- **timeout 60 s.** Every request is meant to finish well within it (extraction has its own
  time budget and answers 422 past it); a worker still busy after 60 s is stuck, and gunicorn
  kills and replaces it. The client then gets gunicorn's own 500 page, which here carries the
  same security headers as the application's answers (see `write_error` below).
- **graceful_timeout 30 s.** On a restart or SIGTERM a worker finishes its request (an export
  stream, an import) for up to 30 s before it is killed.
- **workers** from `WEB_CONCURRENCY` (default 4: two per core on the two-core machines this
  runs on); **bind** from `WORKBENCH_BIND` (default 127.0.0.1:8000, behind a reverse proxy;
  set `WORKBENCH_PROXIES=1` then). Options on gunicorn's command line override these.
- **max_requests 2000 (+ jitter).** A worker is replaced now and then, so that no slow growth
  of memory lasts.
"""

from __future__ import annotations

import html
import os

from gunicorn import util

from workbench.web.security import CSP

wsgi_app = "workbench:create_app()"
bind = os.environ.get("WORKBENCH_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or 4)
worker_class = "sync"
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
# Requests larger than these never reach the app (it has its own, larger body limits).
limit_request_line = 8190
limit_request_fields = 100

#: What every answer carries, gunicorn's own error pages included (as in workbench.web.security).
SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
)


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's error page (a worker killed at its timeout, a malformed request) with the
    security headers; gunicorn's own sends none."""
    body = (
        "<!doctype html>\n<html><head><title>{0}</title></head>"
        "<body><h1>{0}</h1><p>{1}</p></body></html>\n"
    ).format(html.escape(reason), html.escape(mesg or "The server could not answer."))
    data = body.encode("utf-8")
    head = [f"HTTP/1.1 {int(status_int)} {reason}", "Connection: close"]
    head += [f"{name}: {value}" for name, value in SECURITY_HEADERS]
    head += ["Content-Type: text/html; charset=utf-8", f"Content-Length: {len(data)}"]
    util.write_nonblock(sock, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + data)


# Installed when gunicorn reads this file, before it forks workers: each worker's
# handle_error calls util.write_error.
util.write_error = write_error


def post_worker_init(worker) -> None:
    """Make sure a worker (also one started with --preload) answers errors with headers."""
    util.write_error = write_error
