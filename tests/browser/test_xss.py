"""Hostile text everywhere a user can put text, on every page that shows it: nothing runs, and
our own pages trigger no Content-Security-Policy violation (which would also reveal injected
markup that CSP merely blocked)."""

from __future__ import annotations

import contextlib
import itertools

import pytest

from workbench import services
from workbench.db import db
from workbench.errors import Conflict
from workbench.ingest import ingest_text
from workbench.models import Claim, Role, User
from workbench.services import accounts

from ..conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

JS = "window.__xss=1"
VECTORS = [
    f"<script>{JS}</script>",
    f"<img src=x onerror={JS}>",
    '<img src="x" onerror="&#119;indow.__xss=1">',
    f"<svg onload={JS}>",
    f'"><svg/onload={JS}>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<iframe src="data:text/html,<script>parent.__xss=1</script>"></iframe>',
    f"javascript:{JS}",
    f'<a href="javascript:{JS}">link</a>',
    f'<a href="&#106;avascript:{JS}">link</a>',
    f"<body onload={JS}>",
    f"<details open ontoggle={JS}>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={JS}>",
    f'<noscript><p title="</noscript><img src=x onerror={JS}>">',
    f"<svg><p><style><img src=x onerror={JS}>",
    f"<input autofocus onfocus={JS}>",
    f"<select autofocus onfocus={JS}></select>",
    f"<video><source onerror={JS}></video>",
    f'<object data="javascript:{JS}"></object>',
    f'<embed src="javascript:{JS}">',
    '<base href="javascript:/">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{JS}">',
    f"<style>@import 'javascript:{JS}';</style>",
    f"<marquee onstart={JS}>m</marquee>",
    f'<form action="javascript:{JS}"><button>go</button></form>',
    f"</script><script>{JS}</script>",
    f"<!--<img src=x onerror={JS}>-->",
    f'<div style="background:url(javascript:{JS})">s</div>',
    f'<link rel="stylesheet" href="javascript:{JS}">',
    f"{{{{ 7*7 }}}}${{{JS}}}<x onclick={JS}>c",
    f"<textarea autofocus onfocus={JS}></textarea>",
    '<img src=x:x onerror="window.__xss=1" alt="`">',
]
WRAPPERS = ["{}", '"{}', "'{}", "</textarea>{}", "</title>{}"]
PAYLOADS = [w.format(v) for w, v in itertools.product(WRAPPERS, VECTORS)]

INIT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + e.sample));
"""


def _chunks(items: list[str], limit: int) -> list[str]:
    out, current = [], ""
    for item in items:
        if current and len(current) + 1 + len(item) > limit:
            out.append(current)
            current = ""
        current = f"{current} {item}" if current else item
    out.append(current)
    return out


def _seed(app) -> dict[str, int]:
    """Articles, claims, sources, a rationale and user names full of payloads."""
    with app.app_context():
        editor = services.create_user("olga", TEST_PASSWORD, Role.editor, "Olga")
        authors = [
            accounts.create_user(f"x{n}", TEST_PASSWORD, Role.reviewer, payload[:128])
            for n, payload in enumerate(VECTORS)
        ]
        text = "Published: May 1, 2024\n" + "\n".join(
            f"Claim {n} says $5 million: {p}" for n, p in enumerate(PAYLOADS)
        )
        big = services.import_article(authors[0], ingest_text(text, title=PAYLOADS[0][:500]))
        for n, title in enumerate(_chunks(PAYLOADS, 500)):
            services.import_article(
                authors[n % len(authors)],
                ingest_text(f"Article {n} reports $7 million in 2023.\n{title}", title=title),
            )
        line_start = len("Published: May 1, 2024\n")
        for line in text.split("\n")[1:]:
            with contextlib.suppress(Conflict):  # the engine proposed exactly this span
                services.create_claim(editor, big, line_start, line_start + len(line))
            line_start += len(line) + 1
        claim = db.session.scalars(
            db.select(Claim).where(Claim.article_id == big.id).order_by(Claim.start_offset)
        ).first()
        for n, payload in enumerate(PAYLOADS):
            services.add_source(
                authors[n % len(authors)],
                claim,
                claim.version,
                {
                    "url": f"https://example.org/{n}?q=%22%3E%3Cscript%3E",
                    "title": payload,
                    "publisher": PAYLOADS[(n + 1) % len(PAYLOADS)],
                    "excerpt": PAYLOADS[(n + 2) % len(PAYLOADS)],
                    "stance": "context",
                },
            )
        rationale = "\n\n".join(VECTORS * 2)
        services.save_verdict(authors[1], claim, claim.version, "false", rationale)
        services.move(authors[1], claim, "submit", claim.version)
        services.move(editor, claim, "return", claim.version, PAYLOADS[3])
        services.move(authors[2], claim, "submit", claim.version)
        services.move(editor, claim, "approve", claim.version)
        services.move(editor, claim, "reopen", claim.version, PAYLOADS[7])
        services.move(authors[3], claim, "dismiss", claim.version, PAYLOADS[9])
        services.move(authors[4], claim, "restore", claim.version)
        other = db.session.scalar(db.select(User).where(User.username == "x5"))
        services.assign(editor, claim, claim.version, other.username)
        accounts.create_token(editor, PAYLOADS[11][:100])
        return {"article": big.id, "claim": claim.id}


def test_no_payload_runs_on_any_page(app, live_server, page):
    """Threat S5.2, S5.1."""
    assert len(PAYLOADS) >= 150
    ids = _seed(app)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(INIT)

    page.goto(f"{live_server}/login")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/")

    a, c = ids["article"], ids["claim"]
    paths = [
        "/",
        f"/articles/{a}",
        f"/articles/{a}/claims/{c}",
        f"/claims/{c}",
        f"/claims/{c}/panel",
        "/settings/tokens",
        f"/articles/{a + 1}",
        f"/articles/{a + 2}",
        f"/api/v1/claims/{c}",
    ]
    seen = []
    for path in paths:
        response = page.goto(live_server + path, wait_until="load")
        assert response is not None and response.status == 200, path
        page.wait_for_timeout(100)  # let autofocus, load and error handlers fire
        # Interact a little: hovering and clicking triggers handlers that need a user.
        page.mouse.move(10, 10)
        seen.append(page.content())
        assert page.evaluate("window.__xss") is None, f"a payload ran on {path}"
        violations = page.evaluate("window.__csp")
        assert violations == [], f"CSP violations on {path}: {violations[:5]}"
    assert dialogs == []
    csp_console = [m for m in page.console_errors if "Content Security Policy" in m]
    assert csp_console == []
    # The payloads were really on the pages, shown as text.
    joined = "\n".join(seen)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in joined
    assert joined.count("window.__xss=1") >= 150
