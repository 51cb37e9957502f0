"""Issue 11, the rest: split by choosing a point in the claim's text, the small-screen sheet
(Escape, focus back, focus trapped), drafts of sources and notes kept through refreshes,
navigation, reloads and a 409, and figures and history in words in the panel."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .test_reviewer_workbench import (
    _claim,
    _claim_with,
    api,
    import_article,
    open_article,
    real_errors,
    sign_in,
)

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("WORKBENCH_SCREENSHOTS", "/tmp/workbench-shots"))


@pytest.fixture
def users(make_user):
    make_user("rita", "reviewer")
    make_user("eddie", "editor")


PHRASE = "40 new homes will be built by 2026"

# Where a word of the panel's quote is on screen: its left edge, mid-height.
WORD_AT = """([sel, word]) => {
  const el = document.querySelector(sel);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const i = node.data.indexOf(word);
    if (i < 0) continue;
    const range = document.createRange();
    range.setStart(node, i); range.setEnd(node, i + 1);
    const r = range.getBoundingClientRect();
    return [r.left + 1, r.top + r.height / 2];
  }
  return null;
}"""


def test_split_by_clicking_between_words_in_the_claims_text(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, PHRASE)
    open_article(page, live_server, article_id, claim["id"])
    panel = page.locator("#claim-panel")
    # No offset to type: the split point is a mark in the claim's text.
    expect(panel.locator("input[type=number]")).to_have_count(0)
    x, y = page.evaluate(WORD_AT, ["#claim-panel .split-chooser", "will"])
    page.mouse.click(x, y)
    expect(panel.locator(".split-where")).to_contain_text("“…40 new homes” and “will be built…”")
    expect(panel.locator(".split-chooser .split-mark")).to_have_count(1)
    panel.get_by_role("button", name="Split", exact=True).click()
    expect(page.locator("#workbench-status")).to_contain_text("split in two")
    expect(panel.locator(".claim-quote")).to_have_text("40 new homes")
    doc = api(page, "GET", f"{live_server}/api/v1/articles/{article_id}").json()
    quotes = {c["quote"] for c in doc["claims"] if c["origin"] == "reviewer"}
    assert {"40 new homes", "will be built by 2026"} <= quotes

    # By keyboard alone: focus the text, move a word with the arrows, Enter splits.
    second = next(c for c in doc["claims"] if c["quote"] == "will be built by 2026")
    open_article(page, live_server, article_id, second["id"])
    panel.locator(".split-chooser").focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    expect(panel.locator(".split-where")).to_contain_text("“…will be” and “built by 2026…”")
    page.keyboard.press("Enter")
    expect(page.locator("#workbench-status")).to_contain_text("split in two")
    expect(panel.locator(".claim-quote")).to_have_text("will be")
    assert real_errors(page) == []


def test_small_screen_sheet_escape_returns_focus_and_traps_tab(users, live_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, PHRASE)
    open_article(page, live_server, article_id)
    link = page.locator(f"#article-text a.claim[data-claim='{claim['id']}']").first
    link.click()
    sheet = page.locator("#claim-sheet")
    expect(sheet.locator(f"#claim-heading-{claim['id']}")).to_be_in_viewport()
    inside = "() => document.getElementById('claim-sheet').contains(document.activeElement)"
    page.wait_for_function(inside)
    for key in ["Tab"] * 30 + ["Shift+Tab"] * 30:
        page.keyboard.press(key)
        assert page.evaluate(inside), key
    page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()
    assert link.evaluate("e => e === document.activeElement")

    # The list: behind a button; Escape closes it and focus goes back to the button.
    toggle = page.get_by_role("button", name="Claims list")
    toggle.click()
    expect(page.locator("#claim-list")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#claim-list")).to_be_hidden()
    assert toggle.evaluate("e => e === document.activeElement")
    # A claim opened from the list: Escape closes its sheet, focus back on the list button.
    toggle.click()
    page.locator(f"#claim-list a[data-claim='{claim['id']}']").click()
    expect(sheet.locator(f"#claim-heading-{claim['id']}")).to_be_in_viewport()
    page.wait_for_function(inside)
    # Escape in a field goes back to the claim, still in the sheet; a second one closes it.
    sheet.get_by_label("Rationale").focus()
    page.keyboard.press("Escape")
    expect(sheet).to_be_visible()
    assert page.evaluate(inside)
    page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()
    assert toggle.evaluate("e => e === document.activeElement")
    assert real_errors(page) == []


def test_source_drafts_survive_refresh_navigation_reload_and_a_409(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, PHRASE)
    other = _claim_with(page, live_server, article_id, "The council approved")
    open_article(page, live_server, article_id, claim["id"])
    panel = page.locator("#claim-panel")
    panel.locator("summary", has_text="Add source").click()
    panel.get_by_label("URL").fill("https://example.org/housing-plan")
    panel.get_by_label("Title", exact=True).fill("Housing plan 2026")

    def kept():
        expect(panel.get_by_label("URL")).to_have_value("https://example.org/housing-plan")
        expect(panel.get_by_label("Title", exact=True)).to_have_value("Housing plan 2026")

    # A panel refresh (the verdict saved), navigation within the page and back, a reload.
    panel.get_by_label("Rating").select_option("false")
    panel.get_by_label("Rationale").fill("Thirty, not forty.")
    panel.get_by_role("button", name="Save verdict").click()
    expect(page.locator("#workbench-status")).to_have_text("Verdict saved.")
    kept()
    page.locator(f"#claim-list a[data-claim='{other['id']}']").click()
    expect(panel.locator(f"#claim-heading-{other['id']}")).to_be_visible()
    page.go_back()
    expect(panel.locator(f"#claim-heading-{claim['id']}")).to_be_visible()
    kept()
    page.reload()
    page.wait_for_selector(".workbench[data-ready]")
    kept()

    # Someone changes the claim meanwhile: the add is refused (409), the typing stays.
    version = _claim(page, live_server, claim["id"])["version"]
    r = api(
        page,
        "PUT",
        f"{live_server}/api/v1/claims/{claim['id']}/verdict",
        {"rating": "mixed", "rationale": "Theirs.", "version": version},
    )
    assert r.status == 200
    panel.get_by_role("button", name="Add source").click()
    expect(panel.locator(".conflict-note")).to_contain_text("Not saved")
    kept()
    # Saved at last: the draft is gone.
    panel.get_by_role("button", name="Add source").click()
    expect(page.locator("#workbench-status")).to_contain_text("Source added")
    assert not [k for k in page.evaluate("Object.keys(sessionStorage)") if k.endswith(":source")]
    expect(panel.get_by_label("URL")).to_have_value("")


def test_return_note_and_reopen_reason_drafts_survive_reload_and_a_409(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, PHRASE)
    url = f"{live_server}/api/v1/claims/{claim['id']}"
    r = api(
        page,
        "PUT",
        f"{url}/verdict",
        {"rating": "false", "rationale": "No.", "version": claim["version"]},
    )
    r = api(page, "POST", f"{url}/submit", {"version": r.json()["version"]})
    assert r.status == 200, r.text()
    page.context.clear_cookies()
    sign_in(page, live_server, "eddie")
    open_article(page, live_server, article_id, claim["id"])
    panel = page.locator("#claim-panel")
    panel.get_by_label("Note").fill("Cite the plan's page.")
    page.reload()
    page.wait_for_selector(".workbench[data-ready]")
    expect(panel.get_by_label("Note")).to_have_value("Cite the plan's page.")
    # A 409 (the claim moved on meanwhile): the note is still there.
    version = _claim(page, live_server, claim["id"])["version"]
    r = api(page, "PATCH", url, {"assignee": "rita", "version": version})
    assert r.status == 200, r.text()
    panel.get_by_role("button", name="Return").click()
    expect(panel.locator(".conflict-note")).to_contain_text("Not saved")
    expect(panel.get_by_label("Note")).to_have_value("Cite the plan's page.")
    panel.get_by_role("button", name="Return").click()
    expect(page.locator("#workbench-status")).to_have_text(re.compile("Claim returned"))
    assert not [k for k in page.evaluate("Object.keys(sessionStorage)") if k.endswith(":return")]


def test_panel_shows_figures_and_history_in_words(users, live_server, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, "approved a $12-million budget on April 29")
    open_article(page, live_server, article_id, claim["id"])
    panel = page.locator("#claim-panel")
    expect(panel.locator(".figures")).to_contain_text("$12 million (USD)")
    expect(panel.locator(".figures")).to_contain_text("29 April 2024 (Monday)")
    panel.get_by_label("Rating").select_option("mostly-false")
    panel.get_by_label("Rationale").fill("Budget's size is right; the date isn't.")
    panel.get_by_role("button", name="Save verdict").click()
    expect(page.locator("#workbench-status")).to_have_text("Verdict saved.")
    panel.get_by_label("Rating").select_option("false")
    panel.get_by_role("button", name="Save verdict").click()
    expect(panel.locator(".history")).to_contain_text("rita saved a verdict: Mostly false → False")
    # Saved: nothing to discard (a [hidden] button stays hidden whatever its own display).
    expect(panel.locator(".save-state")).to_have_text("All changes saved.")
    expect(panel.get_by_role("button", name="Discard draft")).to_be_hidden()
    SHOTS.mkdir(parents=True, exist_ok=True)
    panel.locator(".figures").screenshot(path=str(SHOTS / "claim-panel-figures-1440.png"))
    panel.locator(".history").screenshot(path=str(SHOTS / "claim-panel-history-1440.png"))
    history = panel.locator(".history").inner_text()
    assert "{" not in history and "\\u0027" not in history and '"rating"' not in history
