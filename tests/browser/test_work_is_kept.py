"""Issue 11: a reviewer's work is never lost, and messages appear where the work is.

One test per defect (1, 2, 3, 4, 8, 10, 11), in Chromium, on every database."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .test_reviewer_workbench import (
    _claim,
    _claim_with,
    api,
    import_article,
    open_article,
    sign_in,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def users(make_user):
    make_user("rita", "reviewer")
    make_user("eddie", "editor")


PHRASE = "40 new homes will be built by 2026"
DRAFT = "The plan says 30, not 40: see page 4."


def _open_claim(page, base, phrase=PHRASE):
    article_id = import_article(page, base)["article"]["id"]
    claim = _claim_with(page, base, article_id, phrase)
    open_article(page, base, article_id, claim["id"])
    return article_id, claim


def test_a_blank_verdict_cannot_be_submitted(users, live_server, page):
    """Defect 1: no default rating; rating and rationale needed to submit, by every path."""
    sign_in(page, live_server, "rita")
    _, claim = _open_claim(page, live_server)
    panel = page.locator("#claim-panel")
    expect(panel.get_by_label("Rating")).to_have_value("")
    panel.get_by_role("button", name="Submit verdict").click()
    expect(page.locator("#workbench-status")).to_contain_text("Not submitted")
    assert _claim(page, live_server, claim["id"])["status"] == "open"

    # A rating alone is a draft the server keeps, but not a verdict it lets through.
    url = f"{live_server}/api/v1/claims/{claim['id']}"
    r = api(page, "PUT", f"{url}/verdict", {"rating": "false", "version": claim["version"]})
    assert r.status == 200, r.text()
    r = api(page, "POST", f"{url}/submit", {"version": r.json()["version"]})
    assert r.status == 422
    assert "rationale" in r.json()["message"]
    assert _claim(page, live_server, claim["id"])["status"] == "open"


def test_adding_a_source_keeps_the_verdict_being_written(users, live_server, page):
    """Defect 2, and drafts across navigation and reloads until saved."""
    sign_in(page, live_server, "rita")
    article_id, claim = _open_claim(page, live_server)
    panel = page.locator("#claim-panel")
    panel.get_by_label("Rating").select_option("false")
    panel.get_by_label("Rationale").fill(DRAFT)
    panel.locator("summary", has_text="Add source").click()
    panel.get_by_label("URL").fill("https://example.org/plan")
    panel.get_by_label("Title", exact=True).fill("The plan")
    panel.get_by_role("button", name="Add source").click()
    expect(page.locator("#workbench-status")).to_have_text("Source added.")
    expect(panel.get_by_label("Rationale")).to_have_value(DRAFT)
    expect(panel.get_by_label("Rating")).to_have_value("false")
    expect(panel.locator(".save-state")).to_contain_text(re.compile("unsaved", re.I))

    # A reason typed in another claim's dismiss form, then a reload: both drafts are back.
    other = _claim_with(page, live_server, article_id, "The council approved")
    open_article(page, live_server, article_id, other["id"])
    expect(panel.locator(f'[data-claim-id="{other["id"]}"]')).to_be_visible()
    panel.locator("summary", has_text="Dismiss").click()
    panel.get_by_label("Reason").fill("Not a factual claim")
    page.reload()
    page.wait_for_selector(".workbench[data-ready]")
    expect(panel.get_by_label("Reason")).to_have_value("Not a factual claim")
    open_article(page, live_server, article_id, claim["id"])
    expect(panel.get_by_label("Rationale")).to_have_value(DRAFT)

    # Saved: the draft is gone, what shows is what the server has.
    panel.get_by_role("button", name="Save verdict").click()
    expect(page.locator("#workbench-status")).to_have_text("Verdict saved.")
    expect(panel.locator(".save-state")).to_have_text("All changes saved.")
    keys = page.evaluate("Object.keys(sessionStorage)")
    assert f"workbench:draft:{claim['id']}:verdict" not in keys
    assert _claim(page, live_server, claim["id"])["verdict"]["rationale"] == DRAFT


def test_span_tools_keep_the_draft_and_the_split_point(users, live_server, page):
    """Defect 3: after Extend/Shrink the draft and the split point are back; Split works."""
    sign_in(page, live_server, "rita")
    _, claim = _open_claim(page, live_server)
    panel = page.locator("#claim-panel")
    panel.get_by_label("Rationale").fill(DRAFT)
    panel.get_by_role("button", name="Shrink end").click()
    expect(page.locator("#workbench-status")).to_contain_text("Span now")
    expect(panel.get_by_label("Rationale")).to_have_value(DRAFT)
    assert panel.locator(".split-form [name=at]").input_value() != ""
    expect(panel.locator(".split-chooser .split-mark")).to_have_count(1)
    panel.get_by_role("button", name="Split", exact=True).click()
    expect(page.locator("#workbench-status")).to_contain_text("split in two")
    expect(panel.get_by_label("Rationale")).to_have_value(DRAFT)
    assert _claim(page, live_server, claim["id"])["end"] < claim["end"]


def test_messages_appear_next_to_the_action(users, live_server, page):
    """Defect 4: at 390 px a refusal is shown, and announced, where the reviewer clicked."""
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "rita")
    _, claim = _open_claim(page, live_server)
    panel = page.locator("#claim-panel")
    panel.get_by_label("Rating").select_option("false")
    panel.get_by_label("Rationale").fill(DRAFT)
    # Someone else saves a verdict meanwhile: Rita's save is refused (409).
    r = api(
        page,
        "PUT",
        f"{live_server}/api/v1/claims/{claim['id']}/verdict",
        {"rating": "true", "rationale": "Theirs.", "version": claim["version"]},
    )
    assert r.status == 200
    panel.get_by_role("button", name="Save verdict").click()
    status = page.locator("#workbench-status")
    expect(status).to_contain_text("Not saved")
    expect(status).to_be_in_viewport()
    assert status.get_attribute("role") == "alert"
    assert panel.locator(".verdict-form #workbench-status").count() == 1

    panel.get_by_role("button", name="Submit verdict").click()  # the form is kept: still mine
    expect(status).to_be_in_viewport()


def test_final_export_with_claims_pending_says_why(users, live_server, page):
    """Defect 8: the refused final export says why, next to the link."""
    sign_in(page, live_server, "eddie")
    article_id = import_article(page, live_server)["article"]["id"]
    open_article(page, live_server, article_id)
    page.locator(".export-menu summary").click()
    page.get_by_role("link", name="Annotated JSON, final").click()
    message = page.locator(".export-menu .export-message")
    expect(message).to_contain_text("Not exported")
    expect(message).to_be_visible()
    assert message.get_attribute("role") == "alert"


def test_reloading_settings_after_creating_a_token_creates_no_second_token(
    users, live_server, page
):
    """Defect 10: the page that shows a new secret, reloaded, does not make another token."""
    sign_in(page, live_server, "rita")
    page.goto(f"{live_server}/settings/tokens")
    page.get_by_label("Token name").fill("laptop")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("body")).to_contain_text("wbt_")
    page.reload()
    expect(page.locator("body")).to_contain_text("already sent")
    expect(page.locator("table.tokens tbody tr")).to_have_count(1)


def test_editors_see_what_awaits_their_approval_and_never_approve_their_own(
    users, live_server, page, browser
):
    """Defect 11: no Approve on one's own verdict; the "Awaiting my approval" queue."""
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    ritas = _claim_with(page, live_server, article_id, PHRASE)
    _submit(page, live_server, ritas, "Rita's reasons.")

    other = browser.new_context().new_page()
    sign_in(other, live_server, "eddie")
    eddies = _claim_with(other, live_server, article_id, "The council approved")
    _submit(other, live_server, eddies, "Eddie's reasons.")
    other.goto(f"{live_server}/")
    queue = other.locator(".my-approvals")
    expect(queue.locator("h2")).to_contain_text("(1)")
    expect(queue.locator(f'li[data-claim="{ritas["id"]}"]')).to_be_visible()
    expect(queue.locator(f'li[data-claim="{eddies["id"]}"]')).to_have_count(0)

    open_article(other, live_server, article_id, eddies["id"])
    panel = other.locator("#claim-panel")
    expect(panel.locator(".four-eyes")).to_be_visible()
    expect(panel.get_by_role("button", name="Approve")).to_have_count(0)
    open_article(other, live_server, article_id, ritas["id"])
    expect(panel.get_by_role("button", name="Approve")).to_be_visible()
    other.context.close()


def _submit(page, base, claim, rationale):
    url = f"{base}/api/v1/claims/{claim['id']}"
    body = {"rating": "false", "rationale": rationale, "version": claim["version"]}
    r = api(page, "PUT", f"{url}/verdict", body)
    assert r.status == 200, r.text()
    r = api(page, "POST", f"{url}/submit", {"version": r.json()["version"]})
    assert r.status == 200, r.text()
