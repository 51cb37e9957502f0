"""Search across articles (issue 13): by words and by figure, on SQLite FTS5 and PostgreSQL
full-text search behind one interface; the index follows every write in the same commit."""

from __future__ import annotations

import re

import pytest

from workbench import services
from workbench.db import db
from workbench.models import ClaimSearch, FigureKey
from workbench.services.search import figure_key

AID = (
    "Aid report\n"
    "Congress passed a $95-billion package on April 24, 2024, after months of delay.\n"
    "The council approved a $12-million budget on March 1, 2023, its largest ever.\n"
    "Rents rose 7 percent in 2022, according to the housing office.\n"
)
TRADE = (
    "Trade report\n"
    "China supplied about 90% of Russia's microelectronics imports in 2023, officials said.\n"
)


def _import(client, text: str, title: str) -> list[dict]:
    response = client.api("POST", "/api/v1/articles", json={"text": text, "title": title})
    assert response.status_code == 201, response.get_data(as_text=True)
    article_id = response.get_json()["article"]["id"]
    return client.get(f"/api/v1/articles/{article_id}").get_json()["claims"]


def _find(client, **params) -> list[int]:
    response = client.get("/api/v1/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["claim"] for item in response.get_json()["items"]]


def _claim_with(claims: list[dict], words: str) -> dict:
    return next(c for c in claims if words in c["quote"])


def test_words_find_claims_across_articles(reviewer):
    aid = _import(reviewer, AID, "Aid")
    trade = _import(reviewer, TRADE, "Trade")
    package = _claim_with(aid, "$95-billion")
    chips = _claim_with(trade, "microelectronics")
    assert _find(reviewer, q="microelectronics") == [chips["id"]]
    # The hyphenated figure is found as the words a reader types (issue 11 #13).
    assert _find(reviewer, q="$95 billion") == [package["id"]]
    assert _find(reviewer, q="95-billion package") == [package["id"]]
    assert _find(reviewer, q="microelectronics package") == []  # every word must match
    item = reviewer.get("/api/v1/search", query_string={"q": "microelectronics"}).get_json()
    hit = item["items"][0]
    assert hit["article_title"] == "Trade" and "microelectronics" in hit["quote"]
    assert hit["url"] == f"/api/v1/claims/{chips['id']}"
    assert hit["page"].endswith(f"/claims/{chips['id']}")


def test_the_index_follows_verdicts_and_sources_in_the_same_commit(reviewer):
    claims = _import(reviewer, AID, "Aid")
    claim = _claim_with(claims, "$12-million")
    cid = claim["id"]
    assert _find(reviewer, q="ledger") == []
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "false", "rationale": "The treasury ledger shows less.", "version": 1},
    ).get_json()["version"]
    assert _find(reviewer, q="ledger") == [cid]
    v = reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "false", "rationale": "The minutes show less.", "version": v},
    ).get_json()["version"]
    assert _find(reviewer, q="ledger") == []  # the old words leave with the old rationale
    assert _find(reviewer, q="minutes") == [cid]
    response = reviewer.api(
        "POST",
        f"/api/v1/claims/{cid}/sources",
        json={
            "url": "https://example.org/cbo",
            "title": "Congressional Budget Office estimate",
            "stance": "refutes",
            "version": v,
        },
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    assert _find(reviewer, q="congressional estimate") == [cid]


def test_figures_are_searched_by_value_currency_and_date(reviewer):
    claims = _import(reviewer, AID, "Aid")
    package = _claim_with(claims, "$95-billion")["id"]
    budget = _claim_with(claims, "$12-million")["id"]
    rents = _claim_with(claims, "7 percent")["id"]
    assert _find(reviewer, figure="money", min="90e9", max="100e9", unit="usd") == [package]
    assert set(_find(reviewer, figure="money", unit="USD")) == {package, budget}
    assert _find(reviewer, figure="money", max="20,000,000") == [budget]
    assert _find(reviewer, figure="percentage", min="5", max="10") == [rents]
    assert _find(reviewer, figure="date", **{"from": "2024-04-01", "to": "2024-04-30"}) == [package]
    # A year-only date covers the whole year.
    assert rents in _find(reviewer, **{"from": "2022-06-01", "to": "2022-06-30"})
    assert _find(reviewer, q="package", figure="money", max="1000") == []


def test_filters_status_kind_and_person(app, reviewer, make_user):
    claims = _import(reviewer, AID, "Aid")
    claim = _claim_with(claims, "$12-million")
    cid = claim["id"]
    reviewer.api(
        "PUT",
        f"/api/v1/claims/{cid}/verdict",
        json={"rating": "true", "rationale": "Checked.", "version": claim["version"]},
    )
    assert _find(reviewer, person="rita") == [cid]
    assert _find(reviewer, person="nobody-here") == []
    assert cid in _find(reviewer, status="open", q="budget")
    assert _find(reviewer, status="approved", q="budget") == []
    kinds = {k for c in claims for k in c["kinds"]}
    spaced = next((k for k in kinds if " " in k), None)
    assert spaced is not None, kinds  # kinds like "aid amount" have spaces
    expected = {c["id"] for c in claims if spaced in c["kinds"]}
    assert set(_find(reviewer, kind=spaced)) == expected
    assert _find(reviewer, kind=spaced.split()[0]) == []  # a whole label, not a word of one


@pytest.mark.parametrize(
    "params, field",
    [
        ({"q": "x", "status": "bogus"}, "status"),
        ({"figure": "money", "min": "lots"}, "min"),
        ({"figure": "money", "min": "1e400"}, "min"),
        ({"figure": "colour"}, "figure"),
        ({"q": "x", "page": "0"}, "page"),
        ({"q": "x", "per_page": "100000"}, "per_page"),
        ({"from": "last week"}, "from"),
        ({"q": "x", "article": "99999999999999"}, "article"),
    ],
)
def test_bad_parameters_answer_422_naming_the_field(reviewer, params, field):
    response = reviewer.get("/api/v1/search", query_string=params)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.get_json()["message"].startswith(field)


def test_unusable_searches_are_refused_with_a_message(reviewer):
    for params in ({}, {"q": "x" * 501}, {"min": "5"}, {"q": "x", "q ": "y"}):
        response = reviewer.get("/api/v1/search", query_string=params)
        assert response.status_code in (400, 422), (params, response.status_code)
        assert response.get_json()["message"]
    response = reviewer.get("/api/v1/search?q=a&q=b")
    assert response.status_code == 422


@pytest.mark.parametrize(
    "words",
    [
        '"unbalanced',
        "NEAR(a b)",
        "a* OR b AND NOT c",
        "col:umn",
        "^start",
        "' OR 1=1 --",
        "Ab " * 160,
        "\u0000",
        "\U0001f600 emoji",
        "-",
        "()",
    ],
)
def test_query_syntax_never_reaches_the_engine(reviewer, words):
    _import(reviewer, AID, "Aid")
    response = reviewer.get("/api/v1/search", query_string={"q": words})
    assert response.status_code in (200, 400, 422), response.get_data(as_text=True)


def test_search_page_keeps_its_filters_and_links_to_the_claim(reviewer):
    claims = _import(reviewer, AID, "Aid")
    package = _claim_with(claims, "$95-billion")
    page = reviewer.get("/search?q=billion+package&figure=money&unit=USD").get_data(as_text=True)
    assert f'/claims/{package["id"]}"' in page
    assert 'value="billion package"' in page and 'value="USD"' in page
    assert re.search(r'<option value="money"\s+selected>', page)
    bad = reviewer.get("/search?figure=money&min=lots")
    assert bad.status_code == 422 and "min must be a number" in bad.get_data(as_text=True)


def test_pages_of_results(reviewer):
    text = "Budget report\n" + "".join(
        f"Town {n} approved a ${n + 1}-million budget on March {n % 28 + 1}, 2024.\n"
        for n in range(30)
    )
    claims = _import(reviewer, text, "Towns")
    assert len(claims) == 30
    first = reviewer.get("/api/v1/search?q=approved&per_page=20").get_json()
    second = reviewer.get("/api/v1/search?q=approved&per_page=20&page=2").get_json()
    assert first["has_more"] is True and second["has_more"] is False
    ids = [i["claim"] for i in first["items"]] + [i["claim"] for i in second["items"]]
    assert sorted(ids) == sorted(c["id"] for c in claims)


def test_rebuild_recreates_what_writes_maintained(app, reviewer):
    _import(reviewer, AID, "Aid")
    _import(reviewer, TRADE, "Trade")
    with app.app_context():
        before = sorted(db.session.execute(db.select(ClaimSearch.claim_id, ClaimSearch.body)))
        keys = db.session.scalar(db.select(db.func.count(FigureKey.id)))
        assert before and keys
        db.session.execute(db.delete(ClaimSearch))
        assert services.search.rebuild(db.session) == len(before)
        db.session.commit()
        after = sorted(db.session.execute(db.select(ClaimSearch.claim_id, ClaimSearch.body)))
        assert after == before
        assert db.session.scalar(db.select(db.func.count(FigureKey.id))) == keys
    assert _find(reviewer, q="microelectronics")


@pytest.mark.parametrize(
    "category, value, expected",
    [
        ("money", {"amount": 95e9, "currency": "USD"}, (95e9, 95e9, "USD", None, None)),
        ("money", {"amount": 5, "amount_max": 7, "currency": "EUR"}, (5, 7, "EUR", None, None)),
        ("percentage", {"value": 18, "value_max": 22}, (18, 22, "%", None, None)),
        ("date", {"date": "2023-11"}, (None, None, None, "2023-11-01", "2023-11-31")),
        ("date", {"date": "2024"}, (None, None, None, "2024-01-01", "2024-12-31")),
        (
            "date",
            {"date": "2024-04-24/2024-04-26"},
            (None, None, None, "2024-04-24", "2024-04-26"),
        ),
        ("ranking", {"rank": 2, "scope": "visit"}, (2, 2, "visit", None, None)),
    ],
)
def test_figure_keys(category, value, expected):
    key = figure_key(category, value)
    assert (key["low"], key["high"], key["unit"], key["date_low"], key["date_high"]) == expected


@pytest.mark.parametrize(
    "category, value",
    [
        ("money", {"amount": "lots"}),
        ("money", {"amount": True}),
        ("money", {"amount": 1e308 * 10}),
        ("date", {"date": "next spring"}),
        ("date", {}),
        ("quantity", {"unit": "rifles"}),
    ],
)
def test_figures_without_a_searchable_value_are_left_out(category, value):
    assert figure_key(category, value) is None


def test_search_index_command_rebuilds_after_a_bulk_load(app, reviewer):
    claims = _import(reviewer, TRADE, "Trade")
    with app.app_context():
        db.session.execute(db.delete(ClaimSearch))  # as rows loaded outside the app would be
        db.session.execute(db.delete(FigureKey))
        db.session.commit()
    assert _find(reviewer, q="microelectronics") == []
    result = app.test_cli_runner().invoke(args=["search-index"])
    assert result.exit_code == 0, result.output
    assert f"indexed {len(claims)} claims" in result.output
    assert _find(reviewer, q="microelectronics") == [claims[0]["id"]]
    assert _find(reviewer, figure="percentage", min="90", max="90") == [claims[0]["id"]]
