"""Issue 10 #12: gunicorn as production runs it (workbench/gunicorn_conf.py), started for real
on loopback: the configured settings, and a worker killed at its timeout answers 500 with the
security headers."""

# Threat model (docs/threat-model.md): S5.5, S7.6.

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench import ROOT

pytestmark = [pytest.mark.backends("sqlite"), pytest.mark.slow]  # no database plays a part

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options")


def test_the_production_settings():
    from workbench import gunicorn_conf as conf

    assert conf.worker_class == "sync"
    assert conf.timeout == 60
    assert conf.graceful_timeout == 30
    assert conf.timeout < 120  # below a reverse proxy's usual read timeout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, timeout: float) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_a_worker_killed_at_its_timeout_answers_with_security_headers(tmp_path: Path, database_url):
    port = _free_port()
    env = {
        **os.environ,
        "WORKBENCH_DATABASE_URL": f"sqlite:///{tmp_path}/g.sqlite",
        "WORKBENCH_SECRET_KEY": "g" * 40,
        "PYTHONPATH": str(ROOT),
    }
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "python:workbench.gunicorn_conf",
            # the command line overrides the module: one worker, a short timeout for the test
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "3",
            "--graceful-timeout",
            "2",
            "tests.gunicorn_trust_app:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                ok = _get(port, "/healthz", 5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    text = (tmp_path / "gunicorn.log").read_text(errors="replace")
                    raise AssertionError(text[-2000:]) from None
                time.sleep(0.3)
        assert ok.status == 200
        assert all(ok.getheader(h) for h in HEADERS)
        started = time.monotonic()
        stuck = _get(port, "/__stuck", 60)
        assert stuck.status == 500
        assert time.monotonic() - started < 30  # killed at the timeout, not after the sleep
        for name in HEADERS:
            assert stuck.getheader(name), (name, stuck.getheaders())
        assert stuck.getheader("X-Frame-Options") == "DENY"
        # a new worker serves again
        assert _get(port, "/healthz", 30).status == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
