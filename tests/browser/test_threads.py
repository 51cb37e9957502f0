"""Issue 14: the discussion thread in the claim panel, in Chromium, at 390 px and 1440 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_reviewer_workbench import (
    _claim_with,
    api,
    import_article,
    open_article,
    real_errors,
    sign_in,
)
from .test_screens import SHOTS, _fits

pytestmark = pytest.mark.browser

PHRASE = "40 new homes will be built by 2026"
HOSTILE = (
    "<script>window.pwned=1</script> [x](javascript:window.pwned=2) "
    '<img src=x onerror="window.pwned=3">'
)


@pytest.fixture
def users(make_user):
    make_user("rita", "reviewer")
    make_user("eddie", "editor")


def _open(page, base):
    article_id = import_article(page, base)["article"]["id"]
    claim = _claim_with(page, base, article_id, PHRASE)
    open_article(page, base, article_id, claim["id"])
    return article_id, claim


@pytest.mark.parametrize("width", [390, 1440])
def test_post_edit_resolve_without_losing_typed_text(users, live_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "rita")
    article_id, claim = _open(page, live_server)
    panel = page.locator("#claim-panel")
    thread = panel.locator("section.discussion")
    expect(thread.get_by_role("heading", name="Discussion")).to_be_visible()

    # Typed text survives a change made elsewhere in the panel (the panel reloads) ...
    box = thread.get_by_label("Comment", exact=True)
    box.fill("Where does 40 come from, @eddie?")
    panel.get_by_label("Rating").select_option("false")
    panel.get_by_label("Rationale").fill("The plan says 30.")
    panel.get_by_role("button", name="Save verdict").click()
    expect(page.locator("#workbench-status")).to_have_text("Verdict saved.")
    expect(panel.locator("section.discussion").get_by_label("Comment", exact=True)).to_have_value(
        "Where does 40 come from, @eddie?"
    )
    # ... and a reload of the page.
    page.reload()
    page.wait_for_selector(".workbench[data-ready]")
    thread = panel.locator("section.discussion")
    expect(thread.get_by_label("Comment", exact=True)).to_have_value(
        "Where does 40 come from, @eddie?"
    )
    thread.get_by_role("button", name="Post comment").click()
    expect(page.locator("#workbench-status")).to_contain_text("Comment posted. Mentioned: eddie.")
    thread = panel.locator("section.discussion")
    expect(thread.locator("li.comment")).to_have_count(1)
    expect(thread.get_by_label("Comment", exact=True)).to_have_value("")

    # A refused post keeps the text and says why next to it.
    page.evaluate("document.querySelector('.comment-form textarea').removeAttribute('maxlength')")
    thread.get_by_label("Comment", exact=True).fill("y" * 10_001)
    thread.get_by_role("button", name="Post comment").click()
    expect(thread.locator('.comment-form [data-field-error="body"]')).to_contain_text("10,000")
    expect(thread.get_by_label("Comment", exact=True)).to_have_value("y" * 10_001)
    thread.get_by_label("Comment", exact=True).fill("")

    # Edit: the old and new text are in the history.
    thread.get_by_role("button", name="Edit comment").click()
    thread.get_by_role("textbox", name="Edit comment").fill("Where does **40** come from?")
    thread.get_by_role("button", name="Save comment").click()
    expect(page.locator("#workbench-status")).to_have_text("Comment saved.")
    thread = panel.locator("section.discussion")
    expect(thread.locator(".comment-body strong")).to_have_text("40")
    expect(thread.locator(".edited")).to_be_visible()

    # Hostile Markdown renders inert under the CSP.
    thread.get_by_label("Comment", exact=True).fill(HOSTILE)
    thread.get_by_role("button", name="Post comment").click()
    expect(panel.locator("section.discussion li.comment")).to_have_count(2)
    assert page.evaluate("window.pwned") is None
    assert (
        panel.locator("section.discussion li.comment img, section.discussion script").count() == 0
    )
    hrefs = panel.locator("section.discussion .comment-body a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    )
    assert all(h.startswith(("http:", "https:", "mailto:")) for h in hrefs)

    # Resolve and reopen.
    panel.get_by_role("button", name="Resolve thread").click()
    expect(panel.locator("section.discussion .thread-resolved")).to_be_visible()
    panel.get_by_role("button", name="Reopen thread").click()
    expect(panel.locator("section.discussion .thread-resolved")).to_have_count(0)
    _fits(page, width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    panel.locator("section.discussion").screenshot(path=str(SHOTS / f"discussion-{width}.png"))

    history = api(page, "GET", f"{live_server}/api/v1/claims/{claim['id']}").json()["history"]
    edit = next(h for h in history if h["action"] == "edit-comment")
    assert edit["detail"]["before"]["body"] == "Where does 40 come from, @eddie?"
    assert edit["detail"]["after"]["body"] == "Where does **40** come from?"
    assert real_errors(page) == []


def test_a_mention_reaches_the_dashboard_until_the_claim_is_opened(
    users, live_server, page, browser
):
    sign_in(page, live_server, "rita")
    article_id, claim = _open(page, live_server)
    thread = page.locator("#claim-panel section.discussion")
    thread.get_by_label("Comment", exact=True).fill("@eddie please look at the date.")
    thread.get_by_role("button", name="Post comment").click()
    expect(page.locator("#workbench-status")).to_contain_text("Comment posted.")

    other = browser.new_context().new_page()
    other.console_errors = []
    sign_in(other, live_server, "eddie")
    section = other.locator("section.my-discussions")
    expect(section).to_have_attribute("data-unread-mentions", "1")
    expect(section.locator(f'li[data-claim="{claim["id"]}"]')).to_contain_text("Mentioned")
    section.locator(f'li[data-claim="{claim["id"]}"] a').click()
    other.wait_for_selector(".workbench[data-ready]")
    expect(other.locator("#claim-panel section.discussion li.comment.unread")).to_have_count(1)
    other.goto(live_server + "/")
    expect(other.locator("section.my-discussions")).to_have_attribute("data-unread-mentions", "0")
    # still in the queue while the thread is open, as read
    expect(other.locator(f'section.my-discussions li[data-claim="{claim["id"]}"]')).to_be_visible()
    other.context.close()
