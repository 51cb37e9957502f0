"""Annotated-JSON import never signs for anyone here (issue 10 #1): the people named in the file
are provenance, the importer is the verdict's author, and an approval in the file is either
not carried over (four-eyes) or recorded as the importer's (four-eyes off)."""

# Threat model (docs/threat-model.md): S3.4.

from __future__ import annotations

import hashlib

from workbench.db import db
from workbench.models import Claim, User

TEXT = "The council approved a $12-million budget on March 1.\nIt was the largest in history."


def document(status: str, author: str | None, approved_by: str | None = None, **claim) -> dict:
    """One claim over the first sentence, with a verdict signed by the names given."""
    end = TEXT.index("\n")
    verdict = None
    if author is not None:
        verdict = {
            "rating": "mostly-true",
            "label": "",
            "rationale": "Per the budget.",
            "author": author,
            "submitted_at": "2024-05-01T10:00:00+00:00" if status != "open" else None,
            "approved_by": approved_by,
            "approved_at": "2024-05-02T10:00:00+00:00" if approved_by else None,
        }
    return {
        "format": "fact-check-workbench/annotated-article",
        "version": 1,
        "status": "draft",
        "article": {
            "id": 7,
            "title": "Budget",
            "byline": None,
            "published": None,
            "source_url": None,
            "text": TEXT,
            "text_sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
        },
        "claims": [
            {
                "id": 1,
                "start": 0,
                "end": end,
                "quote": TEXT[:end],
                "status": status,
                "version": 1,
                "origin": "extracted",
                "kinds": [],
                "assignee": claim.get("assignee"),
                "dismiss_reason": None,
                "figures": [],
                "hints": [],
                "sources": [],
                "verdict": verdict,
                "history": [],
            }
        ],
        "history": [],
    }


def imported(app, client, doc) -> dict:
    r = client.api("POST", "/api/v1/articles?allow_duplicate=1", json=doc)
    assert r.status_code == 201, r.get_data(as_text=True)
    return r.get_json()["claims"][0]


def signatures(app, claim_id: int) -> tuple[str | None, str | None, str]:
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        v = claim.verdict
        name = {u.id: u.username for u in db.session.scalars(db.select(User))}
        return name.get(v.author_id), name.get(v.approved_by_id), claim.status.value


def test_an_editor_cannot_approve_alone_a_verdict_imported_as_a_reviewers(app, reviewer, editor):
    claim = imported(app, editor, document("submitted", "rita"))
    assert signatures(app, claim["id"])[0] == "eddie"  # not rita: she never wrote it here
    assert claim["verdict"]["author"] == "eddie"
    r = editor.api("POST", f"/api/v1/claims/{claim['id']}/approve", json={"version": 1})
    assert r.status_code == 403
    assert "four-eyes" in r.get_json()["message"]
    people = claim["history"][0]["detail"]["people"]
    assert people["author"] == "rita"  # kept as provenance


def test_an_approval_signed_by_two_unknown_names_is_not_carried_over(app, editor):
    claim = imported(app, editor, document("approved", "ghost", "phantom"))
    assert signatures(app, claim["id"]) == ("eddie", None, "submitted")
    event = claim["history"][0]
    assert event["detail"]["people"]["approved_by"] == "phantom"
    assert "not carried over" in event["detail"]["approval"]


def test_an_approval_by_another_editor_who_never_saw_it_is_not_recorded(app, editor, make_user):
    make_user("edna", "editor")
    make_user("rosa", "reviewer")
    claim = imported(app, editor, document("approved", "rosa", "edna"))
    author, approver, status = signatures(app, claim["id"])
    assert (author, approver, status) == ("eddie", None, "submitted")
    with app.app_context():
        edna = db.session.scalar(db.select(User).where(User.username == "edna"))
        assert (
            db.session.scalar(
                db.select(db.func.count(Claim.id)).where(Claim.assignee_id == edna.id)
            )
            == 0
        )
    # edna, a real second pair of eyes here, can approve it now
    from tests.conftest import Client

    edna_client = Client(app)
    assert edna_client.login("edna").status_code == 302
    r = edna_client.api("POST", f"/api/v1/claims/{claim['id']}/approve", json={"version": 1})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert signatures(app, claim["id"]) == ("eddie", "edna", "approved")


def test_a_reviewer_cannot_import_a_verdict_as_another_reviewers(app, reviewer, make_user):
    make_user("rosa", "reviewer")
    claim = imported(app, reviewer, document("submitted", "rosa"))
    assert signatures(app, claim["id"])[0] == "rita"
    assert claim["history"][0]["detail"]["people"]["author"] == "rosa"


def test_an_assignee_in_the_file_is_provenance_not_an_assignment(app, editor, make_user):
    make_user("rosa", "reviewer")
    claim = imported(app, editor, document("open", None, assignee="rosa"))
    assert claim["assignee"] is None
    assert claim["history"][0]["detail"]["people"] == {"assignee": "rosa"}


def test_without_four_eyes_an_imported_approval_is_the_importers(app, editor, make_user):
    app.config["FOUR_EYES"] = False
    make_user("edna", "editor")
    claim = imported(app, editor, document("approved", "rita", "edna"))
    assert signatures(app, claim["id"]) == ("eddie", "eddie", "approved")
    assert claim["verdict"]["approved_at"] != "2024-05-02T10:00:00+00:00"  # when, here
    assert "approved by the importer" in claim["history"][0]["detail"]["approval"]


def test_the_import_notes_say_who_was_named_and_what_became_of_approvals(app, editor):
    r = editor.api(
        "POST", "/api/v1/articles?allow_duplicate=1", json=document("approved", "ghost", "rosa")
    )
    notes = r.get_json()["article"].get("import_notes")
    if notes is None:  # the document does not carry them: read them from the database
        from workbench.models import Article

        with app.app_context():
            notes = db.session.get(Article, r.get_json()["article"]["id"]).import_notes
    text = " ".join(notes)
    assert "ghost" in text and "rosa" in text and "not carried over" in text
