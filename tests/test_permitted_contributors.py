"""Issue 10: the claim panel hides Approve from everyone four-eyes counts as an author.

The server refuses an approval from anyone who wrote the verdict, submitted it or changed
its claim's span or sources (the verdict's contributors). `permitted()` and the editor's
approval queue must say the same, without one more query per listed claim.
"""

# Threat model (docs/threat-model.md): S4.2, S4.8.

from __future__ import annotations

import re

from workbench.db import db
from workbench.models import Claim, User
from workbench.services.queries.approvals import awaiting_approval
from workbench.services.review import permitted

from .conftest import Client
from .test_queries import count_queries
from .test_trust_four_eyes import _api, _approved_claim, _reopen, _second_editor


def _contributed_claim(reviewer: Client, editor: Client, article_id: int) -> int:
    """A reviewer's verdict, reopened by the editor who moves the span and submits it."""
    claim = _approved_claim(reviewer, editor, article_id)
    cid = claim["id"]
    v = _reopen(editor, claim)
    v = _api(
        editor,
        "PATCH",
        f"/api/v1/claims/{cid}",
        {"version": v, "start": claim["start"], "end": claim["end"] - 1},
    )["version"]
    _api(editor, "POST", f"/api/v1/claims/{cid}/submit", {"version": v})
    return cid


def _user(name: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == name))


def test_a_contributor_is_not_offered_approve(app, reviewer, editor, article_id, make_user):
    cid = _contributed_claim(reviewer, editor, article_id)
    other = _second_editor(app, make_user)
    with app.app_context():
        claim = db.session.get(Claim, cid)
        assert claim.verdict.author_id != _user("eddie").id  # a contributor, not the author
        assert not permitted(claim, _user("eddie")).can("approve")
        assert permitted(claim, _user("erin")).can("approve")
    mine = editor.get(f"/claims/{cid}/panel").get_data(as_text=True)
    assert 'data-action="approve"' not in mine and "four-eyes rule" in mine
    assert '"approve"' not in re.search(r"data-permitted='([^']*)'", mine).group(1)
    theirs = other.get(f"/claims/{cid}/panel").get_data(as_text=True)
    assert 'data-action="approve"' in theirs
    # what the panel offers is what the server accepts
    v = _api(editor, "GET", f"/api/v1/claims/{cid}")["version"]
    assert (
        editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v}).status_code == 403
    )


def test_the_approval_queue_leaves_out_contributors_in_one_query(
    app, reviewer, editor, article_id, make_user
):
    cid = _contributed_claim(reviewer, editor, article_id)
    _second_editor(app, make_user)
    with app.app_context():
        eddie, erin = _user("eddie"), _user("erin")
        assert cid not in [c.id for c in awaiting_approval(eddie)]
        db.session.expunge_all()
        with count_queries(app) as statements:
            queue = awaiting_approval(erin)
        assert [c.id for c in queue] == [cid]
        # queue lines, contributors left out in SQL: one query, none per row
        assert len(statements) <= 1, statements
