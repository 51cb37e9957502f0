"""The workbench app for tests/test_trust_gunicorn.py, plus one path that hangs (a stuck
request, which gunicorn's timeout must kill)."""

from __future__ import annotations

import time

from workbench import create_app

_app = create_app()


def app(environ, start_response):
    if environ.get("PATH_INFO") == "/__stuck":
        time.sleep(120)
    return _app(environ, start_response)
