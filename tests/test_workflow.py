"""The review path through the browser forms: source, verdict, submit, approve, return."""

from __future__ import annotations

import re

from workbench.db import db
from workbench.models import Claim, ClaimStatus, Event


def _claim(app, article_id: int) -> tuple[int, int]:
    with app.app_context():
        claim = db.session.scalars(
            db.select(Claim).where(Claim.article_id == article_id).order_by(Claim.start_offset)
        ).first()
        return claim.id, claim.version


def _state(app, claim_id: int) -> Claim:
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        db.session.expunge(claim)
        return claim


def _events(app, claim_id: int) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(Event.action).where(Event.claim_id == claim_id).order_by(Event.id)
            )
        )


SOURCE = {
    "url": "https://example.org/budget",
    "title": "Council minutes",
    "publisher": "City of Example",
    "excerpt": "The council approved the budget.",
    "stance": "supports",
}


def test_import_proposes_claims_and_records_the_import(app, article_id):
    with app.app_context():
        claims = db.session.scalars(db.select(Claim).where(Claim.article_id == article_id)).all()
        actions = db.session.scalars(
            db.select(Event.action).where(Event.article_id == article_id)
        ).all()
    assert claims, "the engine proposed no claim"
    assert all(c.status is ClaimStatus.open for c in claims)
    assert "import" in actions


def test_article_page_highlights_claims(reviewer, article_id):
    page = reviewer.get(f"/articles/{article_id}").get_data(as_text=True)
    assert page.count('class="claim status-open"') >= 1
    assert "Export" in page


def test_full_review_path(app, reviewer, editor, article_id):
    claim_id, version = _claim(app, article_id)
    r = reviewer.post(f"/claims/{claim_id}/sources", {**SOURCE, "version": version})
    assert r.status_code == 302, r.get_data(as_text=True)
    version = _state(app, claim_id).version
    r = reviewer.post(
        f"/claims/{claim_id}/verdict",
        {"rating": "mostly-true", "rationale": "Minutes **confirm** it.", "version": version},
    )
    assert r.status_code == 302
    version = _state(app, claim_id).version
    assert reviewer.post(f"/claims/{claim_id}/submit", {"version": version}).status_code == 302
    claim = _state(app, claim_id)
    assert claim.status is ClaimStatus.submitted

    # A reviewer cannot approve.
    assert (
        reviewer.post(f"/claims/{claim_id}/approve", {"version": claim.version}).status_code == 403
    )
    assert _state(app, claim_id).status is ClaimStatus.submitted

    assert editor.post(f"/claims/{claim_id}/approve", {"version": claim.version}).status_code == 302
    assert _state(app, claim_id).status is ClaimStatus.approved
    assert _events(app, claim_id) == ["add-source", "verdict", "submit", "approve"]

    page = editor.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "<strong>confirm</strong>" in page
    assert "Approved by" in page


def test_rejected_source_url_is_explained_and_nothing_is_stored(app, reviewer, article_id):
    """Threat S2.12."""
    claim_id, version = _claim(app, article_id)
    r = reviewer.post(
        f"/claims/{claim_id}/sources", {**SOURCE, "url": "javascript:alert(1)", "version": version}
    )
    assert r.status_code == 422
    assert "only http:// and https:// URLs" in r.get_data(as_text=True)
    assert _state(app, claim_id).version == version
    assert _events(app, claim_id) == []


def test_editor_cannot_approve_own_verdict(app, editor, article_id):
    """Threat S4.2."""
    claim_id, version = _claim(app, article_id)
    editor.post(
        f"/claims/{claim_id}/verdict",
        {"rating": "true", "rationale": "Checked.", "version": version},
    )
    version = _state(app, claim_id).version
    editor.post(f"/claims/{claim_id}/submit", {"version": version})
    version = _state(app, claim_id).version
    r = editor.post(f"/claims/{claim_id}/approve", {"version": version})
    assert r.status_code == 403
    assert "four-eyes" in r.get_data(as_text=True)
    assert _state(app, claim_id).status is ClaimStatus.submitted


