"""A reviewer and an editor take a claim of the article from import to approved export."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from workbench import ROOT, services
from workbench.db import db
from workbench.ingest import ingest_text
from workbench.models import User

from ..conftest import REFERENCE, TEST_PASSWORD

SAMPLE = ROOT / "workbench" / "demo" / "sample-article.txt"

pytestmark = pytest.mark.browser


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def test_review_submit_approve_and_export(app, make_user, live_server, page, tmp_path):
    make_user("rita", "reviewer")
    make_user("eddie", "editor")
    # The reference article when ../shared is there; our own sample article otherwise.
    text = (
        REFERENCE.read_text(encoding="utf-8")
        if REFERENCE.exists()
        else SAMPLE.read_text(encoding="utf-8")
    )
    with app.app_context():
        rita = db.session.scalar(db.select(User).where(User.username == "rita"))
        article = services.import_article(rita, ingest_text(text))
        title, article_id = article.title, article.id

    sign_in(page, live_server, "rita")
    page.get_by_role("link", name=title).click()
    page.wait_for_url(f"{live_server}/articles/{article_id}")
    highlighted = page.locator("#article-text a.claim")
    # count() does not wait: wait for the article text before counting its claims
    expect(highlighted.first).to_be_visible()
    assert highlighted.count() >= 15
    highlighted.first.click()
    page.wait_for_url("**/claims/*")
    claim_url = page.url

    page.get_by_text("Add source", exact=True).first.click()  # opens the <details>
    page.get_by_label("URL").fill("https://www.state.gov/secretary-blinkens-press-conference/")
    page.get_by_label("Title", exact=True).fill("Press conference transcript")
    page.get_by_label("Publisher").fill("U.S. Department of State")
    page.get_by_label("Excerpt").fill(
        "I made clear that if China does not address this problem, we will."
    )
    page.get_by_label("Stance").select_option("supports")
    page.get_by_role("button", name="Add source").click()
    expect(page.get_by_text("Source added.")).to_be_visible()  # saved through the API

    page.get_by_label("Rating").select_option("true")
    page.get_by_label("Rationale").fill("The transcript **matches** the article.")
    page.get_by_role("button", name="Save verdict").click()
    expect(page.get_by_text("Verdict saved.")).to_be_visible()
    page.get_by_role("button", name="Submit verdict").click()
    # (not just any submitted badge: the legend above the text has one from the start)
    expect(page.get_by_text("Verdict submitted.")).to_be_visible()
    expect(page.locator(".claim-detail")).to_have_attribute("data-status", "submitted")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "eddie")
    page.goto(claim_url)
    assert page.locator(".rationale strong").inner_text() == "matches"
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Claim approved.")).to_be_visible()

    page.goto(f"{live_server}/articles/{article_id}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Export").click()
    path = tmp_path / "export.json"
    info.value.save_as(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    approved = [c for c in doc["claims"] if c["status"] == "approved"]
    assert len(approved) == 1
    assert approved[0]["verdict"]["approved_by"] == "eddie"
    assert approved[0]["sources"][0]["publisher"] == "U.S. Department of State"
    assert page.console_errors == []
