"""Span verbs (adjust, split, merge), grapheme-safe offsets, source edits and the preview."""

from __future__ import annotations

import pytest

from workbench.db import db
from workbench.models import Claim, ClaimStatus, Event
from workbench.services.claims import splits_cluster

TEXT = (
    "Published: March 3, 2025\n"
    "The council approved a $12-million budget on March 1, and it hired 40 new teachers.\n"
    "Café owners 👩‍👩‍👧 and 🇫🇷🇩🇪 fans cheered the mayor’s plan.\n"
)
SOURCE = {
    "url": "https://example.org/minutes",
    "title": "Council minutes",
    "publisher": "City of Example",
    "excerpt": "The council approved the budget.",
    "stance": "supports",
}


@pytest.fixture
def article(reviewer) -> dict:
    r = reviewer.api("POST", "/api/v1/articles", json={"text": TEXT, "title": "Spans"})
    assert r.status_code == 201, r.get_data(as_text=True)
    return r.get_json()


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _new_claim(reviewer, article, phrase: str) -> dict:
    start, end = _span(article["article"]["text"], phrase)
    r = reviewer.api(
        "POST",
        f"/api/v1/articles/{article['article']['id']}/claims",
        json={"start": start, "end": end},
    )
    assert r.status_code == 201, r.get_data(as_text=True)
    return r.get_json()


def _actions(app, claim_id: int) -> list[Event]:
    with app.app_context():
        rows = db.session.scalars(
            db.select(Event).where(Event.claim_id == claim_id).order_by(Event.id)
        ).all()
        return [(e.action, e.detail) for e in rows]


def test_adjust_span_rederives_figures_and_records_before_after(app, reviewer, article):
    claim = _new_claim(
        reviewer, article, "approved a $12-million budget on March 1, and it hired 40"
    )
    assert "money" in {f["category"] for f in claim["figures"]}
    start, _ = _span(article["article"]["text"], "approved a $12-million budget")
    end = start + len("approved a $12-million budget")
    r = reviewer.api(
        "PATCH",
        f"/api/v1/claims/{claim['id']}",
        json={"start": start, "end": end, "version": claim["version"]},
    )
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    assert body["quote"] == "approved a $12-million budget"
    assert [f["category"] for f in body["figures"]] == ["money"]  # the rest fell outside
    assert body["version"] > claim["version"]
    action, detail = _actions(app, claim["id"])[-1]
    assert action == "adjust-span"
    assert detail["before"]["end"] == claim["end"] and detail["after"]["end"] == end


def test_adjust_span_with_an_old_version_is_409_with_current(reviewer, article):
    """Threat S4.5."""
    claim = _new_claim(reviewer, article, "hired 40 new teachers")
    url = f"/api/v1/claims/{claim['id']}"
    body = {"start": claim["start"] - 4, "end": claim["end"], "version": claim["version"]}
    assert reviewer.api("PATCH", url, json=body).status_code == 200
    r = reviewer.api("PATCH", url, json={**body, "start": claim["start"]})
    assert r.status_code == 409
    assert r.get_json()["current"]["start"] == claim["start"] - 4


@pytest.mark.parametrize("path", ["", "/split", "/merge"])
def test_span_verbs_refuse_submitted_claims(reviewer, article, path):
    """Threat S4.3."""
    claim = _new_claim(reviewer, article, "hired 40 new teachers")
    other = _new_claim(reviewer, article, "fans cheered")
    url = f"/api/v1/claims/{claim['id']}"
    r = reviewer.api(
        "PUT", f"{url}/verdict", json={"rating": "true", "rationale": "ok", "version": 1}
    )
    version = r.get_json()["version"]
    version = reviewer.api("POST", f"{url}/submit", json={"version": version}).get_json()["version"]
    body = {
        "": {"start": claim["start"], "end": claim["end"] - 1, "version": version},
        "/split": {"at": claim["start"] + 6, "version": version},
        "/merge": {"next": other["id"], "version": version, "next_version": other["version"]},
    }[path]
    method = "PATCH" if path == "" else "POST"
    r = reviewer.api(method, url + path, json=body)
    assert r.status_code == 409, r.get_data(as_text=True)
    assert "locked" in r.get_json()["message"]


