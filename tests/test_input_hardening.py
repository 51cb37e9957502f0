"""Hostile input through the API and the forms: each a clear 4xx with nothing half written,
or cleaned before it is stored; never a 500."""

from __future__ import annotations

import pytest

from workbench.db import db
from workbench.errors import Conflict, Invalid
from workbench.models import Claim, Role, Source
from workbench.services import accounts

from .conftest import TEST_PASSWORD
from .helpers import claim_unchanged, first_claim


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "javascript\u200b:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://exa\u200bmple.org/",
        "https://example.org/\u202egnp.exe",
        "https://example.org/a\x00b",
        "http://user:pw@example.org/",
        "http://127.0.0.1\\@1.1.1.1/",
        "https://example.org/" + "a" * 3000,
    ],
)
def test_hostile_source_urls_are_422_and_nothing_is_stored(app, reviewer, article_id, url):
    """Threat S2.12."""
    claim = first_claim(reviewer, article_id)
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/sources",
        json={"url": url, "title": "T", "stance": "supports", "version": claim["version"]},
    )
    assert r.status_code == 422
    assert r.get_json()["fields"]["url"]
    assert claim_unchanged(app, claim["id"], claim["version"])


def test_nul_and_controls_in_source_fields_and_rationale_are_removed(app, reviewer, article_id):
    """Threat S2.6."""
    claim = first_claim(reviewer, article_id)
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/sources",
        json={
            "url": "https://example.org/a",
            "title": "Min\x00utes\x07",
            "publisher": "City\x1b",
            "excerpt": "line\x00one\nline two",
            "stance": "supports",
            "version": claim["version"],
        },
    )
    assert r.status_code == 201, r.get_data(as_text=True)
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "true", "rationale": "ok\x00 then", "version": r.json["version"]},
    )
    assert r.status_code == 200
    with app.app_context():
        source = db.session.scalar(db.select(Source))
        assert (source.title, source.publisher) == ("Minutes", "City")
        assert source.excerpt == "lineone\nline two"
        assert db.session.get(Claim, claim["id"]).verdict.rationale == "ok then"


def test_oversized_rationale_is_refused(app, reviewer, article_id):
    """Threat S2.7."""
    claim = first_claim(reviewer, article_id)
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "false", "rationale": ">" * 100_000, "version": claim["version"]},
    )
    assert r.status_code == 422
    assert claim_unchanged(app, claim["id"], claim["version"])


@pytest.mark.parametrize(
    "field, value",
    [("title", {"x": 1}), ("publisher", ["p"]), ("published", 20240101), ("excerpt", 5)],
)
def test_source_fields_of_the_wrong_type_are_422(app, reviewer, article_id, field, value):
    """Threat S2.2."""
    claim = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]
    body = {"url": "https://example.org/", "title": "T", "stance": "supports"}
    body.update({field: value, "version": claim["version"]})
    r = reviewer.api("POST", f"/api/v1/claims/{claim['id']}/sources", json=body)
    assert r.status_code == 422
    assert r.get_json()["fields"][field] == "must be a string"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Source.id))) == 0


def test_mass_assignment_on_a_claim_is_refused(app, reviewer, article_id):
    """S2.3: status, ids and authors are not PATCHable fields."""
    claim = first_claim(reviewer, article_id)
    r = reviewer.api(
        "PATCH",
        f"/api/v1/claims/{claim['id']}",
        json={
            "status": "approved",
            "approved_by": 1,
            "article_id": 7,
            "id": 99,
            "version": claim["version"],
        },
    )
    assert r.status_code == 422
    assert set(r.get_json()["fields"]) == {"status", "approved_by", "article_id", "id"}
    assert claim_unchanged(app, claim["id"], claim["version"])


def test_prototype_pollution_keys_are_refused_on_patch(app, reviewer, article_id):
    """S2.3"""
    claim = first_claim(reviewer, article_id)
    r = reviewer.api(
        "PATCH",
        f"/api/v1/claims/{claim['id']}",
        json={"__proto__": {"admin": True}, "constructor": 1, "version": claim["version"]},
    )
    assert r.status_code == 422


@pytest.mark.parametrize("version", ["1", None, 1.5, True, "NaN", [1], {"v": 1}])
def test_versions_must_be_whole_numbers(app, reviewer, article_id, version):
    """Threat S2.2."""
    claim = first_claim(reviewer, article_id)
    r = reviewer.api(
        "PUT",
        f"/api/v1/claims/{claim['id']}/verdict",
        json={"rating": "true", "rationale": "Checked.", "version": version},
    )
    assert r.status_code == 422
    assert claim_unchanged(app, claim["id"], claim["version"])


