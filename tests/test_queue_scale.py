"""Queues at a newsroom's scale (issue 13): the approval count is capped, and "my queue"
holds both the assigned claims and the claims returned on the reviewer's own verdicts."""

from __future__ import annotations

from workbench.services.queries import approvals

from .test_trust_four_eyes import _api


def _submit_all(reviewer, article_id: int) -> list[int]:
    claims = _api(reviewer, "GET", f"/api/v1/articles/{article_id}")["claims"]
    ids = []
    for claim in claims[:3]:
        cid, v = claim["id"], claim["version"]
        v = _api(
            reviewer,
            "PUT",
            f"/api/v1/claims/{cid}/verdict",
            {"version": v, "rating": "true", "rationale": "Checked against the budget."},
        )["version"]
        _api(reviewer, "POST", f"/api/v1/claims/{cid}/submit", {"version": v})
        ids.append(cid)
    return ids


def test_the_dashboard_says_more_than_the_cap(reviewer, editor, article_id, monkeypatch):
    assert len(_submit_all(reviewer, article_id)) == 3
    page = editor.get("/").get_data(as_text=True)
    assert '<small class="count">(3)</small>' in page
    monkeypatch.setattr(approvals, "COUNT_CAP", 2)
    page = editor.get("/").get_data(as_text=True)
    assert '<small class="count">(more than 2)</small>' in page


def test_my_queue_lists_assigned_and_returned_claims(reviewer, editor, article_id):
    submitted = _submit_all(reviewer, article_id)
    returned = submitted[0]
    v = _api(editor, "GET", f"/api/v1/claims/{returned}")["version"]
    _api(
        editor,
        "POST",
        f"/api/v1/claims/{returned}/return",
        {"version": v, "note": "Which budget line?"},
    )
    page = reviewer.get("/").get_data(as_text=True)
    start = page.index('id="queue-heading"')
    queue = page[start : page.index("</section>", start)]
    assert f"/claims/{returned}" in queue or f"claim={returned}" in queue
    assert "Which budget line?" in queue