def test_split_makes_two_claims_with_their_own_figures(app, reviewer, article):
    claim = _new_claim(
        reviewer, article, "approved a $12-million budget on March 1, and it hired 40 new teachers"
    )
    text = article["article"]["text"]
    at = text.index("and it hired")
    r = reviewer.api(
        "POST", f"/api/v1/claims/{claim['id']}/split", json={"at": at, "version": claim["version"]}
    )
    assert r.status_code == 201, r.get_data(as_text=True)
    first, second = r.get_json()["claims"]
    assert first["quote"] == "approved a $12-million budget on March 1,"  # space trimmed
    assert second["quote"] == "and it hired 40 new teachers"
    assert "money" in {f["category"] for f in first["figures"]}
    assert [f["category"] for f in second["figures"]] == ["quantity"]
    for part in (first, second):
        assert all(part["start"] <= f["start"] < f["end"] <= part["end"] for f in part["figures"])
    assert _actions(app, claim["id"])[-1][0] == "split"
    assert _actions(app, second["id"])[-1][1]["split_from"] == claim["id"]


@pytest.mark.parametrize("at_offset", [0, 100])
def test_split_outside_the_claim_is_422(reviewer, article, at_offset):
    claim = _new_claim(reviewer, article, "hired 40 new teachers")
    at = claim["start"] + at_offset if at_offset else claim["start"]
    r = reviewer.api(
        "POST", f"/api/v1/claims/{claim['id']}/split", json={"at": at, "version": claim["version"]}
    )
    assert r.status_code == 422


def test_merge_joins_the_next_claim_and_dismisses_it(app, reviewer, article):
    first = _new_claim(reviewer, article, "approved a $12-million budget")
    second = _new_claim(reviewer, article, "hired 40 new teachers")
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{second['id']}/sources",
        json={**SOURCE, "version": second["version"]},
    )
    second_version = r.get_json()["version"]
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{first['id']}/merge",
        json={"next": second["id"], "version": first["version"], "next_version": second_version},
    )
    assert r.status_code == 200, r.get_data(as_text=True)
    merged = r.get_json()
    assert merged["quote"].startswith("approved a $12-million budget")
    assert merged["quote"].endswith("hired 40 new teachers")
    assert [s["url"] for s in merged["sources"]] == [SOURCE["url"]]
    assert {"money", "quantity"} <= {f["category"] for f in merged["figures"]}
    with app.app_context():
        gone = db.session.get(Claim, second["id"])
        assert gone.status is ClaimStatus.dismissed
        assert gone.dismiss_reason == f"merged into claim {first['id']}"
    assert _actions(app, first["id"])[-1][0] == "merge"


def test_merge_refuses_an_earlier_claim(reviewer, article):
    first = _new_claim(reviewer, article, "approved a $12-million budget")
    second = _new_claim(reviewer, article, "hired 40 new teachers")
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{second['id']}/merge",
        json={"next": first["id"], "version": second["version"], "next_version": first["version"]},
    )
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("text", "at", "inside"),
    [
        ("e\u0301t\u00e9", 1, True),  # before a combining accent
        ("e\u0301t\u00e9", 2, False),
        ("a👩\u200d👧b", 2, True),  # before the ZWJ
        ("a👩\u200d👧b", 3, True),  # right after the ZWJ
        ("a👩\u200d👧b", 4, False),
        ("a👍\U0001f3fdb", 2, True),  # before a skin-tone modifier
        ("a❤\ufe0fb", 2, True),  # before a variation selector
        ("a🇫🇷🇩🇪b", 2, True),  # between the two halves of a flag
        ("a🇫🇷🇩🇪b", 3, False),  # between two flags
        ("a🇫🇷🇩🇪b", 4, True),
        ("سلام عليكم", 4, False),
    ],
)
def test_grapheme_boundaries(text, at, inside):
    """Threat S2.9."""
    assert splits_cluster(text, at) is inside


def test_server_refuses_spans_inside_a_grapheme_cluster(reviewer, article):
    """Threat S2.9."""
    text = article["article"]["text"]
    url = f"/api/v1/articles/{article['article']['id']}/claims"
    start = text.index("Café")
    end = text.index("🇫🇷") + 1  # between the regional indicators of the French flag
    r = reviewer.api("POST", url, json={"start": start, "end": end})
    assert r.status_code == 422
    assert "end" in r.get_json()["fields"]
    zwj = text.index("\u200d")
    r = reviewer.api("POST", url, json={"start": start, "end": zwj + 1})
    assert r.status_code == 422
    r = reviewer.api("POST", url, json={"start": start, "end": end + 1})
    assert r.status_code == 201
    assert r.get_json()["quote"] == text[start : end + 1]


