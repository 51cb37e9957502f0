"""Allowed moves and editability: computed once (services.review.permitted) and handed to the
claim panel's template and, as data attributes, to its script."""

from __future__ import annotations

import html
import json
import re
from types import SimpleNamespace

import pytest

from workbench.models import Claim, ClaimStatus
from workbench.services.review import MOVES, permitted

S = ClaimStatus
REVIEWER = SimpleNamespace(is_editor=False)
EDITOR = SimpleNamespace(is_editor=True)

# status -> (moves for a reviewer, moves for an editor, sources/verdict editable, span editable)
EXPECTED = {
    S.open: ({"submit", "dismiss"}, {"submit", "dismiss"}, True, True),
    S.returned: ({"submit", "dismiss"}, {"submit", "dismiss"}, True, True),
    S.submitted: (set(), {"approve", "return"}, False, False),
    S.approved: (set(), {"reopen"}, False, False),
    S.dismissed: ({"restore"}, {"restore"}, False, False),
}


@pytest.mark.parametrize("status", list(S))
def test_permitted_moves_and_editability_for_every_status_and_role(status):
    reviewer_moves, editor_moves, editable, span_editable = EXPECTED[status]
    claim = SimpleNamespace(status=status, verdict=None)
    for user, moves in ((REVIEWER, reviewer_moves), (EDITOR, editor_moves)):
        p = permitted(claim, user)
        assert set(p.moves) == moves
        assert all(p.can(a) == (a in moves) for a in MOVES)
        assert p.editable is editable and p.span_editable is span_editable
        assert p.assign is (user.is_editor and status is not S.approved)
        # The script gets the same answer, with what each move needs and what it says.
        data = p.as_json()
        assert set(data["moves"]) == moves
        for action, m in data["moves"].items():
            assert m == {
                "label": MOVES[action].label,
                "target": MOVES[action].target.value,
                "needs": MOVES[action].needs,
                "done": MOVES[action].done,
            }
            assert m["label"] and m["done"]
        assert json.loads(json.dumps(data)) == data


def test_merge_needs_both_claims_span_editable():
    p = permitted(SimpleNamespace(status=S.open), REVIEWER)
    assert p.can_merge_with(S.returned) and not p.can_merge_with(S.submitted)
    dismissed = permitted(SimpleNamespace(status=S.dismissed), REVIEWER)
    assert not dismissed.can_merge_with(S.open)


def _panel_data(client, claim_id: int) -> tuple[dict, dict, str]:
    page = client.get(f"/claims/{claim_id}/panel").get_data(as_text=True)
    permitted_json = re.search(r"data-permitted='([^']*)'", page).group(1)
    urls_json = re.search(r"data-urls='([^']*)'", page).group(1)
    return json.loads(html.unescape(permitted_json)), json.loads(html.unescape(urls_json)), page


def test_the_panel_carries_the_permitted_moves_and_the_urls_its_script_calls(
    app, reviewer, editor, article_id
):
    from workbench.db import db

    with app.app_context():
        claim_id = db.session.scalar(
            db.select(Claim.id).where(Claim.article_id == article_id).limit(1)
        )
    data, urls, page = _panel_data(reviewer, claim_id)
    assert set(data["moves"]) == {"submit", "dismiss"}
    assert data["editable"] is True and data["assign"] is False
    assert 'data-action="submit"' in page and 'data-action="dismiss"' in page
    assert 'data-action="approve"' not in page and 'data-action="restore"' not in page
    assert urls["claim"] == f"/api/v1/claims/{claim_id}"
    assert urls["panel"] == f"/claims/{claim_id}/panel"
    assert urls["moves"]["dismiss"] == f"/api/v1/claims/{claim_id}/dismiss"
    assert urls["check_source"] == f"/api/v1/claims/{claim_id}/sources/check"
    editor_data, _, _ = _panel_data(editor, claim_id)
    assert editor_data["assign"] is True
    # Every URL handed to the script answers (GET) or exists for its method.
    for url in (urls["panel"], urls["claim"]):
        assert reviewer.get(url).status_code == 200
