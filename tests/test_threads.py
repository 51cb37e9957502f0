"""Issue 14: a discussion thread on every claim (comments, mentions, resolution, unread)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from workbench.db import db
from workbench.limits import COMMENT_CHARS, MAX_MENTIONS_PER_COMMENT
from workbench.models import Comment, Event, Mention
from workbench.sanitize import ALLOWED_TAGS

from .conftest import Client
from .helpers import first_claim


def _tags(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every element and its attributes, as a browser's parser would see them."""
    found: list = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    P().feed(html)
    return found


def _client(app, make_user, name, role="reviewer") -> Client:
    make_user(name, role)
    client = Client(app)
    assert client.login(name).status_code == 302
    return client


def _post(client, claim_id, body, **extra):
    return client.api("POST", f"/api/v1/claims/{claim_id}/comments", json={"body": body, **extra})


def test_post_list_edit_resolve_and_history(app, reviewer, editor, article_id):
    """Threat S4.10: only the author edits; every change is in the history."""
    claim = first_claim(reviewer, article_id)
    cid = claim["id"]
    r = _post(reviewer, cid, "Is the **budget** figure from the minutes, @eddie?")
    assert r.status_code == 201, r.get_data(as_text=True)
    c = r.get_json()
    assert c["author"] == "rita" and c["mentions"] == ["eddie"]
    assert "<strong>budget</strong>" in c["html"]
    # a comment does not change the claim: no new version, so nobody's verdict save conflicts
    assert first_claim(reviewer, article_id)["version"] == claim["version"]

    reply = _post(editor, cid, "Yes, page 4.", reply_to=c["id"]).get_json()
    assert reply["reply_to"] == c["id"]

    r = reviewer.api("PATCH", c["url"], json={"body": "Is the budget figure from the minutes?"})
    assert r.status_code == 200 and r.get_json()["edited_at"]
    # only the author edits: an editor (or admin) may not
    r = editor.api("PATCH", c["url"], json={"body": "rewritten"})
    assert r.status_code == 403 and r.get_json()["error"] == "forbidden"

    r = editor.api("POST", f"/api/v1/claims/{cid}/comments/resolve", json={"resolved": True})
    assert r.status_code == 200 and r.get_json()["resolved"] is True
    assert r.get_json()["resolved_by"] == "eddie"
    # reviewers may reopen (and resolve)
    r = reviewer.api("POST", f"/api/v1/claims/{cid}/comments/resolve", json={"resolved": False})
    assert r.get_json()["resolved"] is False

    thread = reviewer.api("GET", f"/api/v1/claims/{cid}/comments").get_json()
    assert [x["body"] for x in thread["comments"]] == [
        "Is the budget figure from the minutes?",
        "Yes, page 4.",
    ]
    history = reviewer.api("GET", f"/api/v1/claims/{cid}").get_json()["history"]
    actions = [h["action"] for h in history]
    assert actions[-5:] == [
        "comment",
        "comment",
        "edit-comment",
        "resolve-thread",
        "reopen-thread",
    ]
    edit = next(h for h in history if h["action"] == "edit-comment")
    assert edit["detail"]["before"]["body"].startswith("Is the **budget** figure")
    assert edit["detail"]["after"]["body"] == "Is the budget figure from the minutes?"


def test_a_new_comment_reopens_a_resolved_thread(app, reviewer, editor, article_id):
    cid = first_claim(reviewer, article_id)["id"]
    _post(reviewer, cid, "one")
    editor.api("POST", f"/api/v1/claims/{cid}/comments/resolve", json={})
    assert reviewer.api("GET", f"/api/v1/claims/{cid}/comments").get_json()["resolved"]
    _post(reviewer, cid, "two")
    assert not reviewer.api("GET", f"/api/v1/claims/{cid}/comments").get_json()["resolved"]


def test_approved_claims_can_still_be_discussed(app, reviewer, make_user, article_id):
    olga = _client(app, make_user, "olga", "editor")
    claim = first_claim(reviewer, article_id)
    cid, v = claim["id"], claim["version"]
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "true", "rationale": "Minutes.", "version": v},
    ).get_json()["version"]
    v = reviewer.api("POST", f"/api/v1/claims/{cid}/submit", json={"version": v}).get_json()[
        "version"
    ]
    assert olga.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v}).status_code == 200
    r = _post(reviewer, cid, "A reader asks about this one.")
    assert r.status_code == 201
    after = first_claim(reviewer, article_id)
    assert after["status"] == "approved" and after["version"] == v + 1