def test_sources_can_be_edited_and_removed_with_history(app, reviewer, article):
    claim = _new_claim(reviewer, article, "hired 40 new teachers")
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/sources",
        json={**SOURCE, "version": claim["version"]},
    )
    body = r.get_json()
    source_id = _source_id(app, claim["id"])
    r = reviewer.api(
        "PATCH",
        f"/api/v1/sources/{source_id}",
        json={"title": "Minutes, 1 March", "stance": "context", "version": body["version"]},
    )
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    assert body["sources"][0]["title"] == "Minutes, 1 March"
    assert body["sources"][0]["url"] == SOURCE["url"]
    r = reviewer.api(
        "PATCH",
        f"/api/v1/sources/{source_id}",
        json={"url": "javascript:alert(1)", "version": body["version"]},
    )
    assert r.status_code == 422
    assert r.get_json()["fields"]["url"] == "only http:// and https:// URLs can be sources"
    r = reviewer.api("DELETE", f"/api/v1/sources/{source_id}", json={"version": 1})
    assert r.status_code == 409
    r = reviewer.api("DELETE", f"/api/v1/sources/{source_id}", json={"version": body["version"]})
    assert r.status_code == 200
    assert r.get_json()["sources"] == []
    actions = [a for a, _ in _actions(app, claim["id"])]
    assert actions[-3:] == ["add-source", "edit-source", "remove-source"]
    detail = _actions(app, claim["id"])[-1][1]
    assert detail["before"]["title"] == "Minutes, 1 March"


def _source_id(app, claim_id: int) -> int:
    with app.app_context():
        return db.session.get(Claim, claim_id).sources[0].id


def test_source_edits_are_refused_on_submitted_claims(app, reviewer, article):
    """Threat S4.3."""
    claim = _new_claim(reviewer, article, "hired 40 new teachers")
    url = f"/api/v1/claims/{claim['id']}"
    v = reviewer.api("POST", f"{url}/sources", json={**SOURCE, "version": 1}).get_json()["version"]
    v = reviewer.api(
        "PUT", f"{url}/verdict", json={"rating": "true", "rationale": "Checked.", "version": v}
    ).get_json()["version"]
    v = reviewer.api("POST", f"{url}/submit", json={"version": v}).get_json()["version"]
    source_id = _source_id(app, claim["id"])
    r = reviewer.api("PATCH", f"/api/v1/sources/{source_id}", json={"title": "x", "version": v})
    assert r.status_code == 409
    r = reviewer.api("DELETE", f"/api/v1/sources/{source_id}", json={"version": v})
    assert r.status_code == 409


def test_the_same_url_twice_is_a_warning_not_an_error(reviewer, article):
    claim = _new_claim(reviewer, article, "hired 40 new teachers")
    url = f"/api/v1/claims/{claim['id']}/sources"
    r = reviewer.api("POST", url, json={**SOURCE, "version": claim["version"]})
    assert r.get_json()["warnings"] == []
    r = reviewer.api(
        "POST", url, json={**SOURCE, "title": "Again", "version": r.get_json()["version"]}
    )
    assert r.status_code == 201
    assert r.get_json()["warnings"] == [f"the URL {SOURCE['url']} is attached more than once"]
    page = reviewer.get(f"/claims/{claim['id']}").get_data(as_text=True)
    assert page.count("attached to this claim more than once") == 2


def _source_at(reviewer, article, address: str):
    """A new claim with one source at this address: the claim and the API's answer."""
    claim = _new_claim(reviewer, article, "hired 40 new teachers")
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/sources",
        json={**SOURCE, "url": address, "version": claim["version"]},
    )
    assert r.status_code == 201, r.get_data(as_text=True)
    return claim, r