@pytest.mark.parametrize(
    "query", ["sort=password_hash", "sort=author__password", "sort=id;drop table users"]
)
def test_sort_is_an_allow_list(reviewer, query):
    """S2.4"""
    r = reviewer.api("GET", f"/api/v1/claims?{query}")
    assert r.status_code == 400
    assert "sort is one of" in r.get_json()["message"]


def test_unknown_status_filter_is_422(reviewer):
    """Threat S2.4."""
    r = reviewer.api("GET", "/api/v1/claims?status=published")
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("limit=1000000000", 200),
        ("limit=0", 200),
        ("offset=-1", 422),
        ("limit=abc", 422),
        ("limit=" + "9" * 400, 422),
        ("status=open&status=approved", 400),
        ("assignee=me&assignee=bob", 400),
    ],
)
def test_claim_list_pagination_and_parameter_pollution(reviewer, article_id, query, status):
    """S2.4"""
    r = reviewer.api("GET", f"/api/v1/claims?{query}")
    assert r.status_code == status, r.get_data(as_text=True)
    if status == 200:
        assert 1 <= r.get_json()["limit"] <= 200


@pytest.mark.parametrize("query", ["limit=%C2%B2", "offset=%E2%91%A0", "article=%C2%B9"])
def test_non_ascii_digits_in_paging_are_422(reviewer, query):
    """Threat S2.4."""
    for base in ("/api/v1/articles", "/api/v1/claims"):
        if "article=" in query and base == "/api/v1/articles":
            continue
        r = reviewer.api("GET", f"{base}?{query}")
        assert r.status_code == 422, (base, r.get_data(as_text=True))


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/2147483648",
        "/api/v1/articles/99999999999999999999",
        "/claims/99999999999999999999",
        "/articles/2147483648",
        "/articles/99999999999999999999/export",
    ],
)
def test_ids_beyond_32_bits_are_not_found(reviewer, path):
    """Threat S2.5."""
    assert reviewer.get(path).status_code == 404


def test_merge_with_a_huge_id_is_422(reviewer, article_id):
    """Threat S2.5."""
    claim = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]
    r = reviewer.api(
        "POST",
        f"/api/v1/claims/{claim['id']}/merge",
        json={"next": 10**20, "version": claim["version"], "next_version": 1},
    )
    assert r.status_code == 422


def test_nul_in_article_details_is_refused(app, reviewer, article_id):
    """Threat S2.6."""
    r = reviewer.post(f"/articles/{article_id}/meta", {"title": "a\x00b", "byline": ""})
    assert r.status_code == 422
    assert "NUL character" in r.get_data(as_text=True)
    detail = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()["article"]
    assert "\x00" not in detail["title"]


def test_nul_in_an_assignee_or_token_name_is_refused(app, reviewer, editor, article_id):
    """Threat S2.6, S2.4."""
    claim = editor.api("GET", f"/api/v1/articles/{article_id}").get_json()["claims"][0]
    r = editor.api(
        "PATCH", f"/api/v1/claims/{claim['id']}", json={"assignee": "a\x00b", "version": 1}
    )
    assert r.status_code == 422
    assert r.get_json()["fields"] == {"assignee": "unknown"}
    r = editor.api("GET", "/api/v1/claims?assignee=a%00b")
    assert r.status_code == 400
    assert r.get_json()["message"] == "the query string contains a NUL character"
    r = reviewer.post("/settings/tokens", {"name": "tok\x00en"})
    assert r.status_code == 422
    assert "NUL character" in r.get_data(as_text=True)


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("admin ", Conflict),
        ("ADMIN", Conflict),
        ("Ａｄｍｉｎ", Conflict),  # fullwidth, NFKC
        ("admin\u200b", Invalid),
        ("\u0430dmin", Invalid),  # Cyrillic а + Latin: mixed scripts
        ("\u0455\u0441\u043e\u0440\u0435", Conflict),  # Cyrillic look-alike of "scope"
        ("ad\u202emin", Invalid),
    ],
)
def test_confusable_user_names_are_refused(app, name, error):
    """S1.10"""
    with app.app_context():
        accounts.create_user("admin", TEST_PASSWORD, Role.admin)
        accounts.create_user("scope", TEST_PASSWORD, Role.reviewer)
        with pytest.raises(error):
            accounts.create_user(name, TEST_PASSWORD, Role.reviewer)


def test_page_form_body_over_the_limit_is_413(app, reviewer):
    """Threat S2.7."""
    app.config["MAX_CONTENT_LENGTH"] = 2000
    r = reviewer.post("/articles/new", {"text": "x" * 5000})
    assert r.status_code == 413


def test_max_content_length_is_set_by_default(app):
    """Threat S2.7."""
    assert 0 < app.config["MAX_CONTENT_LENGTH"] <= 16 * 1024 * 1024
