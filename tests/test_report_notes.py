"""The HTML report names notes as the workbench names claims, and keeps adjacent marks apart."""

from __future__ import annotations

import re

TEXT = (
    "Council report\n"
    "The council approved a $12-million budget on March 1, 2025.\n"
    "It hired 40 new teachers in 2024, the mayor said.\n"
)


def _article(client) -> tuple[int, list[dict]]:
    response = client.api("POST", "/api/v1/articles", json={"text": TEXT, "title": "Budget"})
    assert response.status_code == 201, response.get_data(as_text=True)
    article_id = response.get_json()["article"]["id"]
    claims = client.get(f"/api/v1/articles/{article_id}").get_json()["claims"]
    assert len(claims) == 2 and all(c["start"] > 0 for c in claims)
    return article_id, claims


def _add(client, article_id, start, end) -> int:
    response = client.api(
        "POST", f"/api/v1/articles/{article_id}/claims", json={"start": start, "end": end}
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    return body["claim"]["id"] if "claim" in body else body["id"]


def _report(client, article_id) -> str:
    response = client.get(f"/api/v1/articles/{article_id}/export?format=html")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html[html.index("<main>") :]


def test_notes_carry_the_claim_id_even_when_text_order_differs(reviewer):
    article_id, claims = _article(reviewer)
    # A claim added now gets the highest id but comes first in the text.
    new_id = _add(reviewer, article_id, 0, len("Council report"))
    assert new_id > max(c["id"] for c in claims)
    html = _report(reviewer, article_id)
    refs = re.findall(r'<a id="ref-(\d+)" href="#note-(\d+)">(\d+)</a>', html)
    assert [tuple(map(int, r)) for r in refs] == [
        (cid, cid, cid) for cid in [new_id, *(c["id"] for c in claims)]
    ]
    notes = re.findall(r'<li id="note-(\d+)" value="(\d+)">', html)
    assert [(int(a), int(b)) for a, b in notes] == [
        (cid, cid) for cid in [new_id, *(c["id"] for c in claims)]
    ]


def test_marks_of_claims_ending_together_are_separated(reviewer):
    article_id, claims = _article(reviewer)
    outer = claims[0]
    inner_id = _add(reviewer, article_id, outer["end"] - 8, outer["end"])
    html = _report(reviewer, article_id)
    pair = sorted([outer["id"], inner_id])
    expected = ",".join(f'<a id="ref-{c}" href="#note-{c}">{c}</a>' for c in pair)
    assert f'<sup class="ref">{expected}</sup>' in html
    assert "</sup><sup" not in html, "no two superscripts run together"
