"""The JSON API: import, claims, sources, verdicts, moves, and one error shape for bad input."""

from __future__ import annotations

import pytest

from .conftest import SAMPLE_TEXT


def _first_claim(reviewer, article_id):
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    return doc["claims"][0]


def test_import_returns_the_document(reviewer):
    r = reviewer.api("POST", "/api/v1/articles", json={"text": SAMPLE_TEXT, "title": "Budget"})
    assert r.status_code == 201
    doc = r.get_json()
    assert doc["article"]["title"] == "Budget"
    assert doc["article"]["published"] == "2025-03-03"
    assert r.headers["Location"].endswith(f"/api/v1/articles/{doc['article']['id']}")
    for claim in doc["claims"]:
        assert claim["quote"] == doc["article"]["text"][claim["start"] : claim["end"]]


def test_same_text_twice_is_a_conflict_pointing_at_the_first(reviewer, article_id):
    """Threat S3.11."""
    r = reviewer.api("POST", "/api/v1/articles", json={"text": SAMPLE_TEXT})
    assert r.status_code == 409
    assert r.get_json()["existing"]["id"] == article_id


def test_html_import_drops_scripts(reviewer):
    """Threat S2.10."""
    html = (
        "<html><head><title>T</title><script>alert(1)</script></head>"
        "<body><p>The city spent $5 million in 2024.</p></body></html>"
    )
    r = reviewer.api("POST", "/api/v1/articles", json={"html": html})
    assert r.status_code == 201
    text = r.get_json()["article"]["text"]
    assert "alert" not in text
    assert "$5 million" in text


def test_list_is_paginated_and_clamped(reviewer, article_id):
    """Threat S2.4."""
    r = reviewer.api("GET", "/api/v1/articles?limit=1000000000&offset=0")
    body = r.get_json()
    assert r.status_code == 200 and body["limit"] == 200 and body["total"] == 1
    assert reviewer.api("GET", "/api/v1/articles?offset=-1").status_code == 422


def test_claim_workflow_through_the_api(reviewer, editor, article_id):
    claim = _first_claim(reviewer, article_id)
    cid, v = claim["id"], claim["version"]
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{cid}/sources",
        json={"url": "https://example.org/a", "title": "A", "stance": "supports", "version": v},
    )
    assert r.status_code == 201
    v = r.get_json()["version"]
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "true", "rationale": "ok", "version": v},
    )
    assert r.status_code == 200
    v = r.get_json()["version"]
    r = reviewer.api("POST", f"/api/v1/claims/{cid}/submit", json={"version": v})
    assert r.get_json()["status"] == "submitted"
    v = r.get_json()["version"]
    assert (
        reviewer.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v}).status_code
        == 403
    )
    r = editor.api("POST", f"/api/v1/claims/{cid}/approve", json={"version": v})
    body = r.get_json()
    assert r.status_code == 200 and body["status"] == "approved"
    assert body["verdict"]["approved_by"] == "eddie"
    assert [h["action"] for h in body["history"]] == ["add-source", "verdict", "submit", "approve"]


def test_stale_version_answers_409_with_the_current_claim(reviewer, article_id):
    """Threat S4.5."""
    claim = _first_claim(reviewer, article_id)
    cid, v = claim["id"], claim["version"]
    reviewer.api("PUT", f"/api/v1/claims/{cid}/verdict", json={"rating": "true", "version": v})
    r = reviewer.api("PUT", f"/api/v1/claims/{cid}/verdict", json={"rating": "false", "version": v})
    assert r.status_code == 409
    body = r.get_json()
    assert body["error"] == "conflict"
    assert body["current"]["verdict"]["rating"] == "true"
    assert body["current"]["version"] == v + 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"start": 5, "end": 2}, 422),
        ({"start": -1, "end": 2}, 422),
        ({"start": 0, "end": 10**9}, 422),
        ({"start": "0", "end": 4}, 422),
        ({"start": 1.5, "end": 4}, 422),
        ({"start": True, "end": 4}, 422),
        ({"start": None, "end": 4}, 422),
        ({"start": 3, "end": 3}, 422),
    ],
)
def test_bad_offsets_are_422(reviewer, article_id, body, status):
    """Threat S2.2."""
    r = reviewer.api("POST", f"/api/v1/articles/{article_id}/claims", json=body)
    assert r.status_code == status
    assert r.get_json()["error"] == "invalid"