def test_return_needs_a_note_and_shows_it_to_the_reviewer(app, reviewer, editor, article_id):
    claim_id, version = _claim(app, article_id)
    reviewer.post(
        f"/claims/{claim_id}/verdict",
        {"rating": "false", "rationale": "Checked.", "version": version},
    )
    reviewer.post(f"/claims/{claim_id}/submit", {"version": _state(app, claim_id).version})
    version = _state(app, claim_id).version
    assert (
        editor.post(f"/claims/{claim_id}/return", {"version": version, "note": ""}).status_code
        == 422
    )
    r = editor.post(f"/claims/{claim_id}/return", {"version": version, "note": "Cite the minutes."})
    assert r.status_code == 302
    assert _state(app, claim_id).status is ClaimStatus.returned
    page = reviewer.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "Cite the minutes." in page


def test_stale_version_is_a_conflict_and_changes_nothing(app, reviewer, article_id):
    """Threat S4.5."""
    claim_id, version = _claim(app, article_id)
    reviewer.post(f"/claims/{claim_id}/verdict", {"rating": "true", "version": version})
    r = reviewer.post(f"/claims/{claim_id}/verdict", {"rating": "false", "version": version})
    assert r.status_code == 409
    with app.app_context():
        assert db.session.get(Claim, claim_id).verdict.rating == "true"


def test_dismiss_and_restore(app, reviewer, article_id):
    claim_id, version = _claim(app, article_id)
    assert (
        reviewer.post(f"/claims/{claim_id}/dismiss", {"version": version, "reason": ""}).status_code
        == 422
    )
    assert (
        reviewer.post(
            f"/claims/{claim_id}/dismiss", {"version": version, "reason": "Opinion"}
        ).status_code
        == 302
    )
    claim = _state(app, claim_id)
    assert claim.status is ClaimStatus.dismissed and claim.dismiss_reason == "Opinion"
    assert (
        reviewer.post(f"/claims/{claim_id}/restore", {"version": claim.version}).status_code == 302
    )
    assert _state(app, claim_id).status is ClaimStatus.open


def test_approved_claim_is_locked_until_reopened(app, reviewer, editor, article_id):
    """Threat S4.3."""
    claim_id, version = _claim(app, article_id)
    reviewer.post(
        f"/claims/{claim_id}/verdict",
        {"rating": "true", "rationale": "Checked.", "version": version},
    )
    reviewer.post(f"/claims/{claim_id}/submit", {"version": _state(app, claim_id).version})
    editor.post(f"/claims/{claim_id}/approve", {"version": _state(app, claim_id).version})
    version = _state(app, claim_id).version
    r = reviewer.post(f"/claims/{claim_id}/verdict", {"rating": "false", "version": version})
    assert r.status_code == 409
    assert (
        reviewer.post(f"/claims/{claim_id}/reopen", {"version": version, "reason": "x"}).status_code
        == 403
    )
    assert (
        editor.post(
            f"/claims/{claim_id}/reopen", {"version": version, "reason": "New data"}
        ).status_code
        == 302
    )
    assert _state(app, claim_id).status is ClaimStatus.open


def test_add_claim_from_offsets(app, reviewer, article_id):
    r = reviewer.post(f"/articles/{article_id}/claims", {"start": 0, "end": 9})
    assert r.status_code == 302
    match = re.search(r"/claims/(\d+)$", r.headers["Location"])
    claim = _state(app, int(match.group(1)))
    assert (claim.start_offset, claim.end_offset) == (0, 9)


def test_unknown_article_and_claim_are_404_pages(reviewer):
    """Threat S4.1."""
    for path in ("/articles/999999", "/claims/999999"):
        r = reviewer.get(path)
        assert r.status_code == 404
        assert "Not found" in r.get_data(as_text=True)


def test_history_rows_cannot_be_changed(app, reviewer, article_id):
    """Threat S4.4."""
    import pytest

    from workbench.models import AppendOnlyError

    with app.app_context():
        event = db.session.scalars(db.select(Event)).first()
        event.action = "tampered"
        with pytest.raises(AppendOnlyError):
            db.session.commit()
        db.session.rollback()
