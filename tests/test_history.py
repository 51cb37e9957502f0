"""History: every change is one append-only Event with actor, time, action, before and after;
neither the app nor the database lets anyone edit it."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from workbench.db import db
from workbench.models import AppendOnlyError, Claim, Event


def _claim(reviewer, article_id):
    return reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]


def _events(app, claim_id):
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(Event).where(Event.claim_id == claim_id).order_by(Event.id)
            )
        )


def test_every_change_records_before_and_after(app, make_user, reviewer, editor, article_id):
    make_user("otto", "reviewer")
    claim = _claim(reviewer, article_id)
    cid, v = claim["id"], claim["version"]

    def step(client, method, url, body):
        nonlocal v
        r = client.api(method, url, json={**body, "version": v})
        assert r.status_code in (200, 201), r.get_data(as_text=True)
        assert r.get_json()["version"] == v + 1
        v = r.get_json()["version"]

    base = f"/api/v1/claims/{cid}"
    step(editor, "PATCH", base, {"assignee": "otto"})
    step(
        reviewer,
        "POST",
        f"{base}/sources",
        {"url": "https://e.org/a", "title": "A", "stance": "supports"},
    )
    step(reviewer, "PUT", f"{base}/verdict", {"rating": "true", "rationale": "first"})
    step(reviewer, "PUT", f"{base}/verdict", {"rating": "false", "rationale": "second"})
    step(reviewer, "POST", f"{base}/submit", {})
    step(editor, "POST", f"{base}/return", {"note": "Cite it."})
    step(reviewer, "POST", f"{base}/submit", {})
    step(editor, "POST", f"{base}/approve", {})
    step(editor, "POST", f"{base}/reopen", {"reason": "New data."})
    step(reviewer, "POST", f"{base}/dismiss", {"reason": "Opinion."})
    step(reviewer, "POST", f"{base}/restore", {})
    step(editor, "PATCH", base, {"assignee": None})

    events = _events(app, cid)
    actions = [e.action for e in events]
    assert actions == [
        "assign", "add-source", "verdict", "verdict", "submit", "return", "submit",
        "approve", "reopen", "dismiss", "restore", "assign",
    ]  # fmt: skip
    for e in events:
        assert e.actor_id is not None and e.at is not None
        assert {"before", "after"} <= set(e.detail), (e.action, e.detail)
        assert e.detail["before"] != e.detail["after"], e.action
    assign, _src, first, second = events[:4]
    assert assign.detail == {"before": {"assignee": None}, "after": {"assignee": "otto"}}
    assert second.detail["before"] == {"rating": "true", "rationale": "first"}
    assert second.detail["after"] == {"rating": "false", "rationale": "second"}
    assert events[5].detail["after"] == {"status": "returned", "note": "Cite it."}
    assert events[-1].detail == {"before": {"assignee": "otto"}, "after": {"assignee": None}}


def test_assignment_is_editor_only_and_versioned(app, make_user, reviewer, editor, article_id):
    """Threat S4.1."""
    make_user("otto", "reviewer")
    claim = _claim(reviewer, article_id)
    url = f"/api/v1/claims/{claim['id']}"
    r = reviewer.api("PATCH", url, json={"assignee": "otto", "version": claim["version"]})
    assert r.status_code == 403
    r = editor.api("PATCH", url, json={"assignee": "nobody", "version": claim["version"]})
    assert r.status_code == 422 and r.get_json()["fields"]["assignee"] == "unknown"
    r = editor.api("PATCH", url, json={"assignee": "otto", "version": claim["version"] - 1})
    assert r.status_code == 409
    r = editor.api("PATCH", url, json={"assignee": "OTTO", "version": claim["version"]})
    assert r.status_code == 200 and r.get_json()["version"] == claim["version"] + 1
    # The same assignee again changes nothing and writes no history.
    r = editor.api("PATCH", url, json={"assignee": "otto", "version": claim["version"] + 1})
    assert r.status_code == 200 and r.get_json()["version"] == claim["version"] + 1
    assert [e.action for e in _events(app, claim["id"])] == ["assign"]


def test_reviewer_queue_lists_assigned_claims(app, make_user, editor, article_id):
    make_user("otto", "reviewer")
    from .conftest import Client

    otto = Client(app)
    otto.login("otto")
    claims = editor.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"]
    for c in claims[:2]:
        r = editor.api(
            "PATCH", f"/api/v1/claims/{c['id']}", json={"assignee": "otto", "version": c["version"]}
        )
        assert r.status_code == 200
    mine = otto.api("GET", "/api/v1/claims?assignee=me&status=open").get_json()
    assert sorted(i["id"] for i in mine["items"]) == sorted(c["id"] for c in claims[:2])
    assert all(i["assignee"] == "otto" for i in mine["items"]) and mine["total"] == 2
    assert otto.api("GET", "/api/v1/claims?assignee=me&status=approved").get_json()["total"] == 0
    assert editor.api("GET", "/api/v1/claims?assignee=me").get_json()["total"] == 0
    everyone = editor.api("GET", "/api/v1/claims?assignee=otto").get_json()
    assert everyone["total"] == 2


def test_approved_claim_cannot_be_assigned(app, make_user, reviewer, editor, article_id):
    """Threat S4.3."""
    make_user("otto", "reviewer")
    c = _claim(reviewer, article_id)
    base = f"/api/v1/claims/{c['id']}"
    v = reviewer.api(
        "PUT",
        f"{base}/verdict",
        json={"rating": "true", "rationale": "Checked.", "version": c["version"]},
    ).json["version"]
    v = reviewer.api("POST", f"{base}/submit", json={"version": v}).json["version"]
    v = editor.api("POST", f"{base}/approve", json={"version": v}).json["version"]
    r = editor.api("PATCH", base, json={"assignee": "otto", "version": v})
    assert r.status_code == 409 and r.get_json()["current"]["status"] == "approved"


def test_history_rows_cannot_be_deleted_through_the_orm(app, article_id):
    """Threat S4.4."""
    with app.app_context():
        event = db.session.scalars(db.select(Event)).first()
        db.session.delete(event)
        with pytest.raises(AppendOnlyError):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(Event, event.id) is not None


def test_the_database_refuses_history_updates(app, backend, article_id):
    """S4.4: Even SQL that bypasses the ORM cannot rewrite history (trigger on both backends)."""
    with app.app_context():
        event_id = db.session.scalar(db.select(Event.id))
        db.session.remove()  # end this transaction (SQLite: let the raw connection write)
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(
                text("UPDATE event SET action = 'tampered' WHERE id = :id"), {"id": event_id}
            )
        assert db.session.get(Event, event_id).action == "import"


def test_there_is_no_route_that_changes_history(app):
    """Threat S4.4."""
    for rule in app.url_map.iter_rules():
        if "event" in rule.rule or "history" in rule.rule:
            assert not (rule.methods & {"POST", "PUT", "PATCH", "DELETE"}), rule.rule


def test_claim_version_counts_the_claims_changes(app, reviewer, article_id):
    c = _claim(reviewer, article_id)
    v0 = c["version"]
    base = f"/api/v1/claims/{c['id']}"
    v = reviewer.api(
        "PUT", f"{base}/verdict", json={"rating": "true", "rationale": "Checked.", "version": v0}
    ).json["version"]
    reviewer.api(
        "POST",
        f"{base}/sources",
        json={"url": "https://e.org", "title": "E", "stance": "context", "version": v},
    )
    events = _events(app, c["id"])
    with app.app_context():
        claim = db.session.get(Claim, c["id"])
        assert claim.version == v0 + 2 == v0 + len(events)