@pytest.mark.parametrize(
    ("address", "real_host"),
    [
        ("https://p\u0430ypal.com/statement", "xn--pypal-4ve.com"),  # one Cyrillic "а"
        ("https://\u0440\u0430\u0443\u0440\u0430l.com/", "xn--l-7sba6dbr.com"),  # Cyrillic + Latin
        ("https://g\u043e\u043egle.com/", "xn--ggle-55da.com"),
    ],
)
def test_a_look_alike_host_is_flagged_and_shown_as_punycode(reviewer, article, address, real_host):
    """S2.13: a source host that mixes alphabets or imitates Latin letters is kept (it
    may be real) but flagged, and the panel shows the host it really is."""
    claim, r = _source_at(reviewer, article, address)
    (warning,) = r.get_json()["warnings"]
    assert warning.endswith(f"it is really {real_host}")
    page = reviewer.get(f"/claims/{claim['id']}").get_data(as_text=True)
    assert f"its host is really <code>{real_host}</code>" in page


@pytest.mark.parametrize(
    "address",
    [
        "https://b\u00fccher.de/",
        "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/",
        "https://example.org/",
    ],
)
def test_a_genuine_host_in_one_alphabet_is_not_flagged(reviewer, article, address):
    """Threat S2.13."""
    claim, r = _source_at(reviewer, article, address)
    assert r.get_json()["warnings"] == []
    assert "its host is really" not in reviewer.get(f"/claims/{claim['id']}").get_data(as_text=True)


def test_preview_renders_sanitized_markdown(reviewer):
    """Threat S5.1."""
    r = reviewer.api(
        "POST", "/api/v1/preview", json={"markdown": "**bold** <script>alert(1)</script>"}
    )
    assert r.status_code == 200
    html = r.get_json()["html"]
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert reviewer.api("POST", "/api/v1/preview", json={"markdown": 5}).status_code == 422


def test_openapi_lists_the_span_and_source_routes(reviewer):
    paths = reviewer.get("/api/v1/openapi.json").get_json()["paths"]
    assert "patch" in paths["/claims/{claim_id}"]
    assert {"/claims/{claim_id}/split", "/claims/{claim_id}/merge", "/preview"} <= set(paths)
    assert {"patch", "delete"} <= set(paths["/sources/{source_id}"])


def _claim_count(reviewer, article_id: int) -> int:
    return len(reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"])


def test_a_span_of_only_white_space_or_too_long_is_refused(reviewer):
    """S2.7: a blank span and one wider than the cap are 422, and nothing is added."""
    from workbench.services.claims import MAX_CLAIM_CHARS

    words = "word " * (MAX_CLAIM_CHARS // 5 + 10)
    text = f"Published: March 3, 2025\nThe budget grew.   \n{words}\n"
    r = reviewer.api("POST", "/api/v1/articles", json={"text": text, "title": "Wide"})
    assert r.status_code == 201, r.get_data(as_text=True)
    doc = r.get_json()
    article_id, canonical = doc["article"]["id"], doc["article"]["text"]
    before = _claim_count(reviewer, article_id)
    blank = canonical.index("   ")
    url = f"/api/v1/articles/{article_id}/claims"
    r = reviewer.api("POST", url, json={"start": blank, "end": blank + 3})
    assert r.status_code == 422
    assert "white space" in r.get_json()["message"]
    wide = canonical.index("word")
    r = reviewer.api("POST", url, json={"start": wide, "end": wide + MAX_CLAIM_CHARS + 4})
    assert r.status_code == 422
    assert f"at most {MAX_CLAIM_CHARS} characters" in r.get_json()["message"]
    assert _claim_count(reviewer, article_id) == before
    # at the cap exactly it is a claim (a word boundary at wide + MAX_CLAIM_CHARS - 1)
    r = reviewer.api("POST", url, json={"start": wide, "end": wide + MAX_CLAIM_CHARS - 1})
    assert r.status_code == 201, r.get_data(as_text=True)


def test_an_article_holds_a_bounded_number_of_claims(reviewer, article, monkeypatch):
    """S2.7: past the per-article cap a new claim is 422 with the cap in the message."""
    import workbench.services.claims as claims_service

    count = _claim_count(reviewer, article["article"]["id"])
    monkeypatch.setattr(claims_service, "MAX_CLAIMS_PER_ARTICLE", count + 1)
    _new_claim(reviewer, article, "hired")  # the last one allowed
    start, end = _span(article["article"]["text"], "cheered")
    r = reviewer.api(
        "POST",
        f"/api/v1/articles/{article['article']['id']}/claims",
        json={"start": start, "end": end},
    )
    assert r.status_code == 422
    assert f"at most {count + 1} claims" in r.get_json()["message"]
    assert _claim_count(reviewer, article["article"]["id"]) == count + 1
