"""Issue 14: the thread in the annotated JSON (version 2), in and out; never in ClaimReview."""

from __future__ import annotations

import copy

from workbench.db import db
from workbench.exporters.annotated import VERSION
from workbench.limits import COMMENT_CHARS
from workbench.models import Comment, CommentThread, Event, Mention
from workbench.services.interchange import schema_errors

from .conftest import Client
from .helpers import first_claim

SECRET = "Internal: the mayor's office has not answered yet."


def _thread(app, reviewer, editor, article_id) -> int:
    cid = first_claim(reviewer, article_id)["id"]
    url = f"/api/v1/claims/{cid}/comments"
    first = reviewer.api("POST", url, json={"body": f"{SECRET} @eddie"}).get_json()
    reply = editor.api("POST", url, json={"body": "Ask again.", "reply_to": first["id"]})
    assert reply.status_code == 201
    assert reviewer.api("PATCH", first["url"], json={"body": SECRET}).status_code == 200
    editor.api("POST", f"{url}/resolve", json={})
    return cid


def _export(client, article_id, fmt="annotated-json"):
    r = client.get(f"/api/v1/articles/{article_id}/export?format={fmt}")
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_data(as_text=True)


def test_the_thread_is_in_the_annotated_json(app, reviewer, editor, article_id):
    cid = _thread(app, reviewer, editor, article_id)
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    assert doc["version"] == VERSION == 2
    assert schema_errors(doc) == []
    claim = next(c for c in doc["claims"] if c["id"] == cid)
    d = claim["discussion"]
    assert d["resolved"] is True and d["resolved_by"] == "eddie" and d["resolved_at"]
    first, reply = d["comments"]
    assert (first["author"], first["body"], first["reply_to"]) == ("rita", SECRET, None)
    assert first["edited_at"] is not None
    assert (reply["author"], reply["reply_to"]) == ("eddie", first["id"])
    others = [c for c in doc["claims"] if c["id"] != cid]
    assert all(c["discussion"]["comments"] == [] for c in others)


def test_the_thread_is_never_in_the_public_formats(app, reviewer, editor, article_id):
    _thread(app, reviewer, editor, article_id)
    for fmt in ("claimreview", "webannotation", "csv", "html"):
        assert SECRET not in _export(reviewer, article_id, fmt), fmt
        assert "Ask again." not in _export(reviewer, article_id, fmt), fmt


def test_an_imported_thread_keeps_names_as_provenance(app, reviewer, editor, make_user, article_id):
    """Threat S4.10: names in a file are provenance, never accounts."""
    _thread(app, reviewer, editor, article_id)
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    make_user("ivy", "reviewer")
    ivy = Client(app)
    ivy.login("ivy")
    r = ivy.api("POST", "/api/v1/articles?allow_duplicate=1", json=doc)
    assert r.status_code == 201, r.get_data(as_text=True)
    new = r.get_json()
    claim = next(c for c in new["claims"] if c["discussion"]["comments"])
    first, reply = claim["discussion"]["comments"]
    # the names from the file, as text; the ids are new; the reply points at the new id
    assert (first["author"], reply["author"]) == ("rita", "eddie")
    assert reply["reply_to"] == first["id"]
    assert claim["discussion"]["resolved"] is True
    assert claim["discussion"]["resolved_by"] is None  # nobody here resolved it
    with app.app_context():
        rows = db.session.scalars(db.select(Comment).where(Comment.claim_id == claim["id"])).all()
        assert all(c.author_id is None for c in rows)  # never an account
        assert [c.imported_author for c in rows] == ["rita", "eddie"]
        assert (
            db.session.scalar(
                db.select(db.func.count())
                .select_from(Mention)
                .where(Mention.comment_id.in_([c.id for c in rows]))
            )
            == 0
        )  # a file puts nobody's name in a queue
        event = db.session.scalar(
            db.select(Event).where(Event.claim_id == claim["id"], Event.action == "import")
        )
        assert event.detail["discussion"]["resolved_by"] == "eddie"
        assert event.detail["discussion"]["authors"] == ["eddie", "rita"]
    # nobody can edit an imported comment, not even someone called rita
    r = reviewer.api("PATCH", f"/api/v1/comments/{first['id']}", json={"body": "mine?"})
    assert r.status_code == 403


def _doc_with(reviewer, article_id, discussion) -> dict:
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    doc = copy.deepcopy(doc)
    doc["claims"][0]["discussion"] = discussion
    return doc


def _comment(id_, body="A note.", reply_to=None, author="someone"):
    return {
        "id": id_,
        "author": author,
        "reply_to": reply_to,
        "body": body,
        "created_at": "2026-01-01T10:00:00+00:00",
        "edited_at": None,
    }


def test_bad_threads_are_refused_whole(app, reviewer, article_id):
    cases = {
        "reply_to": {
            "resolved": False,
            "resolved_by": None,
            "resolved_at": None,
            "comments": [_comment(1, reply_to=2), _comment(2)],
        },
        "characters": {
            "resolved": False,
            "resolved_by": None,
            "resolved_at": None,
            "comments": [_comment(1, body="x" * (COMMENT_CHARS + 1))],
        },
        "go together": {
            "resolved": True,
            "resolved_by": "x",
            "resolved_at": None,
            "comments": [_comment(1)],
        },
        "says something": {
            "resolved": False,
            "resolved_by": None,
            "resolved_at": None,
            "comments": [_comment(1, body="  \n")],
        },
        "Additional properties": {
            "resolved": False,
            "resolved_by": None,
            "resolved_at": None,
            "comments": [{**_comment(1), "author_id": 1}],
        },
    }
    for needle, discussion in cases.items():
        doc = _doc_with(reviewer, article_id, discussion)
        r = reviewer.api("POST", "/api/v1/articles?allow_duplicate=1", json=doc)
        assert r.status_code == 422, (needle, r.get_data(as_text=True))
        assert any(needle in e for e in r.get_json()["errors"]), (needle, r.get_json())
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0
        assert db.session.scalar(db.select(db.func.count()).select_from(CommentThread)) == 0


def test_a_version_1_document_without_threads_still_imports(app, reviewer, article_id):
    """Version 1 (its own schema) has neither records nor discussion."""
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    doc["version"] = 1
    for c in doc["claims"]:
        del c["discussion"], c["records"]
    r = reviewer.api("POST", "/api/v1/articles?allow_duplicate=1", json=doc)
    assert r.status_code == 201, r.get_data(as_text=True)


def test_a_version_1_document_with_a_discussion_is_refused(app, reviewer, article_id):
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    doc["version"] = 1
    for c in doc["claims"]:
        del c["records"]
    r = reviewer.api("POST", "/api/v1/articles?allow_duplicate=1", json=doc)
    assert r.status_code == 422, r.get_data(as_text=True)
    assert any("'discussion' was unexpected" in e for e in r.get_json()["errors"])


def test_a_version_2_document_without_discussion_imports_with_no_comments(
    app, reviewer, article_id
):
    """In version 2 the discussion is optional: the export always writes it."""
    cid = first_claim(reviewer, article_id)["id"]
    reviewer.api("POST", f"/api/v1/claims/{cid}/comments", json={"body": "Hi"})
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    assert doc["version"] == VERSION == 2
    assert all("discussion" in c and "records" in c for c in doc["claims"])
    for c in doc["claims"]:
        del c["discussion"]
    r = reviewer.api("POST", "/api/v1/articles?allow_duplicate=1", json=doc)
    assert r.status_code == 201, r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Comment.id))) == 1  # the original only