def test_new_claim_offsets_are_code_points(reviewer):
    """Threat S2.9."""
    text = "A😀B costs $5 million.\nSecond line."
    r = reviewer.api("POST", "/api/v1/articles", json={"text": text, "title": "Emoji"})
    aid = r.get_json()["article"]["id"]
    r = reviewer.api("POST", f"/api/v1/articles/{aid}/claims", json={"start": 2, "end": 3})
    assert r.status_code == 201
    assert r.get_json()["quote"] == "B"


def _raw(client, body: bytes, content_type="application/json"):
    return client.http.post(
        "/api/v1/articles",
        data=body,
        headers={"Content-Type": content_type, "X-CSRFToken": client.token or client.csrf()},
    )


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"text": "x"', "application/json", 400),
        (b'{"text": "a", "text": "b"}', "application/json", 400),
        (b'{"text": NaN}', "application/json", 400),
        (b'{"text": Infinity}', "application/json", 400),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 400),
        (b'{"text": "\\ud800"}', "application/json", 400),
        ('{"text": "x"}'.encode("utf-16"), "application/json", 400),
        (b'\xef\xbb\xbf{"text": "x"}', "application/json", 400),
        (b'{"text": "x"}', "text/plain", 415),
        (b'{"start": ' + b"9" * 5000 + b"}", "application/json", 400),
    ],
)
def test_malformed_bodies_get_clear_4xx(reviewer, body, content_type, status):
    """Threat S2.1."""
    r = _raw(reviewer, body, content_type)
    assert r.status_code == status
    assert set(r.get_json()) >= {"error", "message"}


def test_nul_and_controls_are_removed_at_import(reviewer):
    """Threat S2.6."""
    r = reviewer.api(
        "POST", "/api/v1/articles", json={"text": "Costs\x00 rose\x07 by $5 million.\r\nNext."}
    )
    text = r.get_json()["article"]["text"]
    assert "\x00" not in text and "\x07" not in text and "\r" not in text


def test_oversized_body_is_413(reviewer, app):
    """Threat S2.7."""
    app.config["MAX_CONTENT_LENGTH"] = 1000
    r = _raw(reviewer, b'{"text": "' + b"a" * 5000 + b'"}')
    assert r.status_code == 413
    assert r.get_json()["error"]


def test_unknown_objects_are_json_404(reviewer):
    """Threat S4.1."""
    assert reviewer.api("GET", "/api/v1/articles/424242").get_json()["error"] == "not_found"
    assert reviewer.api("GET", "/api/v1/claims/424242").status_code == 404
    assert reviewer.api("GET", "/api/v1/nothing-here").get_json()["error"] == "not_found"


def test_unknown_export_format_is_422(reviewer, article_id):
    r = reviewer.api("GET", f"/api/v1/articles/{article_id}/export?format=pdf")
    assert r.status_code == 422


def test_openapi_document_lists_the_core_routes(reviewer):
    doc = reviewer.api("GET", "/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    for path in (
        "/articles",
        "/articles/{article_id}/export",
        "/claims/{claim_id}/verdict",
        "/claims/{claim_id}/approve",
    ):
        assert path in doc["paths"]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)//", "data:text/html,x", "https://exa mple.org/", "ftp://x.org/"]
)
def test_article_source_url_must_be_http(reviewer, url):
    """Threat S2.12."""
    r = reviewer.api("POST", "/api/v1/articles", json={"text": "Costs rose 5%.", "source_url": url})
    assert r.status_code == 422
    assert "Source URL" in r.get_json()["message"]


def test_control_characters_in_article_metadata_are_removed(reviewer):
    """Threat S2.6."""
    r = reviewer.api(
        "POST",
        "/api/v1/articles",
        json={"text": "Costs rose 5%.", "title": "Bud\x00get", "byline": "A\x07nn"},
    )
    assert r.status_code == 201
    article = r.get_json()["article"]
    assert (article["title"], article["byline"]) == ("Budget", "Ann")