@pytest.mark.parametrize(
    "body, field, code",
    [
        ("", "body", 422),
        ("   \n\t", "body", 422),
        (None, "body", 422),
        (12, "body", 422),
        (["x"], "body", 422),
        ("x" * (COMMENT_CHARS + 1), "body", 422),
    ],
)
def test_bad_bodies_are_clear_422s(app, reviewer, article_id, body, field, code):
    cid = first_claim(reviewer, article_id)["id"]
    r = _post(reviewer, cid, body)
    assert r.status_code == code
    j = r.get_json()
    assert j["error"] == "invalid" and field in j["fields"] and j["message"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0


def test_bad_requests_are_4xx_json(app, reviewer, article_id):
    cid = first_claim(reviewer, article_id)["id"]
    assert _post(reviewer, 987654, "x").status_code == 404
    assert _post(reviewer, cid, "x", reply_to="1").status_code == 422
    assert _post(reviewer, cid, "x", reply_to=987654).status_code == 422
    assert _post(reviewer, cid, "x", author="eddie").status_code == 422  # no mass assignment
    r = reviewer.api("PATCH", "/api/v1/comments/987654", json={"body": "x"})
    assert r.status_code == 404 and r.get_json()["error"] == "not_found"
    c = _post(reviewer, cid, "x").get_json()
    r = reviewer.api("PATCH", c["url"], json={"body": "y", "author": "eddie"})
    assert r.status_code == 422 and "author" in r.get_json()["fields"]
    r = reviewer.api("POST", f"/api/v1/claims/{cid}/comments/resolve", json={"resolved": "yes"})
    assert r.status_code == 422
    r = reviewer.http.post(
        f"/api/v1/claims/{cid}/comments",
        data="not json",
        content_type="application/json",
        headers={"X-CSRFToken": reviewer.token},
    )
    assert 400 <= r.status_code < 500 and r.get_json()["error"]


def test_resolving_an_empty_thread_is_a_409(app, reviewer, article_id):
    cid = first_claim(reviewer, article_id)["id"]
    r = reviewer.api("POST", f"/api/v1/claims/{cid}/comments/resolve", json={})
    assert r.status_code == 409 and r.get_json()["error"] == "conflict"


HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    '<img src=x onerror="alert(1)">',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "![t](https://tracker.example/p.gif)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[y](data:text/html;base64,PHNjcmlwdD4=)",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_bodies_are_stored_as_written_and_rendered_inert(app, reviewer, article_id, body):
    """Threat S5.6."""
    cid = first_claim(reviewer, article_id)["id"]
    c = _post(reviewer, cid, body).get_json()
    assert c["body"] == body  # the source is kept as written
    for tag, attrs in _tags(c["html"]):
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value.split(":")[0].lower() in ("http", "https", "mailto"), value
    # the page shows the same sanitized HTML, never the raw body
    page = reviewer.get(f"/claims/{cid}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:' not in page.lower()


def test_links_get_rel_noopener(app, reviewer, article_id):
    cid = first_claim(reviewer, article_id)["id"]
    html = _post(reviewer, cid, "[minutes](https://example.org/m)").get_json()["html"]
    assert 'rel="noopener noreferrer nofollow"' in html and 'target="_blank"' in html


def test_mentions_unknown_users_and_zero_width_tricks(app, reviewer, make_user, article_id):
    """Threat S4.10: mentions match exact, active user names only."""
    make_user("otto", "reviewer")
    make_user("olga", "editor")
    cid = first_claim(reviewer, article_id)["id"]
    body = (
        "@otto @nobody @ot\u200bto @оtto (Cyrillic o) mail rita@otto.example "
        "@OTTO again, @olga. and @rita herself"
    )
    c = _post(reviewer, cid, body).get_json()
    assert c["mentions"] == ["olga", "otto"]  # unknown, split and look-alike names are text
    assert "\u27e8U+200B\u27e9" in c["html"]  # the zero-width space is shown, not hidden


def test_ten_thousand_mentions_are_bounded(app, reviewer, make_user, article_id):
    """Threat S4.10: at most 20 people a comment, one bounded lookup."""
    for n in range(MAX_MENTIONS_PER_COMMENT + 5):
        make_user(f"user{n}", "reviewer")
    cid = first_claim(reviewer, article_id)["id"]
    body = " ".join(f"@user{n % 30}" for n in range(2000)) + " " + "@x " * 8000
    body = body[:COMMENT_CHARS]
    r = _post(reviewer, cid, body)
    assert r.status_code == 201
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Mention)) == (
            MAX_MENTIONS_PER_COMMENT
        )


