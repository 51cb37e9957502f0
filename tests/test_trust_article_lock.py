"""Issue 10 #4: an approved fact-check cannot be rewritten through the article's details.

The published ClaimReview names the article's author, link and date; while any claim of the
article is approved those details are locked (409) until an editor reopens the claims.
"""

# Threat model (docs/threat-model.md): S4.9.

from __future__ import annotations

from workbench.db import db
from workbench.models import Article, Event

from .conftest import Client

META = {
    "title": "Budget, rewritten",
    "byline": "Someone Else",
    "published": "2020-01-01",
    "source_url": "https://elsewhere.example/story",
}


def _approve_first_claim(reviewer: Client, editor: Client, article_id: int) -> dict:
    claim = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]
    cid, v = claim["id"], claim["version"]
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "true", "rationale": "Checked.", "version": v},
    ).get_json()["version"]
    v = reviewer.api("POST", f"/api/v1/claims/{cid}/submit", json={"version": v}).get_json()[
        "version"
    ]
    r = editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()


def _article(app, article_id: int) -> tuple[dict, int]:
    with app.app_context():
        a = db.session.get(Article, article_id)
        meta = {
            "title": a.title,
            "byline": a.byline,
            "published": a.published,
            "source_url": a.source_url,
        }
        edits = db.session.scalar(
            db.select(db.func.count(Event.id)).where(
                Event.article_id == article_id, Event.action == "edit-article"
            )
        )
        return meta, edits


def test_details_are_locked_while_a_claim_is_approved(app, reviewer, editor, article_id):
    _approve_first_claim(reviewer, editor, article_id)
    before = _article(app, article_id)
    for client in (reviewer, editor):  # role rules as for claims: nobody edits approved work
        r = client.post(f"/articles/{article_id}/meta", META)
        assert r.status_code == 409, r.get_data(as_text=True)[:300]
        assert "approved" in r.get_data(as_text=True) and "reopen" in r.get_data(as_text=True)
    assert _article(app, article_id) == before  # nothing written, no history row
    page = reviewer.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "Locked: 1 claim(s) are approved" in page
    assert f'action="/articles/{article_id}/meta"' not in page
    export = reviewer.get(f"/api/v1/articles/{article_id}/export?format=claimreview")
    assert "elsewhere.example" not in export.get_data(as_text=True)


def test_details_change_again_once_the_editor_reopens(app, reviewer, editor, article_id):
    claim = _approve_first_claim(reviewer, editor, article_id)
    r = editor.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/reopen",
        json={"version": claim["version"], "reason": "the article moved"},
    )
    assert r.status_code == 200
    r = reviewer.post(f"/articles/{article_id}/meta", META)
    assert r.status_code == 302
    meta, edits = _article(app, article_id)
    assert meta["source_url"] == META["source_url"] and edits == 1


def test_details_of_an_article_without_approvals_stay_editable(app, reviewer, article_id):
    r = reviewer.post(f"/articles/{article_id}/meta", META)
    assert r.status_code == 302
    assert _article(app, article_id)[0]["byline"] == "Someone Else"
