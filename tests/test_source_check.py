"""GET /api/v1/claims/<id>/sources/check: the server, not the page script, says what a typed
source URL would be stored as and whether the claim has it already."""

from __future__ import annotations

from urllib.parse import quote

from workbench.db import db
from workbench.models import Claim


def _claim(app, article_id: int) -> Claim:
    with app.app_context():
        return db.session.scalar(db.select(Claim).where(Claim.article_id == article_id).limit(1))


def _check(client, claim_id: int, url: str, source: int | None = None):
    extra = f"&source={source}" if source is not None else ""
    return client.api("GET", f"/api/v1/claims/{claim_id}/sources/check?url={quote(url)}{extra}")


def test_a_typed_url_is_checked_against_the_claims_sources(app, reviewer, article_id):
    claim = _claim(app, article_id)
    r = _check(reviewer, claim.id, "  https://example.org/minutes ")
    assert r.status_code == 200
    assert r.get_json() == {
        "url": "https://example.org/minutes",
        "error": None,
        "duplicate": False,
        "warnings": [],
    }
    added = reviewer.api(
        "POST",
        f"/api/v1/claims/{claim.id}/sources",
        {
            "url": "https://example.org/minutes",
            "title": "Minutes",
            "stance": "supports",
            "version": claim.version,
        },
    )
    assert added.status_code == 201
    source_id = added.get_json()["sources"][0]["id"]
    # The same URL as the duplicate warning counts it: case and a trailing slash aside.
    again = _check(reviewer, claim.id, "HTTPS://Example.org/minutes/").get_json()
    assert again["duplicate"] is True and again["warnings"]
    # Editing that very source is not a duplicate of itself.
    assert (
        _check(reviewer, claim.id, "https://example.org/minutes", source_id).get_json()["duplicate"]
        is False
    )
    # A URL the server would refuse says why, and nothing is stored by checking.
    bad = _check(reviewer, claim.id, "javascript:alert(1)").get_json()
    assert bad["url"] is None and "http" in bad["error"] and bad["duplicate"] is False
    deceptive = _check(reviewer, claim.id, "https://p\u0430ypal.com/").get_json()
    assert any("xn--" in w for w in deceptive["warnings"])
    assert len(reviewer.api("GET", f"/api/v1/claims/{claim.id}").get_json()["sources"]) == 1


def test_checking_refuses_a_bad_source_id_and_an_unknown_claim(app, reviewer, article_id):
    claim = _claim(app, article_id)
    assert _check(reviewer, claim.id, "https://example.org/", source="x").status_code == 422
    assert _check(reviewer, 999_999, "https://example.org/").status_code == 404
