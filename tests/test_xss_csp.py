"""Rendering: hostile rationales are inert on the claim page, and every kind of response
carries the Content-Security-Policy and the other security headers."""

from __future__ import annotations

import re

from .conftest import Client
from .helpers import first_claim


def test_hostile_rationale_renders_inert_on_the_claim_page(app, reviewer, article_id):
    """Threat S5.1."""
    claim = first_claim(reviewer, article_id)
    rationale = (
        "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x)\n\n"
        "<a href='javascript:alert(1)'>d</a> <img src=x onerror=alert(1)> "
        "<details open ontoggle=alert(1)>\n\n[e][1]\n\n[1]: javascript:alert(1)\n\n"
        "<javascript:alert(1)> ![i](https://tracker.example/p.gif) <script>alert(1)</script>"
    )
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "false", "rationale": rationale, "version": claim["version"]},
    )
    assert r.status_code == 200
    page = reviewer.get(f"/claims/{claim['id']}").get_data(as_text=True).lower()
    assert not re.search(r"<a\b[^>]*href\s*=\s*[\"']?\s*(javascript|data):", page)
    assert not re.search(r"<img\b[^>]*(onerror|tracker)", page)
    assert not re.search(r"<(details|script)\b[^>]*(ontoggle|>alert)", page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, not deleted (S5.1)


def test_frame_ancestors_and_headers_on_every_kind_of_response(app, reviewer, article_id):
    """S5.3: frame-ancestors and the header set, on pages, JSON, errors and the sign-in page."""
    responses = [
        reviewer.get("/"),
        reviewer.get(f"/articles/{article_id}"),
        reviewer.get("/settings/tokens"),
        reviewer.api("GET", "/api/v1/articles"),
        reviewer.api("GET", "/api/v1/claims/987654"),
        reviewer.get("/no-such-page"),
        Client(app).get("/login"),
    ]
    for r in responses:
        csp = r.headers["Content-Security-Policy"]
        for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"):
            assert directive in csp, (r.request.path, csp)
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"
