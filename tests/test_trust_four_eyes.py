"""Issue 10 #3: four-eyes counts everyone who shaped a verdict, not only who typed it.

An editor who reopens an approved claim, moves its span onto another sentence (or swaps its
sources) and submits it must not approve it alone: the change makes them an author, and the
claim's history says so.
"""

# Threat model (docs/threat-model.md): S4.8.

from __future__ import annotations

import pytest

from .conftest import Client


def _api(client: Client, method: str, url: str, body: dict | None = None, expect: int = 200):
    r = client.api(method, url, json=body)
    assert r.status_code == expect, (url, r.status_code, r.get_data(as_text=True)[:400])
    return r.get_json()


def _approved_claim(reviewer: Client, editor: Client, article_id: int) -> dict:
    """A claim with a source, a reviewer's verdict and an editor's approval."""
    doc = _api(reviewer, "GET", f"/api/v1/articles/{article_id}")
    claim = doc["claims"][0]
    cid, v = claim["id"], claim["version"]
    source = {
        "url": "https://example.org/budget",
        "title": "Budget",
        "stance": "supports",
    }
    v = _api(reviewer, "POST", f"/api/v1/claims/{cid}/sources", {**source, "version": v}, 201)[
        "version"
    ]
    v = _api(
        reviewer,
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        {"rating": "true", "rationale": "As said.", "version": v},
    )["version"]
    v = _api(reviewer, "POST", f"/api/v1/claims/{cid}/submit", {"version": v})["version"]
    v = _api(editor, "POST", f"/api/v1/claims/{cid}/approve", {"version": v})["version"]
    return _api(editor, "GET", f"/api/v1/claims/{cid}")


def _reopen(editor: Client, claim: dict) -> int:
    cid = claim["id"]
    return _api(
        editor,
        "POST",
        f"/api/v1/claims/{cid}/reopen",
        {"version": claim["version"], "reason": "look again"},
    )["version"]


def _submit_and_try_to_approve(editor: Client, cid: int, v: int):
    v = _api(editor, "POST", f"/api/v1/claims/{cid}/submit", {"version": v})["version"]
    return v, editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})


def _second_editor(app, make_user) -> Client:
    make_user("erin", "editor")
    other = Client(app)
    assert other.login("erin").status_code == 302
    return other


def test_moving_the_span_of_a_reopened_claim_makes_the_editor_an_author(
    app, reviewer, editor, article_id, make_user
):
    claim = _approved_claim(reviewer, editor, article_id)
    cid = claim["id"]
    v = _reopen(editor, claim)
    v = _api(
        editor,
        "PATCH",
        f"/api/v1/claims/{cid}",
        {"version": v, "start": claim["start"], "end": claim["end"] - 1},
    )["version"]
    v, r = _submit_and_try_to_approve(editor, cid, v)
    assert r.status_code == 403, r.get_data(as_text=True)
    assert "four-eyes" in r.get_json()["message"]
    history = _api(editor, "GET", f"/api/v1/claims/{cid}")["history"]
    moved = next(e for e in history if e["action"] == "adjust-span")
    assert moved["actor"] == "eddie" and moved["detail"]["counts_as_author"] is True
    # Another editor, who changed nothing, may approve it.
    other = _second_editor(app, make_user)
    r = other.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})
    assert r.status_code == 200
    assert r.get_json()["verdict"]["approved_by"] == "erin"


@pytest.mark.parametrize("change", ["add", "edit", "remove"])
def test_changing_the_sources_of_a_reopened_claim_makes_the_editor_an_author(
    reviewer, editor, article_id, change
):
    claim = _approved_claim(reviewer, editor, article_id)
    cid = claim["id"]
    v = _reopen(editor, claim)
    source_id = claim["sources"][0]["id"]
    if change == "add":
        body = {"url": "https://example.org/other", "title": "Other", "stance": "refutes"}
        _api(editor, "POST", f"/api/v1/claims/{cid}/sources", {**body, "version": v}, 201)
    elif change == "edit":
        body = {"url": "https://example.org/swapped", "version": v}
        _api(editor, "PATCH", f"/api/v1/sources/{source_id}", body)
    else:
        _api(editor, "DELETE", f"/api/v1/sources/{source_id}", {"version": v})
    v = _api(editor, "GET", f"/api/v1/claims/{cid}")["version"]
    _v, r = _submit_and_try_to_approve(editor, cid, v)
    assert r.status_code == 403, r.get_data(as_text=True)
    history = _api(editor, "GET", f"/api/v1/claims/{cid}")["history"]
    action = {"add": "add-source", "edit": "edit-source", "remove": "remove-source"}[change]
    changed = [e for e in history if e["action"] == action][-1]
    assert changed["actor"] == "eddie" and changed["detail"]["counts_as_author"] is True


def test_an_editor_who_submits_counts_as_an_author(reviewer, editor, article_id):
    """Reopen and submit again unchanged: the submitting editor cannot approve alone."""
    claim = _approved_claim(reviewer, editor, article_id)
    v = _reopen(editor, claim)
    _v, r = _submit_and_try_to_approve(editor, claim["id"], v)
    assert r.status_code == 403
    history = _api(editor, "GET", f"/api/v1/claims/{claim['id']}")["history"]
    assert [e for e in history if e["action"] == "submit"][-1]["detail"]["counts_as_author"]


def test_an_earlier_author_stays_an_author_when_someone_rewrites_the_verdict(
    app, reviewer, editor, article_id, make_user
):
    doc = _api(reviewer, "GET", f"/api/v1/articles/{article_id}")
    cid, v = doc["claims"][0]["id"], doc["claims"][0]["version"]
    verdict = {"rating": "false", "rationale": "Wrong figure."}
    v = _api(editor, "PUT", f"/api/v1/claims/{cid}/verdict", {**verdict, "version": v})["version"]
    v = _api(reviewer, "PUT", f"/api/v1/claims/{cid}/verdict", {**verdict, "version": v})["version"]
    v = _api(reviewer, "POST", f"/api/v1/claims/{cid}/submit", {"version": v})["version"]
    r = editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})
    assert r.status_code == 403


def test_changes_before_a_verdict_exists_do_not_count(reviewer, editor, article_id):
    """The rule is about changing what an existing verdict is about: an editor who set the
    span before anyone wrote a verdict may still approve the reviewer's verdict."""
    doc = _api(reviewer, "GET", f"/api/v1/articles/{article_id}")
    claim = doc["claims"][0]
    cid = claim["id"]
    v = _api(
        editor,
        "PATCH",
        f"/api/v1/claims/{cid}",
        {"version": claim["version"], "start": claim["start"], "end": claim["end"] - 1},
    )["version"]
    v = _api(
        reviewer,
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        {"rating": "true", "rationale": "Checked.", "version": v},
    )["version"]
    v = _api(reviewer, "POST", f"/api/v1/claims/{cid}/submit", {"version": v})["version"]
    r = editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})
    assert r.status_code == 200


def test_four_eyes_off_lets_the_editor_approve(app, reviewer, editor, article_id):
    app.config["FOUR_EYES"] = False
    claim = _approved_claim(reviewer, editor, article_id)
    v = _reopen(editor, claim)
    _v, r = _submit_and_try_to_approve(editor, claim["id"], v)
    assert r.status_code == 200
