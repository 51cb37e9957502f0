"""The reviewer workbench in Chromium: spans by selection, span tools, sources, verdicts, keys."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

TEXT = (
    "Published: May 1, 2024\r\n"
    "The council approved a $12-million budget on April 29, its largest in history.\r\n"
    "The word A😀B appeared in the cafe\u0301 report twice.\r\n"
    "قال الوزير إن الاقتصاد ينمو بسرعة كبيرة.\r\n"
    "The mayor said 40 new homes will be built by 2026.\r\n"
)

SELECT_JS = """([start, end]) => {
  const root = document.getElementById('article-text');
  const at = (target) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let seen = 0, node;
    while ((node = walker.nextNode())) {
      if (seen + node.length >= target) return [node, target - seen];
      seen += node.length;
    }
  };
  const [sn, so] = at(start);
  const [en, eo] = at(end);
  const range = document.createRange();
  range.setStart(sn, so); range.setEnd(en, eo);
  const sel = document.getSelection(); sel.removeAllRanges(); sel.addRange(range);
  return sel.toString();
}"""


def real_errors(page) -> list[str]:
    """Console errors, minus the 4xx answers some steps provoke on purpose."""
    return [e for e in page.console_errors if "Failed to load resource" not in e]


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


@pytest.fixture
def users(make_user):
    make_user("rita", "reviewer")
    make_user("eddie", "editor")


def import_article(page, base: str, text: str = TEXT) -> dict:
    r = page.request.post(
        f"{base}/api/v1/articles",
        data={"text": text, "title": "Workbench test"},
        headers={"X-CSRFToken": csrf(page)},
    )
    assert r.status == 201, r.text()
    return r.json()


def csrf(page) -> str:
    return page.locator('meta[name="csrf-token"]').get_attribute("content")


def api(page, method: str, url: str, body: dict | None = None):
    return page.request.fetch(url, method=method, data=body, headers={"X-CSRFToken": csrf(page)})


def open_article(page, base: str, article_id: int, claim_id: int | None = None) -> None:
    url = f"{base}/articles/{article_id}" + (f"/claims/{claim_id}" if claim_id else "")
    page.goto(url)
    page.wait_for_selector(".workbench[data-ready]")


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ("A😀B", "A😀B"),
        ("cafe\u0301 report", "cafe\u0301 report"),
        ("fe\u0301 rep", "cafe\u0301 report"),  # snaps out to whole words
        ("الاقتصاد ينمو", "الاقتصاد ينمو"),
    ],
)
def test_new_claim_from_a_selection_stores_code_point_offsets(
    users, live_server, page, selected, expected
):
    sign_in(page, live_server, "rita")
    doc = import_article(page, live_server)
    article_id = doc["article"]["id"]
    open_article(page, live_server, article_id)
    js_selected = page.evaluate(SELECT_JS, _u16_span(page, selected))
    assert js_selected == selected
    expect(page.locator(".selection-preview")).to_contain_text(expected)
    page.get_by_role("button", name="Add claim", exact=True).click()
    expect(page.locator("#workbench-status")).to_contain_text("added")
    export = api(page, "GET", f"{live_server}/api/v1/articles/{article_id}").json()
    text = export["article"]["text"]
    assert "\r" not in text
    mine = [c for c in export["claims"] if c["origin"] == "reviewer"]
    assert len(mine) == 1
    assert text[mine[0]["start"] : mine[0]["end"]] == expected == mine[0]["quote"]
    expect(page).to_have_url(re.compile(r"/articles/\d+/claims/\d+$"))
    assert real_errors(page) == []


def _u16_span(page, phrase: str) -> list[int]:
    text = page.locator("#article-text").text_content()
    start = len(text[: text.index(phrase)].encode("utf-16-le")) // 2
    return [start, start + len(phrase.encode("utf-16-le")) // 2]


def _claim_with(page, base, article_id, phrase) -> dict:
    doc = api(page, "GET", f"{base}/api/v1/articles/{article_id}").json()
    text = doc["article"]["text"]
    start = text.index(phrase)
    r = api(
        page,
        "POST",
        f"{base}/api/v1/articles/{article_id}/claims",
        {"start": start, "end": start + len(phrase)},
    )
    assert r.status == 201, r.text()
    return r.json()


def _claim(page, base, claim_id) -> dict:
    return api(page, "GET", f"{base}/api/v1/claims/{claim_id}").json()


def test_adjust_split_merge_dismiss_and_restore(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, "approved a $12-million budget")
    open_article(page, live_server, article_id, claim["id"])
    panel = page.locator("#claim-panel")

    panel.get_by_role("button", name="Extend end").click()
    expect(panel.locator(".claim-quote")).to_have_text("approved a $12-million budget on")
    page.keyboard.press("Escape")
    page.locator("body").press("]")  # the same by keyboard
    expect(panel.locator(".claim-quote")).to_have_text("approved a $12-million budget on April")
    panel.get_by_role("button", name="Shrink start").click()
    expect(panel.locator(".claim-quote")).to_have_text("a $12-million budget on April")
    panel.get_by_role("button", name="Extend start").click()
    expect(panel.locator(".claim-quote")).to_have_text("approved a $12-million budget on April")

    split_at = claim["start"] + len("approved a $12-million budget ")
    # The split point is chosen in the claim's text: by keyboard here (End, then a word back).
    panel.locator(".split-chooser").focus()
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    expect(panel.locator(".split-where")).to_contain_text("“on April…”")
    assert panel.locator(".split-form [name=at]").input_value() == str(split_at)
    panel.get_by_role("button", name="Split", exact=True).click()
    expect(panel.locator(".claim-quote")).to_have_text("approved a $12-million budget")
    doc = api(page, "GET", f"{live_server}/api/v1/articles/{article_id}").json()
    quotes = {c["quote"] for c in doc["claims"] if c["origin"] == "reviewer"}
    assert {"approved a $12-million budget", "on April"} <= quotes

    panel.get_by_role("button", name="Merge with next").click()
    expect(page.locator("#workbench-status")).to_contain_text("Merged claim")
    expect(panel.locator(".claim-quote")).to_have_text("approved a $12-million budget on April")
    merged = _claim(page, live_server, claim["id"])
    assert "on April" in merged["quote"]
    assert [h["action"] for h in merged["history"]][-1] == "merge"

    panel.get_by_text("Dismiss", exact=True).first.click()
    panel.get_by_label("Reason").fill("Not a checkable claim.")
    panel.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#workbench-status")).to_have_text("Claim dismissed.")
    assert _claim(page, live_server, claim["id"])["status"] == "dismissed"
    expect(page.locator(f'#claim-list li[data-claim="{claim["id"]}"] .badge')).to_have_text(
        "dismissed"
    )
    panel.get_by_role("button", name="Restore").click()
    expect(page.locator("#workbench-status")).to_have_text("Claim restored.")
    assert _claim(page, live_server, claim["id"])["status"] == "open"
    assert real_errors(page) == []


def test_sources_verdict_preview_submit_and_editor_return_then_approve(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, "40 new homes will be built by 2026")
    open_article(page, live_server, article_id, claim["id"])
    panel = page.locator("#claim-panel")

    panel.locator("summary", has_text="Add source").click()
    panel.get_by_label("URL").fill("javascript:alert(1)")
    panel.get_by_label("Title", exact=True).fill("Evil")
    panel.get_by_role("button", name="Add source").click()
    # The field says why, and the status line next to the form says nothing was saved.
    expect(panel.locator('[data-field-error="url"]')).to_have_text(
        "only http:// and https:// URLs can be sources"
    )
    expect(page.locator("#workbench-status")).to_contain_text("Not saved")
    assert _claim(page, live_server, claim["id"])["sources"] == []

    panel.get_by_label("URL").fill("https://example.org/housing-plan")
    panel.get_by_label("Title", exact=True).fill("Housing plan")
    panel.get_by_label("Publisher").fill("City of Example")
    panel.get_by_label("Excerpt").fill("40 new homes by 2026")
    panel.get_by_label("Stance").select_option("supports")
    panel.get_by_role("button", name="Add source").click()
    expect(page.get_by_text("Source added.")).to_be_visible()
    expect(panel.locator(".sources li")).to_have_count(1)

    # Same URL again: a warning, not an error.
    panel.locator("summary", has_text="Add source").click()
    panel.get_by_label("URL").fill("https://example.org/housing-plan")
    expect(panel.locator(".duplicate-url")).to_be_visible()
    panel.get_by_label("Title", exact=True).fill("Housing plan (copy)")
    panel.get_by_role("button", name="Add source").click()
    expect(page.locator("#workbench-status")).to_contain_text("attached more than once")
    expect(panel.locator(".sources li")).to_have_count(2)
    panel.get_by_role("button", name="Edit source: Housing plan (copy)").click()
    panel.get_by_label("Title", exact=True).fill("Housing plan, mirror")
    panel.get_by_role("button", name="Save source").click()
    expect(panel.get_by_role("link", name="Housing plan, mirror")).to_be_visible()
    panel.get_by_role("button", name="Remove source: Housing plan, mirror").click()
    expect(panel.locator(".sources li")).to_have_count(1)

    panel.get_by_label("Rating").select_option("mostly-true")
    panel.get_by_label("Rationale").fill("The plan **says so**. <script>x()</script>")
    panel.get_by_role("button", name="Preview").click()
    expect(panel.locator(".preview strong")).to_have_text("says so")
    assert panel.locator(".preview script").count() == 0
    panel.get_by_role("button", name="Submit verdict").click()
    expect(page.locator("#workbench-status")).to_have_text("Verdict submitted.")
    current = _claim(page, live_server, claim["id"])
    assert current["status"] == "submitted"
    assert current["verdict"]["rating"] == "mostly-true"

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "eddie")
    open_article(page, live_server, article_id, claim["id"])
    panel.get_by_label("Note").fill("Cite the council vote too.")
    panel.get_by_role("button", name="Return").click()
    expect(page.locator("#workbench-status")).to_have_text("Claim returned.")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "rita")
    expect(page.locator(".my-queue")).to_contain_text("40 new homes")
    page.locator(".my-queue a").first.click()
    page.wait_for_selector(".workbench[data-ready]")
    expect(panel.get_by_text("Returned by the editor: Cite the council vote too.")).to_be_visible()
    panel.get_by_label("Rationale").fill("The plan and the council vote **say so**.")
    panel.get_by_role("button", name="Submit verdict").click()
    expect(page.locator("#workbench-status")).to_have_text("Verdict submitted.")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "eddie")
    open_article(page, live_server, article_id, claim["id"])
    page.locator("body").press("a")  # approve by keyboard
    expect(page.locator("#workbench-status")).to_have_text("Claim approved.")
    assert _claim(page, live_server, claim["id"])["status"] == "approved"
    assert real_errors(page) == []


def test_a_stale_verdict_save_shows_both_versions_and_keeps_the_draft(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, "40 new homes will be built by 2026")
    open_article(page, live_server, article_id, claim["id"])
    # Someone else saves a verdict meanwhile.
    r = api(
        page,
        "PUT",
        f"{live_server}/api/v1/claims/{claim['id']}/verdict",
        {"rating": "false", "rationale": "Their text", "version": claim["version"]},
    )
    assert r.status == 200
    panel = page.locator("#claim-panel")
    panel.get_by_label("Rating").select_option("true")
    panel.get_by_label("Rationale").fill("My text")
    panel.get_by_role("button", name="Save verdict").click()
    conflict = panel.locator(".conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".mine-rationale")).to_have_text("My text")
    expect(conflict.locator(".current-rationale")).to_have_text("Their text")
    expect(panel.get_by_label("Rationale")).to_have_value("My text")
    assert _claim(page, live_server, claim["id"])["verdict"]["rationale"] == "Their text"
    conflict.get_by_role("button", name="Keep mine").click()
    expect(page.locator("#workbench-status")).to_have_text("Verdict saved.")
    assert _claim(page, live_server, claim["id"])["verdict"]["rationale"] == "My text"


def test_keyboard_only_from_article_to_submitted_verdict(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    open_article(page, live_server, article_id)
    body = page.locator("body")
    body.press("?")
    expect(page.get_by_role("heading", name="Keyboard shortcuts")).to_be_visible()
    body.press("?")
    expect(page.locator("#shortcut-help")).to_be_hidden()
    body.press("j")
    page.wait_for_selector(".workbench[data-ready=panel]")
    claim_id = int(page.locator(".claim-detail").get_attribute("data-claim-id"))
    assert page.evaluate("document.activeElement.dataset.claim") == str(claim_id)
    body.press("s")
    assert page.evaluate("document.activeElement.name") == "url"
    page.keyboard.type("https://example.org/council")
    page.keyboard.press("Tab")
    page.keyboard.type("Council minutes")
    page.keyboard.press("Enter")  # submits the source form
    expect(page.locator("#workbench-status")).to_have_text("Source added.")
    body.press("v")
    assert page.evaluate("document.activeElement.name") == "rating"
    page.keyboard.press("Home")  # first rating on the scale: true
    page.keyboard.press("Tab")
    page.keyboard.type("The minutes confirm it.")
    page.keyboard.press("Tab")  # Save verdict
    page.keyboard.press("Tab")  # Preview
    page.keyboard.press("Tab")  # Submit verdict
    page.keyboard.press("Enter")
    expect(page.locator("#workbench-status")).to_have_text("Verdict submitted.")
    claim = _claim(page, live_server, claim_id)
    assert claim["status"] == "submitted"
    assert claim["verdict"]["rating"] == "true"
    assert claim["verdict"]["rationale"] == "The minutes confirm it."
    assert claim["sources"][0]["title"] == "Council minutes"
    # Dismiss the next claim by keyboard too.
    body.press("j")
    expect(page.locator(".claim-detail")).not_to_have_attribute("data-claim-id", str(claim_id))
    body.press("d")
    page.keyboard.type("Context, not a claim.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#workbench-status")).to_have_text("Claim dismissed.")
    assert real_errors(page) == []


def test_filters_and_search_narrow_the_claims_list(users, live_server, page):
    sign_in(page, live_server, "rita")
    article_id = import_article(page, live_server)["article"]["id"]
    _claim_with(page, live_server, article_id, "A😀B appeared")
    open_article(page, live_server, article_id)
    items = page.locator("#claim-list li")
    total = items.count()
    assert total >= 2
    page.get_by_label("Search claims").fill("😀")
    visible = page.locator("#claim-list li:visible")
    expect(visible.first).to_contain_text("😀")
    assert 1 <= visible.count() < total
    for i in range(visible.count()):
        assert "😀" in visible.nth(i).text_content()
    page.get_by_label("Search claims").fill("")
    page.get_by_label("Status").select_option("dismissed")
    expect(page.locator("#claim-list li:visible")).to_have_count(0)
    page.get_by_label("Status").select_option("")
    expect(page.locator("#claim-list li:visible")).to_have_count(total)
    # Choosing in the list reveals and focuses the claim in the text.
    page.locator("#claim-list li a").last.click()
    focused = page.evaluate("document.activeElement.closest('#article-text') !== null")
    assert focused
