"""Search across articles in Chromium: filters, results, and the way back to the claim."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from workbench import services
from workbench.db import db
from workbench.ingest import ingest_text
from workbench.models import User

from .test_review_flow import sign_in

pytestmark = pytest.mark.browser

AID = (
    "Aid report\n"
    "Congress passed a $95-billion package on April 24, 2024, after months of delay.\n"
    "The council approved a $12-million budget on March 1, 2023, its largest ever.\n"
)
SHOTS = Path(os.environ.get("WORKBENCH_SCREENSHOTS", "/tmp/workbench-shots"))


@pytest.mark.parametrize("width", [390, 1440])
def test_search_by_words_and_figure_then_open_the_claim(app, make_user, live_server, page, width):
    make_user("rita", "reviewer")
    with app.app_context():
        rita = db.session.scalar(db.select(User).where(User.username == "rita"))
        article = services.import_article(rita, ingest_text(AID, title="Aid"))
        article_id = article.id
        package = next(
            c.id for c in article.claims if "$95-billion" in AID[c.start_offset : c.end_offset]
        )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "rita")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Words").fill("$95 billion")
    page.get_by_label("Figure").select_option("money")
    page.get_by_label("From value").fill("90000000000")
    page.get_by_label("Currency or unit").fill("USD")
    page.get_by_role("button", name="Search").click()
    results = page.locator(".search-results li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("$95-billion")
    # The filters are in the URL and in the form after a reload; set filters stay shown.
    page.reload()
    expect(page.locator("details.search-filters")).to_have_attribute("open", "")
    expect(page.get_by_label("Words")).to_have_value("$95 billion")
    expect(page.get_by_label("Figure")).to_have_value("money")
    # The search form and results fit the screen (the header is the layout tests' job).
    wide = page.evaluate(
        """w => [...document.querySelectorAll('#main *')]
              .filter(e => e.getBoundingClientRect().right > w + 1)
              .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8)""",
        width,
    )
    assert wide == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"search-{width}.png"), full_page=True)
    results.first.get_by_role("link", name=f"Claim {package}").click()
    page.wait_for_url(f"{live_server}/articles/{article_id}/claims/{package}")
    assert page.console_errors == []


def test_a_bad_filter_is_explained_on_the_page(app, make_user, live_server, page):
    make_user("rita", "reviewer")
    sign_in(page, live_server, "rita")
    page.goto(f"{live_server}/search?figure=money&min=lots")
    expect(page.get_by_role("alert")).to_contain_text("min must be a number")
