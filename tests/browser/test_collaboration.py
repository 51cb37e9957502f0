"""Several people on one article in Chromium: assignment, conflicting edits, a whole review."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import REFERENCE, unavailable
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


@pytest.fixture
def people(make_user):
    make_user("rita", "reviewer")
    make_user("otto", "reviewer")
    make_user("eddie", "editor")


@pytest.fixture
def second_page(browser):
    """Another browser context: a second person at another desk."""
    context = browser.new_context()
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()


def test_an_editor_assigns_a_claim_and_it_lands_in_the_reviewers_queue(people, live_server, page):
    sign_in(page, live_server, "eddie")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, "40 new homes will be built by 2026")
    open_article(page, live_server, article_id, claim["id"])
    panel = page.locator("#claim-panel")
    assignee = panel.get_by_label("Assignee")
    expect(assignee).to_have_value("")
    options = assignee.locator("option").all_text_contents()
    assert options[0] == "Nobody" and any("rita" in o for o in options)
    assignee.select_option("rita")
    panel.get_by_role("button", name="Assign").click()
    expect(page.locator("#workbench-status")).to_have_text("Claim assigned to rita.")
    item = page.locator(f'#claim-list li[data-claim="{claim["id"]}"]')
    expect(item.locator(".assignee")).to_have_text("assigned to rita")
    expect(panel.locator(".meta")).to_contain_text("assigned to rita")
    expect(panel.get_by_label("Assignee")).to_have_value("rita")
    assert _claim(page, live_server, claim["id"])["assignee"] == "rita"

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "rita")
    queue = page.locator(".my-queue")
    expect(queue.locator(f'li[data-claim="{claim["id"]}"]')).to_contain_text("40 new homes")
    expect(queue.locator(f'li[data-claim="{claim["id"]}"]')).to_contain_text("assigned to you")
    queue.locator(f'li[data-claim="{claim["id"]}"] a').click()
    page.wait_for_selector(".workbench[data-ready]")
    expect(panel.locator(".claim-detail")).to_have_attribute("data-claim-id", str(claim["id"]))
    expect(panel.get_by_label("Assignee")).to_have_count(0)  # reviewers do not assign
    assert real_errors(page) == []


def test_the_standalone_claim_page_assigns_too(people, live_server, page):
    sign_in(page, live_server, "eddie")
    article_id = import_article(page, live_server)["article"]["id"]
    claim = _claim_with(page, live_server, article_id, "40 new homes will be built by 2026")
    page.goto(f"{live_server}/claims/{claim['id']}")
    page.wait_for_selector("[data-claim-page][data-ready]")
    page.get_by_label("Assignee").select_option("otto")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator("#workbench-status")).to_have_text("Claim assigned to otto.")
    page.get_by_label("Assignee").select_option("")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator("#workbench-status")).to_have_text("Claim assigned to nobody.")
    assert _claim(page, live_server, claim["id"])["assignee"] is None
    assert real_errors(page) == []


def test_two_reviewers_save_verdicts_at_once_and_the_second_sees_the_conflict(
    people, live_server, page, second_page
):
    a, b = page, second_page
    sign_in(a, live_server, "rita")
    sign_in(b, live_server, "otto")
    article_id = import_article(a, live_server)["article"]["id"]
    claim = _claim_with(a, live_server, article_id, "40 new homes will be built by 2026")
    open_article(a, live_server, article_id, claim["id"])
    open_article(b, live_server, article_id, claim["id"])
    panel_a, panel_b = a.locator("#claim-panel"), b.locator("#claim-panel")

    panel_a.get_by_label("Rating").select_option("mostly-true")
    panel_a.get_by_label("Rationale").fill("Rita: the plan says 40.")
    panel_a.get_by_role("button", name="Save verdict").click()
    expect(a.locator("#workbench-status")).to_have_text("Verdict saved.")

    panel_b.get_by_label("Rating").select_option("false")
    panel_b.get_by_label("Rationale").fill("Otto: the plan says 30.")
    panel_b.get_by_role("button", name="Save verdict").click()
    conflict = panel_b.locator(".conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".mine-rationale")).to_have_text("Otto: the plan says 30.")
    expect(conflict.locator(".current-rationale")).to_have_text("Rita: the plan says 40.")
    expect(conflict.locator(".current-rating")).to_contain_text("mostly-true")
    expect(panel_b.get_by_label("Rationale")).to_have_value("Otto: the plan says 30.")
    stored = _claim(b, live_server, claim["id"])
    assert stored["verdict"]["rationale"] == "Rita: the plan says 40."
    assert stored["verdict"]["rating"] == "mostly-true"
    assert stored["verdict"]["author"] == "rita"

    # Another action against the stale version: the panel shows the claim as it is now and
    # keeps what Otto typed; trying again then works.
    panel_b.locator("summary", has_text="Add source").click()
    panel_b.get_by_label("URL").fill("https://example.org/plan")
    panel_b.get_by_label("Title", exact=True).fill("The housing plan")
    panel_b.get_by_role("button", name="Add source").click()
    note = panel_b.locator(".conflict-note")
    expect(note).to_contain_text("changed by someone else")
    expect(note).to_contain_text(f"now at version {stored['version']}")
    expect(panel_b.locator(".rationale")).to_contain_text("Rita: the plan says 40.")
    expect(panel_b.get_by_label("URL")).to_have_value("https://example.org/plan")
    expect(panel_b.get_by_label("Title", exact=True)).to_have_value("The housing plan")
    assert _claim(b, live_server, claim["id"])["sources"] == []
    panel_b.get_by_role("button", name="Add source").click()
    expect(b.locator("#workbench-status")).to_have_text("Source added.")
    after = _claim(b, live_server, claim["id"])
    assert [s["title"] for s in after["sources"]] == ["The housing plan"]
    assert after["verdict"]["rationale"] == "Rita: the plan says 40."
    assert real_errors(a) == [] and real_errors(b) == []


def test_a_stale_dismiss_keeps_the_reason_and_shows_the_current_state(
    people, live_server, page, second_page
):
    a, b = page, second_page
    sign_in(a, live_server, "rita")
    sign_in(b, live_server, "otto")
    article_id = import_article(a, live_server)["article"]["id"]
    claim = _claim_with(a, live_server, article_id, "40 new homes will be built by 2026")
    open_article(b, live_server, article_id, claim["id"])
    # Rita submits a verdict meanwhile.
    v = api(
        a,
        "PUT",
        f"{live_server}/api/v1/claims/{claim['id']}/verdict",
        {"rating": "true", "rationale": "Checked.", "version": claim["version"]},
    ).json()["version"]
    assert api(a, "POST", f"{live_server}/api/v1/claims/{claim['id']}/submit", {"version": v}).ok
    panel = b.locator("#claim-panel")
    panel.locator("summary", has_text="Dismiss").click()
    panel.get_by_label("Reason").fill("Only a plan, not a claim.")
    panel.get_by_role("button", name="Dismiss").click()
    expect(panel.locator(".conflict-note")).to_contain_text("changed by someone else")
    expect(panel.locator(".claim-detail")).to_have_attribute("data-status", "submitted")
    expect(b.locator(f'#claim-list li[data-claim="{claim["id"]}"] .badge')).to_have_text(
        "submitted"
    )
    assert _claim(b, live_server, claim["id"])["status"] == "submitted"
    assert real_errors(b) == []


def _review_in_the_panel(page, claim_id: int, n: int) -> None:
    """Give one claim a source and a submitted verdict with clicks and keys."""
    panel = page.locator("#claim-panel")
    page.locator(f'#claim-list li[data-claim="{claim_id}"] a').click()
    expect(panel.locator(".claim-detail")).to_have_attribute("data-claim-id", str(claim_id))
    page.locator("body").press("s")  # the source form, by keyboard
    page.keyboard.type(f"https://www.state.gov/secretary-blinken-travel-to-china-{n}/")
    panel.get_by_label("Title", exact=True).fill(f"Secretary Blinken's travel to China ({n})")
    panel.get_by_label("Publisher").fill("U.S. Department of State")
    panel.get_by_label("Stance").select_option("supports")
    panel.get_by_role("button", name="Add source").click()
    expect(page.locator("#workbench-status")).to_have_text("Source added.")
    panel.get_by_label("Rating").select_option("mostly-true")
    panel.get_by_label("Rationale").fill("The State Department's readout **matches**.")
    panel.get_by_role("button", name="Submit verdict").click()
    expect(page.locator("#workbench-status")).to_have_text("Verdict submitted.")
    expect(panel.locator(".claim-detail")).to_have_attribute("data-status", "submitted")


def _dismiss_in_the_panel(page, claim_id: int) -> None:
    panel = page.locator("#claim-panel")
    page.locator(f'#claim-list li[data-claim="{claim_id}"] a').click()
    expect(panel.locator(".claim-detail")).to_have_attribute("data-claim-id", str(claim_id))
    page.locator("body").press("d")  # opens the dismiss form on its reason
    page.keyboard.type("Background, not a checkable claim.")
    panel.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#workbench-status")).to_have_text("Claim dismissed.")
    expect(page.locator(f'#claim-list li[data-claim="{claim_id}"] .badge')).to_have_text(
        "dismissed"
    )


def test_the_reference_article_is_fully_reviewed_in_the_browser(people, live_server, page):
    if not REFERENCE.exists():
        unavailable(f"the reference article is missing at {REFERENCE}")
    text = REFERENCE.read_text(encoding="utf-8")
    sign_in(page, live_server, "rita")
    doc = import_article(page, live_server, text)
    article_id = doc["article"]["id"]
    claims = doc["claims"]
    assert len(claims) >= 15
    open_article(page, live_server, article_id)

    # Several claims through the page itself: clicks in the list, keys, form fields.
    by_hand = claims[:6]
    dismissed = {by_hand[1]["id"], by_hand[4]["id"]}
    for n, claim in enumerate(by_hand):
        if claim["id"] in dismissed:
            _dismiss_in_the_panel(page, claim["id"])
        else:
            _review_in_the_panel(page, claim["id"], n)

    # The rest through the JSON API from within the page (its session and CSRF token).
    for n, claim in enumerate(claims[6:], start=6):
        url = f"{live_server}/api/v1/claims/{claim['id']}"
        version = _claim(page, live_server, claim["id"])["version"]
        if n % 5 == 0:
            r = api(page, "POST", f"{url}/dismiss", {"version": version, "reason": "context"})
            assert r.status == 200, r.text()
            continue
        r = api(
            page,
            "POST",
            f"{url}/sources",
            {
                "url": "https://www.state.gov/secretary-blinken-travel-to-china/",
                "title": "Secretary Blinken's travel to China",
                "publisher": "U.S. Department of State",
                "excerpt": claim["quote"][:120],
                "stance": "supports",
                "version": version,
            },
        )
        assert r.status == 201, r.text()
        r = api(
            page,
            "PUT",
            f"{url}/verdict",
            {"rating": "true", "rationale": "Matches the record.", "version": r.json()["version"]},
        )
        assert r.status == 200, r.text()
        r = api(page, "POST", f"{url}/submit", {"version": r.json()["version"]})
        assert r.status == 200, r.text()

    open_article(page, live_server, article_id)
    expect(page.locator("#article-text a.claim.status-open")).to_have_count(0)
    expect(page.locator('#claim-list li[data-status="open"]')).to_have_count(0)
    final = api(page, "GET", f"{live_server}/api/v1/articles/{article_id}").json()
    assert len(final["claims"]) == len(claims)
    statuses = {c["id"]: c["status"] for c in final["claims"]}
    assert set(statuses.values()) == {"submitted", "dismissed"}
    for c in final["claims"]:
        assert final["article"]["text"][c["start"] : c["end"]] == c["quote"]
        if c["status"] == "submitted":
            assert c["sources"] and c["verdict"]["submitted_at"]
        else:
            assert c["dismiss_reason"]
    for claim in by_hand:
        c = next(x for x in final["claims"] if x["id"] == claim["id"])
        if claim["id"] in dismissed:
            assert c["dismiss_reason"] == "Background, not a checkable claim."
        else:
            assert c["verdict"]["rating"] == "mostly-true"
            assert c["verdict"]["author"] == "rita"
            assert c["sources"][0]["publisher"] == "U.S. Department of State"
    assert real_errors(page) == []


def test_a_long_claims_list_is_completed_by_the_page(app, people, live_server, page):
    from workbench.web.article_pages import LIST_FIRST

    from ..test_queries import build_article

    article_id, _ = build_article(app, 200, 4000)
    sign_in(page, live_server, "rita")
    page.goto(f"{live_server}/articles/{article_id}")
    page.wait_for_selector(".workbench[data-list=complete]", state="attached")
    items = page.locator("#claim-list > li")
    expect(items).to_have_count(200)
    expect(page.locator("#list-more")).to_have_count(0)
    doc = api(page, "GET", f"{live_server}/api/v1/articles/{article_id}").json()
    claims = doc["claims"]
    assert [int(i) for i in items.evaluate_all("els => els.map(e => e.dataset.claim)")] == [
        c["id"] for c in claims
    ]
    # An item built by the script reads like one rendered by the server.
    server_item = items.nth(LIST_FIRST - 1)
    built = items.nth(LIST_FIRST)
    for item, claim in ((server_item, claims[LIST_FIRST - 1]), (built, claims[LIST_FIRST])):
        expect(item.locator(".badge")).to_have_text("open")
        expect(item.locator(".quote")).to_have_text(claim["quote"])
        expect(item.locator(".kinds")).to_have_text("statistic")
        expect(item.locator(".hint-warning")).to_have_text("⚠ x")
    assert (server_item.locator(".assignee").count() > 0) == (
        claims[LIST_FIRST - 1]["assignee"] is not None
    )
    assert (built.locator(".assignee").count() > 0) == (claims[LIST_FIRST]["assignee"] is not None)
    # Open a claim from the built part; j moves on from it.
    last = claims[-2]
    page.locator(f'#claim-list li[data-claim="{last["id"]}"] a').click()
    expect(page.locator(".claim-detail")).to_have_attribute("data-claim-id", str(last["id"]))
    expect(page.locator(f'#claim-list li[data-claim="{last["id"]}"]')).to_have_class("current")
    page.locator("body").press("j")
    expect(page.locator(".claim-detail")).to_have_attribute("data-claim-id", str(claims[-1]["id"]))
    # Filters cover the whole list.
    page.get_by_label("Status").select_option("open")
    expect(page.locator(".filter-count")).to_have_text("Showing 200 of 200")
    assert real_errors(page) == []


def test_without_script_the_whole_long_list_is_one_link_away(app, people, live_server, browser):
    from ..test_queries import build_article

    article_id, _ = build_article(app, 200, 4000)
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        sign_in(pg, live_server, "rita")
        pg.goto(f"{live_server}/articles/{article_id}")
        assert pg.locator("#claim-list > li").count() < 200
        pg.get_by_role("link", name="Show all 200 claims in the list").click()
        expect(pg.locator("#claim-list > li")).to_have_count(200)
    finally:
        context.close()
