"""The extraction time budget: past EXTRACTION_BUDGET_SECONDS a request answers 422 and
nothing is saved (issue 10 #2). The budget is made tiny here so that any text exceeds it;
no test depends on how fast the machine is."""

# Threat model (docs/threat-model.md): S8.2.

from __future__ import annotations

import pytest

from workbench.db import db
from workbench.extraction import Budget, ExtractionBudgetExceeded, extract
from workbench.models import Article, Claim, Event
from workbench.services import claims as claim_service

from .conftest import SAMPLE_TEXT

TINY = 1e-9


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (Article, Claim, Event)
        )


def test_the_default_budget_is_ten_seconds(app):
    assert app.config["EXTRACTION_BUDGET_SECONDS"] == 10


def test_engine_raises_past_its_budget_and_returns_nothing():
    ticks = iter(range(0, 1000, 7))  # a clock that moves 7 s per look: deterministic
    budget = Budget(10, clock=lambda: next(ticks))
    with pytest.raises(ExtractionBudgetExceeded, match="budget of 10 seconds"):
        extract(SAMPLE_TEXT, budget=budget)
    assert budget.checks >= 2


def test_engine_within_its_budget_answers_as_without_one():
    assert extract(SAMPLE_TEXT, budget=60) == extract(SAMPLE_TEXT)


def test_api_import_past_the_budget_is_422_and_saves_nothing(app, reviewer):
    before = _counts(app)
    app.config["EXTRACTION_BUDGET_SECONDS"] = TINY
    r = reviewer.api("POST", "/api/v1/articles", json={"text": SAMPLE_TEXT, "title": "Slow"})
    assert r.status_code == 422, r.get_data(as_text=True)
    body = r.get_json()
    assert body["error"] == "invalid"
    assert "nothing was saved" in body["message"]
    assert _counts(app) == before
    app.config["EXTRACTION_BUDGET_SECONDS"] = 10
    r = reviewer.api("POST", "/api/v1/articles", json={"text": SAMPLE_TEXT, "title": "Fine"})
    assert r.status_code == 201


def test_page_import_past_the_budget_is_422_with_the_message(app, reviewer):
    before = _counts(app)
    app.config["EXTRACTION_BUDGET_SECONDS"] = TINY
    response = reviewer.post("/articles/new", data={"text": SAMPLE_TEXT})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "nothing was saved" in page
    assert "<h1>Import article</h1>" in page
    assert _counts(app) == before


def test_span_edit_past_the_budget_is_422_and_changes_nothing(app, reviewer, article_id):
    doc = reviewer.api("GET", f"/api/v1/articles/{article_id}").get_json()
    claim = doc["claims"][0]
    before = _counts(app)
    app.config["EXTRACTION_BUDGET_SECONDS"] = TINY
    claim_service._CACHE.clear()  # the engine's reading is cached per text
    r = reviewer.api(
        "PATCH",
        f"/api/v1/claims/{claim['id']}",
        json={"start": claim["start"], "end": claim["end"] - 1, "version": claim["version"]},
    )
    assert r.status_code == 422, r.get_data(as_text=True)
    assert "nothing was saved" in r.get_json()["message"]
    assert _counts(app) == before
    after = reviewer.api("GET", f"/api/v1/claims/{claim['id']}").get_json()
    assert (after["end"], after["version"]) == (claim["end"], claim["version"])