def test_mentions_fill_the_queue_and_unread_counts(app, reviewer, make_user, article_id):
    otto = _client(app, make_user, "otto")
    cid = first_claim(reviewer, article_id)["id"]
    assert otto.api("GET", "/api/v1/discussions").get_json()["totals"]["mentions"] == 0
    _post(reviewer, cid, "@otto can you check the date?")
    _post(reviewer, cid, "And the amount.")

    d = otto.api("GET", "/api/v1/discussions").get_json()
    assert d["totals"] == {"comments": 2, "mentions": 1, "claims": 1}
    assert d["items"][0]["claim_id"] == cid and d["items"][0]["mentioned"] is True
    queue = otto.api("GET", "/api/v1/claims?mentioned=me").get_json()
    assert [c["id"] for c in queue["items"]] == [cid]
    page = otto.get("/").get_data(as_text=True)
    assert "Mentioned" in page and 'data-unread-mentions="1"' in page

    # opening the claim reads it: nothing is unread, but the mention keeps it queued
    assert otto.get(f"/claims/{cid}/panel").status_code == 200
    d = otto.api("GET", "/api/v1/discussions").get_json()
    assert d["totals"]["comments"] == 0 and d["totals"]["mentions"] == 0
    assert d["items"][0]["mentioned"] is True

    # a reply from someone else is unread again for those who took part
    _post(otto, cid, "Checked: March 1.")
    assert reviewer.api("GET", "/api/v1/discussions").get_json()["totals"]["comments"] == 1
    assert otto.api("GET", "/api/v1/discussions").get_json()["totals"]["comments"] == 0

    # resolving the thread takes the claim out of the mention queue
    reviewer.api("POST", f"/api/v1/claims/{cid}/comments/resolve", json={})
    assert otto.api("GET", "/api/v1/claims?mentioned=me").get_json()["items"] == []


def test_mentioned_filter_refuses_other_values(app, reviewer):
    r = reviewer.api("GET", "/api/v1/claims?mentioned=otto")
    assert r.status_code == 422 and r.get_json()["fields"] == {"mentioned": "unknown"}


def test_the_no_script_forms_post_and_resolve(app, reviewer, article_id):
    cid = first_claim(reviewer, article_id)["id"]
    r = reviewer.post(f"/claims/{cid}/comments", {"body": "From the *form*."})
    assert r.status_code == 302 and r.headers["Location"].endswith("#discussion")
    page = reviewer.get(f"/claims/{cid}").get_data(as_text=True)
    assert "From the <em>form</em>." in page
    r = reviewer.post(f"/claims/{cid}/comments/resolve", {"resolved": "1"})
    assert r.status_code == 302
    with app.app_context():
        actions = db.session.scalars(
            db.select(Event.action).where(Event.claim_id == cid).order_by(Event.id)
        ).all()
    assert actions[-2:] == ["comment", "resolve-thread"]


def test_the_rationale_xss_payload_is_inert_as_a_comment_everywhere(app, reviewer, article_id):
    """Threats S5.1 and S5.6: the payload test_xss_csp uses for rationales, as a comment."""
    cid = first_claim(reviewer, article_id)["id"]
    body = (
        "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x)\n\n"
        "<a href='javascript:alert(1)'>d</a> <img src=x onerror=alert(1)> "
        "<details open ontoggle=alert(1)>\n\n[e][1]\n\n[1]: javascript:alert(1)\n\n"
        "<javascript:alert(1)> ![i](https://tracker.example/p.gif) <script>alert(1)</script>"
    )
    assert _post(reviewer, cid, body).status_code == 201
    for url in (f"/claims/{cid}", f"/claims/{cid}/panel", f"/articles/{article_id}/claims/{cid}"):
        page = reviewer.get(url).get_data(as_text=True).lower()
        assert not re.search(r"<a\b[^>]*href\s*=\s*[\"']?\s*(javascript|data):", page), url
        assert not re.search(r"<img\b[^>]*(onerror|tracker)", page), url
        assert not re.search(r"<(details|script)\b[^>]*(ontoggle|>alert)", page), url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
